import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { logSoftmax, logSumExp, softmax } from '../../../src/engine/softmax';
import { SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

describe('softmax', () => {
  it('gives the seed row 0 the probabilities the article should have used', () => {
    // README "Known mistakes": row 0's softmax is [0.30129, 0.49675, 0.20196].
    const p = softmax(SEED_LOGITS);
    assertAllClose(p.data.subarray(0, 3), [0.3012921, 0.4967456, 0.2019623], 1e-6);
  });

  it('rows sum to 1 for any finite logits', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 12 }), (row) => {
        const p = softmax(t([row.length], row));
        const sum = p.data.reduce((a, b) => a + b, 0);
        assertClose(sum, 1, 1e-12, 'row sum');
        for (const v of p.data) assert.ok(v >= 0 && v <= 1);
      }),
      { numRuns: 200 },
    );
  });

  it('log-softmax equals log(softmax) where softmax does not underflow, and stays finite where it does', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 8 }), (row) => {
        const logits = t([row.length], row);
        const naive = softmax(logits).data.map(Math.log);
        assertAllClose(logSoftmax(logits).data, naive, 1e-12, 'log-softmax');
      }),
      { numRuns: 200 },
    );
    const extreme = logSoftmax(t([2], [1000, -1000])).data;
    assert.deepEqual(Array.from(extreme), [0, -2000]);
  });

  it('log-sum-exp does not overflow', () => {
    assertClose(logSumExp([1000, 1000]), 1000 + Math.LN2, 1e-15);
    assertClose(logSumExp([-1000, -1000]), -1000 + Math.LN2, 1e-15);
  });

  it('defines the special values: one +inf is one-hot, two +inf or all −inf are NaN, equal logits are uniform', () => {
    assert.deepEqual(Array.from(softmax(t([3], [1, Infinity, 2])).data), [0, 1, 0]);
    assert.deepEqual(Array.from(logSoftmax(t([3], [1, Infinity, 2])).data), [-Infinity, 0, -Infinity]);
    assert.ok(softmax(t([3], [Infinity, Infinity, 0])).data.every(Number.isNaN));
    assert.ok(softmax(t([2], [-Infinity, -Infinity])).data.every(Number.isNaN));
    assert.deepEqual(Array.from(softmax(t([3], [-Infinity, 0, 0])).data), [0, 0.5, 0.5]);
    assertAllClose(softmax(t([4], [7, 7, 7, 7])).data, [0.25, 0.25, 0.25, 0.25], 0);
    assert.equal(logSumExp([1, Infinity]), Infinity);
    assert.ok(Number.isNaN(logSumExp([1, NaN])));
  });

  it("works along PyTorch's class axis (dimension 1) and returns the input's shape", () => {
    // [N=1, C=2, W=3]: each of the 3 positions is its own 2-class softmax.
    const channelsFirst = t([1, 2, 3], [0, 1, 2, 1, 1, 0]);
    const p = softmax(channelsFirst, 'first');
    assert.deepEqual(p.shape, [1, 2, 3]);
    const e = Math.E;
    assertAllClose(p.data, [1 / (1 + e), 0.5, (e * e) / (e * e + 1), e / (1 + e), 0.5, 1 / (e * e + 1)], 1e-15);
  });
});
