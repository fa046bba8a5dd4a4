import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeClassification, analyzeDistributions } from '../../../src/engine';
import { crossEntropy, entropy, smoothedOneHotEntropy } from '../../../src/engine/entropy';
import { klDivergence } from '../../../src/engine/kl-divergence';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

const distribution = (k: number) =>
  fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k })
    .filter((v) => v.some((x) => x > 1e-3))
    .map((v) => {
      const total = v.reduce((a, b) => a + b, 0);
      return v.map((x) => x / total);
    });

describe('entropy and cross-entropy', () => {
  it('match scipy.stats.entropy', () => {
    // scipy/scipy scipy/stats/_entropy.py docstring, in bits: H([1/2, 1/2]) = 1.0,
    // H([9/10, 1/10]) = 0.46899559358928117, and CE = H + D = 1.736965594166206.
    assert.equal(entropy([0.5, 0.5], 2), 1);
    assertClose(entropy([0.9, 0.1], 2), 0.46899559358928117, 1e-15);
    assertClose(crossEntropy([0.5, 0.5], [0.9, 0.1], 2), 1.736965594166206, 1e-15);
    const report = analyzeDistributions(t([2], [0.5, 0.5]), t([2], [0.9, 0.1]));
    assertClose(report.crossEntropy / Math.LN2, 1.736965594166206, 1e-15);
  });

  it('satisfy CE = H(p) + KL(p‖q)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((k) => fc.tuple(distribution(k), distribution(k))),
        ([p, q]) => {
          if (q.some((v, i) => v === 0 && p[i] > 0)) return;
          assertClose(crossEntropy(p, q), entropy(p) + klDivergence(p, q), 1e-12, 'identity');
          const report = analyzeDistributions(t([p.length], p), t([q.length], q));
          assertClose(report.crossEntropy, report.entropy + report.klDivergence, 1e-12, 'report identity');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('label smoothing sets a floor H(y′) under the softmax cross-entropy', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    const floor = smoothedOneHotEntropy(3, 0.1);
    const on = 0.9 + 0.1 / 3;
    const off = 0.1 / 3;
    assertClose(floor, -(on * Math.log(on) + 2 * off * Math.log(off)), 1e-15);
    assertAllClose(report.labelEntropy ?? [], [floor, floor, floor], 1e-15);
    // CE − H(y′) is the KL divergence from the softmax, which is ≥ 0.
    for (let i = 0; i < 3; i++) {
      const y = Array.from(report.smoothedLabels.data.subarray(3 * i, 3 * i + 3));
      const p = Array.from(report.softmax.data.subarray(3 * i, 3 * i + 3));
      assertClose(report.softmaxCrossEntropy[i], floor + klDivergence(y, p), 1e-12);
    }
    // At softmax = y′ the loss is exactly the floor.
    const atFloor = analyzeClassification(t([1, 3], [Math.log(on), Math.log(off), Math.log(off)]), t([1], [0]), { smoothing: 0.1 });
    assertClose(atFloor.softmaxCrossEntropy[0], floor, 1e-15);
    assertClose(smoothedOneHotEntropy(3, 0), 0, 0);
  });

  it('gives the entropy of each softmax row', () => {
    const report = analyzeClassification(t([2, 4], [0, 0, 0, 0, 100, 0, 0, 0]), t([2], [0, 0]));
    assertClose(report.entropy[0], Math.log(4), 1e-15);
    assert.ok(report.entropy[1] < 1e-40);
  });
});
