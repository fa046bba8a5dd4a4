/**
 * Property checks for the engine, shared by the unit tests (test/unit/engine/fuzz.test.ts) and
 * `npm run fuzz` (many more runs). Each throws fast-check's report when a counterexample exists.
 *
 * The contract under test: any input (shapes, values, options, even options of the wrong type)
 * gives a report or an InputError, never another exception, never a hang, and never a
 * non-finite loss without a diagnostic saying why.
 */
import fc from 'fast-check';
import { analyzeClassification, analyzeDistributions, analyzeLikelihood, compareDialects, derive } from '../../../src/engine';
import { InputError } from '../../../src/errors';
import { DIALECTS, REDUCTIONS, type ClassificationOptions, type ClassificationReport } from '../../../src/report/model';
import type { Tensor } from '../../../src/tensor';

export interface Runs {
  readonly numRuns: number;
  readonly seed?: number;
}

/** Longest one engine call may take on these small inputs before it counts as a hang. */
const CALL_LIMIT_MS = 1000;

/** Every awkward double, well represented. */
const value = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 6 }) },
  { weight: 2, arbitrary: fc.double({ min: -20, max: 20, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, -0, 1, 0.5, NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e300, 0.1, 1 / 3),
  },
);

/** Shapes of rank 0..3, sizes 0..4 (0 included: empty tensors are input too). */
const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });

function tensorOf(dimensions: fc.Arbitrary<number[]>, values: fc.Arbitrary<number>): fc.Arbitrary<Tensor> {
  return dimensions.chain((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    return fc.array(values, { minLength: size, maxLength: size }).map((data) => ({ shape: s, data: Float64Array.from(data) }));
  });
}

export const anyTensor: fc.Arbitrary<Tensor> = tensorOf(shape, value);

/** Labels that fit `logits` often enough to reach the loss code, and arbitrary ones otherwise. */
function labelsFor(logits: Tensor): fc.Arbitrary<Tensor> {
  const s = logits.shape;
  const classes = s.length === 0 ? 1 : s[s.length - 1];
  const indexShape = s.slice(0, -1);
  const index = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: Math.max(0, classes - 1) }) }, { weight: 1, arbitrary: value });
  const soft = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 1) },
    { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
    { weight: 1, arbitrary: value },
  );
  return fc.oneof(
    { weight: 3, arbitrary: tensorOf(fc.constant(indexShape), index) },
    { weight: 3, arbitrary: tensorOf(fc.constant([...s]), soft) },
    { weight: 1, arbitrary: tensorOf(fc.constant([...indexShape, 1]), index) },
    { weight: 1, arbitrary: anyTensor },
  );
}

/** Options as settings, the CLI and webview messages might send them: mostly valid, sometimes not at all. */
const options: fc.Arbitrary<Partial<ClassificationOptions>> = fc.record(
  {
    smoothing: fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 0.999, noNaN: true }) }, { weight: 1, arbitrary: value }),
    sigmoidSmoothing: fc.constantFrom('classes', 'binary'),
    dialect: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...DIALECTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }),
    reduction: fc.constantFrom(...REDUCTIONS),
    classAxis: fc.constantFrom('last', 'first'),
    float32: fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.anything() }),
    classWeights: fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), value), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.anything() },
    ),
    posWeight: fc.oneof(value, fc.array(value, { maxLength: 5 })),
    ignoreIndex: fc.oneof(fc.constantFrom(-100, -1, 0, 1), value),
    additionalLosses: fc.boolean(),
    focalGamma: value,
    focalAlpha: value,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<ClassificationOptions>>;

/** Runs `compute`; only an InputError may escape, and not after CALL_LIMIT_MS. */
function safely<T>(compute: () => T): T | InputError {
  const started = performance.now();
  let result: T | InputError;
  try {
    result = compute();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (typeof error.message !== 'string' || error.message.length === 0) throw new Error('an InputError without a message');
    result = error;
  }
  const elapsed = performance.now() - started;
  if (elapsed > CALL_LIMIT_MS) throw new Error(`one engine call took ${elapsed.toFixed(0)} ms`);
  return result;
}

/** A non-finite loss is always explained: an error diagnostic, or the warnings for 0/0 means. */
function explainsNonFinite(report: ClassificationReport): boolean {
  const values = [...report.softmaxCrossEntropy, ...report.sigmoidCrossEntropy.data];
  const totals = [report.mean.softmaxCrossEntropy, report.mean.sigmoidCrossEntropy, report.reduced.softmaxCrossEntropy, report.reduced.sigmoidCrossEntropy];
  if ([...values, ...totals].every(Number.isFinite)) return true;
  const codes = new Set(report.diagnostics.map((d) => d.code));
  if (report.diagnostics.some((d) => d.severity === 'error')) return true;
  // Every sample ignored, or every weight 0: the means are 0/0 and the warning says so.
  return values.every(Number.isFinite) && (codes.has('empty-mean') || codes.has('zero-denominator'));
}

/** analyzeClassification (and compareDialects, derive) on anything: a report or an InputError. */
export function classificationIsSafe(runs: Runs): void {
  fc.assert(
    fc.property(
      anyTensor.chain((logits) => fc.tuple(fc.constant(logits), labelsFor(logits))),
      options,
      fc.nat(),
      ([logits, labels], chosen, seed) => {
        const report = safely(() => analyzeClassification(logits, labels, chosen));
        if (report instanceof InputError) return true;
        if (!explainsNonFinite(report)) return false;
        if (report.softmax.data.length !== report.batchSize * report.classCount) return false;
        // Every tenth case: the dialect comparison and a derivation of some element.
        if (seed % 10 === 0) {
          safely(() => compareDialects(logits, labels, chosen));
          const quantity = (['softmaxCrossEntropy', 'sigmoidCrossEntropy', 'softmax', 'smoothedLabel'] as const)[seed % 4];
          safely(() => derive(report, quantity, [seed % (report.batchSize + 1), (seed >> 3) % (report.classCount + 1)]));
        }
        return true;
      },
    ),
    runs,
  );
}

/** Finite logits and index labels: softmax rows sum to 1, losses are finite, ≥ 0 and agree with their definitions. */
export function validInputsAreConsistent(runs: Runs): void {
  const batch = fc.record({ samples: fc.integer({ min: 1, max: 5 }), classes: fc.integer({ min: 1, max: 6 }) }).chain(({ samples, classes }) =>
    fc.record({
      logits: fc.array(fc.double({ min: -60, max: 60, noNaN: true }), { minLength: samples * classes, maxLength: samples * classes }),
      labels: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: samples, maxLength: samples }),
      samples: fc.constant(samples),
      classes: fc.constant(classes),
      smoothing: fc.double({ min: 0, max: 0.99, noNaN: true }),
    }),
  );
  fc.assert(
    fc.property(batch, ({ logits, labels, samples, classes, smoothing }) => {
      const report = analyzeClassification(
        { shape: [samples, classes], data: Float64Array.from(logits) },
        { shape: [samples], data: Float64Array.from(labels) },
        { smoothing },
      );
      const K = report.classCount;
      const columns = classes === 1 ? 1 : K;
      let sum = 0;
      for (let i = 0; i < samples; i++) {
        let rowSum = 0;
        for (let j = 0; j < K; j++) rowSum += report.softmax.data[i * K + j];
        if (Math.abs(rowSum - 1) > 1e-12 * K) return false;
        const hard = report.softmaxCrossEntropyHard[i];
        const smoothed = report.softmaxCrossEntropy[i];
        if (!(Number.isFinite(hard) && hard >= 0 && Number.isFinite(smoothed) && smoothed >= 0)) return false;
        const expected = classes === 1 ? report.softmaxCrossEntropyHard[i] : -Math.log(report.softmax.data[i * K + labels[i]]);
        // −log p loses digits when p underflows; compare where p is a normal number.
        if (report.softmax.data[i * K + labels[i]] > 1e-300 && Math.abs(hard - expected) > 1e-9 * Math.max(1, expected)) return false;
        sum += smoothed;
        for (let j = 0; j < columns; j++) {
          const sigmoid = report.sigmoidCrossEntropy.data[i * columns + j];
          if (!(Number.isFinite(sigmoid) && sigmoid >= 0)) return false;
        }
      }
      return Math.abs(report.mean.softmaxCrossEntropy - sum / samples) <= 1e-12 * Math.max(1, sum) && report.diagnostics.every((d) => d.severity !== 'error');
    }),
    runs,
  );
}

/** Distributions and likelihood on anything; when defined, CE = H + KL and KL ≥ 0. */
export function distributionsAreSafe(runs: Runs): void {
  const probabilities = fc.oneof(
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }).map((values) => {
      const total = values.reduce((a, b) => a + b, 0);
      return total > 0 ? values.map((v) => v / total) : values;
    }),
    fc.array(value, { maxLength: 6 }),
  );
  const vector = (values: number[]): Tensor => ({ shape: [values.length], data: Float64Array.from(values) });
  fc.assert(
    fc.property(
      probabilities,
      probabilities,
      fc.oneof(anyTensor, fc.array(fc.constantFrom(0, 1), { maxLength: 12 }).map(vector)),
      fc.option(value),
      (p, q, outcomes, theta) => {
        const report = safely(() => analyzeDistributions(vector(p), vector(q)));
        if (!(report instanceof InputError) && Number.isFinite(report.crossEntropy)) {
          if (report.klDivergence < -1e-12 || Math.abs(report.crossEntropy - report.entropy - report.klDivergence) > 1e-9 * Math.max(1, report.crossEntropy))
            return false;
        }
        const likelihood = safely(() => analyzeLikelihood(outcomes, theta ?? undefined));
        return likelihood instanceof InputError || (likelihood.mle >= 0 && likelihood.mle <= 1);
      },
    ),
    runs,
  );
}
