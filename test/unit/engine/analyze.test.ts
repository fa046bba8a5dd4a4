import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { analyzeClassification } from '../../../src/engine/analyze';
import { sigmoidCrossEntropyAt } from '../../../src/engine/sigmoid-cross-entropy';
import { rowEntropies } from '../../../src/engine/entropy';
import { softmax } from '../../../src/engine/softmax';
import { SEED_LABELS, SEED_LOGITS, assertAllClose, assertClose, t } from './helpers';

function rejects(run: () => unknown, input: string, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.input, input);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('analyzeClassification', () => {
  it('applies the documented defaults', () => {
    const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, {});
    assert.deepEqual(report.options, { smoothing: 0, sigmoidSmoothing: 'classes', dialect: 'tf', reduction: 'mean', classAxis: 'last', float32: false });
    assert.equal(report.smoothedLabels.data, report.oneHot.data);
    assert.equal(report.softmaxCrossEntropyHard, report.softmaxCrossEntropy);
    assert.deepEqual(report.sampleShape, [3]);
    assert.deepEqual(report.labelsShape, [3]);
    assert.deepEqual(report.argmax, [1, 2, 0]);
  });

  it('reads every label kind from shape and values', () => {
    const kind = (labels: ReturnType<typeof t>) => analyzeClassification(SEED_LOGITS, labels).labelKind;
    assert.equal(kind(t([3], [1, 2, 0])), 'indices');
    assert.equal(kind(t([3, 1], [1, 2, 0])), 'indices'); // Keras' sparse [N, 1] form
    assert.deepEqual(analyzeClassification(SEED_LOGITS, t([3, 1], [1, 2, 0])).labelsShape, [3, 1]);
    assert.equal(kind(t([3, 3], [0, 1, 0, 0, 0, 1, 1, 0, 0])), 'one-hot');
    assert.equal(kind(t([3, 3], [1, 1, 0, 0, 0, 1, 0, 0, 0])), 'multi-hot');
    assert.equal(kind(t([3, 3], [0.1, 0.8, 0.1, 0, 0, 1, 0.5, 0.5, 0])), 'probabilities');
    assert.equal(analyzeClassification(t([4], [1, -1, 0, 2]), t([4], [1, 0, 0.5, 1])).labelKind, 'binary');
    // A rank-1 pair whose labels sum to 1 is one sample of K classes.
    const oneSample = analyzeClassification(t([3], [0.7, 1.2, 0.3]), t([3], [0, 1, 0]));
    assert.equal(oneSample.labelKind, 'one-hot');
    assert.equal(oneSample.batchSize, 1);
    assertClose(oneSample.softmaxCrossEntropy[0], 0.6996759812098481, 1e-12);
    assert.ok(oneSample.diagnostics.some((d) => d.code === 'rank-1-read-as-one-sample'));
    // A scalar label with rank-1 logits: one sample, index label.
    assertClose(analyzeClassification(t([3], [0.7, 1.2, 0.3]), t([], [1])).softmaxCrossEntropy[0], 0.6996759812098481, 1e-12);
  });

  it("handles PyTorch's [N, C, d1, ...] layout with classAxis 'first'", () => {
    // [N=2, C=3, W=2] against the same numbers laid out [N, W, C].
    const channelsFirst = t([2, 3, 2], [0.7, 0.4, 1.2, 0.2, 0.3, 0.9, 0.6, 0, 0.3, 5, 0.4, -1]);
    const channelsLast = t([2, 2, 3], [0.7, 1.2, 0.3, 0.4, 0.2, 0.9, 0.6, 0.3, 0.4, 0, 5, -1]);
    const labels = t([2, 2], [1, 2, 0, 1]);
    const first = analyzeClassification(channelsFirst, labels, { classAxis: 'first', smoothing: 0.1 });
    const last = analyzeClassification(channelsLast, labels, { smoothing: 0.1 });
    assert.deepEqual(first.sampleShape, [2, 2]);
    assert.equal(first.classCount, 3);
    assertAllClose(first.softmaxCrossEntropy, last.softmaxCrossEntropy, 0);
    assertAllClose(first.sigmoidCrossEntropy.data, last.sigmoidCrossEntropy.data, 0);
    assertClose(first.softmaxCrossEntropy[0], analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 }).softmaxCrossEntropy[0], 0);
    // Diagnostics name elements in the caller's layout.
    const withNaN = t([2, 3, 2], [0.7, 0.4, 1.2, 0.2, 0.3, 0.9, 0.6, 0, 0.3, NaN, 0.4, -1]);
    const report = analyzeClassification(withNaN, labels, { classAxis: 'first' });
    assert.deepEqual(report.diagnostics.find((d) => d.code === 'non-finite-input')?.index, [1, 1, 1]);
    // Dense targets in the same layout.
    const dense = t([2, 3, 2], [0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0]);
    assertAllClose(analyzeClassification(channelsFirst, dense, { classAxis: 'first' }).softmaxCrossEntropy, first.softmaxCrossEntropyHard, 1e-15);
  });

  it('treats a class axis of size 1 as binary (K = 2 where needed)', () => {
    const report = analyzeClassification(t([3, 1], [0.7, -1.2, 0]), t([3], [1, 0, 1]), { smoothing: 0.2 });
    assert.equal(report.labelKind, 'binary');
    assert.equal(report.classCount, 2);
    assert.deepEqual(report.sigmoidCrossEntropy.shape, [3]);
    assert.deepEqual(report.softmax.shape, [3, 2]);
    assertAllClose(report.sigmoidTargets.data, [0.9, 0.1, 0.9], 1e-15);
    const sigma = 1 / (1 + Math.exp(-0.7));
    assertAllClose(report.softmax.data.subarray(0, 2), [1 - sigma, sigma], 1e-15);
    assertClose(report.sigmoidCrossEntropy.data[0], -0.9 * Math.log(sigma) - 0.1 * Math.log(1 - sigma), 1e-14);
  });

  it('names both shapes when labels do not fit the logits', () => {
    rejects(
      () => analyzeClassification(SEED_LOGITS, t([2], [0, 1])),
      'labels',
      /labels shape \[2\] does not fit logits shape \[3, 3\]: the batch sizes differ \(2 vs 3\)/,
    );
    rejects(
      () => analyzeClassification(SEED_LOGITS, t([3, 4], new Array<number>(12).fill(0))),
      'labels',
      /\[3, 4\] does not fit logits shape \[3, 3\]: the labels have 4 classes but the logits' class axis has K = 3/,
    );
    rejects(() => analyzeClassification(t([0, 3], []), t([0], [])), 'logits', /hold no values/);
    rejects(() => analyzeClassification(t([4], [1, 2, 3, 4]), t([3], [1, 0, 1])), 'labels', /does not fit logits shape \[4\]/);
  });

  it('validates weights and options', () => {
    rejects(() => analyzeClassification(SEED_LOGITS, SEED_LABELS, { classWeights: [1, 2] }), 'weights', /2 class weights given for K = 3 classes/);
    rejects(() => analyzeClassification(SEED_LOGITS, SEED_LABELS, { classWeights: [1, -2, 1] }), 'weights', /class weight 1 must be a finite number ≥ 0/);
    rejects(() => analyzeClassification(SEED_LOGITS, SEED_LABELS, { posWeight: [1, 2] }), 'weights', /pos_weight has 2 values/);
    rejects(
      () => analyzeClassification(SEED_LOGITS, SEED_LABELS, { dialect: 'jax' as never }),
      'options',
      /dialect must be one of 'tf', 'tf-v1', 'keras', 'pytorch', 'tfjs', 'optax'/,
    );
    rejects(() => analyzeClassification(SEED_LOGITS, SEED_LABELS, { ignoreIndex: 0.5 }), 'options', /ignore_index must be an integer/);
    rejects(() => analyzeClassification(SEED_LOGITS, SEED_LABELS, { precisionDigits: 5000 }), 'options', /precision digits/);
  });

  it('leaves ignored samples out of the unweighted means', () => {
    const report = analyzeClassification(SEED_LOGITS, t([3], [1, -100, 0]), { ignoreIndex: -100 });
    assert.equal(report.softmaxCrossEntropy[1], 0);
    assertClose(report.mean.softmaxCrossEntropy, (0.6996759812098481 + 0.9398310608444601) / 2, 1e-12);
    assert.deepEqual(Array.from(report.oneHot.data.subarray(3, 6)), [0, 0, 0]);
    assert.ok(report.diagnostics.some((d) => d.code === 'ignored-samples'));
    const all = analyzeClassification(SEED_LOGITS, t([3], [-1, -1, -1]), { ignoreIndex: -1 });
    assert.ok(Number.isNaN(all.reduced.softmaxCrossEntropy));
    assert.ok(all.diagnostics.some((d) => d.code === 'empty-mean'));
  });

  it('stays finite for huge logits on every path', () => {
    const report = analyzeClassification(t([2, 3], [1000, -1000, 0, -800, 900, 1e6]), t([2], [1, 2]), { smoothing: 0.1 });
    for (const v of [...report.softmaxCrossEntropy, ...report.sigmoidCrossEntropy.data]) assert.ok(Number.isFinite(v));
    assertClose(report.softmaxCrossEntropyHard[0], 2000, 1e-15);
    assertClose(report.sigmoidCrossEntropy.data[0], 1000 - 1000 * (0.1 / 3), 1e-15);
  });

  it('computes targets and softmax on first read, equal to the standalone definitions', () => {
    // Logits that reach every row path: ordinary, huge (general path), ±inf and NaN.
    const logit = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -30, max: 30, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, NaN, 1e4, -1e4, 750) },
    );
    const problem = fc.record({ samples: fc.integer({ min: 1, max: 5 }), classes: fc.integer({ min: 2, max: 5 }) }).chain(({ samples, classes }) =>
      fc.record({
        samples: fc.constant(samples),
        classes: fc.constant(classes),
        logits: fc.array(logit, { minLength: samples * classes, maxLength: samples * classes }),
        labels: fc.oneof(
          fc.array(fc.integer({ min: -1, max: classes - 1 }), { minLength: samples, maxLength: samples }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: samples * classes, maxLength: samples * classes }),
        ),
        smoothing: fc.constantFrom(0, 0.1, 0.3),
        sigmoidSmoothing: fc.constantFrom('classes' as const, 'binary' as const),
      }),
    );
    fc.assert(
      fc.property(problem, ({ samples, classes: K, logits, labels, smoothing, sigmoidSmoothing }) => {
        const indexLabels = labels.length === samples;
        const report = analyzeClassification(t([samples, K], logits), indexLabels ? t([samples], labels) : t([samples, K], labels), {
          smoothing,
          sigmoidSmoothing,
          ignoreIndex: -1,
        });
        const hard = indexLabels ? labels.flatMap((y) => Array.from({ length: K }, (_, j) => (j === y ? 1 : 0))) : labels;
        const ignored = (e: number) => indexLabels && labels[Math.floor(e / K)] < 0;
        const smooth = (spread: number) => hard.map((y, e) => (ignored(e) ? 0 : smoothing === 0 ? y : y * (1 - smoothing) + smoothing / spread));
        const sigmoidTargets = smooth(sigmoidSmoothing === 'binary' ? 2 : K);
        assert.deepEqual(report.softmax.data, softmax(t([samples, K], logits)).data);
        assert.deepEqual(Array.from(report.oneHot.data), hard);
        assert.deepEqual(Array.from(report.smoothedLabels.data), smooth(K));
        assert.deepEqual(Array.from(report.sigmoidTargets.data), sigmoidTargets);
        if (report.labelKind !== 'indices' && report.labelKind !== 'one-hot') {
          assert.deepEqual(report.labelEntropy, rowEntropies(report.smoothedLabels.data, samples, K));
        }
        report.sigmoidCrossEntropy.data.forEach((loss, e) => {
          const expected = ignored(e) ? 0 : sigmoidCrossEntropyAt(logits[e], sigmoidTargets[e]);
          if (Number.isNaN(expected)) assert.ok(Number.isNaN(loss), `element ${e}`);
          else assertClose(loss, expected, 1e-13 * Math.max(1, Math.abs(expected)), `sigmoid CE element ${e}`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives a row the general path computed (a logit beyond ±700, inf, NaN) its own softmax and entropy', () => {
    const report = analyzeClassification(t([3, 3], [1, 2, 3, 800, 1, 2, NaN, 0, 0]), t([3], [2, 0, 1]));
    const p = Array.from(report.softmax.data);
    assertAllClose(p.slice(0, 3), [0.09003057317038046, 0.24472847105479764, 0.6652409557748219], 1e-15, 'ordinary row');
    assert.deepEqual(p.slice(3, 6), [1, 0, 0]);
    assert.ok(p.slice(6).every(Number.isNaN));
    assert.equal(report.entropy[1], 0);
    assert.ok(Number.isNaN(report.entropy[2]));
  });

  it('takes the entropy of binary targets from the labels as smoothed', () => {
    const report = analyzeClassification(t([3], [0.5, -2, 3]), t([3], [1, 0, 0.25]), { smoothing: 0.2 });
    assert.equal(report.labelKind, 'binary');
    assert.deepEqual(report.labelEntropy, rowEntropies(report.smoothedLabels.data, 3, 2));
    assertClose(report.labelEntropy[0], -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)), 1e-15);
  });
});
