// A lone labels literal is summarised with K = max + 1; a label too large for that is an
// InputError naming it, not an allocation of billions of one-hot values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../src/errors';
import { MAX_SUMMARY_VALUES, summarizeLabels } from '../../../src/pairing/describe';
import { tensor } from '../../../src/tensor';

test('small class indices: one-hot rows with K = max + 1', () => {
  const summary = summarizeLabels(tensor([3], [2, 0, 1]), 0);
  assert.equal(summary.classCount, 3);
  assert.deepEqual(Array.from(summary.oneHot.data), [0, 0, 1, 1, 0, 0, 0, 1, 0]);
});

test('a huge label is refused at once, naming the element', () => {
  for (const [values, element, message] of [
    [[1, 3e9], 1, /^labels\[1\] = 3000000000 would make K = 3000000001 classes/],
    [[1e300], 0, /^labels\[0\] = 1e\+300 would make K = 1e\+300 classes/],
    [[4, 2, 9_999_999], 2, /^labels\[2\] = 9999999 would make K = 10000000 classes/],
  ] as const) {
    const started = performance.now();
    assert.throws(
      () => summarizeLabels(tensor([values.length], [...values]), 0.1),
      (error: unknown) => error instanceof InputError && error.input === 'labels' && error.element === element && message.test(error.message),
    );
    assert.ok(performance.now() - started < 50, 'no allocation first');
  }
  // Exactly at the limit still works: 1 label × K = MAX_SUMMARY_VALUES.
  assert.equal(summarizeLabels(tensor([1], [MAX_SUMMARY_VALUES - 1]), 0).classCount, MAX_SUMMARY_VALUES);
});
