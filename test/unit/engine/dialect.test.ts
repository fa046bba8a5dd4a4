import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { analyzeClassification, compareDialects } from '../../../src/engine';
import { reduceWeighted } from '../../../src/engine/reductions';
import type { Dialect, DialectComparison, DialectLosses } from '../../../src/report/model';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

function dialectOf(comparison: DialectComparison, dialect: Dialect): DialectLosses | undefined {
  return comparison.dialects.find((d) => d.dialect === dialect);
}

const SEED_ONE_HOT = [
  [0, 1, 0],
  [0, 0, 1],
  [1, 0, 0],
];
const SEED_ROWS = [
  [0.7, 1.2, 0.3],
  [0.4, 0.2, 0.9],
  [0.6, 0.3, 0.4],
];

describe('dialects', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('agree with @tensorflow/tfjs-core itself (float32) on smoothing, weights and SUM_BY_NONZERO_WEIGHTS', () => {
    const labels = tf.tensor2d(SEED_ONE_HOT);
    const logits = tf.tensor2d(SEED_ROWS);
    const expect = (tensor: tf.Tensor) => Array.from(tensor.dataSync());

    const plain = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'tfjs', smoothing: 0.1, float32: true });
    assertClose(plain.reduced.softmaxCrossEntropy, expect(tf.losses.softmaxCrossEntropy(labels, logits, undefined, 0.1))[0], 2e-7);
    assertClose(plain.reduced.sigmoidCrossEntropy, expect(tf.losses.sigmoidCrossEntropy(labels, logits, undefined, 0.1))[0], 2e-7);
    assertAllClose(plain.sigmoidCrossEntropy.data, expect(tf.losses.sigmoidCrossEntropy(labels, logits, undefined, 0.1, tf.Reduction.NONE)), 2e-7);

    // Per-sample weights [0.2, 0, 0.5] are class weights [0.5, 0.2, 0] for labels [1, 2, 0]:
    // SUM_BY_NONZERO_WEIGHTS divides by 2, not by 3 or by Σw.
    const weighted = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'tfjs', smoothing: 0.1, float32: true, classWeights: [0.5, 0.2, 0] });
    assertClose(weighted.reduced.softmaxCrossEntropy, expect(tf.losses.softmaxCrossEntropy(labels, logits, tf.tensor1d([0.2, 0, 0.5]), 0.1))[0], 2e-7);
    assert.equal(weighted.denominators?.softmaxCrossEntropy, 2);
    // Sigmoid weights broadcast over columns: [1, 0, 2] leaves 6 nonzero weights.
    const columns = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'tfjs', float32: true, classWeights: [1, 0, 2] });
    assertClose(columns.reduced.sigmoidCrossEntropy, expect(tf.losses.sigmoidCrossEntropy(labels, logits, tf.tensor1d([1, 0, 2])))[0], 2e-7);
    assert.equal(columns.denominators?.sigmoidCrossEntropy, 6);
  });

  it("model torch CrossEntropyLoss's weighted mean: Σ w[y_i]·ℓ_i / Σ w[y_i], also with label smoothing", () => {
    // https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html (the 'mean' formula with
    // weights) and pytorch/pytorch aten/src/ATen/native/LossNLL.cpp, cross_entropy_loss_label_smoothing:
    // (1 − ε)·nll + ε/K·Σ_c w_c·(−log p_c), both divided by Σ w[y_i] over non-ignored samples.
    const w = [1, 2, 3];
    const labels = [1, 2, 0];
    const lse = SEED_ROWS.map((row) => Math.log(row.reduce((a, v) => a + Math.exp(v), 0)));
    const nll = SEED_ROWS.map((row, i) => w[labels[i]] * (lse[i] - row[labels[i]]));
    const weightSum = labels.reduce((a, y) => a + w[y], 0);
    const hard = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'pytorch', classWeights: w });
    assertClose(hard.reduced.softmaxCrossEntropy, nll.reduce((a, b) => a + b, 0) / weightSum, 1e-14);
    assert.equal(hard.denominators?.softmaxCrossEntropy, 6);

    const eps = 0.1;
    const smoothTerm = SEED_ROWS.map((row, i) => row.reduce((a, x, c) => a + w[c] * (lse[i] - x), 0));
    const expected = nll.map((v, i) => (1 - eps) * v + (eps / 3) * smoothTerm[i]);
    const smoothed = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'pytorch', classWeights: w, smoothing: eps, reduction: 'none' });
    assertAllClose(smoothed.weighted?.softmaxCrossEntropy ?? [], expected, 1e-14);
    const mean = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'pytorch', classWeights: w, smoothing: eps });
    assertClose(mean.reduced.softmaxCrossEntropy, expected.reduce((a, b) => a + b, 0) / weightSum, 1e-14);

    // With probability targets torch divides by N instead.
    const dense = analyzeClassification(SEED_LOGITS, t([3, 3], SEED_ONE_HOT.flat()), { dialect: 'pytorch', classWeights: w });
    assertClose(dense.reduced.softmaxCrossEntropy, nll.reduce((a, b) => a + b, 0) / 3, 1e-14);
  });

  it('leave ignore_index samples out of the sum and the count', () => {
    // keras-team/keras keras/src/losses/losses_test.py, SparseCategoricalCrossentropyTest.test_ignore_class:
    // y [[-1, 2]], logits [[[0.854, 0.698, 0.598], [0.088, 0.86, 0.018]]] → [[0.0, 1.480129]].
    const logits = t([1, 2, 3], [0.854, 0.698, 0.598, 0.088, 0.86, 0.018]);
    const report = analyzeClassification(logits, t([1, 2], [-1, 2]), { dialect: 'keras', ignoreIndex: -1, reduction: 'none' });
    assertAllClose(report.weighted?.softmaxCrossEntropy ?? [], [0, 1.480129], 1e-6);
    assertClose(report.reduced.softmaxCrossEntropy, 1.480129, 1e-6);
    for (const dialect of ['pytorch', 'tf', 'tfjs', 'optax'] as const) {
      const r = analyzeClassification(logits, t([1, 2], [-1, 2]), { dialect, ignoreIndex: -1 });
      assertClose(r.reduced.softmaxCrossEntropy, 1.480129, 1e-6, dialect);
      assertClose(r.reduced.sigmoidCrossEntropy, r.sum.sigmoidCrossEntropy / 3, 1e-15, `${dialect} sigmoid`);
    }
  });

  it('smooth sigmoid targets the Keras/tfjs way (ε/2) and the requested way elsewhere', () => {
    const comparison = compareDialects(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const byDialect = new Map(comparison.dialects.map((d) => [d.dialect, d]));
    assert.deepEqual(
      comparison.dialects.map((d) => [d.dialect, d.sigmoidSmoothing]),
      [
        ['tf', 'classes'],
        ['tf-v1', 'binary'],
        ['keras', 'binary'],
        ['pytorch', 'classes'],
        ['tfjs', 'binary'],
        ['optax', 'classes'],
      ],
    );
    const seedMean =
      [
        1.0798527155521245, 0.34328246733803125, 0.8443552444685272, 0.8996819190666193, 0.7914722027149251, 0.40115387473208775, 0.4774879504858857,
        0.8443552444685272, 0.8996819190666193,
      ].reduce((a, b) => a + b, 0) / 9;
    assertClose(byDialect.get('tf')?.reduced.sigmoidCrossEntropy ?? NaN, seedMean, 1e-14);
    const keras = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, sigmoidSmoothing: 'binary' });
    assertClose(byDialect.get('keras')?.reduced.sigmoidCrossEntropy ?? NaN, keras.mean.sigmoidCrossEntropy, 1e-15);
    // Softmax smoothing is ε/K everywhere, so the softmax losses agree (tf.compat.v1.losses to float32: it reduces in float32).
    const tfSoftmax = byDialect.get('tf')?.reduced.softmaxCrossEntropy ?? NaN;
    for (const d of comparison.dialects) assertClose(d.reduced.softmaxCrossEntropy, d.dialect === 'tf-v1' ? Math.fround(tfSoftmax) : tfSoftmax, 1e-15);
    assert.match(byDialect.get('pytorch')?.softmaxCall ?? '', /CrossEntropyLoss\(label_smoothing=0\.1, reduction='mean'\)/);
    assert.match(byDialect.get('keras')?.notes.join(' ') ?? '', /ε\/2, not ε\/3/);
    assert.equal(byDialect.get('tf')?.fromProbabilities, undefined);
  });

  it('model the probability-input losses when the inputs are probabilities', () => {
    // keras-team/keras keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_unweighted → 0.20046903
    // and 3.98559 (float32: 1 − 1e-7 rounds to 1 − 2⁻²³); CategoricalCrossentropyTest.test_unweighted → 0.3239
    // (each row is divided by its sum first).
    const bce = compareDialects(t([3, 3], [0.9, 0.1, 0.2, 0.3, 0.8, 0.1, 0.1, 0.2, 0.7]), t([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]), {
      dialect: 'keras',
      float32: true,
    });
    const keras = bce.dialects.find((d) => d.dialect === 'keras');
    assertClose(keras?.fromProbabilities?.sigmoidCrossEntropy ?? NaN, 0.20046903, 2e-7);
    const clipped = { dialect: 'keras' as const, float32: true };
    const saturated = compareDialects(t([2, 2], [1, 1, 1, 0]), t([2, 2], [1, 0, 1, 0]), clipped);
    assertClose(dialectOf(saturated, 'keras')?.fromProbabilities?.sigmoidCrossEntropy ?? NaN, 3.98559, 1e-5);
    const saturated64 = compareDialects(t([2, 2], [1, 1, 1, 0]), t([2, 2], [1, 0, 1, 0]), { dialect: 'keras' });
    assertClose(dialectOf(saturated64, 'keras')?.fromProbabilities?.sigmoidCrossEntropy ?? NaN, -Math.log(1e-7) / 4, 1e-6);
    const cce = compareDialects(t([3, 3], [0.9, 0.05, 0.05, 0.5, 0.89, 0.6, 0.05, 0.01, 0.94]), t([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]));
    assertClose(dialectOf(cce, 'keras')?.fromProbabilities?.softmaxCrossEntropy ?? NaN, 0.3239, 1e-4);
    // keras/src/backend/tensorflow/nn.py, categorical_crossentropy docstring → [0.10536, 0.11653, 0.06188].
    const doc = compareDialects(t([3, 3], [0.9, 0.05, 0.05, 0.05, 0.89, 0.06, 0.05, 0.01, 0.94]), t([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]), { reduction: 'sum' });
    assertClose(dialectOf(doc, 'keras')?.fromProbabilities?.softmaxCrossEntropy ?? NaN, 0.10536 + 0.11653 + 0.06188, 3e-5);
    // torch BCELoss clamps each log at −100: p = 0 with z = 1 costs 100, not inf.
    const clamp = compareDialects(t([1, 2], [0, 1]), t([1, 2], [1, 0]), { dialect: 'pytorch' });
    assert.equal(dialectOf(clamp, 'pytorch')?.fromProbabilities?.sigmoidCrossEntropy, 100);
    assert.equal(dialectOf(clamp, 'optax')?.fromProbabilities, undefined);
  });

  it('reduce with each framework denominator', () => {
    // tfjs Reduction.MEAN with weights is Σwℓ / Σw (tfjs-core src/ops/losses/compute_weighted_loss.ts); the
    // 'Label Smoothing - Weighted - Reduction.MEAN' case of softmax_cross_entropy_test.ts gives 18.
    const losses = Float64Array.of(18, 18, 18);
    const weights = Float64Array.of(0.1, 0.2, 0.3);
    assertClose(reduceWeighted(losses, weights, null, 'weight-sum').mean, 18, 1e-14);
    assertClose(reduceWeighted(losses, weights, null, 'nonzero-weights').mean, (18 * 0.6) / 3, 1e-14);
    assertClose(reduceWeighted(losses, null, Uint8Array.of(1, 0, 1), 'count').mean, 18, 0);
    assert.ok(Number.isNaN(reduceWeighted(losses, null, Uint8Array.of(0, 0, 0), 'count').mean));
  });

  it('report reduction none as the weighted per-sample losses and sum as Σ', () => {
    const none = analyzeClassification(SEED_LOGITS, SEED_LABELS, { reduction: 'none', classWeights: [1, 2, 3], dialect: 'keras' });
    assertAllClose(
      none.weighted?.softmaxCrossEntropy ?? [],
      Array.from(none.softmaxCrossEntropy, (l, i) => l * [2, 3, 1][i]),
      1e-15,
    );
    const zero = analyzeClassification(SEED_LOGITS, SEED_LABELS, { classWeights: [0, 0, 0], dialect: 'pytorch' });
    assert.ok(Number.isNaN(zero.reduced.softmaxCrossEntropy));
    assert.equal(zero.diagnostics.find((d) => d.code === 'zero-denominator')?.input, 'weights');
    const sum = analyzeClassification(SEED_LOGITS, SEED_LABELS, { reduction: 'sum' });
    assertClose(sum.reduced.softmaxCrossEntropy, sum.sum.softmaxCrossEntropy, 0);
    assert.equal(sum.denominators?.softmaxCrossEntropy, 1);
  });
});

describe('dialect reductions (issue 11 regressions)', () => {
  it('apply an ignore_index that is also a valid class (torch checks ignore_index first)', () => {
    // PyTorch 1.13 (Debian python3-torch), float64:
    //   F.cross_entropy(torch.tensor(x, dtype=torch.float64), torch.tensor([1, 2, 0]), ignore_index=1) → 0.841625548993385
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'pytorch', ignoreIndex: 1 });
    assertClose(report.reduced.softmaxCrossEntropy, 0.841625548993385, 1e-14);
    assert.equal(report.denominators?.softmaxCrossEntropy, 2);
  });

  it('give Keras BinaryCrossentropy one value per sample, the mean over the last axis', () => {
    // keras-team/keras keras/src/losses/losses.py, BinaryCrossentropy docstring (from_logits=True):
    // y_true [[0, 1], [0, 0]], y_pred [[-18.6, 0.51], [2.94, -12.8]]: reduction=None → [0.235, 1.496]; "sum" → 1.730.
    const logits = t([2, 2], [-18.6, 0.51, 2.94, -12.8]);
    const labels = t([2, 2], [0, 1, 0, 0]);
    const none = analyzeClassification(logits, labels, { dialect: 'keras', reduction: 'none' });
    assert.deepEqual(none.weighted?.sigmoidCrossEntropy.shape, [2]);
    assertAllClose(none.weighted?.sigmoidCrossEntropy.data ?? [], [0.235, 1.496], 1e-3);
    assertClose(analyzeClassification(logits, labels, { dialect: 'keras', reduction: 'sum' }).reduced.sigmoidCrossEntropy, 1.73, 1e-3);
    // sum_over_batch_size divides the per-sample means by N: the element mean, 0.8654 in the docstring's 1-D example.
    assertClose(analyzeClassification(logits, labels, { dialect: 'keras' }).reduced.sigmoidCrossEntropy, (0.235 + 1.496) / 2, 1e-3);
  });

  it('divide tf.compat.v1.losses means by the number of nonzero weights (SUM_BY_NONZERO_WEIGHTS)', () => {
    // tensorflow/python/ops/losses/losses_impl.py: compute_weighted_loss defaults to SUM_BY_NONZERO_WEIGHTS, as tfjs
    // does (checked against tfjs-core above): per-sample weights [0.2, 0, 0.5] leave 2 nonzero.
    const options = { smoothing: 0.1, float32: true, classWeights: [0.5, 0.2, 0] };
    const v1 = analyzeClassification(SEED_LOGITS, SEED_LABELS, { ...options, dialect: 'tf-v1' });
    const tfjs = analyzeClassification(SEED_LOGITS, SEED_LABELS, { ...options, dialect: 'tfjs' });
    assert.equal(v1.denominators?.softmaxCrossEntropy, 2);
    assert.equal(v1.reduced.softmaxCrossEntropy, tfjs.reduced.softmaxCrossEntropy);
    assert.equal(v1.reduced.sigmoidCrossEntropy, tfjs.reduced.sigmoidCrossEntropy);
    // tf.nn + tf.reduce_mean divides by all 3 samples instead.
    assert.equal(analyzeClassification(SEED_LOGITS, SEED_LABELS, { ...options, dialect: 'tf' }).denominators?.softmaxCrossEntropy, 3);
  });

  it('give 0, not NaN, for Keras when every target is ignored (the masked mean weighs divide_no_nan(total, valid))', () => {
    // keras-team/keras keras/src/losses/loss.py, apply_mask: mask·divide_no_nan(total, valid).
    const keras = analyzeClassification(SEED_LOGITS, t([3], [-1, -1, -1]), { dialect: 'keras', ignoreIndex: -1 });
    assert.equal(keras.reduced.softmaxCrossEntropy, 0);
    // PyTorch divides 0 by 0 (F.cross_entropy with every target ignored returns nan in 1.13).
    assert.ok(Number.isNaN(analyzeClassification(SEED_LOGITS, t([3], [-1, -1, -1]), { dialect: 'pytorch', ignoreIndex: -1 }).reduced.softmaxCrossEntropy));
  });
  // Found by dialect-conformance.test.ts (the dialects against the call catalogue).
  it("divide Keras' masked mean by the valid count exactly: Σ ℓ / valid, not Σ ℓ·total/(valid + 1e-7) / total", () => {
    // keras-team/keras keras/src/losses/loss.py (Keras 3.13 on), apply_mask: mask *= divide_no_nan(total, valid).
    // Sample 1 is ignored; sample 0 has logits [0, 0, 0], so the mean is its loss, log 3, to the last digit.
    const report = analyzeClassification(t([2, 3], [0, 0, 0, 0, 0, 1000]), t([2], [0, -100]), { dialect: 'keras', ignoreIndex: -100 });
    assert.equal(report.reduced.softmaxCrossEntropy, Math.log(3));
  });

  it('reduce tf.compat.v1.losses in float32 even for float64 inputs, and give 0 when every weight is 0', () => {
    // tensorflow/python/ops/losses/losses_impl.py, compute_weighted_loss: losses and weights are cast to float32,
    // reduced, and cast back; _safe_mean is div_no_nan. Logits [0, 1000, 1000], label 0: ℓ = 1000 + log 2.
    const report = analyzeClassification(t([1, 3], [0, 1000, 1000]), t([1], [0]), { dialect: 'tf-v1' });
    assert.equal(report.reduced.softmaxCrossEntropy, Math.fround(1000 + Math.log(2)));
    assert.equal(report.weighted?.softmaxCrossEntropy[0], Math.fround(1000 + Math.log(2)));
    const ignored = analyzeClassification(SEED_LOGITS, t([3], [-1, -1, -1]), { dialect: 'tf-v1', ignoreIndex: -1 });
    assert.equal(ignored.reduced.softmaxCrossEntropy, 0);
    assert.equal(ignored.reduced.sigmoidCrossEntropy, 0);
  });

  it('give NaN for torch label smoothing when Σ weight[target] = 0, as torch adds the two 0-denominator means', () => {
    // PyTorch 1.13 run: F.cross_entropy(x, tensor([1, 1, 1]), weight=tensor([0.01, 0, 0.01]), label_smoothing=0.1) = nan
    // for x = [[0, 0, 0], [0, 0, 0], [0, 1000, 1000]] (float32 and float64): nll 0/0 plus smooth s/0 (LossNLL.cpp).
    const logits = t([3, 3], [0, 0, 0, 0, 0, 0, 0, 1000, 1000]);
    for (const float32 of [false, true]) {
      const report = analyzeClassification(logits, t([3], [1, 1, 1]), { dialect: 'pytorch', classWeights: [0.01, 0, 0.01], smoothing: 0.1, float32 });
      assert.ok(Number.isNaN(report.reduced.softmaxCrossEntropy), `float32 ${float32}: ${report.reduced.softmaxCrossEntropy}`);
    }
  });
  it("weigh torch's NLLLoss terms −log p of probability inputs, not the log-softmax of log p", () => {
    // PyTorch 1.13 run: F.nll_loss(torch.log(p), tensor([1, 0]), weight=tensor([0.25, 2., 0.]), reduction=…) for
    // p = [[0.5, 0.5, 0.5], [0.5, 0, 0.5]] (rows not summing to 1) gives 'sum' 1.5595811605453491, 'mean' 0.6931471824645996,
    // 'none' [1.3862943649291992, 0.1732867956161499].
    const p = t([2, 3], [0.5, 0.5, 0.5, 0.5, 0, 0.5]);
    const options = { dialect: 'pytorch', input: 'probabilities', classWeights: [0.25, 2, 0], float32: true } as const;
    assert.equal(analyzeClassification(p, t([2], [1, 0]), { ...options, reduction: 'sum' }).reduced.softmaxCrossEntropy, 1.5595811605453491);
    assert.equal(analyzeClassification(p, t([2], [1, 0]), options).reduced.softmaxCrossEntropy, 0.6931471824645996);
    assert.deepEqual(
      Array.from(analyzeClassification(p, t([2], [1, 0]), { ...options, reduction: 'none' }).weighted?.softmaxCrossEntropy ?? []),
      [1.3862943649291992, 0.1732867956161499],
    );
  });

  it('compute tf.compat.v1.losses.log_loss in float32 for float64 inputs too', () => {
    // tensorflow/python/ops/losses/losses_impl.py, log_loss: predictions and labels are cast to float32 first. At p = 0.5,
    // z = 0.25: 0.5 + 1e-7 rounds to 0.50000012 in float32, so the loss is −log(0.50000012) = 0.69314694 (float64: 0.69314698).
    const r = Math.fround;
    const logP = r(Math.log(r(0.5 + r(1e-7))));
    const expected = -r(r(0.25 * logP) + r(0.75 * logP));
    const report = analyzeClassification(t([1, 4], [0.5, 0.5, 0.5, 0.5]), t([1, 4], [0.25, 0.25, 0.25, 0.25]), {
      dialect: 'tf-v1',
      input: 'probabilities',
      reduction: 'none',
    });
    assertAllClose(report.weighted?.sigmoidCrossEntropy.data ?? [], [expected, expected, expected, expected], 0);
  });

  it('reproduce the Keras CategoricalCrossentropy docstring example for probability inputs', () => {
    // keras-team/keras keras/src/losses/losses.py, CategoricalCrossentropy docstring: y_true [[0, 1, 0], [0, 0, 1]],
    // y_pred [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] → cce(y_true, y_pred) = 1.177.
    const yPred = t([2, 3], [0.05, 0.95, 0, 0.1, 0.8, 0.1]);
    for (const labels of [t([2, 3], [0, 1, 0, 0, 0, 1]), t([2], [1, 2])]) {
      const report = analyzeClassification(yPred, labels, { dialect: 'keras', input: 'probabilities', float32: true });
      assertClose(report.reduced.softmaxCrossEntropy, 1.177, 5e-4);
    }
  });
});
