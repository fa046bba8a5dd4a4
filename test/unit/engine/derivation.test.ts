import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/errors';
import { analyzeClassification } from '../../../src/engine/analyze';
import { derive } from '../../../src/engine/derivation';
import { SEED_LABELS, SEED_LOGITS, assertClose, t } from './helpers';

describe('derivations', () => {
  it('derive the seed row 0 correctly (the article writes log(0.479) and 0.699165)', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS);
    const d = derive(report, 'softmaxCrossEntropy', [0]);
    assert.deepEqual(
      d.steps.map((s) => s.description),
      [
        'Largest logit of row 0',
        'Log-sum-exp, shifted by m so no exponential overflows',
        'Log-probability of the true class y = 1',
        'Its probability',
        'Cross-entropy against the one-hot label',
      ],
    );
    assert.equal(d.steps[0].value, 1.2);
    assertClose(d.steps[1].value, Math.log(Math.exp(0.7) + Math.exp(1.2) + Math.exp(0.3)), 1e-15);
    assertClose(d.steps[2].value, -0.6996759812098481, 1e-12);
    assertClose(d.steps[3].value, 0.49675, 1e-5);
    assertClose(d.result, 0.6996759812098481, 1e-12);
    assert.equal(d.steps[1].substituted, '1.2 + \\log\\left(e^{0.7 - 1.2} + e^{1.2 - 1.2} + e^{0.3 - 1.2}\\right)');
    assert.equal(d.steps[2].substituted, '1.2 - 1.89968');
  });

  it('derive a smoothed-target row and agree with the report', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const d = derive(report, 'softmaxCrossEntropy', [2]);
    assertClose(d.steps[d.steps.length - 1].value, report.softmaxCrossEntropy[2], 1e-14);
    assert.match(d.steps[2].formula, /varepsilon \/ K/);
  });

  it('derive sigmoid element (0, 0): x = 0.7, z = 0.0333…, ℓ = 1.0798527…', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const d = derive(report, 'sigmoidCrossEntropy', [0, 0]);
    const values = Object.fromEntries(d.steps.map((s) => [s.formula, s.value]));
    assertClose(values['z = y(1 - \\varepsilon) + \\varepsilon / K'], 0.1 / 3, 1e-15);
    assertClose(values['\\log(1 + e^{-|x|})'], Math.log1p(Math.exp(-0.7)), 1e-15);
    assert.equal(values['\\max(x, 0)'], 0.7);
    assertClose(d.steps[d.steps.length - 1].value, 1.0798527155521245, 1e-12);
    assertClose(d.result, 1.0798527155521245, 1e-12);
    const keras = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, dialect: 'keras' });
    assertClose(derive(keras, 'sigmoidCrossEntropy', [0, 0]).steps[0].value, 0.05, 1e-15);
  });

  it('derive softmax probabilities, smoothed labels, pos_weight and binary samples', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, posWeight: 2 });
    assertClose(derive(report, 'softmax', [0, 1]).result, 0.4967456, 1e-6);
    assertClose(derive(report, 'smoothedLabel', [0, 1]).steps[0].value, 0.9 + 0.1 / 3, 1e-15);
    const weighted = derive(report, 'sigmoidCrossEntropy', [1, 2]);
    assertClose(weighted.steps[weighted.steps.length - 1].value, report.sigmoidCrossEntropy.data[5], 1e-14);
    const binary = analyzeClassification(t([2, 1], [0.5, -2]), t([2], [1, 0]));
    const d = derive(binary, 'softmaxCrossEntropy', [1]);
    assert.match(d.steps[0].description, /two-class logits \[0, x\]/);
    assertClose(d.result, binary.sigmoidCrossEntropy.data[1], 1e-15);
    assertClose(derive(binary, 'sigmoidCrossEntropy', [1]).result, Math.log1p(Math.exp(-2)), 1e-15);
  });

  it('explain ignored samples and reject indices outside the report', () => {
    const report = analyzeClassification(SEED_LOGITS, t([3], [1, -100, 0]), { ignoreIndex: -100 });
    assert.equal(derive(report, 'softmaxCrossEntropy', [1]).result, 0);
    for (const index of [[3], [-1], [0, 5], [0.5], []]) {
      assert.throws(() => derive(report, 'sigmoidCrossEntropy', index), InputError);
    }
    assert.throws(() => derive(report, 'softmaxCrossEntropy', [0, 1]), InputError);
    assert.throws(() => derive(report, 'hinge' as never, [0]), InputError);
  });
});
