/**
 * Keras 3 loss calls (keras.losses, as of Keras 3.15.1 with the TensorFlow backend, the default),
 * each as a class (options to the constructor, `(y_true, y_pred, sample_weight=None)` to the
 * call) and as a function returning one value per sample. Classes last ([…, K]); float32 unless
 * dtype='float64' (or keras.config.set_floatx('float64')).
 *
 * What the class call adds to the function (keras/src/losses/loss.py, Loss.__call__):
 * - y_true and y_pred have their ranks matched first (squeeze_or_expand_to_same_rank: when the
 *   ranks differ by one and the longer one ends in 1, that axis goes, or a rank-1 one gains it);
 * - a mask (SparseCategoricalCrossentropy's ignore_class) becomes a weight: under
 *   "sum_over_batch_size" and "mean", total/valid on the kept values and 0 on the others, so the
 *   mean is Σ ℓ / valid and 0 (divide_no_nan), not NaN, when every value is ignored; under the
 *   other reductions the mask is 0/1;
 * - sample_weight is rank-matched the same way and multiplied in by broadcasting;
 * - "sum_over_batch_size" and "mean" divide Σ w·ℓ by the number of values, "sum" does not divide,
 *   "mean_with_sample_weight" divides by Σ sample_weight (divide_no_nan), None / "none" return
 *   the weighted values. A rank-0 result is returned as it is.
 * Keras 3.0–3.12 divided by valid + 1e-7 instead of divide_no_nan (commit 8074733, Keras 3.13).
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import { binaryCrossEntropyAt, KERAS_PROBABILITY_RULE } from '../binary-cross-entropy';
import { clipRange, KERAS_EPSILON, type ClipRange } from '../clipping';
import { kerasBinaryFocalElement, kerasCategoricalFocalRow } from '../focal-loss';
import { formatIndex, formatShape, shortNumber } from '../format';
import { fround, toFloat32 } from '../float32';
import { categoricalHingeRows, hingeRows } from '../hinge';
import { clippedKlDivergenceRows } from '../kl-divergence';
import { identity, smoothValues } from '../label-smoothing';
import { classesLast, unravel, withoutAxis } from '../layout';
import { meanSquaredErrorRows } from '../mse';
import { sumValues, weightValues } from '../reductions';
import { sigmoid, sigmoidCrossEntropyAt } from '../sigmoid-cross-entropy';
import { softmaxRow } from '../softmax';
import { crossEntropyFromLogProbabilities, crossEntropyOfProbabilities, logSoftmaxRows, sparseCrossEntropyOfProbabilities } from '../softmax-cross-entropy';
import { broadcastShapes, broadcastWeights } from '../weights';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext, Parameter } from './types';
import { noteNaNLoss } from './views';

const KERAS_DOCS = 'https://keras.io/api/losses/';
const FLOAT32 =
  'float32 (keras.config.floatx()): y_true and y_pred are converted to float32 and every operation rounds to float32 (TensorFlow sums in a vectorised order, so the last digit can differ by an ulp); dtype="float64" computes in float64.';

type Round = (v: number) => number;

/** Per-sample values of a Keras loss function, with the mask ignore_class attaches. */
interface Losses {
  readonly tensor: Tensor;
  readonly mask: Uint8Array | null;
}

const Y_TRUE: Parameter = { name: 'y_true', type: { kind: 'tensor' }, stage: 'call', description: 'The targets.' };
const Y_PRED: Parameter = {
  name: 'y_pred',
  type: { kind: 'tensor' },
  stage: 'call',
  description: 'The predictions: probabilities, or logits with from_logits=True.',
};
const SAMPLE_WEIGHT: Parameter = {
  name: 'sample_weight',
  type: { kind: 'tensor' },
  default: null,
  stage: 'call',
  description: 'A weight per sample ([N] or [N, 1]), per value of the loss, or one number; broadcast after matching ranks.',
};
const REDUCTION: Parameter = {
  name: 'reduction',
  type: { kind: 'choice', values: ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'], nullMeans: 'none' },
  default: 'sum_over_batch_size',
  stage: 'init',
  description: '"sum_over_batch_size"/"mean": Σ w·ℓ ÷ the number of values; "sum"; "mean_with_sample_weight": ÷ Σ sample_weight; None: per sample.',
};
const DTYPE: Parameter = {
  name: 'dtype',
  type: { kind: 'choice', values: ['float32', 'float64'] },
  default: null,
  stage: 'init',
  description: 'The computation dtype; None means keras.config.floatx() (float32).',
};
const FROM_LOGITS: Parameter = { name: 'from_logits', type: { kind: 'boolean' }, default: false, description: 'y_pred holds logits instead of probabilities.' };
const LABEL_SMOOTHING: Parameter = {
  name: 'label_smoothing',
  type: { kind: 'number', min: 0, max: 1 },
  default: 0,
  description: 'ε: categorical y·(1 − ε) + ε/K; binary y·(1 − ε) + ε/2.',
};
const AXIS: Parameter = { name: 'axis', type: { kind: 'integer' }, default: -1, description: 'The class (features) axis.' };
const IGNORE_CLASS: Parameter = {
  name: 'ignore_class',
  type: { kind: 'integer' },
  default: null,
  description: 'Targets equal to this class are masked out: their loss is 0 and the mean leaves them out.',
};
const APPLY_CLASS_BALANCING: Parameter = {
  name: 'apply_class_balancing',
  type: { kind: 'boolean' },
  default: false,
  description: 'Weigh class 1 by alpha and class 0 by 1 − alpha.',
};
const BINARY_ALPHA: Parameter = {
  name: 'alpha',
  type: { kind: 'number' },
  default: 0.25,
  description: 'The weight of class 1 when apply_class_balancing=True.',
};
const CATEGORICAL_ALPHA: Parameter = {
  name: 'alpha',
  type: { kind: 'number-or-tensor' },
  default: 0.25,
  description: 'A weight for all classes, or one per class.',
};
const GAMMA: Parameter = { name: 'gamma', type: { kind: 'number' }, default: 2, description: 'The focusing parameter γ of (1 − p_t)^γ.' };

function nameParameter(name: string): Parameter {
  return { name: 'name', type: { kind: 'string' }, default: name, stage: 'init', description: 'The loss’s name.' };
}

/** The rounding of this call: the constructor's dtype when given, else the evaluation's precision. */
function roundOf(args: BoundArguments, context: ComputeContext): Round {
  const dtype = args.values.get('dtype');
  if (dtype === 'float64') return identity;
  if (dtype === 'float32') return fround;
  return context.round;
}

function read(t: Tensor, round: Round): Tensor {
  return round === identity ? t : { shape: t.shape, data: toFloat32(t.data) };
}

/** keras/src/losses/loss.py squeeze_or_expand_to_same_rank (shapes only; the data do not move). */
function squeezeOrExpand(a: Tensor, b: Tensor): [Tensor, Tensor] {
  const reshape = (t: Tensor, shape: number[]): Tensor => ({ shape, data: t.data });
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra === rb + 1 && a.shape[ra - 1] === 1) {
    return rb === 1 ? [a, reshape(b, [...b.shape, 1])] : [reshape(a, a.shape.slice(0, -1)), b];
  }
  if (rb === ra + 1 && b.shape[rb - 1] === 1) {
    return ra === 1 ? [reshape(a, [...a.shape, 1]), b] : [a, reshape(b, b.shape.slice(0, -1))];
  }
  return [a, b];
}

function canonicalAxis(axis: number, rank: number): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (rank === 0 || resolved < 0 || resolved >= rank) {
    throw new InputError(`axis=${axis} is out of range for y_pred of rank ${rank}`, undefined, 'arguments', undefined, 'axis');
  }
  return resolved;
}

function requireSameShape(yTrue: Tensor, yPred: Tensor): void {
  if (yTrue.shape.length !== yPred.shape.length || yTrue.shape.some((s, i) => s !== yPred.shape[i])) {
    throw new InputError(
      `y_true of shape ${formatShape(yTrue.shape)} and y_pred of shape ${formatShape(yPred.shape)} must have the same shape`,
      undefined,
      'labels',
      undefined,
      'y_true',
    );
  }
}

/** [rows, K] views of same-shaped y_true and y_pred with `axis` last. */
function rowsAlong(yTrue: Tensor, yPred: Tensor, axis: number) {
  const classes = yPred.shape[axis];
  return {
    y: classesLast(yTrue, axis),
    p: classesLast(yPred, axis),
    classes,
    rows: classes === 0 ? 0 : yPred.data.length / classes,
    shape: withoutAxis(yPred.shape, axis),
  };
}

/** The smoothing constants as Keras computes them: 1 − ε in Python (double), ε ÷ K in the tensor dtype. */
function smoothed(y: Float64Array, epsilon: number, classes: number | 'binary', round: Round): Float64Array {
  if (epsilon === 0) return y;
  const keep = round(1 - epsilon);
  const floor = classes === 'binary' ? round(0.5 * epsilon) : round(round(epsilon) / classes);
  return smoothValues(y, { keep, floor }, round);
}

function crossEntropyRange(round: Round): ClipRange {
  return clipRange(KERAS_EPSILON, 1 - KERAS_EPSILON, round);
}

function categoricalCrossentropy(args: BoundArguments, yTrue: Tensor, yPred: Tensor, round: Round): Losses {
  requireSameShape(yTrue, yPred);
  const axis = canonicalAxis(args.number('axis'), yPred.shape.length);
  const { p, classes, rows, shape } = rowsAlong(yTrue, yPred, axis);
  // Keras 3.15 takes K from y_true's last axis whatever `axis` is (fixed after 3.15.1).
  const y = smoothed(classesLast(yTrue, axis), args.number('label_smoothing'), yTrue.shape[yTrue.shape.length - 1], round);
  const out = new Float64Array(rows);
  if (args.boolean('from_logits')) {
    const logP = logSoftmaxRows(p, rows, classes, round);
    for (let i = 0; i < rows; i++) out[i] = crossEntropyFromLogProbabilities(y, i * classes, logP, i * classes, classes, round);
  } else {
    const range = crossEntropyRange(round);
    for (let i = 0; i < rows; i++) out[i] = crossEntropyOfProbabilities(y, i * classes, p, i * classes, classes, range, round);
  }
  return { tensor: { shape, data: out }, mask: null };
}

function sparseCategoricalCrossentropy(args: BoundArguments, yTrueGiven: Tensor, yPred: Tensor, round: Round): Losses {
  const rank = yPred.shape.length;
  const axis = canonicalAxis(args.number('axis'), rank);
  if (axis !== rank - 1) {
    throw new InputError(`Only axis=-1 is supported by the TensorFlow backend; got axis=${args.number('axis')}`, undefined, 'arguments', undefined, 'axis');
  }
  const classes = yPred.shape[axis];
  const shape = yPred.shape.slice(0, -1);
  const squeeze = yTrueGiven.shape.length === rank && yTrueGiven.shape[rank - 1] === 1;
  const yTrue: Tensor = squeeze ? { shape: yTrueGiven.shape.slice(0, -1), data: yTrueGiven.data } : yTrueGiven;
  if (yTrue.shape.length !== shape.length || yTrue.shape.some((s, i) => s !== shape[i])) {
    throw new InputError(
      `y_true of shape ${formatShape(yTrueGiven.shape)} must be ${formatShape(shape)} (one class index per sample) for y_pred of shape ${formatShape(yPred.shape)}`,
      undefined,
      'labels',
      undefined,
      'y_true',
    );
  }
  const ignoreClass = args.optionalNumber('ignore_class');
  const ignored = ignoreClass === null ? null : round(ignoreClass);
  const mask = ignored === null ? null : Uint8Array.from(yTrue.data, (v) => (v === ignored ? 0 : 1));
  const fromLogits = args.boolean('from_logits');
  const range = crossEntropyRange(round);
  const out = new Float64Array(yTrue.data.length);
  const probabilities = new Float64Array(classes);
  const logP = new Float64Array(classes);
  for (let i = 0; i < out.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const label = yTrue.data[i];
    // Keras casts the labels to int64 (truncating); TensorFlow rejects labels outside [0, K).
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new InputError(
        `y_true${formatIndex(unravel(i, yTrue.shape))} = ${shortNumber(label)} is not a class index in [0, ${classes})${ignoreClass === null ? '' : ` nor ignore_class = ${ignoreClass}`}`,
        undefined,
        'labels',
        i,
        'y_true',
      );
    }
    if (fromLogits) {
      softmaxRow(yPred.data, i * classes, classes, probabilities, logP, 0, round);
      out[i] = 0 - logP[label];
    } else {
      out[i] = sparseCrossEntropyOfProbabilities(yPred.data, i * classes, classes, label, range, round);
    }
  }
  return { tensor: { shape, data: out }, mask };
}

function binaryCrossentropy(args: BoundArguments, yTrue: Tensor, yPred: Tensor, round: Round): Losses {
  requireSameShape(yTrue, yPred);
  const z = smoothed(yTrue.data, args.number('label_smoothing'), 'binary', round);
  const fromLogits = args.boolean('from_logits');
  const elements = Float64Array.from(yPred.data, (x, i) =>
    fromLogits ? sigmoidCrossEntropyAt(x, z[i], undefined, round) : binaryCrossEntropyAt(x, z[i], KERAS_PROBABILITY_RULE, round),
  );
  return meanAlong(args, elements, yPred, round);
}

function binaryFocalCrossentropy(args: BoundArguments, yTrue: Tensor, yPred: Tensor, round: Round): Losses {
  requireSameShape(yTrue, yPred);
  const z = smoothed(yTrue.data, args.number('label_smoothing'), 'binary', round);
  const fromLogits = args.boolean('from_logits');
  const gamma = args.number('gamma');
  const alpha = args.boolean('apply_class_balancing') ? args.number('alpha') : null;
  const elements = Float64Array.from(yPred.data, (x, i) => kerasBinaryFocalElement(z[i], fromLogits ? round(sigmoid(x)) : x, gamma, alpha, round));
  return meanAlong(args, elements, yPred, round);
}

/** ops.mean(elements, axis): the binary losses' one value per sample. */
function meanAlong(args: BoundArguments, elements: Float64Array, like: Tensor, round: Round): Losses {
  const axis = canonicalAxis(args.number('axis'), like.shape.length);
  const columns = like.shape[axis];
  const rows = classesLast({ shape: like.shape, data: elements }, axis);
  const out = new Float64Array(columns === 0 ? 0 : rows.length / columns);
  for (let i = 0; i < out.length; i++) out[i] = round(sumValues(rows.subarray(i * columns, (i + 1) * columns), round) / columns);
  return { tensor: { shape: withoutAxis(like.shape, axis), data: out }, mask: null };
}

function categoricalFocalCrossentropy(args: BoundArguments, yTrue: Tensor, yPred: Tensor, round: Round): Losses {
  requireSameShape(yTrue, yPred);
  const axis = canonicalAxis(args.number('axis'), yPred.shape.length);
  const { p: given, classes, rows, shape } = rowsAlong(yTrue, yPred, axis);
  const y = smoothed(classesLast(yTrue, axis), args.number('label_smoothing'), yTrue.shape[yTrue.shape.length - 1], round);
  let p = given;
  if (args.boolean('from_logits')) {
    p = new Float64Array(given.length);
    const logP = new Float64Array(given.length);
    for (let i = 0; i < rows; i++) softmaxRow(given, i * classes, classes, p, logP, i * classes, round);
  }
  const alphaArgument = args.numberOrTensor('alpha');
  const alphaTensor: Tensor =
    typeof alphaArgument === 'number' || alphaArgument === null ? { shape: [], data: Float64Array.of(alphaArgument ?? 0.25) } : alphaArgument;
  // α multiplies the [..., K] factor by broadcasting, so a list lines up with the last axis.
  const alpha = classesLast({ shape: yPred.shape, data: broadcastWeights(read(alphaTensor, round), yPred.shape, 'alpha', 'y_pred', 'options') }, axis);
  const range = crossEntropyRange(round);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = kerasCategoricalFocalRow(y, p, alpha, i * classes, classes, args.number('gamma'), range, round);
  return { tensor: { shape, data: out }, mask: null };
}

/** Hinge, squared hinge, categorical hinge, KL divergence and MSE: over the last axis of same-shaped tensors. */
function lastAxisLoss(kind: 'hinge' | 'squared_hinge' | 'categorical_hinge' | 'kl_divergence' | 'mean_squared_error') {
  return (_args: BoundArguments, yTrue: Tensor, yPred: Tensor, round: Round): Losses => {
    requireSameShape(yTrue, yPred);
    const rank = yPred.shape.length;
    const columns = rank === 0 ? 1 : yPred.shape[rank - 1];
    const rows = columns === 0 ? 0 : yPred.data.length / columns;
    const shape = yPred.shape.slice(0, -1);
    const data =
      kind === 'hinge' || kind === 'squared_hinge'
        ? hingeRows(yPred.data, yTrue.data, rows, columns, kind === 'squared_hinge', round)
        : kind === 'categorical_hinge'
          ? categoricalHingeRows(yPred.data, yTrue.data, rows, columns, round)
          : kind === 'kl_divergence'
            ? clippedKlDivergenceRows(yTrue.data, yPred.data, rows, columns, round)
            : meanSquaredErrorRows(yPred.data, yTrue.data, rows, columns, round);
    return { tensor: { shape, data }, mask: null };
  };
}

type LossFunction = (args: BoundArguments, yTrue: Tensor, yPred: Tensor, round: Round) => Losses;

function product(a: Tensor, b: Tensor, argument: string, what: string, round: Round): Tensor {
  const shape = broadcastShapes(a.shape, b.shape, what, argument, 'weights');
  const left = broadcastWeights(a, shape, argument, what);
  const right = broadcastWeights(b, shape, argument, what);
  return { shape, data: weightValues(left, right, null, round) };
}

/** keras/src/losses/loss.py reduce_weighted_values: mask and sample_weight merged, multiplied in, reduced. */
function kerasReduce(losses: Losses, sampleWeight: Tensor | null, reduction: string, round: Round): CallOutcome {
  const masked = reduction === 'mean' || reduction === 'sum_over_batch_size';
  let weight = sampleWeight;
  let maskWeight = 1;
  let valid = 0;
  if (losses.mask !== null) {
    const mask = losses.mask;
    valid = mask.reduce((sum, m) => sum + m, 0);
    maskWeight = masked ? (valid === 0 ? 0 : round(mask.length / valid)) : 1;
    const floatMask: Tensor = { shape: losses.tensor.shape, data: Float64Array.from(mask, (m) => (m === 1 ? maskWeight : 0)) };
    if (weight === null) {
      weight = floatMask;
    } else {
      const [m, w] = squeezeOrExpand(floatMask, weight);
      weight = product(w, m, 'sample_weight', 'the mask of ignore_class', round);
    }
  }
  let weighted = losses.tensor;
  if (weight !== null) {
    const [values, w] = squeezeOrExpand(losses.tensor, weight);
    weighted = product(values, w, 'sample_weight', 'the per-sample losses', round);
  }
  const outcome = { losses: losses.tensor, weighted };
  if (reduction === 'none' || weighted.shape.length === 0 || (weighted.shape.length === 1 && weighted.shape[0] === 0)) {
    return { value: weighted, ...outcome, reduction: null };
  }
  const sum = sumValues(weighted.data, round);
  const scalar = (v: number): Tensor => ({ shape: [], data: Float64Array.of(v) });
  if (reduction === 'sum') return { value: scalar(sum), ...outcome, reduction: { name: reduction, sum, denominator: 1, divides: 'nothing (a sum)' } };
  if (reduction === 'mean_with_sample_weight' && weight !== null) {
    const divisor = sumValues(weight.data, round);
    return {
      value: scalar(divisor === 0 ? 0 : round(sum / divisor)),
      ...outcome,
      reduction: {
        name: reduction,
        sum,
        denominator: divisor,
        divides: `Σ sample_weight = ${shortNumber(divisor)}${divisor === 0 ? ' (0, so the result is 0: divide_no_nan)' : ''}`,
      },
    };
  }
  const count = weighted.data.length;
  const divides =
    losses.mask !== null && masked
      ? `the ${count} values; the ${count - valid} ignored weigh 0 and the ${valid} others ${shortNumber(maskWeight)} (${count}/${valid}), so this is Σ ℓ ÷ ${valid}${valid === 0 ? ', 0 when all are ignored' : ''}`
      : `the ${count} value${count === 1 ? '' : 's'}`;
  return { value: scalar(round(sum / count)), ...outcome, reduction: { name: reduction, sum, denominator: count, divides } };
}

function classCompute(loss: LossFunction) {
  return (args: BoundArguments, context: ComputeContext): CallOutcome => {
    const round = roundOf(args, context);
    const [yTrue, yPred] = squeezeOrExpand(read(args.tensor('y_true'), round), read(args.tensor('y_pred'), round));
    const losses = loss(args, yTrue, yPred, round);
    noteNaNLoss(losses.tensor.data, losses.tensor.shape, context, 'Keras returns NaN there (NaN in y_pred, or a row of probabilities summing to 0).');
    const weight = args.optionalTensor('sample_weight');
    return kerasReduce(losses, weight === null ? null : read(weight, round), args.choice('reduction'), round);
  };
}

function functionCompute(loss: LossFunction, matchRanks = false) {
  return (args: BoundArguments, context: ComputeContext): CallOutcome => {
    const round = context.round;
    let yTrue = read(args.tensor('y_true'), round);
    let yPred = read(args.tensor('y_pred'), round);
    if (matchRanks) [yTrue, yPred] = squeezeOrExpand(yTrue, yPred);
    const losses = loss(args, yTrue, yPred, round);
    noteNaNLoss(losses.tensor.data, losses.tensor.shape, context, 'Keras returns NaN there (NaN in y_pred, or a row of probabilities summing to 0).');
    return { value: losses.tensor, losses: losses.tensor, weighted: losses.tensor, reduction: null };
  };
}

interface KerasLoss {
  readonly className: string;
  readonly functionName: string;
  readonly family: CallEntry['family'];
  readonly summary: string;
  /** Page and anchor under https://keras.io/api/losses/. */
  readonly docs: string;
  /** The options both forms share, in the function's order (after y_true, y_pred). */
  readonly options: readonly Parameter[];
  /** The constructor's order when it differs from options + reduction. */
  readonly classOrder?: readonly string[];
  readonly loss: LossFunction;
  /** The function form matches ranks itself (mean_squared_error). */
  readonly functionMatchesRanks?: boolean;
}

const LOSSES: readonly KerasLoss[] = [
  {
    className: 'CategoricalCrossentropy',
    docs: 'probabilistic_losses/#categoricalcrossentropy-class',
    functionName: 'categorical_crossentropy',
    family: 'softmax-cross-entropy',
    summary: 'Cross-entropy of one-hot (or soft) targets against probabilities (normalised, clipped to [1e-7, 1 − 1e-7]) or logits, per sample.',
    options: [FROM_LOGITS, LABEL_SMOOTHING, AXIS],
    loss: categoricalCrossentropy,
  },
  {
    className: 'SparseCategoricalCrossentropy',
    docs: 'probabilistic_losses/#sparsecategoricalcrossentropy-class',
    functionName: 'sparse_categorical_crossentropy',
    family: 'softmax-cross-entropy',
    summary: 'Cross-entropy of class indices against probabilities or logits, per sample; ignore_class masks targets out.',
    options: [FROM_LOGITS, IGNORE_CLASS, AXIS],
    classOrder: ['from_logits', 'ignore_class', 'reduction', 'axis'],
    loss: sparseCategoricalCrossentropy,
  },
  {
    className: 'BinaryCrossentropy',
    docs: 'probabilistic_losses/#binarycrossentropy-class',
    functionName: 'binary_crossentropy',
    family: 'binary-cross-entropy',
    summary: 'Binary cross-entropy of each element (probabilities clipped to [1e-7, 1 − 1e-7], or logits), averaged over the last axis: one value per sample.',
    options: [FROM_LOGITS, LABEL_SMOOTHING, AXIS],
    loss: binaryCrossentropy,
  },
  {
    className: 'BinaryFocalCrossentropy',
    docs: 'probabilistic_losses/#binaryfocalcrossentropy-class',
    functionName: 'binary_focal_crossentropy',
    family: 'focal',
    summary: 'Focal binary cross-entropy (1 − p_t)^γ·BCE, optionally class-balanced by α, averaged over the last axis.',
    options: [APPLY_CLASS_BALANCING, BINARY_ALPHA, GAMMA, FROM_LOGITS, LABEL_SMOOTHING, AXIS],
    loss: binaryFocalCrossentropy,
  },
  {
    className: 'CategoricalFocalCrossentropy',
    docs: 'probabilistic_losses/#categoricalfocalcrossentropy-class',
    functionName: 'categorical_focal_crossentropy',
    family: 'focal',
    summary: 'Focal categorical cross-entropy −Σ α·(1 − p)^γ·y·log p over the class axis, per sample.',
    options: [CATEGORICAL_ALPHA, GAMMA, FROM_LOGITS, LABEL_SMOOTHING, AXIS],
    loss: categoricalFocalCrossentropy,
  },
  {
    className: 'Hinge',
    docs: 'hinge_losses/#hinge-class',
    functionName: 'hinge',
    family: 'hinge',
    summary: 'mean(max(1 − y·ŷ, 0)) over the last axis; 0/1 targets become −1/+1.',
    options: [],
    loss: lastAxisLoss('hinge'),
  },
  {
    className: 'SquaredHinge',
    docs: 'hinge_losses/#squaredhinge-class',
    functionName: 'squared_hinge',
    family: 'hinge',
    summary: 'mean(max(1 − y·ŷ, 0)²) over the last axis; 0/1 targets become −1/+1.',
    options: [],
    loss: lastAxisLoss('squared_hinge'),
  },
  {
    className: 'CategoricalHinge',
    docs: 'hinge_losses/#categoricalhinge-class',
    functionName: 'categorical_hinge',
    family: 'hinge',
    summary: 'max(max((1 − y)·ŷ) − Σ y·ŷ + 1, 0) over the last axis.',
    options: [],
    loss: lastAxisLoss('categorical_hinge'),
  },
  {
    className: 'KLDivergence',
    docs: 'probabilistic_losses/#kldivergence-class',
    functionName: 'kl_divergence',
    family: 'kl-divergence',
    summary: 'Σ y·log(y/ŷ) over the last axis, both clipped to [1e-7, 1].',
    options: [],
    loss: lastAxisLoss('kl_divergence'),
  },
  {
    className: 'MeanSquaredError',
    docs: 'regression_losses/#meansquarederror-class',
    functionName: 'mean_squared_error',
    family: 'squared-error',
    summary: 'mean((y − ŷ)²) over the last axis.',
    options: [],
    loss: lastAxisLoss('mean_squared_error'),
    functionMatchesRanks: true,
  },
];

function classEntry(spec: KerasLoss): CallEntry {
  const init = [...spec.options.map((p) => ({ ...p, stage: 'init' as const })), REDUCTION];
  const ordered = spec.classOrder ? spec.classOrder.map((name) => init.find((p) => p.name === name) as Parameter) : init;
  return {
    id: `keras.losses.${spec.className}`,
    aliases: [`tf.keras.losses.${spec.className}`],
    framework: 'keras',
    language: 'python',
    form: 'class',
    family: spec.family,
    summary: `${spec.summary} Reduced by \`reduction\` with sample_weight.`,
    docs: `${KERAS_DOCS}${spec.docs}`,
    parameters: [...ordered, nameParameter(spec.functionName), DTYPE, Y_TRUE, Y_PRED, SAMPLE_WEIGHT],
    float32: FLOAT32,
    compute: classCompute(spec.loss),
  };
}

function functionEntry(spec: KerasLoss): CallEntry {
  return {
    id: `keras.losses.${spec.functionName}`,
    aliases: [`tf.keras.losses.${spec.functionName}`],
    framework: 'keras',
    language: 'python',
    form: 'function',
    family: spec.family,
    summary: spec.summary,
    docs: `${KERAS_DOCS}${spec.docs.replace(/#.*/, '')}#${spec.functionName}-function`,
    parameters: [{ ...Y_TRUE, stage: undefined }, { ...Y_PRED, stage: undefined }, ...spec.options],
    float32: FLOAT32,
    compute: functionCompute(spec.loss, spec.functionMatchesRanks),
  };
}

export const KERAS_CALLS: readonly CallEntry[] = LOSSES.flatMap((spec) => [classEntry(spec), functionEntry(spec)]);
