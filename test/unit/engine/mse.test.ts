import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/errors';
import { analyzeClassification } from '../../../src/engine/analyze';
import { meanSquaredError } from '../../../src/engine/mse';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

describe('mean squared error', () => {
  it('matches Keras MeanSquaredError', () => {
    // keras-team/keras keras/src/losses/losses_test.py, MeanSquaredErrorTest.test_unweighted:
    // y_true [[1,9,2],[-5,-2,6]], y_pred [[4,8,12],[8,1,3]] → 49.5; per sample 110/3 and 187/3
    // (test_no_reduction gives 2.3 × those: [84.3333, 143.3666]).
    const perSample = meanSquaredError(t([2, 3], [4, 8, 12, 8, 1, 3]), t([2, 3], [1, 9, 2, -5, -2, 6]));
    assertAllClose(perSample, [110 / 3, 187 / 3], 1e-14);
    assertClose((perSample[0] + perSample[1]) / 2, 49.5, 1e-14);
  });

  it('scores the softmax against the smoothed targets in the report', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, additionalLosses: true });
    const mse = report.additionalLosses?.find((loss) => loss.name === 'meanSquaredError');
    assert.ok(mse);
    const p = report.softmax.data;
    const y = report.smoothedLabels.data;
    const row0 = ((p[0] - y[0]) ** 2 + (p[1] - y[1]) ** 2 + (p[2] - y[2]) ** 2) / 3;
    assertClose(mse.values.data[0], row0, 1e-15);
  });

  it('needs same-shaped inputs', () => {
    assert.throws(() => meanSquaredError(t([2], [1, 2]), t([3], [1, 2, 3])), InputError);
  });
});
