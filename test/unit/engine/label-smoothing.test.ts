import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { smoothBinaryLabels, smoothLabels } from '../../../src/engine/label-smoothing';
import { analyzeClassification } from '../../../src/engine/analyze';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

describe('label smoothing', () => {
  it('reproduces the seed: 0.0333… off the true class, 0.9333… on it', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const off = 0.1 / 3;
    const on = 0.9 + 0.1 / 3;
    assertAllClose(report.smoothedLabels.data, [off, on, off, off, off, on, on, off, off], 1e-15);
    // Printed in float32 by the seed's script: 0.03333334 and 0.93333334 (to 8 digits).
    const f32 = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, float32: true });
    assert.equal(f32.smoothedLabels.data[0], Math.fround(0.1 / 3));
    assert.equal(f32.smoothedLabels.data[1], Math.fround(Math.fround(0.9) + Math.fround(0.1 / 3)));
    assertClose(f32.smoothedLabels.data[0], 0.03333334, 1e-8);
    assertClose(f32.smoothedLabels.data[1], 0.93333334, 1e-8);
  });

  it('matches optax.smooth_labels', () => {
    // google-deepmind/optax optax/losses/_smoothing_test.py: ts = [[0,1,0],[1,0,0]],
    // expected 0.9 * ts + 0.1 / 3 for alpha 0.1, and 1/3 everywhere for alpha → 1.
    const ts = t([2, 3], [0, 1, 0, 1, 0, 0]);
    assertAllClose(
      smoothLabels(ts, 0.1).data,
      Array.from(ts.data, (v) => 0.9 * v + 0.1 / 3),
      1e-15,
    );
    assertAllClose(smoothLabels(ts, 0).data, ts.data, 0);
  });

  it('binary smoothing spreads ε over two outcomes (Keras BinaryCrossentropy, tfjs sigmoidCrossEntropy)', () => {
    assertAllClose(smoothBinaryLabels(t([3], [1, 0, 1]), 0.2).data, [0.9, 0.1, 0.9], 1e-15);
  });

  it('keeps every row sum (a distribution stays a distribution)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 10 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (raw, epsilon) => {
          const total = raw.reduce((a, b) => a + b, 0) || 1;
          const row = raw.map((v) => v / total);
          const sum = row.reduce((a, b) => a + b, 0);
          const smoothed = smoothLabels(t([row.length], row), epsilon).data;
          assertClose(
            smoothed.reduce((a, b) => a + b, 0),
            sum * (1 - epsilon) + epsilon,
            1e-12,
            'row sum',
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sigmoid targets use ε/K by default (the seed, YOLOv3) and ε/2 with sigmoidSmoothing: binary', () => {
    const classes = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const binary = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, sigmoidSmoothing: 'binary' });
    assertClose(classes.sigmoidTargets.data[0], 0.1 / 3, 1e-15);
    assertClose(binary.sigmoidTargets.data[0], 0.05, 1e-15);
    assertClose(binary.sigmoidTargets.data[1], 0.95, 1e-15);
    // The softmax targets are categorical either way.
    assertClose(binary.smoothedLabels.data[0], 0.1 / 3, 1e-15);
  });

  it('rejects ε outside [0, 1)', () => {
    for (const epsilon of [-0.1, 1, 1.5, NaN]) {
      assert.throws(
        () => analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: epsilon }),
        (error: unknown) => error instanceof InputError && error.input === 'smoothing',
      );
    }
  });
});
