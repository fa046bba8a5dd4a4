/**
 * TensorFlow 2.x loss calls: the tf.nn ops, which return one loss per sample or per element, and
 * tf.compat.v1.losses (tf.losses in TF 1.x), which weight and reduce them through
 * compute_weighted_loss (weighted-loss.ts; default SUM_BY_NONZERO_WEIGHTS). Classes are on the
 * last axis. Formulas follow tensorflow/python/ops/nn_impl.py, nn_ops.py, losses/losses_impl.py
 * and the Xent kernels (core/kernels/xent_op.h, sparse_xent_op.h).
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import { fround } from '../float32';
import { formatIndex, formatShape, shortNumber } from '../format';
import { binaryHingeAt } from '../hinge';
import { classesLast, unravel, withoutAxis } from '../layout';
import { smoothValues } from '../label-smoothing';
import { logLossElement } from '../log-loss';
import { squaredError } from '../mse';
import { sigmoidCrossEntropyAt } from '../sigmoid-cross-entropy';
import { logSoftmaxRows, weightedCrossEntropyRow } from '../softmax-cross-entropy';
import { broadcastWeights } from '../weights';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext, Parameter } from './types';
import { noteNaNLoss, readValues, sameShape } from './views';
import { computeWeightedLoss, TF_REDUCTION } from './weighted-loss';

const TF_DOCS = 'https://www.tensorflow.org/api_docs/python/tf/';
const FLOAT32_NN =
  'float32 tensors: every element-wise operation and each sum in float32, in the kernel’s order (Eigen may sum in another order: an ulp or two).';
const FLOAT32_V1 =
  'The per-sample losses in the logits’ dtype (float32 by default); compute_weighted_loss then casts losses and weights to float32 and reduces in float32 even for float64 tensors, so float64 mode gives float32-rounded results.';
const FLOAT32_V1_CAST = 'Inputs are cast to float32 (to_float) whatever their dtype, so this call computes in float32 in either mode.';

const NAME: Parameter = { name: 'name', type: { kind: 'string' }, default: null, description: 'The op’s name in the graph; does not change the result.' };

/** The same-shape rule of the element-wise tf.nn ops; `labelsName` as the call names it. */
function sameShapeLabels(labels: Tensor, logits: Tensor, labelsName: string, logitsName = 'logits'): void {
  if (!sameShape(labels.shape, logits.shape)) {
    throw new InputError(
      `${logitsName} and ${labelsName} must have the same shape: ${logitsName} ${formatShape(logits.shape)}, ${labelsName} ${formatShape(labels.shape)}`,
      undefined,
      'labels',
      undefined,
      labelsName,
    );
  }
}

function tensorOf(shape: readonly number[], data: Float64Array): Tensor {
  return { shape: [...shape], data };
}

function unreduced(losses: Tensor): CallOutcome {
  return { value: losses, losses, weighted: losses, reduction: null };
}

/** Notes NaN results (the frameworks return them; a NaN is never silent here). */
/**
 * Per-row softmax cross-entropy over `axis` (XentFunctor): Σ_j y_j·(log Σ e^{x−m} − (x_j − m)),
 * zero targets multiplied in, so a −∞ logit gives 0·∞ = NaN as in TensorFlow.
 */
function softmaxLosses(labels: Tensor, logits: Tensor, axis: number, context: ComputeContext): Tensor {
  const { round, float32 } = context;
  const classes = logits.shape[axis];
  const x = readValues({ shape: logits.shape, data: classesLast(logits, axis) }, float32);
  const y = readValues({ shape: labels.shape, data: classesLast(labels, axis) }, float32);
  const rows = x.length / classes;
  const logP = logSoftmaxRows(x, rows, classes, round);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = weightedCrossEntropyRow(y, i * classes, logP, i * classes, classes, null, true, round);
  const shape = withoutAxis(logits.shape, axis);
  noteNaNLoss(out, shape, context, 'a logit is infinite or NaN (0·∞ in TensorFlow’s kernel)');
  return tensorOf(shape, out);
}

function classAxisOf(logits: Tensor, axis: number, argument: string): number {
  const rank = logits.shape.length;
  if (rank === 0) throw new InputError(`${argument} is a scalar; it needs a class axis`, undefined, 'logits', undefined, argument);
  const index = axis < 0 ? axis + rank : axis;
  if (index < 0 || index >= rank) throw new InputError(`axis ${axis} is out of range for logits of rank ${rank}`, undefined, 'options', undefined, 'axis');
  if (logits.shape[index] === 0)
    throw new InputError(`${argument} of shape ${formatShape(logits.shape)} has no classes`, undefined, 'logits', undefined, argument);
  return index;
}

/** Sparse labels: integers in [0, K); TensorFlow's CPU kernel raises for any other value. */
function sparseLosses(labels: Tensor, logits: Tensor, context: ComputeContext): Tensor {
  const { round, float32 } = context;
  const axis = classAxisOf(logits, -1, 'logits');
  const classes = logits.shape[axis];
  const sampleShape = withoutAxis(logits.shape, axis);
  if (!sameShape(labels.shape, sampleShape)) {
    throw new InputError(
      `labels of shape ${formatShape(labels.shape)} must have the shape of logits without the last dimension, ${formatShape(sampleShape)} (logits ${formatShape(logits.shape)})`,
      undefined,
      'labels',
      undefined,
      'labels',
    );
  }
  labels.data.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new InputError(
        `labels${formatIndex(unravel(i, labels.shape))} = ${shortNumber(v)}: ${Number.isInteger(v) ? `received a label value of ${v} which is outside the valid range of [0, ${classes})` : 'labels are int32 or int64 class indices'}`,
        undefined,
        'labels',
        i,
        'labels',
      );
    }
  });
  const x = readValues(logits, float32);
  const logP = logSoftmaxRows(x, labels.data.length, classes, round);
  // log Σ − (x_y − m), as the kernel subtracts: 0 − 0 is +0, where −logP would give −0.
  const out = Float64Array.from(labels.data, (y, i) => 0 - logP[i * classes + y]);
  noteNaNLoss(out, sampleShape, context, 'a logit is +∞ or NaN');
  return tensorOf(sampleShape, out);
}

/** Element-wise sigmoid cross-entropy, max(x, 0) − x·z + log1p(e^{−|x|}) (pos_weight: the weighted form). */
function sigmoidLosses(labels: Tensor, logits: Tensor, posWeight: Float64Array | null, context: ComputeContext): Tensor {
  const { round, float32 } = context;
  const x = readValues(logits, float32);
  const z = readValues(labels, float32);
  const out = Float64Array.from(x, (v, i) => sigmoidCrossEntropyAt(v, z[i], posWeight === null ? undefined : posWeight[i], round));
  noteNaNLoss(out, logits.shape, context, 'a logit or label is NaN');
  return tensorOf(logits.shape, out);
}

/** labels·(1 − ε) + floor with 1 − ε computed in double (a Python float) and then rounded, as TensorFlow converts it. */
function smoothedLabels(labels: Tensor, keep: number, floor: number, context: ComputeContext): Tensor {
  const { round } = context;
  const y = readValues(labels, context.float32);
  return tensorOf(labels.shape, smoothValues(y, { keep, floor }, round));
}

// tf.nn

function softmaxCrossEntropyWithLogits(args: BoundArguments, context: ComputeContext): CallOutcome {
  const labels = args.tensor('labels');
  const logits = args.tensor('logits');
  sameShapeLabels(labels, logits, 'labels');
  return unreduced(softmaxLosses(labels, logits, classAxisOf(logits, args.number('axis'), 'logits'), context));
}

function sparseSoftmaxCrossEntropyWithLogits(args: BoundArguments, context: ComputeContext): CallOutcome {
  return unreduced(sparseLosses(args.tensor('labels'), args.tensor('logits'), context));
}

function sigmoidCrossEntropyWithLogits(args: BoundArguments, context: ComputeContext): CallOutcome {
  const labels = args.tensor('labels');
  const logits = args.tensor('logits');
  sameShapeLabels(labels, logits, 'labels');
  return unreduced(sigmoidLosses(labels, logits, null, context));
}

function weightedCrossEntropyWithLogits(args: BoundArguments, context: ComputeContext): CallOutcome {
  const labels = args.tensor('labels');
  const logits = args.tensor('logits');
  sameShapeLabels(labels, logits, 'labels');
  const given = args.numberOrTensor('pos_weight') ?? 1;
  const posWeight = typeof given === 'number' ? { shape: [], data: Float64Array.of(given) } : given;
  const weights = readValues({ shape: logits.shape, data: broadcastWeights(posWeight, logits.shape, 'pos_weight', 'the logits') }, context.float32);
  return unreduced(sigmoidLosses(labels, logits, weights, context));
}

// tf.compat.v1.losses

function v1Weights(args: BoundArguments): Tensor {
  return args.tensor('weights');
}

function v1SoftmaxCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const logits = args.tensor('logits');
  let labels = args.tensor('onehot_labels');
  sameShapeLabels(labels, logits, 'onehot_labels');
  const axis = classAxisOf(logits, -1, 'logits');
  const epsilon = args.number('label_smoothing');
  if (epsilon > 0) {
    // smooth_positives = 1.0 - label_smoothing (Python), smooth_negatives = label_smoothing / num_classes (a tensor).
    const { round } = context;
    labels = smoothedLabels(labels, round(1 - epsilon), round(round(epsilon) / logits.shape[axis]), context);
  }
  const losses = softmaxLosses(labels, logits, axis, context);
  return computeWeightedLoss(losses, v1Weights(args), args.choice('reduction'), 'tensorflow', context);
}

/**
 * _remove_squeezable_dimensions(expected_rank_diff=1): labels of the logits' rank lose their last
 * axis of size 1 ([N, 1] → [N]); weights one rank above the labels lose their last axis, which
 * must be 1.
 */
function v1SparseSoftmaxCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const logits = args.tensor('logits');
  let labels = args.tensor('labels');
  if (labels.shape.length === logits.shape.length && labels.shape[labels.shape.length - 1] === 1) labels = tensorOf(labels.shape.slice(0, -1), labels.data);
  let weights = v1Weights(args);
  if (weights.shape.length === labels.shape.length + 1) {
    const last = weights.shape[weights.shape.length - 1];
    if (last !== 1) {
      throw new InputError(
        `Can not squeeze dim[${weights.shape.length - 1}], expected a dimension of 1, got ${last}: weights of shape ${formatShape(weights.shape)} are one rank above the labels ${formatShape(labels.shape)}`,
        undefined,
        'weights',
        undefined,
        'weights',
      );
    }
    weights = tensorOf(weights.shape.slice(0, -1), weights.data);
  }
  const losses = sparseLosses(labels, logits, context);
  return computeWeightedLoss(losses, weights, args.choice('reduction'), 'tensorflow', context);
}

function v1SigmoidCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const logits = args.tensor('logits');
  let labels = args.tensor('multi_class_labels');
  sameShapeLabels(labels, logits, 'multi_class_labels');
  const epsilon = args.number('label_smoothing');
  // multi_class_labels * (1 - label_smoothing) + 0.5 * label_smoothing, both constants Python floats.
  if (epsilon > 0) labels = smoothedLabels(labels, context.round(1 - epsilon), context.round(0.5 * epsilon), context);
  const losses = sigmoidLosses(labels, logits, null, context);
  return computeWeightedLoss(losses, v1Weights(args), args.choice('reduction'), 'tensorflow', context);
}

/** Element-wise v1 losses whose inputs are cast to float32 first (log_loss, hinge_loss, mean_squared_error). */
function v1Elementwise(
  labelsName: string,
  predictionsName: string,
  element: (label: number, prediction: number, args: BoundArguments) => number,
): (args: BoundArguments, context: ComputeContext) => CallOutcome {
  return (args, context) => {
    const labels = args.tensor(labelsName);
    const predictions = args.tensor(predictionsName);
    sameShapeLabels(labels, predictions, labelsName, predictionsName);
    const z = readValues(labels, true);
    const p = readValues(predictions, true);
    const out = Float64Array.from(p, (v, i) => element(z[i], v, args));
    noteNaNLoss(out, predictions.shape, context, `a ${predictionsName} value makes the formula undefined`);
    return computeWeightedLoss(tensorOf(predictions.shape, out), v1Weights(args), args.choice('reduction'), 'tensorflow', context);
  };
}

const v1LogLoss = v1Elementwise('labels', 'predictions', (z, p, args) => logLossElement(z, p, fround(args.number('epsilon')), fround));
const v1HingeLoss = v1Elementwise('labels', 'logits', (z, x) => binaryHingeAt(z, x, fround));
// squared_difference(predictions, labels)
const v1MeanSquaredError = v1Elementwise('labels', 'predictions', (z, p) => squaredError(p, z, fround));

function v1ComputeWeightedLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const losses = args.tensor('losses');
  return computeWeightedLoss(tensorOf(losses.shape, readValues(losses, context.float32)), v1Weights(args), args.choice('reduction'), 'tensorflow', context);
}

const V1_WEIGHTS: Parameter = {
  name: 'weights',
  type: { kind: 'tensor' },
  default: 1,
  description: 'A scalar, or a tensor of the losses’ rank whose axes are 1 or the losses’ ([N] or [N, 1] per sample); None is an error.',
};
const V1_TAIL: readonly Parameter[] = [
  { name: 'scope', type: { kind: 'string' }, default: null, description: 'The name scope of the ops; does not change the result.' },
  {
    name: 'loss_collection',
    type: { kind: 'string' },
    default: 'losses',
    nullable: true,
    description: 'The graph collection the loss is added to (ignored when executing eagerly); does not change the result.',
  },
  TF_REDUCTION,
];
const LABEL_SMOOTHING: Parameter = {
  name: 'label_smoothing',
  type: { kind: 'number' },
  default: 0,
  description: 'ε > 0 smooths the labels before the loss (0 or less: no smoothing).',
};
const LOGITS: Parameter = { name: 'logits', type: { kind: 'tensor' }, description: 'Unscaled log-probabilities, classes on the last axis.' };

function entry(
  id: string,
  family: CallEntry['family'],
  summary: string,
  docsPath: string,
  parameters: readonly Parameter[],
  float32: string,
  compute: CallEntry['compute'],
  aliases?: readonly string[],
): CallEntry {
  return {
    id,
    ...(aliases ? { aliases } : {}),
    framework: 'tensorflow',
    language: 'python',
    form: 'function',
    family,
    summary,
    docs: `${TF_DOCS}${docsPath}`,
    parameters,
    float32,
    compute,
  };
}

const v1 = (name: string) => [`tf.losses.${name}`];

export const TENSORFLOW_CALLS: readonly CallEntry[] = [
  entry(
    'tf.nn.softmax_cross_entropy_with_logits',
    'softmax-cross-entropy',
    'Softmax cross-entropy of each row of logits against a distribution of the same shape; one loss per row, unreduced.',
    'nn/softmax_cross_entropy_with_logits',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'A probability distribution along the class axis, the logits’ shape.' },
      LOGITS,
      { name: 'axis', type: { kind: 'integer' }, default: -1, description: 'The class dimension.' },
      NAME,
    ],
    FLOAT32_NN,
    softmaxCrossEntropyWithLogits,
  ),
  entry(
    'tf.nn.sparse_softmax_cross_entropy_with_logits',
    'softmax-cross-entropy',
    'Softmax cross-entropy of logits against class indices; one loss per sample, unreduced. No ignore index: a label outside [0, K) is an error.',
    'nn/sparse_softmax_cross_entropy_with_logits',
    [{ name: 'labels', type: { kind: 'tensor' }, description: 'Class indices in [0, K), the logits’ shape without the last axis.' }, LOGITS, NAME],
    FLOAT32_NN,
    sparseSoftmaxCrossEntropyWithLogits,
  ),
  entry(
    'tf.nn.sigmoid_cross_entropy_with_logits',
    'sigmoid-cross-entropy',
    'Element-wise sigmoid cross-entropy max(x, 0) − x·z + log(1 + e^{−|x|}), unreduced.',
    'nn/sigmoid_cross_entropy_with_logits',
    [{ name: 'labels', type: { kind: 'tensor' }, description: 'Targets z in [0, 1], the logits’ shape.' }, LOGITS, NAME],
    FLOAT32_NN,
    sigmoidCrossEntropyWithLogits,
  ),
  entry(
    'tf.nn.weighted_cross_entropy_with_logits',
    'sigmoid-cross-entropy',
    'Element-wise sigmoid cross-entropy with the positive term weighted: (1 − z)·x + (1 + (q − 1)·z)·log(1 + e^{−x}), unreduced.',
    'nn/weighted_cross_entropy_with_logits',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Targets z in [0, 1], the logits’ shape.' },
      LOGITS,
      {
        name: 'pos_weight',
        type: { kind: 'number-or-tensor' },
        description: 'q: the weight of the positive examples (a number or a tensor broadcast to the logits).',
      },
      NAME,
    ],
    FLOAT32_NN,
    weightedCrossEntropyWithLogits,
  ),
  entry(
    'tf.compat.v1.losses.softmax_cross_entropy',
    'softmax-cross-entropy',
    'Softmax cross-entropy against one-hot (or soft) labels, optionally smoothed toward 1/K, weighted per sample and reduced (default: ÷ the number of nonzero weights).',
    'compat/v1/losses/softmax_cross_entropy',
    [
      { name: 'onehot_labels', type: { kind: 'tensor' }, description: 'One-hot labels, the logits’ shape.' },
      LOGITS,
      V1_WEIGHTS,
      { ...LABEL_SMOOTHING, description: 'ε > 0: labels become y·(1 − ε) + ε/K.' },
      ...V1_TAIL,
    ],
    FLOAT32_V1,
    v1SoftmaxCrossEntropy,
    v1('softmax_cross_entropy'),
  ),
  entry(
    'tf.compat.v1.losses.sparse_softmax_cross_entropy',
    'softmax-cross-entropy',
    'Softmax cross-entropy against class indices (labels [N] or [N, 1]), weighted per sample and reduced (default: ÷ the number of nonzero weights).',
    'compat/v1/losses/sparse_softmax_cross_entropy',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Class indices in [0, K); a trailing axis of size 1 is squeezed.' },
      LOGITS,
      V1_WEIGHTS,
      ...V1_TAIL,
    ],
    FLOAT32_V1,
    v1SparseSoftmaxCrossEntropy,
    v1('sparse_softmax_cross_entropy'),
  ),
  entry(
    'tf.compat.v1.losses.sigmoid_cross_entropy',
    'sigmoid-cross-entropy',
    'Element-wise sigmoid cross-entropy, labels optionally smoothed toward 1/2, weighted and reduced (default: ÷ the number of nonzero weights).',
    'compat/v1/losses/sigmoid_cross_entropy',
    [
      { name: 'multi_class_labels', type: { kind: 'tensor' }, description: 'Targets in {0, 1} (or [0, 1]), the logits’ shape.' },
      LOGITS,
      V1_WEIGHTS,
      { ...LABEL_SMOOTHING, description: 'ε > 0: labels become z·(1 − ε) + ε/2.' },
      ...V1_TAIL,
    ],
    FLOAT32_V1,
    v1SigmoidCrossEntropy,
    v1('sigmoid_cross_entropy'),
  ),
  entry(
    'tf.compat.v1.losses.log_loss',
    'binary-cross-entropy',
    'Binary cross-entropy of probabilities, −z·log(p + ε) − (1 − z)·log(1 − p + ε) per element, weighted and reduced.',
    'compat/v1/losses/log_loss',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Targets in [0, 1], the predictions’ shape.' },
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Probabilities in [0, 1] (not logits).' },
      V1_WEIGHTS,
      { name: 'epsilon', type: { kind: 'number' }, default: 1e-7, description: 'Added inside both logarithms.' },
      ...V1_TAIL,
    ],
    FLOAT32_V1_CAST,
    v1LogLoss,
    v1('log_loss'),
  ),
  entry(
    'tf.compat.v1.losses.hinge_loss',
    'hinge',
    'Element-wise hinge relu(1 − (2z − 1)·x) of {0, 1} labels against logits, weighted and reduced.',
    'compat/v1/losses/hinge_loss',
    [{ name: 'labels', type: { kind: 'tensor' }, description: 'Labels in {0, 1}, mapped to −1/+1 as 2z − 1.' }, LOGITS, V1_WEIGHTS, ...V1_TAIL],
    FLOAT32_V1_CAST,
    v1HingeLoss,
    v1('hinge_loss'),
  ),
  entry(
    'tf.compat.v1.losses.mean_squared_error',
    'squared-error',
    'Element-wise (predictions − labels)², weighted and reduced (default: ÷ the number of nonzero weights, the mean when unweighted).',
    'compat/v1/losses/mean_squared_error',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Targets, the predictions’ shape.' },
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Predicted values.' },
      V1_WEIGHTS,
      ...V1_TAIL,
    ],
    FLOAT32_V1_CAST,
    v1MeanSquaredError,
    v1('mean_squared_error'),
  ),
  entry(
    'tf.compat.v1.losses.compute_weighted_loss',
    'weighted-loss',
    'Losses you computed, multiplied by weights and reduced by a Reduction rule: the last step of every tf.compat.v1.losses call.',
    'compat/v1/losses/compute_weighted_loss',
    [{ name: 'losses', type: { kind: 'tensor' }, description: 'Any tensor of losses.' }, V1_WEIGHTS, ...V1_TAIL],
    FLOAT32_V1,
    v1ComputeWeightedLoss,
    v1('compute_weighted_loss'),
  ),
];
