/**
 * Log loss of a probability p against a label z ∈ [0, 1], with ε inside both logarithms:
 *   ℓ = −z·log(p + ε) − (1 − z)·log(1 − p + ε)
 * tf.compat.v1.losses.log_loss and tfjs losses.logLoss (ε = 1e-7 by default) compute exactly this,
 * in this order: l1 = −(z·log(p + ε)), l2 = (1 − z)·log((1 − p) + ε), ℓ = l1 − l2. Unlike Keras'
 * clipping to [ε, 1 − ε] or PyTorch's log clamped at −100, ε shifts every probability: a perfect
 * prediction (p = z = 1) costs −log(1 + ε) ≈ −ε, slightly below 0, and p = 0 with z = 1 costs
 * −log ε ≈ 16.1.
 * A p outside [0, 1 + ε) makes a logarithm NaN, as in both frameworks.
 */
import { identity } from './label-smoothing';

/** One element; `round` is Math.fround in float32 mode, applied after each operation. */
export function logLossElement(label: number, prediction: number, epsilon: number, round: (v: number) => number = identity): number {
  const positive = -round(label * round(Math.log(round(prediction + epsilon))));
  const negative = round(round(1 - label) * round(Math.log(round(round(1 - prediction) + epsilon))));
  return round(positive - negative);
}
