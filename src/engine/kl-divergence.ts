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
 * Keras (keras/src/losses/losses.py kl_divergence) clips both to [ε, 1] (ε = 1e-7), so no zero is
 * left, and computes Σ_j y'_j·log(y'_j / p'_j) over the last axis: one value per row.
 *
 * optax sums element terms over the axis (and the entries `where` includes):
 * - kl_divergence(log_predictions, targets): p·((p = 0 ? 0 : log p) − log q), so a target of 0
 *   costs 0 unless log q = −∞ (0·∞ = NaN), and a negative target gives NaN (log of it);
 * - kl_divergence_with_log_targets(log_predictions, log_targets): e^{log p}·(log p − log q);
 * - generalized_kl_divergence (deprecated name convex_kl_divergence): kl_divergence plus
 *   Σ (e^{log q} − p), the Bregman divergence of x·log x − x, for unnormalised p and q.
 *
 * torch.nn.functional.kl_div(input, target) is point-wise, aten/src/ATen/native/Loss.cpp:
 *   ℓ = xlogy(y, y) − y·x   (x = input = log q; xlogy(0, y) = 0, so a zero target costs 0)
 *   ℓ = e^{y}·(y − x)       with log_target=True (y = log p)
 * A negative target gives NaN (the log of a negative number), as torch returns.
 */
import { clip, clipRange, KERAS_EPSILON } from './clipping';
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

/** Keras' clipped KL divergence of each row of [rows, columns] arrays; `round` is Math.fround in float32 mode. */
export function clippedKlDivergenceRows(
  yTrue: Float64Array,
  yPred: Float64Array,
  rows: number,
  columns: number,
  round: (v: number) => number = identity,
): Float64Array {
  const range = clipRange(KERAS_EPSILON, 1, round);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) {
      const p = clip(yTrue[i * columns + j], range);
      const q = clip(yPred[i * columns + j], range);
      sum = round(sum + round(p * round(Math.log(round(p / q)))));
    }
    out[i] = sum;
  }
  return out;
}

/** optax.kl_divergence's term for one element: p·((p = 0 ? 0 : log p) − log q). */
export function klDivergenceTerm(target: number, logPrediction: number, round: (v: number) => number = identity): number {
  return round(target * round((target === 0 ? 0 : round(Math.log(target))) - logPrediction));
}

/** optax.kl_divergence_with_log_targets's term: e^{log p}·(log p − log q). */
export function klDivergenceTermWithLogTarget(logTarget: number, logPrediction: number, round: (v: number) => number = identity): number {
  return round(round(Math.exp(logTarget)) * round(logTarget - logPrediction));
}

/** The term generalized_kl_divergence adds for unnormalised measures: e^{log q} − p. */
export function massDifferenceTerm(target: number, logPrediction: number, round: (v: number) => number = identity): number {
  return round(round(Math.exp(logPrediction)) - target);
}

/** torch.kl_div's point-wise term for input x (a log-probability) and target y; `round` is Math.fround in float32 mode. */
export function klDivTerm(x: number, y: number, logTarget: boolean, round: (v: number) => number = identity): number {
  if (logTarget) return round(round(Math.exp(y)) * round(y - x));
  const xlogy = Number.isNaN(y) ? NaN : y === 0 ? 0 : round(y * round(Math.log(y)));
  return round(xlogy - round(y * x));
}
