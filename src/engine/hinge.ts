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
 * LossMultiMargin.cpp computes (margin − x_y) + x_j, adds only the positive terms, and divides by K
 * after the sum over the batch when it reduces (that sum is a double even for float32 input).
 */
import type { Tensor } from '../tensor';
import { identity } from './label-smoothing';
import { readClassIndices } from './one-hot';

function lastAxis(t: Tensor): { rows: number; columns: number } {
  const columns = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
  return { rows: columns === 0 ? 0 : t.data.length / columns, columns };
}

/** Keras' rule: 0/1 targets become −1/+1; anything else is used as given. */
export function signedTargets(targets: Float64Array): Float64Array {
  for (let i = 0; i < targets.length; i++) if (targets[i] !== 0 && targets[i] !== 1) return targets;
  return Float64Array.from(targets, (t) => 2 * t - 1);
}

export function hingeRows(x: Float64Array, targets: Float64Array, rows: number, columns: number, squared: boolean): Float64Array {
  const y = signedTargets(targets);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) {
      const margin = Math.max(1 - y[i * columns + j] * x[i * columns + j], 0);
      sum += squared ? margin * margin : margin;
    }
    out[i] = sum / columns;
  }
  return out;
}

export function categoricalHingeRows(x: Float64Array, y: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let pos = 0;
    let neg = -Infinity;
    for (let j = 0; j < columns; j++) {
      const e = i * columns + j;
      pos += y[e] * x[e];
      neg = Math.max(neg, (1 - y[e]) * x[e]);
    }
    out[i] = Math.max(neg - pos + 1, 0);
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
