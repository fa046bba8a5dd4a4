import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeClassification } from '../../../src/engine/analyze';
import { categoricalFocalLoss, sigmoidFocalLoss } from '../../../src/engine/focal-loss';
import { presentLoss } from '../../../src/render/loss-titles';
import { sigmoid, sigmoidCrossEntropy } from '../../../src/engine/sigmoid-cross-entropy';
import { assertAllClose, assertClose, t } from './helpers';

// google-deepmind/optax optax/losses/_classification_test.py, SigmoidFocalLossTest fixtures.
const ys = t([2, 3], [2, 0.1, -2, 0.3, -0.1, 1.2]);
const ts = t([2, 3], [0, 0, 1, 1, 0, 0]);

describe('focal loss', () => {
  it('with γ = 0 and no α it is the sigmoid cross-entropy (optax test_focal_equals_ce)', () => {
    assertAllClose(sigmoidFocalLoss(ys, ts, { gamma: 0, alpha: -1 }).data, sigmoidCrossEntropy(ys, ts).data, 1e-15);
  });

  it('scales the cross-entropy by (1 − p_t)^γ (optax test_scale)', () => {
    const focal = sigmoidFocalLoss(ys, ts, { gamma: 2, alpha: -1 }).data;
    const ce = sigmoidCrossEntropy(ys, ts).data;
    for (let i = 0; i < 6; i++) {
      const p = sigmoid(ys.data[i]);
      const pt = p * ts.data[i] + (1 - p) * (1 - ts.data[i]);
      assertClose(focal[i] / ce[i], (1 - pt) ** 2, 1e-12);
    }
  });

  it('α = 1 keeps only positives, α = 0 only negatives (optax test_alpha_one, test_ignore_positive/negative)', () => {
    const ce = sigmoidCrossEntropy(ys, ts).data;
    assertAllClose(
      sigmoidFocalLoss(ys, ts, { gamma: 0, alpha: 1 }).data,
      Array.from(ce, (v, i) => v * ts.data[i]),
      1e-15,
    );
    const alphaZero = sigmoidFocalLoss(ys, ts, { alpha: 0 }).data;
    for (let i = 0; i < 6; i++) if (ts.data[i] === 1) assert.equal(alphaZero[i], 0);
  });

  it('reduces large-logit positives by 2/(1 − p)² with α = ½ (optax test_large_logit_fl_less_than_ce)', () => {
    const logit = (p: number) => Math.log(p / (1 - p));
    const large = t([4], [0.9, 0.98, 0.3, 0.99].map(logit));
    const ones = t([4], [1, 1, 1, 1]);
    const focal = sigmoidFocalLoss(large, ones, { gamma: 2, alpha: 0.5 }).data;
    const ce = sigmoidCrossEntropy(large, ones).data;
    for (let i = 0; i < 4; i++) assertClose(ce[i] / focal[i], 2 / (1 - sigmoid(large.data[i])) ** 2, 2e-5);
  });

  it('matches Keras BinaryFocalCrossentropy(gamma=3, from_logits=True)', () => {
    // keras-team/keras keras/src/losses/losses_test.py, BinaryFocalCrossentropyTest.test_unweighted:
    // y [[1,1,0],[0,1,0]], logits [[1.5,-2.7,2.9],[-3.8,1.2,-4.5]], γ = 3 → 0.799 (no class balancing).
    const focal = sigmoidFocalLoss(t([2, 3], [1.5, -2.7, 2.9, -3.8, 1.2, -4.5]), t([2, 3], [1, 1, 0, 0, 1, 0]), { gamma: 3, alpha: -1 });
    assertClose(focal.data.reduce((a, b) => a + b, 0) / 6, 0.799, 1e-3);
  });

  it('matches Keras CategoricalFocalCrossentropy(from_logits=True)', () => {
    // keras/src/losses/losses_test.py, CategoricalFocalCrossentropyTest.test_no_reduction:
    // logits [[8,1,1],[0,9,1],[2,3,5]], identity targets → (1.5096224e-09, 2.4136547e-11, 1.0360638e-03);
    // test_label_smoothing: logits [[4.9, -0.5, 2.05]], y [[1,0,0]], ε = 0.1 → 0.06685.
    const losses = categoricalFocalLoss(t([3, 3], [8, 1, 1, 0, 9, 1, 2, 3, 5]), t([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]));
    assertClose(losses[0] / 1.5096224e-9, 1, 1e-4);
    assertClose(losses[1] / 2.4136547e-11, 1, 1e-3);
    assertClose(losses[2], 1.0360638e-3, 1e-7);
    const report = analyzeClassification(t([1, 3], [4.9, -0.5, 2.05]), t([1, 3], [1, 0, 0]), { smoothing: 0.1, additionalLosses: true });
    const categorical = report.additionalLosses?.find((loss) => loss.name === 'categoricalFocal');
    assert.ok(categorical);
    assertClose(categorical.mean, 0.06685, 1e-4);
  });

  it('follows torchvision defaults (α = 0.25, γ = 2) in the report', () => {
    const report = analyzeClassification(ys, ts, { additionalLosses: true });
    const focal = report.additionalLosses?.find((loss) => loss.name === 'sigmoidFocal');
    assert.ok(focal);
    assert.match(presentLoss(focal.name, report.options).convention, /alpha=0\.25, gamma=2/);
    assertAllClose(focal.values.data, sigmoidFocalLoss(ys, ts).data, 1e-15);
  });
});
