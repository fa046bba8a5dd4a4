import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeClassification } from '../../../src/engine/analyze';
import { sigmoidCrossEntropyAt } from '../../../src/engine/sigmoid-cross-entropy';
import { softmaxCrossEntropy } from '../../../src/engine/softmax-cross-entropy';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

describe('gradients', () => {
  it('are softmax − y and σ(x) − z on the seed', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const { softmax, sigmoid } = report.gradients;
    assertAllClose(
      softmax.data,
      Array.from(report.softmax.data, (p, i) => p - report.smoothedLabels.data[i]),
      1e-15,
    );
    assertAllClose(
      sigmoid.data,
      Array.from(SEED_LOGITS.data, (x, i) => 1 / (1 + Math.exp(-x)) - report.sigmoidTargets.data[i]),
      1e-15,
    );
  });

  it('match a central finite difference of the softmax cross-entropy', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 5 })
          .chain((k) => fc.tuple(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }), fc.integer({ min: 0, max: k - 1 }))),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        ([logits, label], epsilon) => {
          const k = logits.length;
          const report = analyzeClassification(t([1, k], logits), t([1], [label]), { smoothing: epsilon });
          const targets = t([1, k], Array.from(report.smoothedLabels.data));
          const h = 1e-6;
          for (let j = 0; j < k; j++) {
            const up = [...logits];
            const down = [...logits];
            up[j] += h;
            down[j] -= h;
            const numeric = (softmaxCrossEntropy(t([1, k], up), targets)[0] - softmaxCrossEntropy(t([1, k], down), targets)[0]) / (2 * h);
            assertClose(report.gradients.softmax.data[j], numeric, 1e-6, `∂/∂x_${j}`);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('match a central finite difference of the sigmoid cross-entropy, with and without pos_weight', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (x, z, p) => {
          const h = 1e-6;
          const report = analyzeClassification(t([1], [x]), t([1], [z]), { posWeight: p });
          const numeric = (sigmoidCrossEntropyAt(x + h, z, p) - sigmoidCrossEntropyAt(x - h, z, p)) / (2 * h);
          assertClose(report.gradients.sigmoid.data[0], numeric, 1e-6, 'pos_weight');
          const plain = analyzeClassification(t([1], [x]), t([1], [z]));
          const plainNumeric = (sigmoidCrossEntropyAt(x + h, z) - sigmoidCrossEntropyAt(x - h, z)) / (2 * h);
          assertClose(plain.gradients.sigmoid.data[0], plainNumeric, 1e-6, 'plain');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('are computed on first read and survive JSON and structured cloning', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS);
    const cloned = structuredClone(report);
    assert.deepEqual(Array.from(cloned.gradients.softmax.data), Array.from(report.gradients.softmax.data));
    assert.deepEqual(Array.from(cloned.logSoftmax.data), Array.from(report.logSoftmax.data));
    const json = JSON.parse(JSON.stringify(report)) as { gradients: { softmax: { shape: number[] } } };
    assert.deepEqual(json.gradients.softmax.shape, [3, 3]);
    assert.ok(Object.keys(report).includes('gradients'));
    assert.deepEqual({ ...report }.gradients.sigmoid.shape, [3, 3]);
  });

  it('are zero for ignored samples', () => {
    const report = analyzeClassification(SEED_LOGITS, t([3], [1, -100, 0]), { ignoreIndex: -100 });
    assert.deepEqual(Array.from(report.gradients.softmax.data.subarray(3, 6)), [0, 0, 0]);
    assert.deepEqual(Array.from(report.gradients.sigmoid.data.subarray(3, 6)), [0, 0, 0]);
  });
});
