/**
 * Binary cross-entropy of probabilities p against targets z, element-wise:
 *   ℓ = −(z·log p + (1 − z)·log(1 − p))
 * Each framework guards the logs its own way; `ProbabilityRule` names the guard:
 * - PyTorch 1.13 F.binary_cross_entropy / nn.BCELoss (aten/src/ATen/native/Loss.cpp): each log
 *   clamped at −100, log(1 − p) of the rounded difference (a real 1.13 run gives 0 for p = 1e−8,
 *   z = 0, where log1p(−p) gives 1e−8) — `{ complement: 'subtract', logFloor: -100 }`; it computes
 *   (z − 1)·log(1 − p) − z·log p, the order used here: it rounds exactly as the form above (Keras's
 *   order) except for the sign of a zero result, which PyTorch's order gives as torch prints it;
 * - Keras 3 BinaryCrossentropy(from_logits=False): p clipped to [1e−7, 1 − 1e−7] first —
 *   `{ complement: 'subtract', clip: 1e-7 }`;
 * - tf.compat.v1.losses.log_loss and tfjs losses.logLoss: ε = 1e−7 inside both logs,
 *   −z·log(p + ε) − (1 − z)·log(1 − p + ε) — `{ complement: 'subtract', epsilon: 1e-7 }`;
 *   Keras 2's backend clips and then adds ε: both fields.
 * Without any guard, p = 0 or 1 gives 0·(−∞) = NaN even for the matching target.
 */
import { KERAS_EPSILON } from './clipping';
import { identity } from './label-smoothing';

export interface ProbabilityRule {
  /** How log(1 − p) is computed: log1p(−p), or the log of the rounded difference 1 − p (PyTorch 1.13, Keras, TensorFlow). */
  readonly complement: 'log1p' | 'subtract';
  /** p is clipped to [clip, 1 − clip] before the logs. */
  readonly clip?: number;
  /** Added to p and to 1 − p inside the logs. */
  readonly epsilon?: number;
  /** Each log is raised to at least this value. */
  readonly logFloor?: number;
}

export const PYTORCH_PROBABILITY_RULE: ProbabilityRule = { complement: 'subtract', logFloor: -100 };

/** ℓ for one probability p and target z under `rule`; `round` is Math.fround in float32 mode. */
export function binaryCrossEntropyAt(p: number, z: number, rule: ProbabilityRule, round: (v: number) => number = identity): number {
  let q = p;
  if (rule.clip !== undefined) {
    const low = round(rule.clip);
    const high = round(1 - low);
    q = q < low ? low : q > high ? high : q;
  }
  const epsilon = rule.epsilon === undefined ? 0 : round(rule.epsilon);
  let logP = round(Math.log(epsilon === 0 ? q : round(q + epsilon)));
  let logComplement = rule.complement === 'log1p' ? round(Math.log1p(-q)) : round(Math.log(epsilon === 0 ? round(1 - q) : round(round(1 - q) + epsilon)));
  if (rule.logFloor !== undefined) {
    // max(NaN, floor) stays NaN, as std::max(log, -100) does for a NaN log.
    if (logP < rule.logFloor) logP = rule.logFloor;
    if (logComplement < rule.logFloor) logComplement = rule.logFloor;
  }
  return round(round(round(z - 1) * logComplement) - round(z * logP));
}

/** Keras 3 BinaryCrossentropy(from_logits=False) and the binary focal loss: p clipped to [1e−7, 1 − 1e−7]. */
export const KERAS_PROBABILITY_RULE: ProbabilityRule = { complement: 'subtract', clip: KERAS_EPSILON };
