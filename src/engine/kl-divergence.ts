/**
 * Kullback-Leibler divergence of q from p, in nats unless a log base is given:
 *   KL(p‖q) = Σ p_i log(p_i / q_i) = H(p, q) − H(p) ≥ 0
 * with 0·log(0/q) = 0 and +∞ where q_i = 0 < p_i. scipy.stats.entropy(pk, qk) computes this (after
 * normalising); torch.nn.functional.kl_div(input=log q, target=p, reduction='sum') and
 * optax.kl_divergence(log_predictions=log q, targets=p) take the log of the second argument and
 * put the target second; keras.losses.KLDivergence(y_true=p, y_pred=q) clips both to [1e-7, 1].
 * Minimising KL(data‖model) over the model is minimising the cross-entropy, since H(data) is fixed:
 * the same as maximum likelihood (the seed's section 2).
 *
 * torch.nn.functional.kl_div(input, target) is point-wise, aten/src/ATen/native/Loss.cpp:
 *   ℓ = xlogy(y, y) − y·x   (x = input = log q; xlogy(0, y) = 0, so a zero target costs 0)
 *   ℓ = e^{y}·(y − x)       with log_target=True (y = log p)
 * A negative target gives NaN (the log of a negative number), as torch returns.
 */
import { identity } from './label-smoothing';

/** Smallest normal double: below it a quotient has lost digits (or is 0). */
const MIN_NORMAL = 2.2250738585072014e-308;

export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (pi === 0) continue;
    if (q[i] === 0) {
      d += Infinity;
      continue;
    }
    // log(p/q) is the accurate form when p ≈ q; when p/q overflows (q subnormal) or falls
    // below the normal range, the difference of logs is the one that stays finite and exact.
    const ratio = pi / q[i];
    d += pi * (ratio >= MIN_NORMAL && ratio < Infinity ? Math.log(ratio) : Math.log(pi) - Math.log(q[i]));
  }
  return base === undefined ? d : d / Math.log(base);
}

/** torch.kl_div's point-wise term for input x (a log-probability) and target y; `round` is Math.fround in float32 mode. */
export function klDivTerm(x: number, y: number, logTarget: boolean, round: (v: number) => number = identity): number {
  if (logTarget) return round(round(Math.exp(y)) * round(y - x));
  const xlogy = Number.isNaN(y) ? NaN : y === 0 ? 0 : round(y * round(Math.log(y)));
  return round(xlogy - round(y * x));
}
