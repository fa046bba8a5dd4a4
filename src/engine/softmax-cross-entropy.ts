/**
 * Softmax cross-entropy per sample, targets y over K classes (one-hot, smoothed or soft):
 *   ℓ = −Σ_j y_j·log softmax(x)_j = Σ_j y_j·(logsumexp(x) − x_j)
 * tf.nn.softmax_cross_entropy_with_logits, Keras CategoricalCrossentropy(from_logits=True), torch
 * CrossEntropyLoss with probability targets, optax.softmax_cross_entropy and tfjs
 * losses.softmaxCrossEntropy. With a class index y: ℓ = logsumexp(x) − x_y
 * (tf.nn.sparse_softmax_cross_entropy_with_logits, SparseCategoricalCrossentropy, CrossEntropyLoss
 * with index targets, optax.softmax_cross_entropy_with_integer_labels).
 *
 * Terms whose target is exactly 0 contribute 0 even where log softmax is −∞ (0·log 0 = 0, as
 * optax.safe_softmax_cross_entropy), so a −∞ logit costs nothing unless its class has target mass.
 * optax computes on JAX's log-softmax and logsumexp (softmax.ts, `jaxLogSoftmaxRow`):
 * optax.softmax_cross_entropy is −Σ_{j ∈ where} y_j·log_softmax(x)_j with every term multiplied
 * in, so a −∞ logit with target 0 gives 0·(−∞) = NaN (`crossEntropyRowWhere`);
 * optax.safe_softmax_cross_entropy drops the terms whose target is 0 (`weightedCrossEntropyRow`
 * with `zeroTargetsCount` false); optax.softmax_cross_entropy_with_integer_labels is
 * logsumexp_{where}(x) − x_y (`integerLabelCrossEntropy`), with x_y taken even when y is masked.
 *
 * The gradient with respect to the logits is softmax(x) − y (for targets that sum to 1).
 *
 * From probabilities p (Keras from_logits=False, TensorFlow backend, keras/src/backend/tensorflow/nn.py):
 * - categorical: p' = clip(p / Σ_j p_j, ε, 1 − ε),  ℓ = −Σ_j y_j·log p'_j;
 * - sparse: the logits are log clip(p, ε, 1 − ε) and ℓ = −log_softmax(log p')_y, which divides
 *   by Σ p' after clipping (the JAX and torch backends divide by Σ p before clipping instead).
 */
import { InputError } from '../errors';
import type { Tensor } from '../tensor';
import { clip, type ClipRange } from './clipping';
import { formatShape } from './format';
import { identity } from './label-smoothing';
import { classAxisIndex, classesLast, withoutAxis, type ClassAxis } from './layout';
import { readClassIndices } from './one-hot';
import { softmaxRow } from './softmax';

/** −Σ y·logP over one row, skipping zero targets; `round` per operation in float32 mode. */
export function crossEntropyFromLogProbabilities(
  y: ArrayLike<number>,
  yOffset: number,
  logP: ArrayLike<number>,
  pOffset: number,
  classes: number,
  round: (v: number) => number = identity,
): number {
  let loss = 0;
  for (let j = 0; j < classes; j++) {
    const target = y[yOffset + j];
    if (target !== 0) loss = round(loss + round(target * -logP[pOffset + j]));
  }
  return loss;
}

/**
 * −Σ_j w_j·y_j·logP_j over one row with per-class weights (1 when `weights` is null). With
 * `zeroTargetsCount` false a zero target contributes 0 even against logP = −∞ (tf, optax);
 * with true it is multiplied in, so 0·(−∞) = NaN, as PyTorch's probability-target path computes
 * −(log_softmax(x)·y·w).sum().
 */
export function weightedCrossEntropyRow(
  y: ArrayLike<number>,
  yOffset: number,
  logP: ArrayLike<number>,
  pOffset: number,
  classes: number,
  weights: ArrayLike<number> | null,
  zeroTargetsCount: boolean,
  round: (v: number) => number = identity,
): number {
  let loss = 0;
  for (let j = 0; j < classes; j++) {
    const target = y[yOffset + j];
    if (target === 0 && !zeroTargetsCount) continue;
    const term = round(target * logP[pOffset + j]);
    loss = round(loss - (weights === null ? term : round(term * weights[j])));
  }
  return loss;
}

/** Keras' categorical cross-entropy of one row of probabilities (normalised, then clipped to `range`). */
export function crossEntropyOfProbabilities(
  y: ArrayLike<number>,
  yOffset: number,
  p: ArrayLike<number>,
  pOffset: number,
  classes: number,
  range: ClipRange,
  round: (v: number) => number = identity,
): number {
  let sum = 0;
  for (let j = 0; j < classes; j++) sum = round(sum + p[pOffset + j]);
  let loss = 0;
  for (let j = 0; j < classes; j++) {
    const normalised = clip(round(p[pOffset + j] / sum), range);
    loss = round(loss + round(y[yOffset + j] * round(Math.log(normalised))));
  }
  return -loss;
}

/** Keras' (TensorFlow backend) sparse categorical cross-entropy of one row of probabilities against class `index`. */
export function sparseCrossEntropyOfProbabilities(
  p: ArrayLike<number>,
  pOffset: number,
  classes: number,
  index: number,
  range: ClipRange,
  round: (v: number) => number = identity,
): number {
  const logits = new Float64Array(classes);
  for (let j = 0; j < classes; j++) logits[j] = round(Math.log(clip(p[pOffset + j], range)));
  const logP = logSoftmaxRows(logits, 1, classes, round);
  return 0 - logP[index];
}

/** Log-softmax of every row of a [rows, classes] view (classes last), rounded per operation by `round`. */
export function logSoftmaxRows(x: Float64Array, rows: number, classes: number, round: (v: number) => number = identity): Float64Array {
  const p = new Float64Array(classes);
  const row = new Float64Array(classes);
  const logP = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) {
    softmaxRow(x, i * classes, classes, p, row, 0, round);
    logP.set(row, i * classes);
  }
  return logP;
}

/** Per-sample loss against dense targets of the logits' shape. */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor, classAxis: ClassAxis = 'last'): Float64Array {
  if (logits.shape.length === 0 || logits.shape.length !== labels.shape.length || logits.shape.some((s, i) => s !== labels.shape[i])) {
    throw new InputError(
      `labels shape ${formatShape(labels.shape)} must equal logits shape ${formatShape(logits.shape)} for softmax cross-entropy with one-hot or soft labels`,
      undefined,
      'labels',
    );
  }
  const axis = classAxisIndex(logits.shape.length, classAxis);
  const classes = logits.shape[axis];
  const x = classesLast(logits, axis);
  const y = classesLast(labels, axis);
  const rows = classes === 0 ? 0 : x.length / classes;
  const p = new Float64Array(classes);
  const logP = new Float64Array(classes);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    softmaxRow(x, i * classes, classes, p, logP, 0);
    out[i] = crossEntropyFromLogProbabilities(y, i * classes, logP, 0, classes);
  }
  return out;
}

/** Per-sample loss against class indices (shape = logits shape without the class axis). */
export function sparseSoftmaxCrossEntropy(logits: Tensor, indices: Tensor, classAxis: ClassAxis = 'last'): Float64Array {
  const axis = classAxisIndex(logits.shape.length, classAxis);
  const expected = withoutAxis(logits.shape, axis);
  if (logits.shape.length === 0 || indices.shape.length !== expected.length || indices.shape.some((s, i) => s !== expected[i])) {
    throw new InputError(
      `labels shape ${formatShape(indices.shape)} must be ${formatShape(expected)} (one class index per sample) for logits shape ${formatShape(logits.shape)}`,
      undefined,
      'labels',
    );
  }
  const classes = logits.shape[axis];
  const read = readClassIndices(indices, classes);
  const x = classesLast(logits, axis);
  const p = new Float64Array(classes);
  const logP = new Float64Array(classes);
  const out = new Float64Array(read.length);
  for (let i = 0; i < read.length; i++) {
    softmaxRow(x, i * classes, classes, p, logP, 0);
    out[i] = -logP[read[i]];
  }
  return out;
}

/**
 * Log-softmax the way tfjs's ops compose it: lse = m + log Σ e^{x − m} is rounded first, then
 * log p_j = x_j − lse (TensorFlow's kernel instead subtracts log Σ from x_j − m, which keeps the
 * low bits when m is large). The cpu backend's sums add in float64 and round once, so `round`
 * applies to each element-wise result and to each finished sum, never inside one. Nothing is
 * special-cased, as in tfjs: a +∞ logit gives ∞ − ∞ = NaN for its whole row.
 */
export function logSoftmaxRowsThroughLogSumExp(x: Float64Array, rows: number, classes: number, round: (v: number) => number = identity): Float64Array {
  const logP = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) {
    const o = i * classes;
    let m = -Infinity;
    for (let j = 0; j < classes; j++) m = Math.max(m, x[o + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += round(Math.exp(round(x[o + j] - m)));
    const lse = round(m + round(Math.log(round(sum))));
    for (let j = 0; j < classes; j++) logP[o + j] = round(x[o + j] - lse);
  }
  return logP;
}

/**
 * −Σ_j y_j·log p_j over one row with each product rounded and the sum added in float64 and
 * rounded once (tfjs: sum(neg(mul(logResult, labels)), dim) on the cpu backend). Zero targets
 * multiply in, so 0·(−∞) = NaN as in tfjs.
 */
export function crossEntropyRowFloat64Sum(
  y: ArrayLike<number>,
  logP: ArrayLike<number>,
  offset: number,
  classes: number,
  round: (v: number) => number = identity,
): number {
  let loss = 0;
  for (let j = 0; j < classes; j++) loss -= round(logP[offset + j] * y[offset + j]);
  return round(loss);
}

/**
 * −Σ_j y_j·logP_j over the entries of one row that `where` includes (all when null), zero
 * targets multiplied in (0·(−∞) = NaN), summed in order and then negated, as optax's
 * `-(labels * log_probs).sum(axis, where=where)`.
 */
export function crossEntropyRowWhere(
  y: ArrayLike<number>,
  logP: ArrayLike<number>,
  offset: number,
  classes: number,
  where: ArrayLike<number> | null,
  round: (v: number) => number = identity,
): number {
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    if (where !== null && where[offset + j] === 0) continue;
    sum = round(sum + round(y[offset + j] * logP[offset + j]));
  }
  return -sum;
}

/** logsumexp(x) − x_y for one row, given its log-normaliser and the logit of its label. */
export function integerLabelCrossEntropy(logNormalizer: number, labelLogit: number, round: (v: number) => number = identity): number {
  return round(logNormalizer - labelLogit);
}
