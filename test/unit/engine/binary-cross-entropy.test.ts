import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binaryCrossEntropyAt, PYTORCH_PROBABILITY_RULE } from '../../../src/engine/binary-cross-entropy';
import { assertClose } from './helpers';

describe('binaryCrossEntropyAt', () => {
  it('is −(z·log p + (1 − z)·log(1 − p)) inside (0, 1)', () => {
    // Derivation: p = 0.8, z = 0.25: −(0.25·ln 0.8 + 0.75·ln 0.2).
    assertClose(binaryCrossEntropyAt(0.8, 0.25, { complement: 'log1p' }), -(0.25 * Math.log(0.8) + 0.75 * Math.log(0.2)), 1e-15);
  });

  it('clamps the logs at −100 under PyTorch’s rule, so p = 0 against z = 1 costs 100', () => {
    // aten/src/ATen/native/Loss.cpp: max(log p, −100); PyTorch 1.13 BCELoss([0.], [1.]) = 100.
    assert.equal(binaryCrossEntropyAt(0, 1, PYTORCH_PROBABILITY_RULE), 100);
    // PyTorch 1.13 prints -0. for BCELoss(reduction='none')([1.], [1.]): (1 − 1)·(−100) − 1·log 1 = −0.
    assert.ok(Object.is(binaryCrossEntropyAt(1, 1, PYTORCH_PROBABILITY_RULE), -0));
  });

  it('clips p to [1e-7, 1 − 1e-7] under a Keras-style rule', () => {
    // Derivation: p clipped to 1e-7, so −log(1e-7) = 7·ln 10 = 16.11809565095832.
    assertClose(binaryCrossEntropyAt(0, 1, { complement: 'subtract', clip: 1e-7 }), 7 * Math.LN10, 1e-12);
  });

  it('adds ε inside both logs under a tf log_loss-style rule, which can go slightly below 0', () => {
    // Derivation: p = 1, z = 1: −log(1 + 1e-7) = −9.9999995e-8.
    assertClose(binaryCrossEntropyAt(1, 1, { complement: 'subtract', epsilon: 1e-7 }), -Math.log1p(1e-7), 1e-12);
    assertClose(binaryCrossEntropyAt(0, 1, { complement: 'subtract', epsilon: 1e-7 }), 7 * Math.LN10, 1e-12);
  });

  it('gives 0·(−∞) = NaN without a guard', () => {
    assert.ok(Number.isNaN(binaryCrossEntropyAt(0, 0, { complement: 'log1p' })));
  });
});
