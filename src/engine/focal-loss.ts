/**
 * Focal losses (Lin et al., "Focal Loss for Dense Object Detection", 2017).
 *
 * Sigmoid focal loss, torchvision.ops.sigmoid_focal_loss and optax.sigmoid_focal_loss, element-wise:
 *   ℓ = α_t·(1 − p_t)^γ·CE(x, z),  p = σ(x),  p_t = p·z + (1 − p)·(1 − z),  α_t = α·z + (1 − α)·(1 − z)
 * with CE the stable sigmoid cross-entropy; α < 0 drops α_t (torchvision's alpha=-1). Defaults
 * α = 0.25, γ = 2. 1 − p_t is computed as z·σ(−x) + (1 − z)·σ(x) so it keeps its precision near 0.
 * keras.losses.BinaryFocalCrossentropy (keras/src/losses/losses.py binary_focal_crossentropy) works
 * from probabilities instead (σ(x) when from_logits), element-wise then averaged over `axis`:
 *   ℓ = (1 − p_t)^γ·BCE_clipped(z, p),  p_t = z·p + (1 − z)·(1 − p)  (p itself not clipped)
 * times α·z + (1 − α)·(1 − z) only with apply_class_balancing=True. BCE_clipped clips p to
 * [1e-7, 1 − 1e-7] (binary-cross-entropy.ts), so a logit of ±1e3 costs at most −log 1e-7 ≈ 16.1.
 *
 * optax.sigmoid_focal_loss(alpha=None, gamma=2) computes the same ℓ in log space
 * (`logSpaceSigmoidFocalElement`): with y' = max(z, 1 − z) and x' = −x when z ≥ 0.5 (else x),
 *   log(1 − p_t) = log σ(x') + log y' + softplus(−x' + log1p(−y') − log y'),
 *   ℓ = CE·exp(γ·log(1 − p_t)),  then ·α_t only when α is given (None: no weighting),
 * with CE optax's sigmoid_binary_cross_entropy (so NaN at x = +∞, z = 1, as there).
 *
 * torchvision.ops.sigmoid_focal_loss itself computes it literally (torchvision/ops/focal_loss.py):
 * p = σ(x), p_t = p·z + (1 − p)·(1 − z), ℓ = CE·(1 − p_t)^γ with CE in PyTorch's form, then
 * α_t·ℓ; `sigmoidFocalTorchvision` follows that order, so 1 − p_t is 0 once p rounds to 1.
 *
 * Categorical focal loss, keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2), per sample:
 *   ℓ = −Σ_j α·(1 − p_j)^γ·y_j·log p_j,  p = softmax(x)
 * `categoricalFocalRows` takes log p from the log-softmax; Keras (`kerasCategoricalFocalRow`)
 * divides p by its sum and clips it to [1e-7, 1 − 1e-7] first, so the two agree unless some
 * p_j < 1e-7, and α may be one value per class (broadcast along the class axis).
 */
import type { Tensor } from '../tensor';
import { binaryCrossEntropyAt, KERAS_PROBABILITY_RULE } from './binary-cross-entropy';
import { clip, type ClipRange } from './clipping';
import { identity } from './label-smoothing';
import { DEFAULT_FOCAL_ALPHA, DEFAULT_FOCAL_GAMMA } from './options';
import { logSigmoidCrossEntropyAt, sigmoid, sigmoidCrossEntropyAt, sigmoidCrossEntropyTorch, softplus } from './sigmoid-cross-entropy';
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
 * Keras' binary focal element from probability `p`; `alpha` null without class balancing.
 * `round` is Math.fround in float32 mode, after each operation in Keras' order.
 */
export function kerasBinaryFocalElement(z: number, p: number, gamma: number, alpha: number | null, round: (v: number) => number = identity): number {
  const bce = binaryCrossEntropyAt(p, z, KERAS_PROBABILITY_RULE, round);
  const notZ = round(1 - z);
  const pt = round(round(z * p) + round(notZ * round(1 - p)));
  const focal = round(round(Math.pow(round(1 - pt), gamma)) * bce);
  if (alpha === null) return focal;
  return round(round(round(z * round(alpha)) + round(notZ * round(1 - alpha))) * focal);
}

/**
 * Keras' categorical focal loss of one row of probabilities (softmax already applied when
 * from_logits): −Σ_j α_j·(1 − p'_j)^γ·y_j·log p'_j with p' = clip(p / Σ p, ε, 1 − ε).
 */
export function kerasCategoricalFocalRow(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  alpha: ArrayLike<number>,
  offset: number,
  classes: number,
  gamma: number,
  range: ClipRange,
  round: (v: number) => number = identity,
): number {
  let sum = 0;
  for (let j = 0; j < classes; j++) sum = round(sum + p[offset + j]);
  let loss = 0;
  for (let j = 0; j < classes; j++) {
    const e = offset + j;
    const output = clip(round(p[e] / sum), range);
    const crossEntropy = -round(y[e] * round(Math.log(output)));
    const weighting = round(round(Math.pow(round(1 - output), gamma)) * alpha[e]);
    loss = round(loss + round(weighting * crossEntropy));
  }
  return loss;
}

/** optax.sigmoid_focal_loss at one element; `alpha` null is optax's alpha=None. */
export function logSpaceSigmoidFocalElement(x: number, z: number, alpha: number | null, gamma: number, round: (v: number) => number = identity): number {
  const crossEntropy = logSigmoidCrossEntropyAt(x, z, round);
  const positive = z >= 0.5;
  const yPrime = positive ? z : round(1 - z);
  const xPrime = positive ? -x : x;
  const logYPrime = round(Math.log(yPrime));
  const logOneMinusPt = round(round(-softplus(-xPrime, round) + logYPrime) + softplus(round(round(-xPrime + round(Math.log1p(-yPrime))) - logYPrime), round));
  const loss = round(crossEntropy * round(Math.exp(round(gamma * logOneMinusPt))));
  if (alpha === null) return loss;
  return round(round(round(alpha * z) + round(round(1 - alpha) * round(1 - z))) * loss);
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
