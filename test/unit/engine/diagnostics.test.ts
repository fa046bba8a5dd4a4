import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeClassification } from '../../../src/engine/analyze';
import type { ClassificationReport, Diagnostic } from '../../../src/report/model';
import { SEED_LABELS, SEED_LOGITS, assertClose, t } from './helpers';

function find(report: ClassificationReport, code: string, input?: string): Diagnostic {
  const diagnostic = report.diagnostics.find((d) => d.code === code && (input === undefined || d.input === input));
  assert.ok(diagnostic, `no ${code} diagnostic in ${JSON.stringify(report.diagnostics.map((d) => d.code))}`);
  return diagnostic;
}

describe('diagnostics', () => {
  it('the seed input is clean', () => {
    assert.deepEqual(analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 }).diagnostics, []);
  });

  it('flags probabilities passed as logits', () => {
    const report = analyzeClassification(t([3, 3], [0.2, 0.3, 0.5, 2, 1, 0, 0.1, 0.1, 0.8]), t([3], [2, 0, 2]));
    const d = find(report, 'probabilities-as-logits');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.index, [0]);
    assert.match(d.message, /Row \[0\].*\(and 1 more row\).*look like probabilities/);
    // Sigmoid outputs passed to a with-logits binary loss: every logit in [0, 1].
    const sigmoidOutputs = analyzeClassification(t([3], [0.2, 0.9, 0.6]), t([3], [0, 1, 1]));
    assert.equal(find(sigmoidOutputs, 'probabilities-as-logits').severity, 'info');
  });

  it('flags labels that look like logits and soft rows that do not sum to 1', () => {
    const logitsLike = analyzeClassification(SEED_LOGITS, t([3, 3], [0.2, -1.5, 3, 0, 1, 0, 1, 0, 0]));
    const d = find(logitsLike, 'labels-out-of-range');
    assert.deepEqual(d.index, [0, 1]);
    assert.match(d.message, /labels\[0, 1\] = -1\.5 is outside \[0, 1\] \(and 1 more value\): these look like logits/);
    const soft = analyzeClassification(SEED_LOGITS, t([3, 3], [0.5, 0.3, 0.1, 0.2, 0.2, 0.6, 1, 0, 0]));
    assert.equal(soft.labelKind, 'probabilities');
    assert.match(find(soft, 'label-rows-not-normalized').message, /Label row \[0\] sums to 0\.9, not 1/);
    const multi = analyzeClassification(SEED_LOGITS, t([3, 3], [1, 1, 0, 0, 0, 1, 1, 0, 0]));
    assert.equal(multi.labelKind, 'multi-hot');
    assert.equal(find(multi, 'multi-hot-labels').severity, 'info');
  });

  it('names the first NaN logit and the first non-finite result by index', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
    assert.equal(report.diagnostics.length, 0);
    const bad = analyzeClassification(t([3, 3], [0.7, 1.2, 0.3, 0.4, 0.2, NaN, 0.6, 0.3, 0.4]), SEED_LABELS);
    const input = find(bad, 'non-finite-input', 'logits');
    assert.equal(input.severity, 'error');
    assert.deepEqual(input.index, [1, 2]);
    const result = find(bad, 'non-finite-result');
    assert.deepEqual(result.index, [1]);
    assert.match(result.message, /softmax cross-entropy of sample \[1\] is NaN/);
    assert.ok(Number.isNaN(bad.softmaxCrossEntropy[1]));
    assert.ok(Number.isFinite(bad.softmaxCrossEntropy[0]) && Number.isFinite(bad.softmaxCrossEntropy[2]));
    const badLabel = analyzeClassification(SEED_LOGITS, t([3, 3], [0, 1, 0, 0, Infinity, 1, 1, 0, 0]));
    assert.deepEqual(find(badLabel, 'non-finite-input', 'labels').index, [1, 1]);
  });

  it('gives the tensor index in the user layout and the cell of the [samples, K] view (issue 11, bug 6)', () => {
    // Classes last, shape [2, 2, 3]: logits[1, 1, 2] is sample (1, 1) = row 1·2 + 1 = 3, class 2.
    const last = analyzeClassification(t([2, 2, 3], [0.1, 0.2, 0.3, 1, 2, 3, -1, 0, 1, 0.5, 0.5, NaN]), t([2, 2], [0, 1, 2, 0]));
    assert.deepEqual(find(last, 'non-finite-input').index, [1, 1, 2]);
    assert.deepEqual(find(last, 'non-finite-input').cell, [3, 2]);
    assert.deepEqual(find(last, 'non-finite-result').cell, [3]);
    // PyTorch layout [N, C, d] = [2, 3, 2]: logits[1, 2, 1] is sample (1, 1) = row 3, class 2.
    const data = new Array<number>(12).fill(0.5);
    data[1 * 6 + 2 * 2 + 1] = NaN;
    const first = analyzeClassification(t([2, 3, 2], data), t([2, 2], [0, 1, 2, 0]), { classAxis: 'first' });
    assert.deepEqual(find(first, 'non-finite-input').index, [1, 2, 1]);
    assert.deepEqual(find(first, 'non-finite-input').cell, [3, 2]);
    // A label out of [0, 1] in the same N-D layout: labels[1, 0, 1] is row 2, class 1.
    const labels = analyzeClassification(t([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), t([2, 2, 2], [1, 0, 0, 1, 0, 7, 1, 0]));
    assert.deepEqual(find(labels, 'labels-out-of-range', 'labels').index, [1, 0, 1]);
    assert.deepEqual(find(labels, 'labels-out-of-range', 'labels').cell, [2, 1]);
  });

  it('defines +inf logits: one gives a one-hot softmax, two give NaN with an error', () => {
    const one = analyzeClassification(t([2, 3], [1, Infinity, 0, 1, Infinity, 0]), t([2], [1, 0]));
    assert.deepEqual(Array.from(one.softmax.data.subarray(0, 3)), [0, 1, 0]);
    assert.equal(one.softmaxCrossEntropy[0], 0);
    assert.equal(one.softmaxCrossEntropy[1], Infinity);
    assert.deepEqual(find(one, 'infinite-logit').index, [0, 1]);
    assert.match(find(one, 'infinite-logit').message, /\(and 1 more sample\)/);
    assert.deepEqual(find(one, 'non-finite-result').index, [1]);
    const two = analyzeClassification(t([1, 3], [Infinity, Infinity, 0]), t([1], [0]));
    assert.ok(Number.isNaN(two.softmaxCrossEntropy[0]));
    assert.equal(find(two, 'indeterminate-softmax').severity, 'error');
    const allNegative = analyzeClassification(t([1, 2], [-Infinity, -Infinity]), t([1], [0]));
    assert.match(find(allNegative, 'indeterminate-softmax').message, /only −inf logits.*0\/0/);
  });

  it('explains all-equal rows and one logit per sample', () => {
    const uniform = analyzeClassification(t([2, 4], [3, 3, 3, 3, 1, 2, 3, 4]), t([2], [0, 1]));
    assertClose(uniform.softmaxCrossEntropy[0], Math.log(4), 1e-15);
    assert.match(find(uniform, 'uniform-logits').message, /log 4 = 1\.38629/);
    const binary = analyzeClassification(t([3, 1], [2, -1, 0]), t([3], [1, 0, 1]));
    assert.equal(binary.classCount, 2);
    assert.equal(find(binary, 'binary-logits').severity, 'info');
    assert.deepEqual(Array.from(binary.softmaxCrossEntropy), Array.from(binary.sigmoidCrossEntropy.data));
  });

  it('never leave a NaN or infinite loss without an error diagnostic', () => {
    const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, 1, -3, 50, 0.5);
    const check = (report: ClassificationReport) => {
      const values = [
        ...report.softmaxCrossEntropy,
        ...report.sigmoidCrossEntropy.data,
        report.reduced.softmaxCrossEntropy,
        report.reduced.sigmoidCrossEntropy,
      ];
      if (values.some((v) => !Number.isFinite(v))) {
        assert.ok(
          report.diagnostics.some((d) => d.severity === 'error' && d.code === 'non-finite-result'),
          JSON.stringify(report.diagnostics),
        );
      }
    };
    fc.assert(
      fc.property(
        fc.array(special, { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }),
        fc.array(special, { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        (logits, indices, dense, float32) => {
          check(analyzeClassification(t([2, 3], logits), t([2], indices), { smoothing: 0.1, float32 }));
          check(analyzeClassification(t([2, 3], logits), t([2, 3], dense), { float32 }));
          check(analyzeClassification(t([6, 1], logits), t([6], dense), { float32 }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
