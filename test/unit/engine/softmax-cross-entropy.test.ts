import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeClassification } from '../../../src/engine/analyze';
import { softmaxCrossEntropy, sparseSoftmaxCrossEntropy } from '../../../src/engine/softmax-cross-entropy';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

describe('softmax cross-entropy', () => {
  it('gives the seed hard-label losses in float64', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    assertAllClose(report.softmaxCrossEntropyHard, [0.6996759812098481, 0.7434200371423099, 0.9398310608444601], 1e-12);
    assertAllClose(sparseSoftmaxCrossEntropy(SEED_LOGITS, SEED_LABELS), report.softmaxCrossEntropyHard, 1e-15);
    // Against the smoothed targets (ε = 0.1) the loss rises by ε/K·Σ(lse − x_j) − ε(lse − x_y).
    const lse = Math.log(Math.exp(0.7) + Math.exp(1.2) + Math.exp(0.3));
    const smoothed0 = (0.1 / 3) * (lse - 0.7) + (0.9 + 0.1 / 3) * (lse - 1.2) + (0.1 / 3) * (lse - 0.3);
    assertClose(report.softmaxCrossEntropy[0], smoothed0, 1e-14);
  });

  it('matches optax softmax_cross_entropy', () => {
    // google-deepmind/optax optax/losses/_classification_test.py, SoftmaxCrossEntropyTest:
    // ys [[10, 1, -2], [1, 4, 0.2]], ts [[0, 1, 0], [1, 0, 0]] → [9.00013, 3.0696733].
    const ys = t([2, 3], [10, 1, -2, 1, 4, 0.2]);
    const ts = t([2, 3], [0, 1, 0, 1, 0, 0]);
    assertAllClose(softmaxCrossEntropy(ys, ts), [9.00013, 3.0696733], 1e-6);
    assertAllClose(analyzeClassification(ys, ts, { dialect: 'optax' }).softmaxCrossEntropy, [9.00013, 3.0696733], 1e-6);
  });

  it('treats −inf logits as optax.safe_softmax_cross_entropy does', () => {
    // optax/losses/_classification_test.py, SafeSoftmaxCrossEntropyTest: rows with −inf logits give
    // 0.693147 (no target mass there), inf (target mass on a −inf class) and 0.0.
    const ys = t([3, 3], [-Infinity, 0, 0, -Infinity, 0, 0, -Infinity, 0, -Infinity]);
    const ts = t([3, 3], [0, 0.5, 0.5, 0.4, 0.3, 0.3, 0, 1, 0]);
    const losses = softmaxCrossEntropy(ys, ts);
    assertClose(losses[0], 0.693147, 1e-6);
    assert.equal(losses[1], Infinity);
    assert.equal(losses[2], 0);
    const report = analyzeClassification(ys, ts);
    assert.deepEqual(Array.from(report.softmaxCrossEntropy), Array.from(losses));
    assert.ok(report.diagnostics.some((d) => d.code === 'negative-infinite-logit'));
    assert.ok(report.diagnostics.some((d) => d.code === 'non-finite-result' && d.index?.[0] === 1));
  });

  it('matches Keras CategoricalCrossentropy with label smoothing', () => {
    // keras-team/keras keras/src/losses/losses_test.py, CategoricalCrossentropyTest.test_label_smoothing:
    // logits [[100, -100, -100]], y [[1, 0, 0]], label_smoothing 0.1 → 400 · 0.1 / 3.
    const report = analyzeClassification(t([1, 3], [100, -100, -100]), t([1, 3], [1, 0, 0]), { smoothing: 0.1, dialect: 'keras' });
    assertClose(report.reduced.softmaxCrossEntropy, (400 * 0.1) / 3, 1e-12);
  });

  it('matches Keras CategoricalCrossentropy(from_logits=True) per sample and with sample weights', () => {
    // keras/src/losses/losses_test.py, CategoricalCrossentropyTest: logits [[8,1,1],[0,9,1],[2,3,5]],
    // identity targets → (0.001822, 0.000459, 0.169846) unreduced; sample weights [1.2, 3.4, 5.6] → 0.31829.
    const logits = t([3, 3], [8, 1, 1, 0, 9, 1, 2, 3, 5]);
    const identity = t([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const report = analyzeClassification(logits, identity, { dialect: 'keras', classWeights: [1.2, 3.4, 5.6] });
    assertAllClose(report.softmaxCrossEntropy, [0.001822, 0.000459, 0.169846], 2e-6);
    // class_weight gives sample i the weight of its class; sum_over_batch_size divides by 3.
    assertClose(report.reduced.softmaxCrossEntropy, 0.31829, 1e-5);
  });

  it('matches tfjs softmaxCrossEntropy with smoothing and weights', () => {
    // tensorflow/tfjs tfjs-core/src/ops/losses/softmax_cross_entropy_test.ts: labels [[0,0,1],[1,0,0],[0,1,0]],
    // logits 10 on the diagonal, −10 off it. 'All wrong' → 20; 'Weighted - Reduction.NONE' with
    // weights [0.1, 0.2, 0.3] → [2, 4, 6]; 'Label Smoothing - Weighted - Reduction.MEAN', ε = 0.3 → 18
    // (every sample loses 0.8·20 + 0.1·20, so any weighted mean is 18).
    const logits = t([3, 3], [10, -10, -10, -10, 10, -10, -10, -10, 10]);
    const labels = t([3, 3], [0, 0, 1, 1, 0, 0, 0, 1, 0]);
    assertClose(analyzeClassification(logits, labels, { dialect: 'tfjs' }).reduced.softmaxCrossEntropy, 20, 1e-6);
    // Per-sample weights [0.1, 0.2, 0.3] are class weights [0.2, 0.3, 0.1] for labels [2, 0, 1].
    const weighted = analyzeClassification(logits, labels, { dialect: 'tfjs', classWeights: [0.2, 0.3, 0.1], reduction: 'none' });
    assertAllClose(weighted.weighted?.softmaxCrossEntropy ?? [], [2, 4, 6], 1e-6);
    const smoothed = analyzeClassification(logits, labels, { dialect: 'tfjs', smoothing: 0.3 });
    assertAllClose(smoothed.softmaxCrossEntropy, [18, 18, 18], 1e-6);
    assertClose(smoothed.reduced.softmaxCrossEntropy, 18, 1e-6);
  });

  it('is never negative and agrees with the naive −Σ y log softmax where that is finite', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((k) =>
            fc.tuple(
              fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: k, maxLength: k }),
              fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
            ),
          ),
        ([logits, raw]) => {
          const total = raw.reduce((a, b) => a + b, 0);
          const y = raw.map((v) => (total > 0 ? v / total : 1 / raw.length));
          const loss = softmaxCrossEntropy(t([1, logits.length], logits), t([1, y.length], y))[0];
          assert.ok(loss >= -1e-12, `loss ${loss} < 0`);
          const exps = logits.map(Math.exp);
          const z = exps.reduce((a, b) => a + b, 0);
          const naive = -y.reduce((acc, yj, j) => acc + (yj === 0 ? 0 : yj * Math.log(exps[j] / z)), 0);
          if (Number.isFinite(naive) && z > 1e-300 && z < 1e300) assertClose(loss, naive, 1e-9, 'naive');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays finite where the seed’s log(softmax(x)) gives inf', () => {
    const logits = t([1, 2], [0, 800]);
    const loss = softmaxCrossEntropy(logits, t([1, 2], [1, 0]))[0];
    assert.equal(loss, 800);
    assert.equal(-Math.log(Math.exp(0) / (Math.exp(0) + Math.exp(800))), Infinity);
  });
});
