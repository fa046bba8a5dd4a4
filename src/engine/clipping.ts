/**
 * Probabilities clipped away from 0 and 1 before a log, as Keras does with
 * `backend.epsilon()` = 1e-7 (keras/src/backend/common/global_state / config.py):
 * cross-entropies from probabilities clip to [ε, 1 − ε], KLDivergence to [ε, 1]. The bounds are
 * Python floats converted to the tensor's dtype, so in float32 they are fround(1e-7) and
 * fround(1 − 1e-7) = 0.99999988. PyTorch clamps the log at −100 instead (BCELoss), a different rule.
 */
import { identity } from './label-smoothing';

export const KERAS_EPSILON = 1e-7;

export interface ClipRange {
  readonly low: number;
  readonly high: number;
}

/** [low, high] in the computation's precision (`round` is Math.fround in float32 mode). */
export function clipRange(low: number, high: number, round: (v: number) => number = identity): ClipRange {
  return { low: round(low), high: round(high) };
}

/** tf.clip_by_value: min(max(v, low), high); NaN stays NaN. */
export function clip(value: number, range: ClipRange): number {
  if (value !== value) return value;
  return value < range.low ? range.low : value > range.high ? range.high : value;
}
