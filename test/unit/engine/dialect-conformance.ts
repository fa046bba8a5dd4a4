/**
 * The dialect shortcuts of analyzeClassification (dialect.ts reduceForDialect, run.ts) against the
 * call catalogue, the exact model of each framework call: on random small batches, every dialect's
 * reduced losses and its unreduced (weighted) values must be what the call the dialect names
 * returns, within a few float32 ulps (float32) or 1e-12 relative (float64).
 *
 * Where a dialect models something its framework has no argument for, the property uses what a
 * user of that framework writes instead, or leaves the case out:
 * - ignored samples (index labels equal to ignore_index): native in torch cross_entropy
 *   (ignore_index) and Keras SparseCategoricalCrossentropy (ignore_class, ε = 0 only: it has no
 *   label_smoothing); tf.compat.v1.losses and tfjs give them weight 0 (SUM_BY_NONZERO_WEIGHTS then
 *   leaves them out of the count); everywhere else (tf.nn, optax, the sigmoid losses, Keras with
 *   ε > 0) the call runs on the samples not ignored ("masked out of the sum and the count") and
 *   the ignored ones must be 0 in the unreduced values. When every sample is ignored those calls
 *   have no batch to run on, and the case is left out;
 * - pos_weight only for torch (binary_cross_entropy_with_logits) and tf
 *   (tf.nn.weighted_cross_entropy_with_logits): the other frameworks have none;
 * - sigmoid smoothing in tf, torch and optax, which take no smoothing argument: the targets are
 *   smoothed by hand, z·(1 − ε) + ε/spread (spread K, or 2 for binary or sigmoidSmoothing 'binary'),
 *   as the dialect's call string says;
 * - the softmax loss of one logit per sample (K = 1) is the engine's two-class stand-in, not a
 *   framework call: only the sigmoid loss is checked there.
 * Class weights become what each dialect says: torch weight=w; Keras sample_weight = w[class];
 * tf, tf.compat.v1, tfjs and optax w[class] per sample (softmax) and w_c per column (sigmoid),
 * w[class] per sample for one logit per sample. A sample's class is its index, or the first
 * argmax of its target row ([1 − z, z] for one logit).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeClassification } from '../../../src/engine';
import { type ClassificationReport, type Dialect, type Reduction } from '../../../src/report/model';
import { runCall } from './calls/helpers';

const IGNORE = -100;

interface Batch {
  readonly samples: number;
  /** Logit columns: K, or 1 for one logit per sample. */
  readonly columns: number;
  readonly logits: number[];
  readonly kind: 'indices' | 'one-hot' | 'soft' | 'binary';
  /** Class indices (IGNORE for ignored) for 'indices', else [samples, columns] targets. */
  readonly labels: number[];
  readonly smoothing: number;
  readonly sigmoidSmoothing: 'classes' | 'binary';
  readonly reduction: Reduction;
  readonly classWeights: number[] | null;
  readonly posWeight: number | number[] | null;
  readonly float32: boolean;
}

const logit = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e3, -1e3, 0) },
);

function softRow(columns: number): fc.Arbitrary<number[]> {
  return fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: columns, maxLength: columns }).map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / total);
  });
}

const weight = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.double({ min: 0.01, max: 3, noNaN: true }) });

export const batch: fc.Arbitrary<Batch> = fc
  .record({ samples: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ samples, columns }) => {
    const binary = columns === 1;
    const classCount = binary ? 2 : columns;
    const index = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: columns - 1 }) }, { weight: 1, arbitrary: fc.constant(IGNORE) });
    const labels: fc.Arbitrary<{ kind: Batch['kind']; labels: number[] }> = binary
      ? fc
          .array(fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: samples, maxLength: samples })
          .map((z) => ({ kind: 'binary' as const, labels: z }))
      : fc.oneof(
          fc.array(index, { minLength: samples, maxLength: samples }).map((y) => ({ kind: 'indices' as const, labels: y })),
          fc
            .array(fc.integer({ min: 0, max: columns - 1 }), { minLength: samples, maxLength: samples })
            .map((y) => ({ kind: 'one-hot' as const, labels: y.flatMap((c) => Array.from({ length: columns }, (_, j) => (j === c ? 1 : 0))) })),
          fc.array(softRow(columns), { minLength: samples, maxLength: samples }).map((rows) => ({ kind: 'soft' as const, labels: rows.flat() })),
        );
    return fc
      .record({
        samples: fc.constant(samples),
        columns: fc.constant(columns),
        logits: fc.array(logit, { minLength: samples * columns, maxLength: samples * columns }),
        labelled: labels,
        smoothing: fc.constantFrom(0, 0.1, 0.3),
        sigmoidSmoothing: fc.constantFrom('classes' as const, 'binary' as const),
        reduction: fc.constantFrom<Reduction>('none', 'mean', 'sum'),
        classWeights: fc.option(fc.array(weight, { minLength: classCount, maxLength: classCount }), { nil: null }),
        posWeight: fc.option(fc.oneof(weight, fc.array(weight, { minLength: columns, maxLength: columns })), { nil: null }),
        float32: fc.boolean(),
      })
      .map(({ labelled, ...rest }) => ({ ...rest, ...labelled }));
  });

/** What a dialect's call returned, to compare with the report: reduced, or per sample / per element. */
interface Expected {
  readonly softmax: number[] | null;
  readonly sigmoid: number[];
}

const round32 = (v: number) => Math.fround(v);
const identity = (v: number) => v;

/** A batch's arrays, cut to what each call takes. */
class View {
  readonly round: (v: number) => number;
  readonly binary: boolean;
  readonly classCount: number;
  readonly ignored: boolean[];
  /** Each sample's class: its index, or the first argmax of its target row; −1 if ignored. */
  readonly classes: number[];
  constructor(readonly batch: Batch) {
    this.round = batch.float32 ? round32 : identity;
    this.binary = batch.columns === 1;
    this.classCount = this.binary ? 2 : batch.columns;
    this.ignored = Array.from({ length: batch.samples }, (_, i) => batch.kind === 'indices' && batch.labels[i] === IGNORE);
    this.classes = Array.from({ length: batch.samples }, (_, i) => {
      if (batch.kind === 'indices') return batch.labels[i] === IGNORE ? -1 : batch.labels[i];
      // The labels as the framework holds them: float32 can turn a near tie into a tie.
      const z = this.round(batch.labels[i]);
      const row = this.binary ? [this.round(1 - z), z] : this.denseRow(i).map(this.round);
      return row.indexOf(Math.max(...row));
    });
  }
  get kept(): number[] {
    return this.ignored.flatMap((ignored, i) => (ignored ? [] : [i]));
  }
  get anyIgnored(): boolean {
    return this.ignored.some(Boolean);
  }
  logitRows(samples: number[]): number[][] {
    const C = this.batch.columns;
    return samples.map((i) => this.batch.logits.slice(i * C, (i + 1) * C));
  }
  denseRow(i: number): number[] {
    const { columns: C, kind, labels } = this.batch;
    if (kind === 'indices') return Array.from({ length: C }, (_, j) => (j === labels[i] ? 1 : 0));
    return labels.slice(i * C, (i + 1) * C);
  }
  /** Targets as rows: one-hot for indices (zeros if ignored), the labels otherwise ([z] for one logit). */
  targetRows(samples: number[]): number[][] {
    return samples.map((i) => (this.binary ? [this.batch.labels[i]] : this.denseRow(i)));
  }
  /** z·(1 − ε) + ε/spread, rounded as a float32 framework computes it. */
  smoothed(rows: number[][], spread: number): number[][] {
    const r = this.round;
    const e = r(this.batch.smoothing);
    if (e === 0) return rows;
    const keep = r(1 - e);
    const floor = r(e / spread);
    return rows.map((row) => row.map((z) => r(r(r(z) * keep) + floor)));
  }
  sampleWeight(i: number): number {
    const w = this.batch.classWeights;
    return this.classes[i] < 0 ? 0 : w === null ? 1 : w[this.classes[i]];
  }
  /** The sigmoid loss's weight per element: w_c per column, or w[class] for one logit per sample. */
  elementWeights(samples: number[]): number[][] {
    const w = this.batch.classWeights;
    return samples.map((i) => (this.binary ? [this.sampleWeight(i)] : Array.from({ length: this.batch.columns }, (_, j) => (w === null ? 1 : w[j]))));
  }
  /** Sigmoid smoothing spread where the dialect smooths by hand (tf, torch, optax). */
  get handSpread(): number {
    return this.binary || this.batch.sigmoidSmoothing === 'binary' ? 2 : this.batch.columns;
  }
}

function flat(report: { value: { data: Float64Array } }): number[] {
  return Array.from(report.value.data);
}

/** Sequential sum and mean, each step rounded: how the test reduces the unreduced calls of tf.nn and optax. */
function reduceByHand(values: number[], count: number, reduction: Reduction, round: (v: number) => number): number[] {
  if (reduction === 'none') return values;
  let sum = 0;
  for (const v of values) sum = round(sum + v);
  return [reduction === 'sum' ? sum : round(sum / count)];
}

function times(values: number[], weights: number[], round: (v: number) => number): number[] {
  return values.map((v, i) => round(v * round(weights[i])));
}

/** Unreduced values of the kept samples back at their places, 0 for the ignored (each `width` values long). */
function scatter(view: View, kept: number[], values: number[], width: number): number[] {
  const out = new Array<number>(view.batch.samples * width).fill(0);
  kept.forEach((i, k) => {
    for (let j = 0; j < width; j++) out[i * width + j] = values[k * width + j];
  });
  return out;
}

/** A reduced subset result, or the subset's unreduced values scattered back. */
function subsetResult(view: View, kept: number[], values: number[], width: number): number[] {
  return view.batch.reduction === 'none' ? scatter(view, kept, values, width) : values;
}

const TF_REDUCTION: Record<Reduction, string> = { none: 'NONE', sum: 'SUM', mean: 'SUM_BY_NONZERO_WEIGHTS' };
const KERAS_REDUCTION: Record<Reduction, string> = { none: 'none', sum: 'sum', mean: 'sum_over_batch_size' };

function pytorch(view: View): Expected | null {
  const { batch } = view;
  const all = Array.from({ length: batch.samples }, (_, i) => i);
  const kept = view.kept;
  const float32 = batch.float32;
  let softmax: number[] | null = null;
  if (!view.binary) {
    const target = batch.kind === 'indices' ? batch.labels : view.targetRows(all);
    const keyword: Record<string, unknown> = { label_smoothing: batch.smoothing, reduction: batch.reduction, ignore_index: IGNORE };
    if (batch.classWeights) keyword.weight = batch.classWeights;
    softmax = flat(runCall('torch.nn.functional.cross_entropy', [view.logitRows(all), target], keyword, float32));
  }
  if (kept.length === 0) return null;
  const keyword: Record<string, unknown> = { reduction: batch.reduction };
  if (batch.classWeights) keyword.weight = view.elementWeights(kept);
  if (batch.posWeight !== null) keyword.pos_weight = typeof batch.posWeight === 'number' ? [batch.posWeight] : batch.posWeight;
  const targets = view.smoothed(view.targetRows(kept), view.handSpread);
  const sigmoid = flat(runCall('torch.nn.functional.binary_cross_entropy_with_logits', [view.logitRows(kept), targets], keyword, float32));
  return { softmax, sigmoid: subsetResult(view, kept, sigmoid, batch.columns) };
}

function keras(view: View): Expected | null {
  const { batch } = view;
  const all = Array.from({ length: batch.samples }, (_, i) => i);
  const kept = view.kept;
  const float32 = batch.float32;
  const reduction = KERAS_REDUCTION[batch.reduction];
  let softmax: number[] | null = null;
  if (!view.binary) {
    if (batch.kind === 'indices' && batch.smoothing === 0) {
      const keyword: Record<string, unknown> = { from_logits: true, reduction };
      if (view.anyIgnored) keyword.ignore_class = IGNORE;
      if (batch.classWeights) keyword.sample_weight = all.map((i) => view.sampleWeight(i));
      softmax = flat(runCall('keras.losses.SparseCategoricalCrossentropy', [batch.labels, view.logitRows(all)], keyword, float32));
    } else if (kept.length > 0) {
      const keyword: Record<string, unknown> = { from_logits: true, label_smoothing: batch.smoothing, reduction };
      if (batch.classWeights) keyword.sample_weight = kept.map((i) => view.sampleWeight(i));
      const values = flat(runCall('keras.losses.CategoricalCrossentropy', [view.targetRows(kept), view.logitRows(kept)], keyword, float32));
      softmax = subsetResult(view, kept, values, 1);
    }
  }
  if (kept.length === 0) return softmax === null ? null : { softmax, sigmoid: [] };
  const keyword: Record<string, unknown> = { from_logits: true, label_smoothing: batch.smoothing, reduction };
  if (batch.classWeights) keyword.sample_weight = kept.map((i) => view.sampleWeight(i));
  const sigmoid = flat(runCall('keras.losses.BinaryCrossentropy', [view.targetRows(kept), view.logitRows(kept)], keyword, float32));
  return { softmax, sigmoid: subsetResult(view, kept, sigmoid, 1) };
}

function tf(view: View): Expected | null {
  const { batch, round } = view;
  const kept = view.kept;
  if (kept.length === 0) return null;
  const float32 = batch.float32;
  let softmax: number[] | null = null;
  if (!view.binary) {
    const losses =
      batch.kind === 'indices' && batch.smoothing === 0
        ? flat(
            runCall('tf.nn.sparse_softmax_cross_entropy_with_logits', [], { labels: kept.map((i) => batch.labels[i]), logits: view.logitRows(kept) }, float32),
          )
        : flat(
            runCall(
              'tf.nn.softmax_cross_entropy_with_logits',
              [],
              { labels: view.smoothed(view.targetRows(kept), batch.columns), logits: view.logitRows(kept) },
              float32,
            ),
          );
    const weighted = batch.classWeights
      ? times(
          losses,
          kept.map((i) => view.sampleWeight(i)),
          round,
        )
      : losses;
    softmax = subsetResult(view, kept, reduceByHand(weighted, kept.length, batch.reduction, round), 1);
  }
  const labels = view.smoothed(view.targetRows(kept), view.handSpread);
  const logits = view.logitRows(kept);
  const losses =
    batch.posWeight !== null
      ? flat(runCall('tf.nn.weighted_cross_entropy_with_logits', [], { labels, logits, pos_weight: batch.posWeight }, float32))
      : flat(runCall('tf.nn.sigmoid_cross_entropy_with_logits', [], { labels, logits }, float32));
  const weighted = batch.classWeights ? times(losses, view.elementWeights(kept).flat(), round) : losses;
  const sigmoid = subsetResult(view, kept, reduceByHand(weighted, weighted.length, batch.reduction, round), batch.columns);
  return { softmax, sigmoid };
}

/** tf.compat.v1.losses and tfjs: ignored samples weigh 0, which SUM_BY_NONZERO_WEIGHTS leaves out of the count. */
function nonzeroWeights(view: View, calls: { softmax: string; sigmoid: string }, names: { labels: string; multi: string; smoothing: string }): Expected {
  const { batch } = view;
  const all = Array.from({ length: batch.samples }, (_, i) => i);
  const weighted = batch.classWeights !== null || view.anyIgnored;
  const reduction = TF_REDUCTION[batch.reduction];
  let softmax: number[] | null = null;
  if (!view.binary) {
    const keyword: Record<string, unknown> = {
      [names.labels]: view.targetRows(all),
      logits: view.logitRows(all),
      [names.smoothing]: batch.smoothing,
      reduction,
    };
    if (weighted) keyword.weights = all.map((i) => view.sampleWeight(i));
    softmax = flat(runCall(calls.softmax, [], keyword, batch.float32));
  }
  const keyword: Record<string, unknown> = { [names.multi]: view.targetRows(all), logits: view.logitRows(all), [names.smoothing]: batch.smoothing, reduction };
  if (weighted) keyword.weights = view.elementWeights(all).map((row, i) => (view.ignored[i] ? row.map(() => 0) : row));
  const sigmoid = flat(runCall(calls.sigmoid, [], keyword, batch.float32));
  return { softmax, sigmoid };
}

function tfV1(view: View): Expected {
  return nonzeroWeights(
    view,
    { softmax: 'tf.compat.v1.losses.softmax_cross_entropy', sigmoid: 'tf.compat.v1.losses.sigmoid_cross_entropy' },
    { labels: 'onehot_labels', multi: 'multi_class_labels', smoothing: 'label_smoothing' },
  );
}

function tfjs(view: View): Expected {
  return nonzeroWeights(
    view,
    { softmax: 'tf.losses.softmaxCrossEntropy', sigmoid: 'tf.losses.sigmoidCrossEntropy' },
    { labels: 'onehotLabels', multi: 'multiClassLabels', smoothing: 'labelSmoothing' },
  );
}

function optax(view: View): Expected | null {
  const { batch, round } = view;
  const kept = view.kept;
  if (kept.length === 0) return null;
  const float32 = batch.float32;
  const logits = view.logitRows(kept);
  let softmax: number[] | null = null;
  if (!view.binary) {
    let losses: number[];
    if (batch.kind === 'indices' && batch.smoothing === 0) {
      losses = flat(runCall('optax.softmax_cross_entropy_with_integer_labels', [logits, kept.map((i) => batch.labels[i])], {}, float32));
    } else {
      const rows = view.targetRows(kept);
      const labels = batch.smoothing === 0 ? rows : tensorRows(runCall('optax.smooth_labels', [rows, batch.smoothing], {}, float32).value.data, batch.columns);
      losses = flat(runCall('optax.softmax_cross_entropy', [logits, labels], {}, float32));
    }
    const weighted = batch.classWeights
      ? times(
          losses,
          kept.map((i) => view.sampleWeight(i)),
          round,
        )
      : losses;
    softmax = subsetResult(view, kept, reduceByHand(weighted, kept.length, batch.reduction, round), 1);
  }
  const losses = flat(runCall('optax.sigmoid_binary_cross_entropy', [logits, view.smoothed(view.targetRows(kept), view.handSpread)], {}, float32));
  const weighted = batch.classWeights ? times(losses, view.elementWeights(kept).flat(), round) : losses;
  return { softmax, sigmoid: subsetResult(view, kept, reduceByHand(weighted, weighted.length, batch.reduction, round), batch.columns) };
}

function tensorRows(data: Float64Array, columns: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < data.length; i += columns) rows.push(Array.from(data.subarray(i, i + columns)));
  return rows;
}

const EXPECTED: Record<Dialect, (view: View) => Expected | null> = { pytorch, keras, tf, 'tf-v1': tfV1, tfjs, optax };

/** pos_weight only where the framework has it. */
const HAS_POS_WEIGHT: ReadonlySet<Dialect> = new Set<Dialect>(['pytorch', 'tf']);

function analyze(batch: Batch, dialect: Dialect, input: ProbabilityBatch['input'] | 'logits' = 'logits'): ClassificationReport {
  const { samples, columns } = batch;
  const labels =
    batch.kind === 'indices' || batch.kind === 'binary'
      ? { shape: [samples], data: Float64Array.from(batch.labels) }
      : { shape: [samples, columns], data: Float64Array.from(batch.labels) };
  return analyzeClassification({ shape: [samples, columns], data: Float64Array.from(batch.logits) }, labels, {
    dialect,
    reduction: batch.reduction,
    smoothing: batch.smoothing,
    sigmoidSmoothing: batch.sigmoidSmoothing,
    float32: batch.float32,
    ignoreIndex: IGNORE,
    input,
    ...(batch.classWeights ? { classWeights: batch.classWeights } : {}),
    ...(batch.posWeight !== null && HAS_POS_WEIGHT.has(dialect) ? { posWeight: batch.posWeight } : {}),
  });
}

/**
 * Float32 frameworks differ in the order of operations (tfjs' log-softmax is x − (max + log Σ),
 * the fused kernel's (x − max) − log Σ: for logits [1000, 1000] real tfjs 4.22 returns
 * 0.69317627, the kernel log 2 = 0.69314718), so a float32 loss built from logits of size M is
 * defined to about one ulp of M, times the weight, times the number of values a sum adds. Float32
 * values must agree within 4 ulps of that scale (or of the value itself, when larger); float64
 * values within 1e-12 relative.
 */
function float32Scale(batch: Batch): number {
  const largestLogit = Math.max(1, ...batch.logits.map(Math.abs));
  const weights = [...(batch.classWeights ?? []), ...(batch.posWeight === null ? [] : [batch.posWeight].flat())];
  const largestWeight = Math.max(1, ...weights);
  return largestLogit * largestWeight * (batch.reduction === 'sum' ? batch.samples * batch.columns : 1);
}

function agrees(actual: number, expected: number, batch: Batch): boolean {
  if (Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected))) return true;
  if (batch.float32) return Math.abs(actual - expected) <= 4 * 2 ** -23 * Math.max(Math.abs(expected), float32Scale(batch));
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

function assertAgrees(actual: ArrayLike<number>, expected: readonly number[], batch: Batch, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(agrees(actual[i], expected[i], batch), `${what}[${i}]: the catalogue gives ${expected[i]}, the dialect ${actual[i]}`);
  }
}

function compare(expected: Expected, report: ClassificationReport, batch: Batch, dialect: Dialect): void {
  const none = batch.reduction === 'none';
  if (expected.softmax !== null) {
    const actual = none ? (report.weighted?.softmaxCrossEntropy ?? []) : [report.reduced.softmaxCrossEntropy];
    assertAgrees(actual, expected.softmax, batch, `${dialect} softmax`);
  }
  if (expected.sigmoid.length > 0) {
    const actual = none ? (report.weighted?.sigmoidCrossEntropy.data ?? []) : [report.reduced.sigmoidCrossEntropy];
    assertAgrees(actual, expected.sigmoid, batch, `${dialect} sigmoid`);
  }
}

export function conforms(batch: Batch, dialect: Dialect): void {
  const expected = EXPECTED[dialect](new View(batch));
  if (expected !== null) compare(expected, analyze(batch, dialect), batch, dialect);
}

/**
 * options.input = 'probabilities' / 'log-probabilities' against the catalogue's probability-input calls:
 * - torch: softmax nll_loss(log p, target, weight, ignore_index) for index targets without smoothing
 *   (NLLLoss has no label_smoothing); sigmoid binary_cross_entropy(p, z) with z smoothed by hand;
 * - Keras: CategoricalCrossentropy(from_logits=False), the call the dialect names, for index labels too
 *   (probabilities only: for log-probabilities Keras has no call; SparseCategoricalCrossentropy(from_logits=False)
 *   would differ, as it clips before it normalises: keras/src/backend/tensorflow/nn.py), and
 *   BinaryCrossentropy(from_logits=False);
 * - tf.compat.v1: log_loss(labels, predictions, weights), targets smoothed by hand (ε/2, log_loss has no
 *   label_smoothing); tfjs: losses.logLoss likewise; tf: log_loss unreduced, weighted and averaged by hand;
 * - no probability-input softmax loss in tf, tf.compat.v1, tfjs and optax (the dialect's −Σ y·log p is by
 *   hand), and none at all in optax: nothing to compare.
 * Log-probabilities reach the sigmoid calls as p = e^{log p}, as a user would pass them.
 */
export interface ProbabilityBatch extends Batch {
  readonly input: 'probabilities' | 'log-probabilities';
}

function softmaxRow(row: number[]): number[] {
  const top = Math.max(...row);
  const e = row.map((x) => Math.exp(x - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** Probabilities from the batch's logits: softmax rows (0 and 1 included, from ±1e3), or independent sigmoids; for log-probabilities their logs. */
export const probabilityBatch: fc.Arbitrary<ProbabilityBatch> = batch.chain((b) =>
  fc.record({ input: fc.constantFrom('probabilities' as const, 'log-probabilities' as const), normalised: fc.boolean() }).map(({ input, normalised }) => {
    const rows = Array.from({ length: b.samples }, (_, i) => b.logits.slice(i * b.columns, (i + 1) * b.columns));
    const p = (normalised && b.columns > 1 ? rows.map(softmaxRow) : rows.map((row) => row.map((x) => 1 / (1 + Math.exp(-x))))).flat();
    return { ...b, input, logits: input === 'probabilities' ? p : p.map(Math.log) };
  }),
);

/** The probabilities a sigmoid call receives: as given, or e^{log p}. */
function probabilityRows(view: View, samples: number[], input: ProbabilityBatch['input']): number[][] {
  return view.logitRows(samples).map((row) => row.map((v) => (input === 'probabilities' ? v : view.round(Math.exp(v)))));
}

function pytorchProbabilities(view: View, input: ProbabilityBatch['input']): Expected | null {
  const { batch } = view;
  const all = Array.from({ length: batch.samples }, (_, i) => i);
  const kept = view.kept;
  let softmax: number[] | null = null;
  if (!view.binary && batch.kind === 'indices' && batch.smoothing === 0) {
    const logP = view.logitRows(all).map((row) => row.map((v) => (input === 'probabilities' ? Math.log(v) : v)));
    const keyword: Record<string, unknown> = { reduction: batch.reduction, ignore_index: IGNORE };
    if (batch.classWeights) keyword.weight = batch.classWeights;
    softmax = flat(runCall('torch.nn.functional.nll_loss', [logP, batch.labels], keyword, batch.float32));
  }
  if (kept.length === 0) return softmax === null ? null : { softmax, sigmoid: [] };
  const keyword: Record<string, unknown> = { reduction: batch.reduction };
  if (batch.classWeights) keyword.weight = view.elementWeights(kept);
  const targets = view.smoothed(view.targetRows(kept), view.handSpread);
  const sigmoid = flat(runCall('torch.nn.functional.binary_cross_entropy', [probabilityRows(view, kept, input), targets], keyword, batch.float32));
  return { softmax, sigmoid: subsetResult(view, kept, sigmoid, batch.columns) };
}

function kerasProbabilities(view: View, input: ProbabilityBatch['input']): Expected | null {
  const { batch } = view;
  const kept = view.kept;
  const reduction = KERAS_REDUCTION[batch.reduction];
  let softmax: number[] | null = null;
  if (!view.binary && input === 'probabilities' && kept.length > 0) {
    const keyword: Record<string, unknown> = { label_smoothing: batch.smoothing, reduction };
    if (batch.classWeights) keyword.sample_weight = kept.map((i) => view.sampleWeight(i));
    softmax = subsetResult(
      view,
      kept,
      flat(runCall('keras.losses.CategoricalCrossentropy', [view.targetRows(kept), view.logitRows(kept)], keyword, batch.float32)),
      1,
    );
  }
  if (kept.length === 0) return softmax === null ? null : { softmax, sigmoid: [] };
  const keyword: Record<string, unknown> = { label_smoothing: batch.smoothing, reduction };
  if (batch.classWeights) keyword.sample_weight = kept.map((i) => view.sampleWeight(i));
  const sigmoid = flat(runCall('keras.losses.BinaryCrossentropy', [view.targetRows(kept), probabilityRows(view, kept, input)], keyword, batch.float32));
  return { softmax, sigmoid: subsetResult(view, kept, sigmoid, 1) };
}

function logLoss(view: View, input: ProbabilityBatch['input'], call: string): Expected {
  const { batch } = view;
  const all = Array.from({ length: batch.samples }, (_, i) => i);
  const keyword: Record<string, unknown> = {
    labels: view.smoothed(view.targetRows(all), 2),
    predictions: probabilityRows(view, all, input),
    reduction: TF_REDUCTION[batch.reduction],
  };
  if (batch.classWeights !== null || view.anyIgnored) keyword.weights = view.elementWeights(all).map((row, i) => (view.ignored[i] ? row.map(() => 0) : row));
  return { softmax: null, sigmoid: flat(runCall(call, [], keyword, batch.float32)) };
}

function tfProbabilities(view: View, input: ProbabilityBatch['input']): Expected | null {
  const { batch, round } = view;
  const kept = view.kept;
  if (kept.length === 0) return null;
  const labels = view.smoothed(view.targetRows(kept), view.handSpread);
  const losses = flat(
    runCall('tf.compat.v1.losses.log_loss', [], { labels, predictions: probabilityRows(view, kept, input), reduction: 'NONE' }, batch.float32),
  );
  const weighted = batch.classWeights ? times(losses, view.elementWeights(kept).flat(), round) : losses;
  return { softmax: null, sigmoid: subsetResult(view, kept, reduceByHand(weighted, weighted.length, batch.reduction, round), batch.columns) };
}

const EXPECTED_FOR_PROBABILITIES: Record<Dialect, (view: View, input: ProbabilityBatch['input']) => Expected | null> = {
  pytorch: pytorchProbabilities,
  keras: kerasProbabilities,
  tf: tfProbabilities,
  'tf-v1': (view, input) => logLoss(view, input, 'tf.compat.v1.losses.log_loss'),
  tfjs: (view, input) => logLoss(view, input, 'tf.losses.logLoss'),
  optax: () => null,
};

export function conformsForProbabilities(batch: ProbabilityBatch, dialect: Dialect): void {
  const expected = EXPECTED_FOR_PROBABILITIES[dialect](new View(batch), batch.input);
  if (expected === null) return;
  compare(expected, analyze(batch, dialect, batch.input), batch, dialect);
}
