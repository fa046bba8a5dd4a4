import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeClassification } from '../../../src/engine/analyze';
import { float32UlpDistance, toFloat32 } from '../../../src/engine/float32';
import { SEED_LABELS, SEED_LOGITS, SEED_PRINTED_SIGMOID, SEED_PRINTED_SOFTMAX, t } from './helpers';

function assertWithinUlps(actual: ArrayLike<number>, printed: readonly number[], ulps: number): void {
  for (let i = 0; i < printed.length; i++) {
    const distance = float32UlpDistance(actual[i], printed[i]);
    assert.ok(distance <= ulps, `[${i}]: ${actual[i]} is ${distance} float32 ulps from the printed ${printed[i]}`);
  }
}

describe('float32 mode', () => {
  it("reproduces the seed script's printed sigmoid table within 2 float32 ulps", () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, float32: true });
    assertWithinUlps(report.sigmoidCrossEntropy.data, SEED_PRINTED_SIGMOID, 2);
    for (const v of report.sigmoidCrossEntropy.data) assert.equal(v, Math.fround(v), 'every value is a float32');
  });

  it("reproduces the seed script's printed softmax cross-entropy within 2 float32 ulps", () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, float32: true });
    assertWithinUlps(report.softmaxCrossEntropyHard, SEED_PRINTED_SOFTMAX, 2);
    const hardOnly = analyzeClassification(SEED_LOGITS, SEED_LABELS, { float32: true });
    assertWithinUlps(hardOnly.softmaxCrossEntropy, SEED_PRINTED_SOFTMAX, 2);
  });

  it('differs from float64 by float32 rounding only', () => {
    const f32 = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1, float32: true });
    const f64 = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    for (let i = 0; i < 9; i++) {
      const relative = Math.abs(f32.sigmoidCrossEntropy.data[i] - f64.sigmoidCrossEntropy.data[i]) / f64.sigmoidCrossEntropy.data[i];
      assert.ok(relative < 5e-7, `element ${i}: relative difference ${relative}`);
      assert.notEqual(f32.sigmoidCrossEntropy.data[i], f64.sigmoidCrossEntropy.data[i]);
    }
    assert.equal(f32.reduced.softmaxCrossEntropy, Math.fround(f32.reduced.softmaxCrossEntropy));
  });

  it('rounds inputs first: 0.1 becomes 0.100000001490116…', () => {
    assert.deepEqual(Array.from(toFloat32(Float64Array.of(0.1, 1, 1e40))), [Math.fround(0.1), 1, Infinity]);
    const report = analyzeClassification(t([1, 2], [0.1, 0]), t([1], [0]), { float32: true });
    assert.equal(report.logits?.data[0], Math.fround(0.1));
  });

  it('counts ulps between float32 values', () => {
    assert.equal(float32UlpDistance(1, 1), 0);
    assert.equal(float32UlpDistance(1, 1 + 2 ** -23), 1);
    assert.equal(float32UlpDistance(-0, 0), 0);
    assert.equal(float32UlpDistance(1.0798527, 1.0798527002334595), 0);
  });
});
