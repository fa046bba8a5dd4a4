import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/errors';
import { oneHot } from '../../../src/engine/one-hot';
import { analyzeClassification } from '../../../src/engine/analyze';
import { t } from './helpers';

describe('one-hot', () => {
  it('encodes the seed labels [1, 2, 0] with depth 3', () => {
    const encoded = oneHot(t([3], [1, 2, 0]), 3);
    assert.deepEqual(encoded.shape, [3, 3]);
    assert.deepEqual(Array.from(encoded.data), [0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('takes K from the logits, not from max(label) + 1', () => {
    const report = analyzeClassification(t([2, 5], [1, 2, 3, 4, 5, 5, 4, 3, 2, 1]), t([2], [0, 1]));
    assert.equal(report.classCount, 5);
    assert.deepEqual(report.oneHot.shape, [2, 5]);
  });

  it('names the first label that is not a class index', () => {
    const check = (labels: number[], pattern: RegExp) =>
      assert.throws(
        () => oneHot(t([labels.length], labels), 3),
        (error: unknown) => error instanceof InputError && error.input === 'labels' && pattern.test(error.message),
      );
    check([0, 3, 1], /labels\[1\] = 3 is out of range: class indices run from 0 to 2 \(K = 3/);
    check([0, 1, -1], /labels\[2\] = -1 is negative/);
    check([0.5, 1], /labels\[0\] = 0.5 is not an integer/);
    check([NaN], /labels\[0\] = NaN is not a class index/);
  });

  it('leaves ignore_index samples as all-zero rows', () => {
    const encoded = oneHot(t([3], [2, -100, 0]), 3, -100);
    assert.deepEqual(Array.from(encoded.data), [0, 0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it('points at the offending element of a multi-dimensional label tensor', () => {
    assert.throws(
      () => analyzeClassification(t([2, 2, 3], new Array<number>(12).fill(0)), t([2, 2], [0, 1, 2, 7])),
      (error: unknown) => error instanceof InputError && /labels\[1, 1\] = 7/.test(error.message),
    );
  });
});
