/**
 * Gradients of the per-sample losses with respect to the logits.
 * Softmax cross-entropy: ∂ℓ/∂x_j = softmax(x)_j·Σ_k y_k − y_j, which is softmax − y for targets
 * that sum to 1 (one-hot, smoothed, probabilities). Sigmoid cross-entropy: ∂ℓ/∂x = σ(x) − z, and
 * with pos_weight p: (1 + (p − 1)·z)·σ(x) − p·z. Ignored samples (ignore_index) get zeros.
 */
import { sigmoid } from './sigmoid-cross-entropy';

/** [samples, K] from softmax and targets of the same layout; rows with `indices[i] < 0` stay 0. */
export function softmaxGradient(
  softmax: Float64Array,
  targets: Float64Array,
  samples: number,
  classes: number,
  indices: Int32Array | null = null,
): Float64Array {
  const out = new Float64Array(samples * classes);
  for (let i = 0; i < samples; i++) {
    if (indices !== null && indices[i] < 0) continue;
    const o = i * classes;
    let mass = 0;
    for (let j = 0; j < classes; j++) mass += targets[o + j];
    for (let j = 0; j < classes; j++) out[o + j] = softmax[o + j] * mass - targets[o + j];
  }
  return out;
}

/** Element-wise σ(x) − z (pos_weight per column when given); rows with `indices[i] < 0` stay 0. */
export function sigmoidGradient(
  logits: Float64Array,
  targets: Float64Array,
  columns: number,
  posWeight: Float64Array | null = null,
  indices: Int32Array | null = null,
): Float64Array {
  const out = new Float64Array(logits.length);
  for (let e = 0; e < logits.length; e++) {
    const row = Math.floor(e / columns);
    if (indices !== null && indices[row] < 0) continue;
    const s = sigmoid(logits[e]);
    const z = targets[e];
    if (posWeight === null) out[e] = s - z;
    else {
      const p = posWeight[e % columns];
      out[e] = (1 + (p - 1) * z) * s - p * z;
    }
  }
  return out;
}
