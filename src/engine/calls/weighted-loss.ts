/**
 * compute_weighted_loss, the step every tf.compat.v1.losses call and every tfjs tf.losses call
 * ends with: weighted = losses × weights, then one of the Reduction rules
 *   NONE                   weighted, unreduced
 *   SUM                    Σ weighted
 *   MEAN                   Σ weighted ÷ Σ weights (broadcast to the losses)
 *   SUM_BY_NONZERO_WEIGHTS Σ weighted ÷ the number of nonzero broadcast weights (the default)
 *   SUM_OVER_BATCH_SIZE    Σ weighted ÷ the number of losses (TensorFlow only)
 * The two frameworks differ in the details, each reproduced here:
 * - TensorFlow (tensorflow/python/ops/losses/losses_impl.py): weights must be a scalar or have the
 *   losses' rank with each axis 1 or equal (weights_broadcast_ops.assert_broadcastable); losses and
 *   weights are cast to float32 whatever their dtype, reduced in float32 and cast back; the mean
 *   is div_no_nan, 0 when the denominator is 0.
 * - tfjs (tfjs-core src/ops/losses/compute_weighted_loss.ts): losses × weights broadcasts both
 *   ways, so [N] losses with [N, 1] weights give [N, N]; MEAN divides by Σ of the weights as given
 *   and then by losses.size / weights.size when that exceeds 1; a 0 denominator gives 0/0 = NaN;
 *   the cpu backend adds in float64 and rounds each sum once.
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import { fround } from '../float32';
import { formatShape, shortNumber } from '../format';
import { identity } from '../label-smoothing';
import { denominatorOf, sumValues, weightValues } from '../reductions';
import { broadcastWeights, jointShape } from '../weights';
import type { CallOutcome, ComputeContext, Parameter } from './types';
import { readValues, sameShape } from './views';

const TF_REDUCTIONS = ['NONE', 'SUM', 'MEAN', 'SUM_OVER_BATCH_SIZE', 'SUM_BY_NONZERO_WEIGHTS', 'SUM_OVER_NONZERO_WEIGHTS'] as const;
const TFJS_REDUCTIONS = ['NONE', 'MEAN', 'SUM', 'SUM_BY_NONZERO_WEIGHTS'] as const;

/** The string values behind tf.compat.v1.losses.Reduction's names, accepted as well. */
const TF_REDUCTION_VALUES: Readonly<Record<string, string>> = {
  none: 'NONE',
  weighted_sum: 'SUM',
  weighted_mean: 'MEAN',
  weighted_sum_over_batch_size: 'SUM_OVER_BATCH_SIZE',
  weighted_sum_by_nonzero_weights: 'SUM_BY_NONZERO_WEIGHTS',
};

export const TF_REDUCTION: Parameter = {
  name: 'reduction',
  type: { kind: 'choice', values: [...TF_REDUCTIONS, ...Object.keys(TF_REDUCTION_VALUES)] },
  default: 'SUM_BY_NONZERO_WEIGHTS',
  description:
    'tf.compat.v1.losses.Reduction: NONE, SUM, MEAN (÷ Σ weights), SUM_OVER_BATCH_SIZE (÷ number of losses), SUM_BY_NONZERO_WEIGHTS (÷ number of nonzero weights, the default).',
};

export const TFJS_REDUCTION: Parameter = {
  name: 'reduction',
  type: { kind: 'choice', values: TFJS_REDUCTIONS },
  default: 'SUM_BY_NONZERO_WEIGHTS',
  description: 'tf.Reduction: NONE, SUM, MEAN (÷ Σ weights), SUM_BY_NONZERO_WEIGHTS (÷ number of nonzero weights, the default).',
};

type WeightingRules = 'tensorflow' | 'tfjs';

/**
 * `losses` (already computed, in the call's precision) weighted and reduced by `rules`.
 * `weights` null means none given (tfjs); TensorFlow always has weights (1.0 by default).
 */
export function computeWeightedLoss(
  losses: Tensor,
  weights: Tensor | null,
  reductionName: string,
  rules: WeightingRules,
  context: ComputeContext,
): CallOutcome {
  const reduction = TF_REDUCTION_VALUES[reductionName] ?? reductionName;
  return rules === 'tensorflow' ? tensorflowRules(losses, weights, reduction, context) : tfjsRules(losses, weights, reduction, context);
}

function tensorflowRules(losses: Tensor, weights: Tensor | null, reduction: string, context: ComputeContext): CallOutcome {
  // compute_weighted_loss casts to float32 whatever the input dtype, so this step is float32 even in float64 mode.
  const round = fround;
  const given = weights ?? { shape: [], data: Float64Array.of(1) };
  assertBroadcastable(given, losses.shape);
  const values = readValues(losses, true);
  const w = readValues({ shape: losses.shape, data: broadcastWeights(given, losses.shape, 'weights', 'the losses') }, true);
  const weighted = weightValues(values, w, null, round);
  const shape = [...losses.shape];
  const outcome = { losses: { shape, data: values }, weighted: { shape, data: weighted } };
  if (reduction === 'NONE') return { ...outcome, value: outcome.weighted, reduction: null };
  const sum = sumValues(weighted, round);
  let denominator = 1;
  let divides = 'nothing (a sum)';
  if (reduction === 'MEAN') {
    denominator = denominatorOf('weight-sum', w.length, w, null, round);
    divides = `Σ weights broadcast to the losses = ${shortNumber(denominator)}`;
  } else if (reduction === 'SUM_BY_NONZERO_WEIGHTS' || reduction === 'SUM_OVER_NONZERO_WEIGHTS') {
    denominator = denominatorOf('nonzero-weights', w.length, w, null, round);
    divides = `the ${denominator} nonzero weight${denominator === 1 ? '' : 's'} (broadcast to the losses)`;
  } else if (reduction === 'SUM_OVER_BATCH_SIZE') {
    denominator = values.length;
    divides = `the ${denominator} losses`;
  }
  let value = sum;
  if (reduction !== 'SUM') {
    if (denominator === 0) {
      value = 0;
      context.diagnostics.note('empty-mean', 'info', () => `Every weight is 0: ${reduction} divides by 0 and TensorFlow's div_no_nan returns 0.`, 'weights');
    } else {
      value = round(sum / denominator);
    }
  }
  return { ...outcome, value: { shape: [], data: Float64Array.of(value) }, reduction: { name: reduction, sum, denominator, divides } };
}

/** weights_broadcast_ops.assert_broadcastable: a scalar, or the losses' rank with each axis 1 or equal. */
function assertBroadcastable(weights: Tensor, shape: readonly number[]): void {
  if (weights.shape.length === 0) return;
  const fits = weights.shape.length === shape.length && weights.shape.every((size, i) => size === 1 || size === shape[i]);
  if (fits) return;
  const why =
    weights.shape.length !== shape.length
      ? `they have rank ${weights.shape.length} and the losses rank ${shape.length}; TensorFlow takes a scalar or the losses' rank`
      : 'each axis must be 1 or the losses’ size';
  throw new InputError(
    `weights can not be broadcast to values: weights of shape ${formatShape(weights.shape)}, losses of shape ${formatShape(shape)} (${why})`,
    undefined,
    'weights',
    undefined,
    'weights',
  );
}

function tfjsRules(losses: Tensor, weights: Tensor | null, reduction: string, context: ComputeContext): CallOutcome {
  const { round } = context;
  const values = losses.data;
  const size = values.length;
  let shape = [...losses.shape];
  let weighted = values;
  let broadcast: Float64Array | null = null;
  let lossesOut = values;
  if (weights !== null) {
    const joint = jointShape(losses.shape, weights.shape);
    if (joint === null) {
      throw new InputError(
        `weights of shape ${formatShape(weights.shape)} do not broadcast with the losses of shape ${formatShape(losses.shape)}: each axis, aligned from the last, must be 1 or match`,
        undefined,
        'weights',
        undefined,
        'weights',
      );
    }
    if (!sameShape(joint, losses.shape)) {
      context.diagnostics.note(
        'weights-broaden-losses',
        'warning',
        () =>
          `weights of shape ${formatShape(weights.shape)} broadcast the losses of shape ${formatShape(losses.shape)} to ${formatShape(joint)}: tfjs multiplies every loss by every weight. Weights of shape ${formatShape(losses.shape)} weight each loss once.`,
        'weights',
      );
      lossesOut = broadcastWeights(losses, joint, 'losses', 'the weighted losses');
    }
    shape = joint;
    broadcast = readValues({ shape: joint, data: broadcastWeights(weights, joint, 'weights', 'the losses') }, context.float32);
    weighted = weightValues(lossesOut, broadcast, null, round);
  }
  const outcome = { losses: { shape: [...losses.shape], data: values }, weighted: { shape, data: weighted } };
  if (reduction === 'NONE') return { ...outcome, value: outcome.weighted, reduction: null };
  // The cpu backend's Sum adds in float64 and rounds the finished sum.
  const sum = round(sumValues(weighted, identity));
  let value = sum;
  let denominator = 1;
  let divides = 'nothing (a sum)';
  if (reduction === 'MEAN' && weights === null) {
    // tf.mean divides each value by the count before adding.
    denominator = size;
    value = round(
      sumValues(
        Float64Array.from(weighted, (v) => round(v / size)),
        identity,
      ),
    );
    divides = `the ${size} losses`;
  } else if (reduction === 'MEAN' && weights !== null) {
    const weightSum = round(sumValues(readValues(weights, context.float32), identity));
    const factor = size / weights.data.length;
    value = round(sum / weightSum);
    denominator = weightSum;
    divides = `Σ weights = ${shortNumber(weightSum)}`;
    if (factor > 1) {
      value = round(value / round(factor));
      denominator = weightSum * factor;
      divides += `, then losses.size / weights.size = ${shortNumber(factor)}`;
    }
  } else if (reduction === 'SUM_BY_NONZERO_WEIGHTS') {
    denominator = broadcast === null ? size : denominatorOf('nonzero-weights', broadcast.length, broadcast, null);
    value = round(sum / denominator);
    divides =
      broadcast === null ? `the ${size} losses (no weights)` : `the ${denominator} nonzero weight${denominator === 1 ? '' : 's'} (broadcast to the losses)`;
  }
  if (reduction !== 'SUM' && denominator === 0) {
    context.diagnostics.note(
      'empty-mean',
      'warning',
      () => `The ${reduction} denominator is 0 (every weight is 0): tfjs divides 0 by 0 and returns NaN.`,
      'weights',
    );
  }
  return { ...outcome, value: { shape: [], data: Float64Array.of(value) }, reduction: { name: reduction, sum, denominator, divides } };
}
