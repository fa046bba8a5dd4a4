/**
 * Poly-1 loss (Leng et al., "PolyLoss: A Polynomial Expansion Perspective of Classification Loss
 * Functions", 2022), optax.poly_loss_cross_entropy, per sample:
 *   ℓ = CE(x, y) + ε·Σ_j y_j·(1 − p_j),  p = softmax(x)
 * the cross-entropy with the coefficient of its first polynomial term (1 − p_t) raised by ε; with
 * one-hot y, Σ_j y_j·(1 − p_j) = 1 − p_t. ε = 0 is the cross-entropy; the paper recommends ε = 2
 * for ImageNet classification (optax's default) and ε = −1 for detection. optax computes both sums
 * over the entries `where` includes, on JAX's softmax and log-softmax (softmax.ts), so −∞ logits
 * with target 0 make the cross-entropy term NaN as in optax.softmax_cross_entropy.
 */
import { identity } from './label-smoothing';
import { crossEntropyRowWhere } from './softmax-cross-entropy';

/** One row: `p` and `logP` are JAX's softmax and log-softmax of its logits (with the same mask). */
export function polyLossRow(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  logP: ArrayLike<number>,
  offset: number,
  classes: number,
  where: ArrayLike<number> | null,
  epsilon: number,
  round: (v: number) => number = identity,
): number {
  let oneMinusPt = 0;
  for (let j = 0; j < classes; j++) {
    if (where !== null && where[offset + j] === 0) continue;
    oneMinusPt = round(oneMinusPt + round(y[offset + j] * round(1 - p[offset + j])));
  }
  const crossEntropy = crossEntropyRowWhere(y, logP, offset, classes, where, round);
  return round(crossEntropy + round(epsilon * oneMinusPt));
}
