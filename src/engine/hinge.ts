/**
 * Hinge losses on logits (scores), per sample.
 *
 * Binary hinge, keras.losses.Hinge: targets y ∈ {−1, +1}; when every target is 0 or 1 they are
 * mapped to −1/+1 first, as Keras does. ℓ = mean_j max(1 − y_j·x_j, 0) over the last axis.
 * Squared hinge, keras.losses.SquaredHinge: mean_j max(1 − y_j·x_j, 0)².
 *
 * Categorical hinge, keras.losses.CategoricalHinge, with one-hot y:
 *   pos = Σ_j y_j·x_j,  neg = max_j (1 − y_j)·x_j,  ℓ = max(neg − pos + 1, 0).
 *
 * Multi-margin, torch.nn.MultiMarginLoss(p=1, margin=1, weight=w), with class index y:
 *   ℓ = Σ_{j≠y} w_y·max(0, margin − x_y + x_j)^p / K   (mean over samples divides by N, not Σ w).
 *
 * optax.hinge_loss is the element-wise max(0, 1 − x·y) with y used as given (optax expects
 * ±1 and maps nothing). optax.multiclass_hinge_loss, with class index y:
 *   ℓ = max_j (x_j + 1 − [j = y]) − Σ_j x_j·[j = y]
 * (the Crammer–Singer hinge), on jax.nn.one_hot(y, K), which is all zeros for a y outside
 * [0, K); the sum is a dot product with the one-hot row, so an infinite score gives ∞·0 = NaN.
 *
 * LossMultiMargin.cpp computes (margin − x_y) + x_j, adds only the positive terms, and divides by K
 * after the sum over the batch when it reduces (that sum is a double even for float32 input).
 */
import type { Tensor } from '../tensor';
import { identity } from './label-smoothing';
import { readClassIndices } from './one-hot';

/** max(0, 1 − x·y) for one score x and target y. */
export function hingeElement(score: number, target: number, round: (v: number) => number = identity): number {
  return Math.max(0, round(1 - round(score * target)));
}

/**
 * optax.multiclass_hinge_loss for one row of K scores; `label` −1 stands for a label outside
 * [0, K), whose one-hot row is all zeros.
 */
export function multiclassHingeRow(scores: ArrayLike<number>, offset: number, classes: number, label: number, round: (v: number) => number = identity): number {
  let max = -Infinity;
  let dot = 0;
  for (let j = 0; j < classes; j++) {
    const oneHot = j === label ? 1 : 0;
    const s = scores[offset + j];
    max = Math.max(max, round(round(s + 1) - oneHot));
    dot = round(dot + round(s * oneHot));
  }
  return round(max - dot);
}

function lastAxis(t: Tensor): { rows: number; columns: number } {
  const columns = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
  return { rows: columns === 0 ? 0 : t.data.length / columns, columns };
}

/** Keras' rule: 0/1 targets become −1/+1; anything else is used as given. */
export function signedTargets(targets: Float64Array): Float64Array {
  for (let i = 0; i < targets.length; i++) if (targets[i] !== 0 && targets[i] !== 1) return targets;
  return Float64Array.from(targets, (t) => 2 * t - 1);
}

/** `round` is Math.fround in float32 mode, applied after each operation as Keras' ops are. */
export function hingeRows(
  x: Float64Array,
  targets: Float64Array,
  rows: number,
  columns: number,
  squared: boolean,
  round: (v: number) => number = identity,
): Float64Array {
  const y = signedTargets(targets);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) {
      const margin = hingeElement(x[i * columns + j], y[i * columns + j], round);
      sum = round(sum + (squared ? round(margin * margin) : margin));
    }
    out[i] = round(sum / columns);
  }
  return out;
}

export function categoricalHingeRows(x: Float64Array, y: Float64Array, rows: number, columns: number, round: (v: number) => number = identity): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let pos = 0;
    let neg = -Infinity;
    for (let j = 0; j < columns; j++) {
      const e = i * columns + j;
      pos = round(pos + round(y[e] * x[e]));
      neg = Math.max(neg, round(round(1 - y[e]) * x[e]));
    }
    out[i] = Math.max(round(round(neg - pos) + 1), 0);
  }
  return out;
}

export interface MultiMarginOptions {
  readonly margin?: number;
  readonly p?: 1 | 2;
  readonly weights?: readonly number[];
}

/**
 * Σ_{j≠y} w·max(0, margin − x_y + x_j)^p over the row of `x` at `offset` (before the division by
 * K), in LossMultiMargin.cpp's order; `round` is Math.fround in float32 mode.
 */
export function multiMarginSum(
  x: ArrayLike<number>,
  offset: number,
  y: number,
  columns: number,
  margin: number,
  power: 1 | 2,
  weight: number,
  round: (v: number) => number = identity,
): number {
  const shifted = round(margin - x[offset + y]);
  let sum = 0;
  for (let j = 0; j < columns; j++) {
    if (j === y) continue;
    const z = round(shifted + x[offset + j]);
    if (!(z > 0)) continue;
    const h = power === 2 ? round(z * z) : z;
    sum = round(sum + round(h * weight));
  }
  return sum;
}

/** Rows with index −1 (ignored) give 0. */
export function multiMarginRows(x: Float64Array, indices: Int32Array, columns: number, options: MultiMarginOptions = {}): Float64Array {
  const margin = options.margin ?? 1;
  const power = options.p ?? 1;
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const y = indices[i];
    if (y < 0) continue;
    out[i] = multiMarginSum(x, i * columns, y, columns, margin, power, options.weights ? options.weights[y] : 1) / columns;
  }
  return out;
}

export function hinge(logits: Tensor, targets: Tensor): Float64Array {
  const { rows, columns } = lastAxis(logits);
  return hingeRows(logits.data, targets.data, rows, columns, false);
}

export function squaredHinge(logits: Tensor, targets: Tensor): Float64Array {
  const { rows, columns } = lastAxis(logits);
  return hingeRows(logits.data, targets.data, rows, columns, true);
}

export function categoricalHinge(logits: Tensor, oneHot: Tensor): Float64Array {
  const { rows, columns } = lastAxis(logits);
  return categoricalHingeRows(logits.data, oneHot.data, rows, columns);
}

export function multiMargin(logits: Tensor, indices: Tensor, options: MultiMarginOptions = {}): Float64Array {
  const { columns } = lastAxis(logits);
  return multiMarginRows(logits.data, readClassIndices(indices, columns), columns, options);
}

/**
 * tf.compat.v1.losses.hinge_loss and tfjs losses.hingeLoss, per element: labels are always mapped
 * to 2z − 1 (no Keras rule: a label of −1 becomes −3), then ℓ = relu(1 − (2z − 1)·x). No mean
 * over the last axis; the reduction is the caller's.
 */
export function binaryHingeAt(label: number, logit: number, round: (v: number) => number = identity): number {
  const signed = round(round(2 * label) - 1);
  const margin = round(1 - round(signed * logit));
  return margin > 0 ? margin : margin === margin ? 0 : NaN;
}
