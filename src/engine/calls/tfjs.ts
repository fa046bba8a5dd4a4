/**
 * TensorFlow.js 4.22 tf.losses (tfjs-core src/ops/losses/*.ts): each computes element-wise or
 * per-row losses and ends in computeWeightedLoss (weighted-loss.ts, default
 * SUM_BY_NONZERO_WEIGHTS). Classes are on the last axis. tfjs has only float32 tensors: every op
 * rounds its result to float32, and the cpu backend adds each sum in float64 and rounds it once.
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import { formatShape } from '../format';
import { binaryHingeAt } from '../hinge';
import { smoothingConstants, smoothValues } from '../label-smoothing';
import { logLossElement } from '../log-loss';
import { squaredError } from '../mse';
import { sigmoidCrossEntropyAt } from '../sigmoid-cross-entropy';
import { crossEntropyRowFloat64Sum, logSoftmaxRowsThroughLogSumExp } from '../softmax-cross-entropy';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext, Parameter } from './types';
import { noteNaNLoss, readValues, sameShape } from './views';
import { computeWeightedLoss, TFJS_REDUCTION } from './weighted-loss';

const TFJS_DOCS = 'https://js.tensorflow.org/api/4.22.0/#losses.';
const FLOAT32 =
  'tfjs tensors are float32: each op’s result is rounded to float32 and each sum is added in float64 and rounded once (cpu backend). Float64 mode runs the same steps unrounded; tfjs itself has no float64.';

/** assertShapesMatch, in tfjs's words. */
function assertShapesMatch(a: Tensor, b: Tensor, call: string, aName: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new InputError(
      `Error in ${call}: Shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} must match (${aName} and the second argument)`,
      undefined,
      'labels',
      undefined,
      aName,
    );
  }
}

function weightsOf(args: BoundArguments, context: ComputeContext): Tensor | null {
  const weights = args.optionalTensor('weights');
  return weights === null ? null : { shape: [...weights.shape], data: readValues(weights, context.float32) };
}

function softmaxCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const labels = args.tensor('onehotLabels');
  const logits = args.tensor('logits');
  assertShapesMatch(labels, logits, 'softmaxCrossEntropy', 'onehotLabels');
  if (logits.shape.length === 0 || logits.data.length === 0) {
    throw new InputError(`logits of shape ${formatShape(logits.shape)} have no class axis`, undefined, 'logits', undefined, 'logits');
  }
  const classes = logits.shape[logits.shape.length - 1];
  let y = readValues(labels, float32);
  const epsilon = args.number('labelSmoothing');
  if (epsilon > 0) {
    if (labels.shape.length < 2) {
      throw new InputError(
        'labelSmoothing needs onehotLabels of rank 2 or more: tfjs divides by onehotLabels.shape[1]',
        undefined,
        'labels',
        undefined,
        'labelSmoothing',
      );
    }
    // tfjs takes the number of classes from shape[1], the last axis only for rank-2 labels.
    const c = smoothingConstants(epsilon, labels.shape[1], round);
    y = smoothValues(y, c, round);
  }
  const rows = logits.data.length / classes;
  const logP = logSoftmaxRowsThroughLogSumExp(readValues(logits, float32), rows, classes, round);
  const losses = new Float64Array(rows);
  for (let i = 0; i < rows; i++) losses[i] = crossEntropyRowFloat64Sum(y, logP, i * classes, classes, round);
  const shape = logits.shape.slice(0, -1);
  noteNaNLoss(losses, shape, context, 'a logit is infinite or NaN (tfjs computes x − logsumexp(x) and 0·∞ without special cases)');
  return computeWeightedLoss({ shape, data: losses }, weightsOf(args, context), args.choice('reduction'), 'tfjs', context);
}

function sigmoidCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const labels = args.tensor('multiClassLabels');
  const logits = args.tensor('logits');
  assertShapesMatch(labels, logits, 'sigmoidCrossEntropy', 'multiClassLabels');
  let z = readValues(labels, float32);
  const epsilon = args.number('labelSmoothing');
  if (epsilon > 0) {
    // add(mul(labels, sub(1, ε)), mul(0.5, ε)): the same constants as ε/2.
    const c = smoothingConstants(epsilon, 2, round);
    z = smoothValues(z, c, round);
  }
  const x = readValues(logits, float32);
  const losses = Float64Array.from(x, (v, i) => sigmoidCrossEntropyAt(v, z[i], undefined, round));
  noteNaNLoss(losses, logits.shape, context, 'a logit or label is NaN');
  return computeWeightedLoss({ shape: [...logits.shape], data: losses }, weightsOf(args, context), args.choice('reduction'), 'tfjs', context);
}

/** Element-wise tfjs losses of (labels, predictions). */
function elementwise(
  call: string,
  element: (label: number, prediction: number, args: BoundArguments, round: (v: number) => number) => number,
): (args: BoundArguments, context: ComputeContext) => CallOutcome {
  return (args, context) => {
    const labels = args.tensor('labels');
    const predictions = args.tensor('predictions');
    assertShapesMatch(labels, predictions, call, 'labels');
    const z = readValues(labels, context.float32);
    const p = readValues(predictions, context.float32);
    const losses = Float64Array.from(p, (v, i) => element(z[i], v, args, context.round));
    noteNaNLoss(losses, predictions.shape, context, 'a prediction makes the formula undefined');
    return computeWeightedLoss({ shape: [...predictions.shape], data: losses }, weightsOf(args, context), args.choice('reduction'), 'tfjs', context);
  };
}

const logLoss = elementwise('logLoss', (z, p, args, round) => logLossElement(z, p, round(args.number('epsilon')), round));
const hingeLoss = elementwise('hingeLoss', (z, x, _args, round) => binaryHingeAt(z, x, round));
// squaredDifference(labels, predictions)
const meanSquaredError = elementwise('meanSquaredError', (z, p, _args, round) => squaredError(z, p, round));

function computeWeightedLossCall(args: BoundArguments, context: ComputeContext): CallOutcome {
  const losses = args.tensor('losses');
  return computeWeightedLoss(
    { shape: [...losses.shape], data: readValues(losses, context.float32) },
    weightsOf(args, context),
    args.choice('reduction'),
    'tfjs',
    context,
  );
}

const WEIGHTS: Parameter = {
  name: 'weights',
  type: { kind: 'tensor' },
  default: null,
  description: 'Optional: a scalar or a tensor that broadcasts with the losses ([N] per sample; a shape that broadens the losses broadcasts them too).',
};
const LABEL_SMOOTHING: Parameter = { name: 'labelSmoothing', type: { kind: 'number' }, default: 0, description: 'ε > 0 smooths the labels (0 or less: none).' };

function entry(id: string, family: CallEntry['family'], summary: string, parameters: readonly Parameter[], compute: CallEntry['compute']): CallEntry {
  const name = id.slice('tf.losses.'.length);
  return {
    id,
    framework: 'tfjs',
    language: 'javascript',
    form: 'function',
    family,
    summary,
    docs: `${TFJS_DOCS}${name}`,
    parameters,
    float32: FLOAT32,
    compute,
  };
}

export const TFJS_CALLS: readonly CallEntry[] = [
  entry(
    'tf.losses.softmaxCrossEntropy',
    'softmax-cross-entropy',
    'Softmax cross-entropy against one-hot labels, optionally smoothed toward 1/K, weighted and reduced (default: ÷ the number of nonzero weights).',
    [
      { name: 'onehotLabels', type: { kind: 'tensor' }, description: 'One-hot labels, the logits’ shape.' },
      { name: 'logits', type: { kind: 'tensor' }, description: 'Unscaled log-probabilities, classes on the last axis.' },
      WEIGHTS,
      { ...LABEL_SMOOTHING, description: 'ε > 0: labels become y·(1 − ε) + ε/K, K = onehotLabels.shape[1].' },
      TFJS_REDUCTION,
    ],
    softmaxCrossEntropy,
  ),
  entry(
    'tf.losses.sigmoidCrossEntropy',
    'sigmoid-cross-entropy',
    'Element-wise sigmoid cross-entropy, labels optionally smoothed toward 1/2, weighted and reduced.',
    [
      { name: 'multiClassLabels', type: { kind: 'tensor' }, description: 'Targets in [0, 1], the logits’ shape.' },
      { name: 'logits', type: { kind: 'tensor' }, description: 'Logits, one per label.' },
      WEIGHTS,
      { ...LABEL_SMOOTHING, description: 'ε > 0: labels become z·(1 − ε) + ε/2.' },
      TFJS_REDUCTION,
    ],
    sigmoidCrossEntropy,
  ),
  entry(
    'tf.losses.logLoss',
    'binary-cross-entropy',
    'Binary cross-entropy of probabilities, −z·log(p + ε) − (1 − z)·log(1 − p + ε) per element, weighted and reduced.',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Targets in [0, 1].' },
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Probabilities in [0, 1] (not logits), the labels’ shape.' },
      WEIGHTS,
      { name: 'epsilon', type: { kind: 'number' }, default: 1e-7, description: 'Added inside both logarithms.' },
      TFJS_REDUCTION,
    ],
    logLoss,
  ),
  entry(
    'tf.losses.hingeLoss',
    'hinge',
    'Element-wise hinge relu(1 − (2z − 1)·x) of {0, 1} labels against scores, weighted and reduced.',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Labels in {0, 1}, mapped to −1/+1 as 2z − 1.' },
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Scores (logits), the labels’ shape.' },
      WEIGHTS,
      TFJS_REDUCTION,
    ],
    hingeLoss,
  ),
  entry(
    'tf.losses.meanSquaredError',
    'squared-error',
    'Element-wise (labels − predictions)², weighted and reduced (default: ÷ the number of nonzero weights, the mean when unweighted).',
    [
      { name: 'labels', type: { kind: 'tensor' }, description: 'Targets.' },
      { name: 'predictions', type: { kind: 'tensor' }, description: 'Predicted values, the labels’ shape.' },
      WEIGHTS,
      TFJS_REDUCTION,
    ],
    meanSquaredError,
  ),
  entry(
    'tf.losses.computeWeightedLoss',
    'weighted-loss',
    'Losses you computed, multiplied by weights and reduced by a tf.Reduction rule: the last step of every tf.losses call.',
    [{ name: 'losses', type: { kind: 'tensor' }, description: 'Any tensor of losses.' }, WEIGHTS, TFJS_REDUCTION],
    computeWeightedLossCall,
  ),
];
