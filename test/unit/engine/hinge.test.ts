import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeClassification } from '../../../src/engine/analyze';
import { categoricalHinge, hinge, multiMargin, squaredHinge } from '../../../src/engine/hinge';
import { presentLoss } from '../../../src/render/loss-titles';
import { assertAllClose, assertClose, t } from './helpers';

// keras-team/keras keras/src/losses/losses_test.py, HingeTest / SquaredHingeTest / CategoricalHingeTest:
// y_true [[0, 1], [0, 0]], y_pred [[0.6, 0.4], [0.4, 0.6]].
const yTrue = t([2, 2], [0, 1, 0, 0]);
const yPred = t([2, 2], [0.6, 0.4, 0.4, 0.6]);

describe('hinge losses', () => {
  it('match Keras Hinge: [1.1, 1.5], mean 1.3 (0/1 targets become −1/+1)', () => {
    assertAllClose(hinge(yPred, yTrue), [1.1, 1.5], 1e-12);
  });

  it('match Keras SquaredHinge: [1.46, 2.26]', () => {
    assertAllClose(squaredHinge(yPred, yTrue), [1.46, 2.26], 1e-12);
  });

  it('match Keras CategoricalHinge: [1.2, 1.6]', () => {
    assertAllClose(categoricalHinge(yPred, yTrue), [1.2, 1.6], 1e-12);
  });

  it('match torch MultiMarginLoss: 0.25 · ((1 − (0.8 − 0.1)) + (1 − (0.8 − 0.2)) + (1 − (0.8 − 0.4)))', () => {
    // pytorch/pytorch torch/nn/modules/loss.py, MultiMarginLoss docstring: x [[0.1, 0.2, 0.4, 0.8]], y [3] → 0.32…
    assertClose(multiMargin(t([1, 4], [0.1, 0.2, 0.4, 0.8]), t([1], [3]))[0], 0.325, 1e-15);
    // weight multiplies by w[y]; p = 2 squares each violation.
    assertClose(multiMargin(t([1, 4], [0.1, 0.2, 0.4, 0.8]), t([1], [3]), { weights: [1, 1, 1, 2] })[0], 0.65, 1e-15);
    assertClose(multiMargin(t([1, 4], [0.1, 0.2, 0.4, 0.8]), t([1], [3]), { p: 2 })[0], (0.3 ** 2 + 0.4 ** 2 + 0.6 ** 2) / 4, 1e-15);
  });

  it('appear in the report with the frameworks named', () => {
    const report = analyzeClassification(t([1, 4], [0.1, 0.2, 0.4, 0.8]), t([1], [3]), { additionalLosses: true });
    const byName = new Map(report.additionalLosses?.map((loss) => [loss.name, loss]));
    assertClose(byName.get('multiMargin')?.mean ?? NaN, 0.325, 1e-15);
    assert.match(presentLoss('multiMargin', report.options).convention, /torch\.nn\.MultiMarginLoss/);
    assert.ok(byName.has('categoricalHinge'));
    assert.match(presentLoss('categoricalHinge', report.options).convention, /keras\.losses\.CategoricalHinge/);
    // Categorical hinge on the one-hot of class 3: neg = 0.4, pos = 0.8 → 0.6.
    assertClose(byName.get('categoricalHinge')?.values.data[0] ?? NaN, 0.6, 1e-15);
  });
});
