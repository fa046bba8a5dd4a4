/**
 * Reads logits and labels into the engine's [samples, K] view and decides what the labels are,
 * from their shape first and their values second:
 * - shape = logits shape without the class axis: one class index per sample ('indices'), checked
 *   to be integers in [0, K) (or ignore_index); Keras' sparse [N, 1] form is accepted too;
 * - shape = logits shape: rows of 0/1 with one 1 ('one-hot'), rows of 0/1 ('multi-hot'), or
 *   anything else ('probabilities', soft targets);
 * - one logit per sample (class axis of size 1, or rank-1 logits with rank-1 labels): 'binary'.
 *   A rank-1 pair whose labels form a probability vector is read as one sample of K classes
 *   instead, with an info diagnostic, since both readings are common in code.
 * K always comes from the logits. A shape that fits neither reading is an InputError naming both.
 */
import { InputError } from '../errors';
import type { ClassificationOptions, LabelKind } from '../report/model';
import type { Tensor } from '../tensor';
import { andMore, type Diagnostics } from './diagnostics';
import { formatIndex, formatShape, shortNumber } from './format';
import { SampleLayout, classAxisIndex, classesLast, withoutAxis } from './layout';
import { readClassIndices } from './one-hot';

/** Tolerance for "sums to 1" in label and logit rows. */
export const SUM_TOLERANCE = 1e-6;

export interface ClassificationInput {
  readonly layout: SampleLayout;
  /** One logit per sample; K is treated as 2 where a class count is needed. */
  readonly binary: boolean;
  readonly samples: number;
  /** Columns of `logits`: K, or 1 for binary. */
  readonly columns: number;
  /** [samples, columns], classes last. May share the caller's buffer; never written. */
  readonly logits: Float64Array;
  readonly kind: LabelKind;
  /** Class index per sample for 'indices' (−1 = ignored), else null. */
  readonly indices: Int32Array | null;
  /** Dense labels as [samples, columns] for every other kind, else null. May share the caller's buffer. */
  readonly labels: Float64Array | null;
  /** Samples left out through ignore_index. */
  readonly ignored: number;
  /** The caller's labels shape. */
  readonly labelsShape: readonly number[];
}

type LayoutRead = Omit<ClassificationInput, 'labelsShape'>;

export function readClassificationInput(logits: Tensor, labels: Tensor, options: ClassificationOptions, diagnostics: Diagnostics): ClassificationInput {
  const shape = logits.shape;
  if (logits.data.length === 0) {
    throw new InputError(`logits of shape ${formatShape(shape)} hold no values`, undefined, 'logits');
  }
  if (labels.data.length === 0) {
    throw new InputError(`labels of shape ${formatShape(labels.shape)} hold no values`, undefined, 'labels');
  }
  return { ...readLayout(logits, labels, options, diagnostics), labelsShape: [...labels.shape] };
}

function readLayout(logits: Tensor, labels: Tensor, options: ClassificationOptions, diagnostics: Diagnostics): LayoutRead {
  const shape = logits.shape;
  if (shape.length === 0) return binaryInput(logits, labels, new SampleLayout(shape, -1, []), diagnostics);
  if (shape.length === 1) return rankOneInput(logits, labels, options, diagnostics);

  const axis = classAxisIndex(shape.length, options.classAxis);
  const classes = shape[axis];
  const sampleShape = withoutAxis(shape, axis);
  const layout = new SampleLayout(shape, axis, sampleShape);
  const sameAsLogits = sameShape(labels.shape, shape);
  const onePerSample = sameShape(labels.shape, sampleShape);
  const kerasSparse = options.classAxis === 'last' && sameShape(labels.shape, [...sampleShape, 1]) && classes > 1;
  if (classes === 1 && (sameAsLogits || onePerSample)) return binaryInput(logits, labels, layout, diagnostics);
  if (onePerSample || kerasSparse) return indexInput(logits, labels, classes, layout, axis, options, diagnostics);
  if (sameAsLogits) return denseInput(logits, labels, classes, layout, axis, options, diagnostics);
  throw new InputError(shapeMismatch(labels.shape, shape, sampleShape, axis), undefined, 'labels');
}

function rankOneInput(logits: Tensor, labels: Tensor, options: ClassificationOptions, diagnostics: Diagnostics): LayoutRead {
  const n = logits.shape[0];
  const layoutOneSample = new SampleLayout(logits.shape, 0, []);
  const scalarLabel = labels.shape.length === 0 || (sameShape(labels.shape, [1]) && n > 1);
  if (scalarLabel) return indexInput(logits, labels, n, layoutOneSample, 0, options, diagnostics);
  if (!sameShape(labels.shape, logits.shape)) {
    throw new InputError(
      `labels shape ${formatShape(labels.shape)} does not fit logits shape ${formatShape(logits.shape)}: expected [${n}] (one 0..1 target per logit, or one probability row) or a single class index`,
      undefined,
      'labels',
    );
  }
  if (n > 1 && isProbabilityVector(labels.data)) {
    diagnostics.note(
      'rank-1-read-as-one-sample',
      'info',
      () =>
        `Rank-1 logits with labels that sum to 1 were read as one sample of ${n} classes; for ${n} independent binary samples, write the logits as [${n}, 1].`,
      'labels',
    );
    return denseInput(logits, labels, n, layoutOneSample, 0, options, diagnostics);
  }
  return binaryInput(logits, labels, new SampleLayout(logits.shape, -1, [n]), diagnostics);
}

function isProbabilityVector(values: Float64Array): boolean {
  let sum = 0;
  for (const v of values) {
    if (!(v >= 0)) return false;
    sum += v;
  }
  return Math.abs(sum - 1) <= SUM_TOLERANCE;
}

function binaryInput(logits: Tensor, labels: Tensor, layout: SampleLayout, diagnostics: Diagnostics): LayoutRead {
  const samples = logits.data.length;
  if (labels.data.length !== samples) {
    throw new InputError(
      `labels shape ${formatShape(labels.shape)} does not fit logits shape ${formatShape(logits.shape)}: one logit per sample needs one target per sample (${samples})`,
      undefined,
      'labels',
    );
  }
  scanTargets(labels.data, 1, layout, diagnostics);
  diagnostics.note(
    'binary-logits',
    'info',
    () =>
      'One logit per sample: softmax cross-entropy is not defined for a single logit (its softmax is always 1). Shown instead is the two-class softmax over [0, x], which equals the sigmoid cross-entropy; K is taken as 2.',
    'logits',
  );
  return {
    layout,
    binary: true,
    samples,
    columns: 1,
    logits: logits.data,
    kind: 'binary',
    indices: null,
    labels: labels.data,
    ignored: 0,
  };
}

function indexInput(
  logits: Tensor,
  labels: Tensor,
  classes: number,
  layout: SampleLayout,
  axis: number,
  options: ClassificationOptions,
  diagnostics: Diagnostics,
): LayoutRead {
  const indices = readClassIndices(labels, classes, options.ignoreIndex);
  let ignored = 0;
  for (let i = 0; i < indices.length; i++) if (indices[i] < 0) ignored++;
  if (ignored > 0) {
    diagnostics.note(
      'ignored-samples',
      'info',
      () => `${ignored} of ${indices.length} samples have label ${options.ignoreIndex} (ignore_index): they contribute 0 and are left out of the means.`,
      'labels',
      layout.sampleIndex(indices.indexOf(-1)),
      [indices.indexOf(-1)],
    );
  }
  return {
    layout,
    binary: false,
    samples: indices.length,
    columns: classes,
    logits: classesLast(logits, axis),
    kind: 'indices',
    indices,
    labels: null,
    ignored,
  };
}

function denseInput(
  logits: Tensor,
  labels: Tensor,
  classes: number,
  layout: SampleLayout,
  axis: number,
  options: ClassificationOptions,
  diagnostics: Diagnostics,
): LayoutRead {
  const dense = classesLast(labels, axis);
  const kind = scanTargets(dense, classes, layout, diagnostics);
  if (options.ignoreIndex !== undefined) {
    diagnostics.note(
      'ignore-index-unused',
      'info',
      () => `ignore_index = ${options.ignoreIndex} only applies to class-index labels; these labels are ${kind}, so every sample counts.`,
      'labels',
    );
  }
  return {
    layout,
    binary: false,
    samples: dense.length / classes,
    columns: classes,
    logits: classesLast(logits, axis),
    kind,
    indices: null,
    labels: dense,
    ignored: 0,
  };
}

/**
 * One pass over dense targets: decides one-hot / multi-hot / probabilities and notes values
 * outside [0, 1], non-finite values and soft rows that do not sum to 1.
 */
function scanTargets(data: Float64Array, columns: number, layout: SampleLayout, diagnostics: Diagnostics): LabelKind {
  let allZeroOne = true;
  let everyRowOneHot = true;
  let outOfRange = 0;
  let firstOutOfRange = -1;
  let nonFinite = 0;
  let firstNonFinite = -1;
  let unnormalized = 0;
  let firstUnnormalized = -1;
  let firstUnnormalizedSum = 0;
  let firstMultiHot = -1;
  const rows = data.length / columns;
  for (let i = 0; i < rows; i++) {
    let ones = 0;
    let sum = 0;
    for (let j = 0; j < columns; j++) {
      const v = data[i * columns + j];
      sum += v;
      if (v === 1) ones++;
      else if (v !== 0) {
        allZeroOne = false;
        if (!Number.isFinite(v)) {
          if (nonFinite++ === 0) firstNonFinite = i * columns + j;
        } else if (v < 0 || v > 1) {
          if (outOfRange++ === 0) firstOutOfRange = i * columns + j;
        }
      }
    }
    if (ones !== 1) {
      everyRowOneHot = false;
      if (firstMultiHot < 0) firstMultiHot = i;
    }
    if (columns > 1 && Number.isFinite(sum) && Math.abs(sum - 1) > SUM_TOLERANCE) {
      if (unnormalized++ === 0) {
        firstUnnormalized = i;
        firstUnnormalizedSum = sum;
      }
    }
  }
  const elementIndex = (flat: number) => (columns === 1 ? layout.logitIndex(flat, 0) : layout.logitIndex(Math.floor(flat / columns), flat % columns));
  const elementCell = (flat: number) => (columns === 1 ? [flat] : [Math.floor(flat / columns), flat % columns]);
  if (nonFinite > 0) {
    diagnostics.note(
      'non-finite-input',
      'error',
      () =>
        `labels${formatIndex(elementIndex(firstNonFinite))} = ${shortNumber(data[firstNonFinite])}${andMore(nonFinite, 'value')}: targets must be finite; the losses that use it are NaN or infinite.`,
      'labels',
      elementIndex(firstNonFinite),
      elementCell(firstNonFinite),
    );
  }
  if (outOfRange > 0) {
    diagnostics.note(
      'labels-out-of-range',
      'warning',
      () =>
        `labels${formatIndex(elementIndex(firstOutOfRange))} = ${shortNumber(data[firstOutOfRange])} is outside [0, 1]${andMore(outOfRange, 'value')}: these look like logits, not targets. Pass class indices, one-hot rows or probabilities.`,
      'labels',
      elementIndex(firstOutOfRange),
      elementCell(firstOutOfRange),
    );
  }
  if (columns === 1) return 'binary';
  if (allZeroOne && everyRowOneHot) return 'one-hot';
  if (allZeroOne) {
    diagnostics.note(
      'multi-hot-labels',
      'info',
      () =>
        `Sample ${formatIndex(layout.sampleIndex(firstMultiHot))} has ${countOnes(data, firstMultiHot, columns)} positive classes: multi-label targets. Sigmoid cross-entropy is the matching loss; softmax cross-entropy sums −log p over every positive class.`,
      'labels',
      layout.sampleIndex(firstMultiHot),
      [firstMultiHot],
    );
    return 'multi-hot';
  }
  if (unnormalized > 0 && outOfRange === 0 && nonFinite === 0) {
    diagnostics.note(
      'label-rows-not-normalized',
      'warning',
      () =>
        `Label row ${formatIndex(layout.sampleIndex(firstUnnormalized))} sums to ${shortNumber(firstUnnormalizedSum)}, not 1${andMore(unnormalized, 'row')}: softmax cross-entropy weights each −log p by these values as given; for independent soft targets use sigmoid cross-entropy.`,
      'labels',
      layout.sampleIndex(firstUnnormalized),
      [firstUnnormalized],
    );
  }
  return 'probabilities';
}

function countOnes(data: Float64Array, row: number, columns: number): number {
  let ones = 0;
  for (let j = 0; j < columns; j++) if (data[row * columns + j] === 1) ones++;
  return ones;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

function shapeMismatch(labels: readonly number[], logits: readonly number[], sampleShape: readonly number[], axis: number): string {
  const head = `labels shape ${formatShape(labels)} does not fit logits shape ${formatShape(logits)}`;
  const expected = `expected ${formatShape(sampleShape)} (one class index per sample) or ${formatShape(logits)} (one-hot or probability rows)`;
  let reason = '';
  if (labels.length === logits.length && labels.every((size, i) => i === axis || size === logits[i])) {
    reason = `: the labels have ${labels[axis]} classes but the logits' class axis has K = ${logits[axis]}`;
  } else if (labels.length > 0 && logits.length > 0 && labels[0] !== logits[0]) {
    reason = `: the batch sizes differ (${labels[0]} vs ${logits[0]})`;
  }
  return `${head}${reason}; ${expected}`;
}
