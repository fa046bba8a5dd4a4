/**
 * Focal losses (Lin et al., "Focal Loss for Dense Object Detection", 2017).
 *
 * Sigmoid focal loss, torchvision.ops.sigmoid_focal_loss and optax.sigmoid_focal_loss, element-wise:
 *   ℓ = α_t·(1 − p_t)^γ·CE(x, z),  p = σ(x),  p_t = p·z + (1 − p)·(1 − z),  α_t = α·z + (1 − α)·(1 − z)
 * with CE the stable sigmoid cross-entropy; α < 0 drops α_t (torchvision's alpha=-1). Defaults
 * α = 0.25, γ = 2. 1 − p_t is computed as z·σ(−x) + (1 − z)·σ(x) so it keeps its precision near 0.
 * torchvision.ops.sigmoid_focal_loss itself computes it literally (torchvision/ops/focal_loss.py):
 * p = σ(x), p_t = p·z + (1 − p)·(1 − z), ℓ = CE·(1 − p_t)^γ with CE in PyTorch's form, then
 * α_t·ℓ; `sigmoidFocalTorchvision` follows that order, so 1 − p_t is 0 once p rounds to 1.
 * keras.losses.BinaryFocalCrossentropy is the same with α_t only when apply_class_balancing=True,
 * then averaged over the last axis; it works from clipped probabilities.
 *
 * Categorical focal loss, keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2), per sample:
 *   ℓ = −Σ_j α·(1 − p_j)^γ·y_j·log p_j,  p = softmax(x)
 * Here log p is the log-softmax, where Keras clips p to [1e-7, 1 − 1e-7] first; the two agree
 * unless some p_j < 1e-7.
 */
import type { Tensor } from '../tensor';
import { DEFAULT_FOCAL_ALPHA, DEFAULT_FOCAL_GAMMA } from './options';
import { identity } from './label-smoothing';
import { sigmoid, sigmoidCrossEntropyAt, sigmoidCrossEntropyTorch } from './sigmoid-cross-entropy';
import { softmaxRow } from './softmax';

export interface FocalOptions {
  /** Class balance α; negative turns it off. Default 0.25. */
  readonly alpha?: number;
  /** Focusing parameter γ ≥ 0. Default 2. */
  readonly gamma?: number;
}

export function sigmoidFocalElement(x: number, z: number, alpha: number, gamma: number): number {
  const ce = sigmoidCrossEntropyAt(x, z);
  const oneMinusPt = z * sigmoid(-x) + (1 - z) * sigmoid(x);
  const modulated = gamma === 0 ? ce : ce * Math.pow(oneMinusPt, gamma);
  return alpha < 0 ? modulated : (alpha * z + (1 - alpha) * (1 - z)) * modulated;
}

/**
 * torchvision's order of operations (float32 when `round` is Math.fround): σ(x) as 1 / (1 + e^{−x}),
 * p_t, (1 − p_t)^γ, the product with the cross-entropy, then α_t (skipped when α < 0).
 */
export function sigmoidFocalTorchvision(x: number, z: number, alpha: number, gamma: number, round: (v: number) => number = identity): number {
  const p = round(1 / round(1 + round(Math.exp(-x))));
  const ce = sigmoidCrossEntropyTorch(x, z, undefined, round);
  const pT = round(round(p * z) + round(round(1 - p) * round(1 - z)));
  const loss = round(ce * round(Math.pow(round(1 - pT), gamma)));
  if (alpha < 0) return loss;
  const alphaT = round(round(round(alpha) * z) + round(round(1 - alpha) * round(1 - z)));
  return round(alphaT * loss);
}

export function sigmoidFocalRows(x: Float64Array, z: Float64Array, options: FocalOptions = {}): Float64Array {
  const alpha = options.alpha ?? DEFAULT_FOCAL_ALPHA;
  const gamma = options.gamma ?? DEFAULT_FOCAL_GAMMA;
  return Float64Array.from(x, (v, i) => sigmoidFocalElement(v, z[i], alpha, gamma));
}

export function categoricalFocalRows(
  logSoftmax: Float64Array,
  softmax: Float64Array,
  y: Float64Array,
  rows: number,
  columns: number,
  options: FocalOptions = {},
): Float64Array {
  const alpha = options.alpha ?? DEFAULT_FOCAL_ALPHA;
  const gamma = options.gamma ?? DEFAULT_FOCAL_GAMMA;
  const scale = alpha < 0 ? 1 : alpha;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let loss = 0;
    for (let j = 0; j < columns; j++) {
      const e = i * columns + j;
      if (y[e] === 0) continue;
      loss -= scale * Math.pow(1 - softmax[e], gamma) * y[e] * logSoftmax[e];
    }
    out[i] = loss;
  }
  return out;
}

/** Element-wise, same-shaped logits and targets. */
export function sigmoidFocalLoss(logits: Tensor, targets: Tensor, options: FocalOptions = {}): Tensor {
  return { shape: [...logits.shape], data: sigmoidFocalRows(logits.data, targets.data, options) };
}

/** Per sample, classes on the last axis, dense targets of the logits' shape. */
export function categoricalFocalLoss(logits: Tensor, targets: Tensor, options: FocalOptions = {}): Float64Array {
  const columns = logits.shape.length === 0 ? 1 : logits.shape[logits.shape.length - 1];
  const rows = logits.data.length / columns;
  const p = new Float64Array(logits.data.length);
  const logP = new Float64Array(logits.data.length);
  for (let i = 0; i < rows; i++) softmaxRow(logits.data, i * columns, columns, p, logP, i * columns);
  return categoricalFocalRows(logP, p, targets.data, rows, columns, options);
}
