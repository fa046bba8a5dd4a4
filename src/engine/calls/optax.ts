/**
 * optax loss calls (google-deepmind/optax, optax/losses/_classification.py, _regression.py,
 * _smoothing.py; 0.2.9.dev, main at 2edbcbe). optax never reduces: every call returns one value
 * per example (per row along `axis`, or per element), and the user reduces, typically with
 * `.mean()`; `reduction` is null throughout. Classes are on `axis` (default −1, the last).
 *
 * What optax does and these entries mirror:
 * - everything runs on JAX's own functions (softmax.ts `jaxLogSoftmaxRow` and friends), which do
 *   not special-case infinities: a +∞ logit makes a log-softmax row NaN, and a −∞ logit with
 *   label 0 makes optax.softmax_cross_entropy NaN (0·(−∞)); safe_softmax_cross_entropy drops
 *   those terms. NaN results are returned, with a diagnostic that says why;
 * - `where` masks: softmax_cross_entropy and softmax_cross_entropy_with_integer_labels expand a
 *   mask of lower rank at `axis` (a per-example mask) and broadcast it; poly_loss_cross_entropy
 *   passes it unexpanded (so it must have the logits' rank here); the KL divergences broadcast it
 *   against the element terms; smooth_labels counts the classes it includes;
 * - integer labels: jnp.take_along_axis wraps negative labels (−1 is the last class) and fills
 *   labels past the end with NaN; jax.nn.one_hot (multiclass_hinge_loss) gives a row of zeros for
 *   any label outside [0, K). Both are returned as optax computes them, with a diagnostic.
 * JAX's default dtype is float32; float64 is jax_enable_x64 with float64 arrays.
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import { andMore } from '../diagnostics';
import { formatIndex, formatShape, shortNumber } from '../format';
import { toFloat32 } from '../float32';
import { logSpaceSigmoidFocalElement } from '../focal-loss';
import { hingeElement, multiclassHingeRow } from '../hinge';
import { klDivergenceTerm, klDivergenceTermWithLogTarget, massDifferenceTerm } from '../kl-divergence';
import { smoothLabelAt } from '../label-smoothing';
import { classesLast, unravel } from '../layout';
import { squaredError } from '../mse';
import { polyLossRow } from '../poly-loss';
import { logSigmoidCrossEntropyAt } from '../sigmoid-cross-entropy';
import { jaxLogSoftmaxRow, jaxLogSumExpRow, jaxSoftmaxRow } from '../softmax';
import { crossEntropyRowWhere, integerLabelCrossEntropy, weightedCrossEntropyRow } from '../softmax-cross-entropy';
import { broadcastShapes, broadcastWeights } from '../weights';
import { readValues, rowsAlongAxis, sameShape, type ClassRows } from './views';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext, Parameter } from './types';

const OPTAX_DOCS = 'https://optax.readthedocs.io/en/latest/api/losses.html#optax.losses.';
const FLOAT32 =
  'float32 arrays (JAX’s default): inputs and every operation in float32, in optax’s order; XLA fuses and uses its own exp and log, so the last digit can differ by an ulp or two.';
const PER_EXAMPLE = 'No reduction: one value per example; reduce it yourself (e.g. .mean()).';

type Round = (v: number) => number;

/** The call's result as optax returns it: per example, nothing reduced. */
function perExample(data: Float64Array, shape: readonly number[]): CallOutcome {
  const tensor: Tensor = { shape: [...shape], data };
  return { value: tensor, losses: tensor, weighted: tensor, reduction: null };
}

/** optax's canonicalize_axis: −rank ≤ axis < rank, negative counted from the end. */
function canonicalAxis(axis: number, rank: number, argument: string): number {
  if (axis >= 0 && axis < rank) return axis;
  if (axis < 0 && axis >= -rank) return axis + rank;
  throw new InputError(`axis ${axis} is out of bounds for ${argument} of dimension ${rank}`, undefined, 'arguments', undefined, 'axis');
}

interface AxisView {
  readonly tensor: Tensor;
  readonly axis: number;
}

/** A tensor and the axis to reduce: axis=None reduces over every element (one row, result shape []). */
function alongAxis(t: Tensor, axis: number | null, argument: string): AxisView {
  if (axis === null) return { tensor: { shape: [t.data.length], data: t.data }, axis: 0 };
  return { tensor: t, axis: canonicalAxis(axis, t.shape.length, argument) };
}

/**
 * `t` broadcast to the shape of `to` (NumPy's rules) and laid out as the rows of `view` (the
 * same elements, flattened when axis is None).
 */
function alignedRows(t: Tensor, to: Tensor, view: AxisView, argument: string, what: string, float32: boolean): Float64Array {
  const rows = classesLast({ shape: view.tensor.shape, data: broadcastWeights(t, to.shape, argument, what, 'labels') }, view.axis);
  return float32 ? toFloat32(rows) : rows;
}

/** A boolean mask: only 0 (False) and 1 (True). */
function checkMask(where: Tensor): void {
  const bad = where.data.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) {
    throw new InputError(
      `where${formatIndex(unravel(bad, where.shape))} = ${shortNumber(where.data[bad])}; where is a boolean mask (True/False or 1/0)`,
      undefined,
      'weights',
      bad,
      'where',
    );
  }
}

/**
 * softmax_cross_entropy's and softmax_cross_entropy_with_integer_labels's `where`: of the
 * logits' rank, or one rank lower (a per-example mask) and expanded at `axis` as jnp.expand_dims
 * does; then broadcast to the logits and laid out as their rows.
 */
function expandedMaskRows(args: BoundArguments, logits: Tensor, axis: number | null, view: AxisView): Float64Array | null {
  const where = args.optionalTensor('where');
  if (where === null) return null;
  checkMask(where);
  let mask = where;
  if (where.shape.length !== logits.shape.length) {
    if (axis === null) {
      throw new InputError(
        `where of shape ${formatShape(where.shape)} must have the shape of logits ${formatShape(logits.shape)} when axis is None (jnp.expand_dims takes no None)`,
        undefined,
        'weights',
        undefined,
        'where',
      );
    }
    const rank = where.shape.length + 1;
    const position = axis < 0 ? axis + rank : axis;
    if (position < 0 || position >= rank)
      throw new InputError(`axis ${axis} is out of bounds for expanding where of shape ${formatShape(where.shape)}`, undefined, 'arguments', undefined, 'axis');
    mask = { shape: [...where.shape.slice(0, position), 1, ...where.shape.slice(position)], data: where.data };
  }
  return alignedRows(mask, logits, view, 'where', 'the logits', false);
}

/** A mask broadcast (NumPy's rules, not expanded) to `shape` and laid out as its rows along `axis`. */
function broadcastMaskRows(args: BoundArguments, to: Tensor, view: AxisView, what: string): Float64Array | null {
  const where = args.optionalTensor('where');
  if (where === null) return null;
  checkMask(where);
  return alignedRows(where, to, view, 'where', what, false);
}

function optionalAxis(args: BoundArguments): number | null {
  return args.optionalNumber('axis');
}

/** A NaN or ±∞ result at `index` of the output, noted once with the count of the rest. */
function noteNonFinite(
  context: ComputeContext,
  out: Float64Array,
  shape: readonly number[],
  input: 'logits' | 'labels' | 'p' | 'q',
  why: (i: number) => string,
): void {
  for (let i = 0; i < out.length; i++) {
    if (!Number.isNaN(out[i])) continue;
    const index = unravel(i, shape);
    const reason = why(i);
    context.diagnostics.note(
      'non-finite-result',
      'warning',
      (count) => `optax returns NaN at ${formatIndex(index)}${andMore(count, 'element')}: ${reason}`,
      input,
      index,
    );
  }
}

function hasValue(rows: ClassRows, i: number, test: (v: number) => boolean): boolean {
  for (let j = 0; j < rows.classes; j++) if (test(rows.data[i * rows.classes + j])) return true;
  return false;
}

/** Why a softmax row came out NaN, in JAX's terms. */
function softmaxNaNReason(rows: ClassRows, y: Float64Array | null, i: number, safe: boolean): string {
  if (hasValue(rows, i, Number.isNaN)) return 'the row holds a NaN logit.';
  if (hasValue(rows, i, (v) => v === Infinity)) return 'a +inf logit: jax.nn.log_softmax subtracts the row maximum, and inf − inf is NaN for the whole row.';
  if (!hasValue(rows, i, (v) => v !== -Infinity)) return 'every logit is −inf: log_softmax computes −inf − (−inf) = NaN.';
  if (!safe && y !== null) {
    for (let j = 0; j < rows.classes; j++) {
      const e = i * rows.classes + j;
      if (rows.data[e] === -Infinity && y[e] === 0) {
        return 'a −inf logit with label 0 gives 0·(−inf) = NaN; optax.safe_softmax_cross_entropy treats it as 0 (0·log 0 = 0).';
      }
    }
  }
  return 'the labels or logits hold values (NaN, ±inf) the formula cannot combine.';
}

// ---------------------------------------------------------------------------------------------
// Softmax cross-entropy

/** −Σ_{where} y·log_softmax(x) along `axis`: optax.softmax_cross_entropy. */
function softmaxCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const logits = args.tensor('logits');
  const axisArgument = optionalAxis(args);
  const view = alongAxis(logits, axisArgument, 'logits');
  const rows = rowsAlongAxis(view.tensor, view.axis, 'logits', float32);
  const y = alignedRows(args.tensor('labels'), logits, view, 'labels', 'the logits', float32);
  const mask = expandedMaskRows(args, logits, axisArgument, view);
  const { samples, classes } = rows;
  const logP = new Float64Array(rows.data.length);
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const o = i * classes;
    jaxLogSoftmaxRow(rows.data, o, classes, mask, logP, round);
    out[i] = crossEntropyRowWhere(y, logP, o, classes, mask, round);
  }
  noteNonFinite(context, out, rows.sampleShape, 'logits', (i) => softmaxNaNReason(rows, y, i, false));
  return perExample(out, rows.sampleShape);
}

/** −Σ_{y ≠ 0} y·log_softmax(x) over the last axis: optax.safe_softmax_cross_entropy. */
function safeSoftmaxCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const logits = args.tensor('logits');
  const axis = canonicalAxis(-1, logits.shape.length, 'logits');
  const rows = rowsAlongAxis(logits, axis, 'logits', float32);
  const y = alignedRows(args.tensor('labels'), logits, { tensor: logits, axis }, 'labels', 'the logits', float32);
  const { samples, classes } = rows;
  const logP = new Float64Array(rows.data.length);
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const o = i * classes;
    jaxLogSoftmaxRow(rows.data, o, classes, null, logP, round);
    out[i] = weightedCrossEntropyRow(y, o, logP, o, classes, null, false, round);
  }
  noteNonFinite(context, out, rows.sampleShape, 'logits', (i) => softmaxNaNReason(rows, y, i, true));
  return perExample(out, rows.sampleShape);
}

/**
 * The logit of each example's label, as jnp.take_along_axis reads it: labels must be integers
 * (optax checks an integer dtype); −K ≤ y < 0 wraps to y + K; anything else is filled with NaN.
 */
function labelLogits(labels: Tensor, rows: ClassRows, context: ComputeContext): Float64Array {
  const { classes, samples } = rows;
  const y = broadcastWeights(labels, rows.sampleShape, 'labels', 'the examples (logits without the class axis)', 'labels');
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const label = y[i];
    if (!Number.isInteger(label)) {
      throw new InputError(
        `labels${formatIndex(unravel(i, rows.sampleShape))} = ${shortNumber(label)} is not an integer; optax requires an integer dtype for labels`,
        undefined,
        'labels',
        labels.data.length === samples ? i : undefined,
        'labels',
      );
    }
    const index = label < 0 ? label + classes : label;
    if (index < 0 || index >= classes) {
      out[i] = NaN;
      const where = formatIndex(unravel(i, rows.sampleShape));
      context.diagnostics.note(
        'labels-out-of-range',
        'warning',
        (count) =>
          `labels${where} = ${label}${andMore(count, 'label')} is outside [−${classes}, ${classes - 1}]: jnp.take_along_axis fills it with NaN, so the loss is NaN (negative labels wrap: −1 is class ${classes - 1}).`,
        'labels',
        unravel(i, rows.sampleShape),
      );
      continue;
    }
    if (label < 0) {
      context.diagnostics.note(
        'negative-label-wraps',
        'info',
        (count) =>
          `labels${formatIndex(unravel(i, rows.sampleShape))} = ${label}${andMore(count, 'label')} is negative: jnp.take_along_axis reads class ${index} (counted from the end).`,
        'labels',
        unravel(i, rows.sampleShape),
      );
    }
    out[i] = rows.data[i * classes + index];
  }
  return out;
}

/** logsumexp_{where}(x) − x_y along `axis`, 0 where the mask excludes the whole row. */
function integerLabelsCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const logits = args.tensor('logits');
  const axisArgument = args.number('axis');
  const axis = canonicalAxis(axisArgument, logits.shape.length, 'logits');
  const rows = rowsAlongAxis(logits, axis, 'logits', float32);
  const mask = expandedMaskRows(args, logits, axisArgument, { tensor: logits, axis });
  const picked = labelLogits(args.tensor('labels'), rows, context);
  const { samples, classes } = rows;
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const o = i * classes;
    const included = mask === null || hasIncluded(mask, o, classes);
    out[i] = included ? integerLabelCrossEntropy(jaxLogSumExpRow(rows.data, o, classes, mask, round), picked[i], round) : 0;
  }
  noteNonFinite(context, out, rows.sampleShape, 'logits', (i) => {
    if (Number.isNaN(picked[i])) return 'its label is out of range (see the label diagnostic).';
    if (hasValue(rows, i, Number.isNaN)) return 'the row holds a NaN logit.';
    return picked[i] === Infinity ? 'the label’s logit is +inf: logsumexp − logit is inf − inf.' : 'every logit is −inf: logsumexp − logit is −inf − (−inf).';
  });
  return perExample(out, rows.sampleShape);
}

function hasIncluded(mask: Float64Array, offset: number, classes: number): boolean {
  for (let j = 0; j < classes; j++) if (mask[offset + j] !== 0) return true;
  return false;
}

/** CE + ε·Σ_{where} y·(1 − softmax(x)): optax.poly_loss_cross_entropy. */
function polyLossCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const logits = args.tensor('logits');
  const where = args.optionalTensor('where');
  if (where !== null && where.shape.length !== logits.shape.length) {
    throw new InputError(
      `where of shape ${formatShape(where.shape)} must have the rank of logits ${formatShape(logits.shape)}: poly_loss_cross_entropy passes it to jax.nn.softmax without expanding it`,
      undefined,
      'weights',
      undefined,
      'where',
    );
  }
  const view = alongAxis(logits, optionalAxis(args), 'logits');
  const rows = rowsAlongAxis(view.tensor, view.axis, 'logits', float32);
  const y = alignedRows(args.tensor('labels'), logits, view, 'labels', 'the logits', float32);
  const mask = broadcastMaskRows(args, logits, view, 'the logits');
  const epsilon = round(args.number('epsilon'));
  const { samples, classes } = rows;
  const p = new Float64Array(rows.data.length);
  const logP = new Float64Array(rows.data.length);
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const o = i * classes;
    jaxSoftmaxRow(rows.data, o, classes, mask, p, round);
    jaxLogSoftmaxRow(rows.data, o, classes, mask, logP, round);
    out[i] = polyLossRow(y, p, logP, o, classes, mask, epsilon, round);
  }
  noteNonFinite(context, out, rows.sampleShape, 'logits', (i) => softmaxNaNReason(rows, y, i, false));
  return perExample(out, rows.sampleShape);
}

// ---------------------------------------------------------------------------------------------
// Element-wise calls

/** Both operands broadcast to their common shape (NumPy's rules), read in float32 when asked. */
function elementPairs(args: BoundArguments, first: string, second: string, float32: boolean): { shape: number[]; a: Float64Array; b: Float64Array } {
  const a = args.tensor(first);
  const b = args.tensor(second);
  const shape = broadcastShapes(a.shape, b.shape, first, second);
  const what = `the broadcast shape ${formatShape(shape)}`;
  const read = (values: Float64Array): Float64Array => (float32 ? toFloat32(values) : values);
  return { shape, a: read(broadcastWeights(a, shape, first, what, 'logits')), b: read(broadcastWeights(b, shape, second, what, 'labels')) };
}

function sigmoidNaNReason(x: number, z: number): string {
  if (Number.isNaN(x) || Number.isNaN(z)) return 'a NaN input.';
  if (x === Infinity) return 'logit +inf with label 1: (1 − label)·log_sigmoid(−logit) is 0·(−inf).';
  if (x === -Infinity) return 'logit −inf with label 0: label·log_sigmoid(logit) is 0·(−inf).';
  return 'the inputs hold values the formula cannot combine.';
}

function sigmoidBinaryCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { shape, a: x, b: z } = elementPairs(args, 'logits', 'labels', context.float32);
  const out = Float64Array.from(x, (v, i) => logSigmoidCrossEntropyAt(v, z[i], context.round));
  noteNonFinite(context, out, shape, 'logits', (i) => sigmoidNaNReason(x[i], z[i]));
  return perExample(out, shape);
}

function sigmoidFocalLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round } = context;
  const { shape, a: x, b: z } = elementPairs(args, 'logits', 'labels', context.float32);
  const alphaArgument = args.optionalNumber('alpha');
  const alpha = alphaArgument === null ? null : round(alphaArgument);
  const gamma = round(args.number('gamma'));
  const out = Float64Array.from(x, (v, i) => logSpaceSigmoidFocalElement(v, z[i], alpha, gamma, round));
  noteNonFinite(context, out, shape, 'logits', (i) => sigmoidNaNReason(x[i], z[i]));
  return perExample(out, shape);
}

function hingeLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { shape, a: scores, b: targets } = elementPairs(args, 'predictor_outputs', 'targets', context.float32);
  const unsigned = targets.findIndex((t) => t !== 1 && t !== -1);
  if (unsigned >= 0) {
    context.diagnostics.note(
      'targets-not-signed',
      'warning',
      () =>
        `targets${formatIndex(unravel(unsigned, shape))} = ${shortNumber(targets[unsigned])}: optax.hinge_loss expects targets in {−1, 1} and uses them as given (a 0 target costs 1 whatever the score); map 0/1 labels with 2·y − 1.`,
      'labels',
      unravel(unsigned, shape),
    );
  }
  return perExample(
    Float64Array.from(scores, (s, i) => hingeElement(s, targets[i], context.round)),
    shape,
  );
}

function multiclassHingeLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const scores = args.tensor('scores');
  if (scores.shape.length === 0) throw new InputError('scores is a scalar; it needs a class axis (the last)', undefined, 'logits', undefined, 'scores');
  const rows = rowsAlongAxis(scores, scores.shape.length - 1, 'scores', context.float32);
  const { samples, classes } = rows;
  const labels = broadcastWeights(args.tensor('labels'), rows.sampleShape, 'labels', 'the examples (scores without the last axis)', 'labels');
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const label = labels[i];
    const inRange = Number.isInteger(label) && label >= 0 && label < classes;
    if (!inRange) {
      const index = unravel(i, rows.sampleShape);
      context.diagnostics.note(
        'labels-out-of-range',
        'warning',
        (count) =>
          `labels${formatIndex(index)} = ${shortNumber(label)}${andMore(count, 'label')} is not a class in [0, ${classes - 1}]: jax.nn.one_hot gives a row of zeros, so the loss is max(scores) + 1.`,
        'labels',
        index,
      );
    }
    out[i] = multiclassHingeRow(rows.data, i * classes, classes, inRange ? label : -1, context.round);
  }
  noteNonFinite(context, out, rows.sampleShape, 'logits', () => 'an infinite or NaN score: the dot product with the one-hot row multiplies it by 0.');
  return perExample(out, rows.sampleShape);
}

// ---------------------------------------------------------------------------------------------
// KL divergences

/**
 * Σ_{where} term(target, log_prediction) along `axis` over the broadcast element terms, plus
 * (for generalized_kl_divergence) a second sum of `extra`, added once per row as optax does.
 */
function klFamily(
  args: BoundArguments,
  context: ComputeContext,
  targetName: string,
  term: (target: number, logPrediction: number, round: Round) => number,
  extra?: (target: number, logPrediction: number, round: Round) => number,
): CallOutcome {
  const { round, float32 } = context;
  const { shape, a: logQ, b: target } = elementPairs(args, 'log_predictions', targetName, float32);
  const full: Tensor = { shape, data: logQ };
  const view = alongAxis(full, optionalAxis(args), 'log_predictions');
  const rowsQ = classesLast(view.tensor, view.axis);
  const rowsP = classesLast({ shape: view.tensor.shape, data: target }, view.axis);
  const mask = broadcastMaskRows(args, full, view, 'the element terms');
  const classes = view.tensor.shape[view.axis];
  const sampleShape = view.tensor.shape.filter((_, i) => i !== view.axis);
  const samples = classes === 0 ? 0 : rowsQ.length / classes;
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    let sum = 0;
    let extraSum = 0;
    for (let j = 0; j < classes; j++) {
      const e = i * classes + j;
      if (mask !== null && mask[e] === 0) continue;
      sum = round(sum + term(rowsP[e], rowsQ[e], round));
      if (extra) extraSum = round(extraSum + extra(rowsP[e], rowsQ[e], round));
    }
    out[i] = extra ? round(sum + extraSum) : sum;
  }
  const negative = targetName === 'targets' ? target.findIndex((t) => t < 0) : -1;
  if (negative >= 0) {
    context.diagnostics.note(
      'negative-target',
      'warning',
      () => `targets${formatIndex(unravel(negative, shape))} = ${shortNumber(target[negative])} is negative: its log is NaN.`,
      'p',
      unravel(negative, shape),
    );
  }
  noteNonFinite(context, out, sampleShape, 'q', () =>
    targetName === 'targets'
      ? 'a target of 0 against log_predictions = −inf is 0·inf, or a target is negative or NaN.'
      : 'log_targets and log_predictions are both −inf somewhere (−inf − (−inf)), or an input is NaN.',
  );
  return perExample(out, sampleShape);
}

// ---------------------------------------------------------------------------------------------
// Regression and smoothing

function squaredErrors(args: BoundArguments, context: ComputeContext, scale: number | null): CallOutcome {
  const { round, float32 } = context;
  const predictions = args.tensor('predictions');
  const targets = args.optionalTensor('targets');
  if (targets !== null && !sameShape(predictions.shape, targets.shape)) {
    throw new InputError(
      `Shape mismatch: predictions ${formatShape(predictions.shape)} and targets ${formatShape(targets.shape)}; optax checks that they are equal (no broadcasting)`,
      undefined,
      'labels',
      undefined,
      'targets',
    );
  }
  const y = readValues(predictions, float32);
  const t = targets === null ? null : readValues(targets, float32);
  const out = Float64Array.from(y, (v, i) => {
    const squared = squaredError(v, t === null ? 0 : t[i], round);
    return scale === null ? squared : round(scale * squared);
  });
  return perExample(out, predictions.shape);
}

/** (1 − α)·y + α/K, K the size of `axis` or the count of `where` along it. */
function smoothLabels(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const labels = args.tensor('labels');
  const alpha = round(args.number('alpha'));
  const axis = optionalAxis(args);
  const where = args.optionalTensor('where');
  if (alpha < 0 || alpha > 1) {
    context.diagnostics.note(
      'smoothing-out-of-range',
      'warning',
      () => `alpha = ${shortNumber(alpha)} is outside [0, 1]: optax applies it anyway and the labels are no longer a distribution.`,
      'labels',
    );
  }
  let counts: Float64Array;
  if (where === null) {
    const count = axis === null ? labels.data.length : labels.shape[canonicalAxis(axis, labels.shape.length, 'labels')];
    counts = new Float64Array(labels.data.length).fill(count);
  } else {
    checkMask(where);
    counts = broadcastWeights(whereCounts(where, axis), labels.shape, 'where', 'the labels', 'weights');
    const empty = counts.findIndex((c) => c === 0);
    if (empty >= 0) {
      context.diagnostics.note(
        'empty-where',
        'warning',
        () => `where includes no class for labels${formatIndex(unravel(empty, labels.shape))}: α/0 makes its smoothed labels inf (NaN when α = 0).`,
        'labels',
        unravel(empty, labels.shape),
      );
    }
  }
  const y = readValues(labels, float32);
  return perExample(
    Float64Array.from(y, (v, i) => smoothLabelAt(v, alpha, counts[i], round)),
    labels.shape,
  );
}

/** jnp.sum(where, axis, keepdims=True): the number of classes each row of the mask includes. */
function whereCounts(where: Tensor, axis: number | null): Tensor {
  if (axis === null) return { shape: where.shape.map(() => 1), data: Float64Array.of(where.data.reduce((a, b) => a + b, 0)) };
  const a = canonicalAxis(axis, where.shape.length, 'where');
  const rows = classesLast(where, a);
  const size = where.shape[a];
  const data = new Float64Array(size === 0 ? 0 : rows.length / size);
  for (let i = 0; i < data.length; i++) for (let j = 0; j < size; j++) data[i] += rows[i * size + j];
  return { shape: where.shape.map((s, i) => (i === a ? 1 : s)), data };
}

// ---------------------------------------------------------------------------------------------
// Parameters and entries

const LOGITS: Parameter = { name: 'logits', type: { kind: 'tensor' }, description: 'Unnormalised log-probabilities, [..., num_classes].' };
const PROBABILITY_LABELS: Parameter = {
  name: 'labels',
  type: { kind: 'tensor' },
  description: 'Target distributions (one-hot or soft), broadcastable to the logits.',
};
const AXIS: Parameter = {
  name: 'axis',
  type: { kind: 'integer' },
  default: -1,
  nullable: true,
  description: 'The class axis; None reduces over every element (tuples of axes are not supported here).',
};
const WHERE: Parameter = {
  name: 'where',
  type: { kind: 'tensor' },
  default: null,
  description: 'Boolean mask of the entries to include: the logits’ shape, or one per example (expanded at axis).',
};

function keywordOnly(p: Parameter): Parameter {
  return { ...p, keywordOnly: true };
}

interface EntrySpec {
  readonly name: string;
  /** Whether optax/__init__.py exports it at the top level (optax.X), not only as optax.losses.X. */
  readonly topLevel: boolean;
  readonly family: CallEntry['family'];
  readonly summary: string;
  readonly parameters: readonly Parameter[];
  readonly compute: CallEntry['compute'];
  readonly deprecatedNames?: readonly string[];
}

function entry(spec: EntrySpec): CallEntry {
  const full = `optax.losses.${spec.name}`;
  const top = `optax.${spec.name}`;
  const deprecated = (spec.deprecatedNames ?? []).flatMap((name) => [`optax.${name}`, `optax.losses.${name}`]);
  return {
    id: spec.topLevel ? top : full,
    aliases: [...(spec.topLevel ? [full] : []), ...deprecated],
    framework: 'optax',
    language: 'python',
    form: 'function',
    family: spec.family,
    summary: spec.family === 'label-smoothing' ? spec.summary : `${spec.summary} ${PER_EXAMPLE}`,
    docs: `${OPTAX_DOCS}${spec.name}`,
    parameters: spec.parameters,
    float32: FLOAT32,
    compute: spec.compute,
  };
}

export const OPTAX_CALLS: readonly CallEntry[] = [
  entry({
    name: 'softmax_cross_entropy',
    topLevel: true,
    family: 'softmax-cross-entropy',
    summary: 'Softmax cross-entropy against target distributions along axis; a −inf logit with label 0 gives NaN.',
    parameters: [LOGITS, PROBABILITY_LABELS, AXIS, WHERE],
    compute: softmaxCrossEntropy,
  }),
  entry({
    name: 'softmax_cross_entropy_with_integer_labels',
    topLevel: true,
    family: 'softmax-cross-entropy',
    summary: 'Softmax cross-entropy against integer labels: logsumexp(logits) − logits[label].',
    parameters: [
      LOGITS,
      { name: 'labels', type: { kind: 'tensor' }, description: 'Integer class indices, the logits’ shape without axis; negative labels wrap.' },
      { ...AXIS, nullable: false, description: 'The class axis (tuples of axes are not supported here).' },
      WHERE,
    ],
    compute: integerLabelsCrossEntropy,
  }),
  entry({
    name: 'safe_softmax_cross_entropy',
    topLevel: true,
    family: 'softmax-cross-entropy',
    summary: 'Softmax cross-entropy over the last axis with 0·log 0 = 0: a −inf logit with label 0 costs nothing.',
    parameters: [LOGITS, PROBABILITY_LABELS],
    compute: safeSoftmaxCrossEntropy,
  }),
  entry({
    name: 'sigmoid_binary_cross_entropy',
    topLevel: true,
    family: 'sigmoid-cross-entropy',
    summary: 'Element-wise sigmoid cross-entropy −z·log σ(x) − (1 − z)·log σ(−x).',
    parameters: [
      { name: 'logits', type: { kind: 'tensor' }, description: 'One logit per binary prediction.' },
      { name: 'labels', type: { kind: 'tensor' }, description: 'Labels in {0, 1} or probabilities, broadcastable with the logits.' },
    ],
    compute: sigmoidBinaryCrossEntropy,
  }),
  entry({
    name: 'sigmoid_focal_loss',
    topLevel: true,
    family: 'focal',
    summary: 'Element-wise sigmoid focal loss α_t·(1 − p_t)^γ·CE, computed in log space; alpha=None weights nothing.',
    parameters: [
      { name: 'logits', type: { kind: 'tensor' }, description: 'One logit per binary prediction.' },
      { name: 'labels', type: { kind: 'tensor' }, description: 'Labels in {0, 1} or in [0, 1], broadcastable to the logits.' },
      {
        name: 'alpha',
        type: { kind: 'number' },
        default: null,
        keywordOnly: true,
        description: 'Weight of the positives, α (1 − α for negatives); None: no weighting.',
      },
      { name: 'gamma', type: { kind: 'number' }, default: 2, keywordOnly: true, description: 'Exponent γ of the modulating factor (1 − p_t).' },
    ],
    compute: sigmoidFocalLoss,
  }),
  entry({
    name: 'poly_loss_cross_entropy',
    topLevel: false,
    family: 'poly',
    summary: 'Poly-1 loss: softmax cross-entropy + ε·(1 − p_t) along axis.',
    parameters: [
      LOGITS,
      PROBABILITY_LABELS,
      {
        name: 'epsilon',
        type: { kind: 'number' },
        default: 2,
        keywordOnly: true,
        description: 'ε, the coefficient of the first polynomial term (2 for ImageNet, −1 for detection).',
      },
      keywordOnly(AXIS),
      keywordOnly({ ...WHERE, description: 'Boolean mask of the entries to include, of the logits’ rank.' }),
    ],
    compute: polyLossCrossEntropy,
  }),
  entry({
    name: 'hinge_loss',
    topLevel: true,
    family: 'hinge',
    summary: 'Element-wise binary hinge max(0, 1 − output·target) with targets in {−1, 1}.',
    parameters: [
      { name: 'predictor_outputs', type: { kind: 'tensor' }, description: 'Outputs of the decision function.' },
      { name: 'targets', type: { kind: 'tensor' }, description: 'Targets in {−1, 1}, used as given; broadcastable with the outputs.' },
    ],
    compute: hingeLoss,
  }),
  entry({
    name: 'multiclass_hinge_loss',
    topLevel: false,
    family: 'hinge',
    summary: 'Multiclass (Crammer–Singer) hinge over the last axis: max_j(scores_j + 1 − [j = label]) − scores[label].',
    parameters: [
      { name: 'scores', type: { kind: 'tensor' }, description: 'Scores, [..., num_classes].' },
      { name: 'labels', type: { kind: 'tensor' }, description: 'Integer class indices, the scores’ shape without the last axis.' },
    ],
    compute: multiclassHingeLoss,
  }),
  entry({
    name: 'kl_divergence',
    topLevel: true,
    family: 'kl-divergence',
    summary: 'KL(targets ‖ predictions) = Σ targets·(log targets − log_predictions) along axis, 0·log 0 = 0.',
    parameters: [
      { name: 'log_predictions', type: { kind: 'tensor' }, description: 'Log-probabilities of the predicted distribution.' },
      { name: 'targets', type: { kind: 'tensor' }, description: 'Probabilities of the target distribution.' },
      AXIS,
      { ...WHERE, description: 'Boolean mask of the entries to include, broadcast against the element terms.' },
    ],
    compute: (args, context) => klFamily(args, context, 'targets', klDivergenceTerm),
  }),
  entry({
    name: 'kl_divergence_with_log_targets',
    topLevel: false,
    family: 'kl-divergence',
    summary: 'KL divergence with the targets in log space: Σ e^{log_targets}·(log_targets − log_predictions) along axis.',
    parameters: [
      { name: 'log_predictions', type: { kind: 'tensor' }, description: 'Log-probabilities of the predicted distribution.' },
      { name: 'log_targets', type: { kind: 'tensor' }, description: 'Log-probabilities of the target distribution.' },
      AXIS,
      { ...WHERE, description: 'Boolean mask of the entries to include, broadcast against the element terms.' },
    ],
    compute: (args, context) => klFamily(args, context, 'log_targets', klDivergenceTermWithLogTarget),
  }),
  entry({
    name: 'generalized_kl_divergence',
    topLevel: true,
    family: 'kl-divergence',
    summary:
      'Generalized KL divergence for unnormalised measures: kl_divergence + Σ (e^{log_predictions} − targets) along axis (convex_kl_divergence is its deprecated name).',
    parameters: [
      { name: 'log_predictions', type: { kind: 'tensor' }, description: 'Log of the predicted measure.' },
      { name: 'targets', type: { kind: 'tensor' }, description: 'The target measure.' },
      AXIS,
      { ...WHERE, description: 'Boolean mask of the entries to include, broadcast against the element terms.' },
    ],
    compute: (args, context) => klFamily(args, context, 'targets', klDivergenceTerm, massDifferenceTerm),
    deprecatedNames: ['convex_kl_divergence'],
  }),
  entry({
    name: 'squared_error',
    topLevel: true,
    family: 'squared-error',
    summary: 'Element-wise (predictions − targets)²; the mean squared error is squared_error(a, b).mean().',
    parameters: [
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Predictions of any shape.' },
      { name: 'targets', type: { kind: 'tensor' }, default: null, description: 'Targets of the same shape (no broadcasting); None means zeros.' },
    ],
    compute: (args, context) => squaredErrors(args, context, null),
  }),
  entry({
    name: 'l2_loss',
    topLevel: true,
    family: 'squared-error',
    summary: 'Element-wise 0.5·(predictions − targets)².',
    parameters: [
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Predictions of any shape.' },
      { name: 'targets', type: { kind: 'tensor' }, default: null, description: 'Targets of the same shape (no broadcasting); None means zeros.' },
    ],
    compute: (args, context) => squaredErrors(args, context, 0.5),
  }),
  entry({
    name: 'smooth_labels',
    topLevel: true,
    family: 'label-smoothing',
    summary: 'The smoothed labels (1 − α)·labels + α/K (not a loss); α = 1 gives the uniform 1/K.',
    parameters: [
      { name: 'labels', type: { kind: 'tensor' }, description: 'One-hot labels, classes on axis.' },
      { name: 'alpha', type: { kind: 'number' }, description: 'The smoothing factor α (optax checks no range).' },
      keywordOnly({ ...AXIS, description: 'The class axis; None counts every element.' }),
      keywordOnly({ ...WHERE, description: 'Boolean mask: K becomes the number of entries it includes along axis.' }),
    ],
    compute: smoothLabels,
  }),
];
