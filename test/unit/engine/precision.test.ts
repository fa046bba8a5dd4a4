import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeClassification, precisionElementLimit } from '../../../src/engine';
import { SEED_LABELS, SEED_LOGITS, t } from './helpers';

describe('precision mode (mathjs BigNumber)', () => {
  it('recomputes the seed losses at 50 digits', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, precisionDigits: 50 });
    const precision = report.precision;
    assert.ok(precision);
    assert.equal(precision.digits, 50);
    assert.equal(precision.sigmoidCrossEntropy.length, 9);
    assert.equal(precision.softmaxCrossEntropy.length, 3);
    assert.match(precision.sigmoidCrossEntropy[0], /^1\.07985271555212455985757299259855446994601574316/);
    assert.ok(precision.sigmoidCrossEntropy[0].replace(/^0\.|\./, '').length >= 49);
    assert.ok(precision.maxRelativeError < 1e-15, `float64 error ${precision.maxRelativeError}`);
    const hard = analyzeClassification(SEED_LOGITS, SEED_LABELS, { precisionDigits: 40 });
    assert.match(hard.precision?.softmaxCrossEntropy[0] ?? '', /^0\.6996759812098480651/);
  });

  it('shows the float32 error in float32 mode', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, precisionDigits: 30, float32: true });
    const error = report.precision?.maxRelativeError ?? 0;
    assert.ok(error > 1e-9 && error < 1e-6, `float32 error ${error}`);
  });

  it('covers binary logits, pos_weight, ignored samples and huge logits', () => {
    const binary = analyzeClassification(t([2], [3, -1000]), t([2], [1, 0.3]), { posWeight: 2, precisionDigits: 30 });
    assert.ok((binary.precision?.maxRelativeError ?? 1) < 1e-14);
    const ignored = analyzeClassification(SEED_LOGITS, t([3], [1, -100, 0]), { ignoreIndex: -100, precisionDigits: 30 });
    assert.equal(ignored.precision?.softmaxCrossEntropy[1], '0');
    const huge = analyzeClassification(t([1, 3], [1000, -1000, 500]), t([1], [2]), { precisionDigits: 30 });
    assert.equal(huge.precision?.softmaxCrossEntropy[0], '500');
  });

  it('declines politely above its work budget, which falls with the square of the digits', () => {
    assert.deepEqual([16, 40, 1000].map(precisionElementLimit), [10_000, 1_600, 2]);
    assert.equal(precisionElementLimit(5), 10_000, 'fewer digits than a double cost about the same');
    const big = analyzeClassification(t([101, 100], new Array<number>(10100).fill(0.5)), t([101], new Array<number>(101).fill(3)), { precisionDigits: 16 });
    assert.equal(big.precision, undefined);
    const info = big.diagnostics.find((d) => d.code === 'precision-skipped');
    assert.equal(info?.severity, 'info');
    assert.match(info?.message ?? '', /at 16 digits recomputes at most 10000 logits .* this input has 10100/);
    const many = analyzeClassification(t([1, 3], [1, 2, 3]), t([1], [0]), { precisionDigits: 1000 });
    assert.equal(many.precision, undefined, '3 logits at 1000 digits');
    const two = analyzeClassification(t([1, 2], [1, 2]), t([1], [0]), { precisionDigits: 1000 });
    // −log softmax([1, 2])[0] = ln(1 + e), to 1000 digits.
    const exact = two.precision?.softmaxCrossEntropy[0] ?? '';
    assert.ok(exact.startsWith('1.31326168751822283') && exact.length > 990, exact.slice(0, 40));
  });
});
