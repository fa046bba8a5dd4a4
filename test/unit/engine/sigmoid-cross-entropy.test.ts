import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeClassification } from '../../../src/engine/analyze';
import { sigmoid, sigmoidCrossEntropy, sigmoidCrossEntropyAt } from '../../../src/engine/sigmoid-cross-entropy';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

describe('sigmoid cross-entropy', () => {
  it('gives the seed table on the smoothed labels in float64', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    assertAllClose(
      report.sigmoidCrossEntropy.data,
      [
        1.0798527155521245, 0.34328246733803125, 0.8443552444685272, 0.8996819190666193, 0.7914722027149251, 0.40115387473208775, 0.4774879504858857,
        0.8443552444685272, 0.8996819190666193,
      ],
      1e-12,
    );
    assert.deepEqual(report.sigmoidCrossEntropy.shape, [3, 3]);
    // The hard-label loss differs by x·(z − y) per element.
    assertClose(report.sigmoidCrossEntropyHard.data[0], report.sigmoidCrossEntropy.data[0] + 0.7 * (0.1 / 3), 1e-14);
  });

  it('matches the tf.nn.sigmoid_cross_entropy_with_logits documentation example', () => {
    // https://www.tensorflow.org/api_docs/python/tf/nn/sigmoid_cross_entropy_with_logits
    // (tensorflow/python/ops/nn_impl.py docstring): logits [1, -1, 0, 1, -1, 0, 0], labels [0, 0, 0, 1, 1, 1, 0.5].
    const logits = t([7], [1, -1, 0, 1, -1, 0, 0]);
    const labels = t([7], [0, 0, 0, 1, 1, 1, 0.5]);
    const expected = [1.3132617, 0.3132617, 0.6931472, 0.3132617, 1.3132617, 0.6931472, 0.6931472];
    assertAllClose(sigmoidCrossEntropy(logits, labels).data, expected, 1e-7);
    const report = analyzeClassification(logits, labels);
    assert.equal(report.labelKind, 'binary');
    assertAllClose(report.sigmoidCrossEntropy.data, expected, 1e-7);
  });

  it('stays exact for huge logits (optax sigmoid_binary_cross_entropy)', () => {
    // google-deepmind/optax optax/losses/_classification_test.py, SigmoidCrossEntropyTest:
    // mean over preds [-1e9, -1e-9] with labels [1, 0] is 5e8; with labels [0, 1] it is 0.3465736.
    const mean = (preds: number[], labels: number[]) => sigmoidCrossEntropy(t([2], preds), t([2], labels)).data.reduce((a, b) => a + b, 0) / 2;
    assertClose(mean([-1e9, -1e-9], [1, 0]), 5e8, 1e-6);
    assertClose(mean([-1e9, -1e-9], [0, 1]), 0.3465736, 1e-6);
    assertClose(mean([1e9, 1e-9], [0, 1]), 5e8, 1e-6);
    assertClose(mean([0, 0], [1, 0]), 0.6931472, 1e-6);
  });

  it('matches Keras BinaryCrossentropy(from_logits=True), with label smoothing toward ½', () => {
    // keras-team/keras keras/src/losses/losses_test.py, BinaryCrossentropyTest:
    // test_label_smoothing: logits [[10, -10, -10]], y [[1, 0, 1]], ε = 0.1 → (10 + 5ε) / 3;
    // test_unweighted: y [[1,0,1],[0,1,1]], logits [[10,-10,10],[10,10,-10]] → 3.3333;
    // test_no_reduction → [0.0, 6.666]; test_sample_weighted with weights [4, 3] → 10.0.
    const smoothing = analyzeClassification(t([1, 3], [10, -10, -10]), t([1, 3], [1, 0, 1]), { dialect: 'keras', smoothing: 0.1 });
    assertClose(smoothing.reduced.sigmoidCrossEntropy, (10 + 5 * 0.1) / 3, 1e-4);
    const logits = t([2, 3], [10, -10, 10, 10, 10, -10]);
    const labels = t([2, 3], [1, 0, 1, 0, 1, 1]);
    const plain = analyzeClassification(logits, labels, { dialect: 'keras' });
    assertClose(plain.reduced.sigmoidCrossEntropy, 3.3333, 1e-4);
    const perSample = [0, 1].map((i) => plain.sigmoidCrossEntropy.data.slice(3 * i, 3 * i + 3).reduce((a, b) => a + b, 0) / 3);
    assertAllClose(perSample, [0, 6.666], 1e-3);
    // Keras class_weight weights a sample by its argmax class: rows have classes 0 and 1.
    const weighted = analyzeClassification(logits, labels, { dialect: 'keras', classWeights: [4, 3, 1] });
    assertClose(weighted.reduced.sigmoidCrossEntropy, 10, 1e-4);
  });

  it('applies pos_weight as torch BCEWithLogitsLoss: −p·z·log σ(x) − (1 − z)·log(1 − σ(x))', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 8, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (x, z, p) => {
          const naive = -p * z * Math.log(sigmoid(x)) - (1 - z) * Math.log(1 - sigmoid(x));
          assertClose(sigmoidCrossEntropyAt(x, z, p), naive, 1e-9, 'pos_weight form');
          assertClose(sigmoidCrossEntropyAt(x, z, 1), sigmoidCrossEntropyAt(x, z), 1e-12, 'pos_weight 1');
        },
      ),
      { numRuns: 200 },
    );
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { posWeight: [1, 2, 3], dialect: 'pytorch' });
    assertClose(report.sigmoidCrossEntropy.data[1], -2 * Math.log(sigmoid(1.2)), 1e-14);
    assertClose(report.sigmoidCrossEntropy.data[0], -Math.log(1 - sigmoid(0.7)), 1e-14);
  });

  it('is never negative and agrees with the naive form where that is accurate', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, z) => {
        const loss = sigmoidCrossEntropyAt(x, z);
        assert.ok(loss >= 0 && Number.isFinite(loss), `loss ${loss}`);
      }),
      { numRuns: 300 },
    );
    // The naive form loses digits in 1 − σ(x) for large |x| and overflows beyond ±709.
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, z) => {
        const naive = -z * Math.log(1 / (1 + Math.exp(-x))) - (1 - z) * Math.log(1 - 1 / (1 + Math.exp(-x)));
        assertClose(sigmoidCrossEntropyAt(x, z), naive, 1e-9, 'naive');
      }),
      { numRuns: 300 },
    );
  });

  it('takes the limit at infinite logits', () => {
    assert.equal(sigmoidCrossEntropyAt(Infinity, 1), 0);
    assert.equal(sigmoidCrossEntropyAt(Infinity, 0.5), Infinity);
    assert.equal(sigmoidCrossEntropyAt(-Infinity, 0), 0);
    assert.equal(sigmoidCrossEntropyAt(-Infinity, 0.2), Infinity);
    assert.ok(Number.isNaN(sigmoidCrossEntropyAt(NaN, 0)));
  });
});
