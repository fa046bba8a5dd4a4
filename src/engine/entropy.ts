/**
 * Entropy and cross-entropy of discrete distributions, in nats unless a log base is given:
 *   H(p) = −Σ p_i log p_i,   H(p, q) = −Σ p_i log q_i = H(p) + KL(p‖q)
 * with 0·log 0 = 0, as scipy.stats.entropy (which also normalises its inputs first).
 *
 * Why label smoothing has a floor: softmax cross-entropy against a target y is H(y, softmax(x)) =
 * H(y) + KL(y‖softmax(x)) ≥ H(y), with equality only when softmax(x) = y. A one-hot y has H(y) = 0;
 * the smoothed y' = y(1 − ε) + ε/K has H(y') > 0, so the loss can no longer reach 0 and the logits
 * stop being pushed toward ±∞.
 */

/** 0·log 0 = 0; p·log p otherwise. */
export function xLogX(p: number): number {
  return p === 0 ? 0 : p * Math.log(p);
}

export function entropy(p: ArrayLike<number>, base?: number): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) h -= xLogX(p[i]);
  return base === undefined ? h : h / Math.log(base);
}

/** −Σ p log q; +∞ when q is 0 where p is not. */
export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] !== 0) h -= p[i] * Math.log(q[i]);
  }
  return base === undefined ? h : h / Math.log(base);
}

/** H of the smoothed one-hot row y(1 − ε) + ε/K: the least a softmax CE against it can be. */
export function smoothedOneHotEntropy(classes: number, epsilon: number): number {
  const off = epsilon / classes;
  const on = 1 - epsilon + off;
  return -(xLogX(on) + (classes - 1) * xLogX(off));
}

/** H of each [rows, K] target row. */
export function rowEntropies(targets: Float64Array, rows: number, classes: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let h = 0;
    for (let j = 0; j < classes; j++) h -= xLogX(targets[i * classes + j]);
    out[i] = h;
  }
  return out;
}
