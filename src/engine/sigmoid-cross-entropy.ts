/**
 * Sigmoid cross-entropy per element, logit x and target z ∈ [0, 1]:
 *   ℓ = −z·log σ(x) − (1 − z)·log(1 − σ(x)) = max(x, 0) − x·z + log(1 + e^{−|x|})
 * The right-hand form never overflows: tf.nn.sigmoid_cross_entropy_with_logits, Keras
 * BinaryCrossentropy(from_logits=True) (then the mean over the last axis), torch
 * BCEWithLogitsLoss, optax.sigmoid_binary_cross_entropy and tfjs losses.sigmoidCrossEntropy all
 * compute it this way.
 *
 * With a positive-class weight p (torch BCEWithLogitsLoss(pos_weight=p),
 * tf.nn.weighted_cross_entropy_with_logits(pos_weight=p)):
 *   ℓ = (1 − z)·x + (1 + (p − 1)·z)·log(1 + e^{−x}),  log(1 + e^{−x}) = log1p(e^{−|x|}) + max(−x, 0)
 * which is −p·z·log σ(x) − (1 − z)·log(1 − σ(x)).
 *
 * PyTorch's binary_cross_entropy_with_logits (aten/src/ATen/native/Loss.cpp) writes the same loss
 * with m = max(−x, 0) as
 *   ℓ = (1 − z)·x + m + log(e^{−m} + e^{−x−m})           (with p: (1 − z)·x + (1 + (p − 1)·z)·(log(e^{−m} + e^{−x−m}) + m))
 * and rounds differently: in float32, 1 + e^{−|x|} rounds to 1 once |x| > 17, so a confident
 * correct logit costs exactly 0 there. `sigmoidCrossEntropyTorch` computes that form, without limits.
 *
 * Infinite logits take the limit: x → +∞ gives (1 − z)·∞ (0 when z = 1), x → −∞ gives p·z·∞
 * (0 when z = 0). The gradient is d ℓ / d x = σ(x) − z, with pos_weight (1 + (p − 1)·z)·σ(x) − p·z.
 *
 * optax.sigmoid_binary_cross_entropy writes the first form on JAX's log-sigmoid,
 *   ℓ = −z·log σ(x) − (1 − z)·log σ(−x),  log σ(x) = −softplus(−x),  softplus(x) = max(x, 0) + log1p(e^{−|x|})
 * (`logSigmoidCrossEntropyAt`): the same value for finite x, but without limits, so x = +∞ with
 * z = 1 (or −∞ with z = 0) multiplies 0 by −∞ and returns NaN.
 */
import type { Tensor } from '../tensor';
import { InputError } from '../errors';
import { formatShape } from './format';
import { identity } from './label-smoothing';

/**
 * Any x, including ±∞ (limits) and NaN (propagates). `posWeight` undefined selects the plain
 * form; `round` is Math.fround in float32 mode (each operation rounded, in TensorFlow's order).
 */
export function sigmoidCrossEntropyAt(x: number, z: number, posWeight?: number, round: (v: number) => number = identity): number {
  if (x === Infinity) return infiniteTimes(round(1 - z));
  if (x === -Infinity) return infiniteTimes(posWeight === undefined ? z : posWeight * z);
  const softplusAbs = round(Math.log1p(round(Math.exp(-Math.abs(x)))));
  if (posWeight === undefined) {
    return round(round((x > 0 ? x : 0) - round(x * z)) + softplusAbs);
  }
  const softplusNegative = round(softplusAbs + (x < 0 ? -x : 0));
  const coefficient = round(1 + round(round(posWeight - 1) * z));
  return round(round(round(1 - z) * x) + round(coefficient * softplusNegative));
}

/** JAX's softplus, jnp.logaddexp(x, 0): max(x, 0) + log1p(e^{−|x|}), +∞ at +∞. */
export function softplus(x: number, round: (v: number) => number = identity): number {
  return round((x > 0 ? x : 0) + round(Math.log1p(round(Math.exp(-Math.abs(x))))));
}

/** optax.sigmoid_binary_cross_entropy at one element: −z·log σ(x) − (1 − z)·log σ(−x), in optax's order. */
export function logSigmoidCrossEntropyAt(x: number, z: number, round: (v: number) => number = identity): number {
  const logP = -softplus(-x, round);
  const logNotP = -softplus(x, round);
  return round(round(-z * logP) - round(round(1 - z) * logNotP));
}

/**
 * PyTorch's form, operation by operation in its order (float32 when `round` is Math.fround). An
 * infinite logit gives what torch gives: NaN where the form meets ∞ − ∞ or 0·∞.
 */
export function sigmoidCrossEntropyTorch(x: number, z: number, posWeight?: number, round: (v: number) => number = identity): number {
  const m = x < 0 ? -x : 0;
  const logTerm = round(Math.log(round(round(Math.exp(-m)) + round(Math.exp(round(-x - m))))));
  const linear = round(round(1 - z) * x);
  if (posWeight === undefined) return round(round(linear + m) + logTerm);
  const logWeight = round(round(round(posWeight - 1) * z) + 1);
  return round(linear + round(logWeight * round(logTerm + m)));
}

/** c·∞ with 0·∞ = 0: the limit when the coefficient is exactly zero. */
function infiniteTimes(coefficient: number): number {
  if (coefficient !== coefficient) return NaN;
  return coefficient === 0 ? 0 : coefficient * Infinity;
}

/** σ(x) without overflow for either sign. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Element-wise over same-shaped logits and targets; `posWeight` one number or one per last-axis entry. */
export function sigmoidCrossEntropy(logits: Tensor, targets: Tensor, posWeight?: number | readonly number[]): Tensor {
  if (logits.shape.length !== targets.shape.length || logits.shape.some((size, i) => size !== targets.shape[i])) {
    throw new InputError(
      `labels shape ${formatShape(targets.shape)} must equal logits shape ${formatShape(logits.shape)} for sigmoid cross-entropy`,
      undefined,
      'labels',
    );
  }
  const columns = logits.shape.length === 0 ? 1 : logits.shape[logits.shape.length - 1];
  const out = new Float64Array(logits.data.length);
  for (let i = 0; i < out.length; i++) {
    const weight = posWeight === undefined ? undefined : typeof posWeight === 'number' ? posWeight : posWeight[i % columns];
    out[i] = sigmoidCrossEntropyAt(logits.data[i], targets.data[i], weight);
  }
  return { shape: [...logits.shape], data: out };
}
