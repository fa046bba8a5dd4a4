/**
 * Softmax, log-softmax and log-sum-exp along the class axis, always shifted by the row maximum m:
 *   logsumexp(x) = m + log Σ_j e^{x_j − m}
 *   softmax(x)_j = e^{x_j − m} / Σ_k e^{x_k − m}
 *   log_softmax(x)_j = x_j − logsumexp(x)
 * as tf.nn.softmax / tf.nn.log_softmax, torch.softmax / log_softmax and jax.nn do. Never
 * log(softmax(x)): that underflows to −∞ for large logit gaps (the seed's hand-written loss).
 *
 * Special values, defined here once for the whole engine:
 * - one +∞ logit: softmax is one-hot at it, log-softmax is 0 there and −∞ elsewhere;
 * - two or more +∞, all −∞, or any NaN: softmax is undefined (NaN) and a diagnostic says why;
 * - −∞ logits among finite ones: probability 0, log-probability −∞;
 * - all logits equal: the uniform distribution 1/K.
 */
import type { Tensor } from '../tensor';
import { classAxisIndex, classesLast, type ClassAxis } from './layout';
import { identity } from './label-smoothing';

/** Why a row's softmax is not the ordinary finite computation. */
export type RowStatus = 'finite' | 'one-infinite' | 'several-infinite' | 'all-negative-infinite' | 'nan';

export interface RowSoftmax {
  readonly status: RowStatus;
  /** log Σ e^{x}: +∞ with an infinite logit, NaN when undefined. */
  readonly logSumExp: number;
  /** Index of the largest logit (the +∞ one, if any). */
  readonly argmax: number;
}

/**
 * Softmax and log-softmax of one row into `p` and `logP` at `offset`. `round` is Math.fround in
 * float32 mode, applied after every operation in the order TensorFlow's kernels use.
 */
export function softmaxRow(
  x: ArrayLike<number>,
  xOffset: number,
  classes: number,
  p: Float64Array,
  logP: Float64Array,
  offset: number,
  round: (v: number) => number = identity,
): RowSoftmax {
  let m = -Infinity;
  let argmax = 0;
  let infinite = 0;
  let nan = false;
  for (let j = 0; j < classes; j++) {
    const v = x[xOffset + j];
    if (v !== v) nan = true;
    else if (v > m) {
      m = v;
      argmax = j;
    }
    if (v === Infinity) infinite++;
  }
  if (nan || infinite > 1 || m === -Infinity) {
    p.fill(NaN, offset, offset + classes);
    logP.fill(NaN, offset, offset + classes);
    const status: RowStatus = nan ? 'nan' : infinite > 1 ? 'several-infinite' : 'all-negative-infinite';
    return { status, logSumExp: NaN, argmax };
  }
  if (infinite === 1) {
    p.fill(0, offset, offset + classes);
    logP.fill(-Infinity, offset, offset + classes);
    p[offset + argmax] = 1;
    logP[offset + argmax] = 0;
    return { status: 'one-infinite', logSumExp: Infinity, argmax };
  }
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    const e = round(Math.exp(round(x[xOffset + j] - m)));
    p[offset + j] = e;
    sum = round(sum + e);
  }
  const logSum = round(Math.log(sum));
  const inverse = round(1 / sum);
  for (let j = 0; j < classes; j++) {
    p[offset + j] = round(p[offset + j] * inverse);
    logP[offset + j] = round(round(x[xOffset + j] - m) - logSum);
  }
  return { status: 'finite', logSumExp: round(m + logSum), argmax };
}

/** log Σ e^{v} over `length` values from `offset`, shifted by the maximum; +∞ if any value is +∞. */
export function logSumExp(values: ArrayLike<number>, offset = 0, length = values.length - offset): number {
  let m = -Infinity;
  for (let j = 0; j < length; j++) {
    const v = values[offset + j];
    if (v !== v) return NaN;
    if (v > m) m = v;
  }
  if (m === Infinity || m === -Infinity) return m;
  let sum = 0;
  for (let j = 0; j < length; j++) sum += Math.exp(values[offset + j] - m);
  return m + Math.log(sum);
}

function rowWise(logits: Tensor, classAxis: ClassAxis, pick: 'softmax' | 'logSoftmax'): Tensor {
  if (logits.shape.length === 0) return { shape: [], data: Float64Array.of(pick === 'softmax' ? 1 : 0) };
  const axis = classAxisIndex(logits.shape.length, classAxis);
  const classes = logits.shape[axis];
  const x = classesLast(logits, axis);
  const rows = classes === 0 ? 0 : x.length / classes;
  const p = new Float64Array(x.length);
  const logP = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) softmaxRow(x, i * classes, classes, p, logP, i * classes);
  const result = pick === 'softmax' ? p : logP;
  return { shape: [...logits.shape], data: x === logits.data ? result : classesBack(result, logits.shape, axis) };
}

/** Softmax along the class axis; the result has the input's shape. */
export function softmax(logits: Tensor, classAxis: ClassAxis = 'last'): Tensor {
  return rowWise(logits, classAxis, 'softmax');
}

/** x − logsumexp(x) along the class axis; the result has the input's shape. */
export function logSoftmax(logits: Tensor, classAxis: ClassAxis = 'last'): Tensor {
  return rowWise(logits, classAxis, 'logSoftmax');
}

/** Inverse of `classesLast`: [samples, K] back to a tensor whose class axis is `axis`. */
export function classesBack(data: Float64Array, shape: readonly number[], axis: number): Float64Array {
  const classes = shape[axis];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  const out = new Float64Array(data.length);
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < classes; c++) {
      const to = (o * classes + c) * inner;
      for (let s = 0; s < inner; s++) out[to + s] = data[(o * inner + s) * classes + c];
    }
  }
  return out;
}

/**
 * JAX's functions (jax.nn.log_softmax, jax.nn.softmax, jax.nn.logsumexp), which optax builds on,
 * step for step, with an optional `where` mask over the row (1 = included, at the same offset as
 * `x`). Unlike `softmaxRow` they give infinities no special treatment, so:
 * - log_softmax and softmax subtract the row maximum as is: a +∞ logit gives ∞ − ∞ = NaN for
 *   the whole row (JAX's docstring: "If any input values are +inf, the result will be all NaN"),
 *   and so does a row of −∞ (or a row with every entry masked);
 * - logsumexp replaces a non-finite maximum by 0 first, so it is +∞ with a +∞ logit and −∞
 *   for a row of −∞;
 * - masked entries are left out of the maximum and the sum; log_softmax sets them to −∞,
 *   softmax to 0.
 * NaN inputs propagate (jnp.max returns NaN).
 */
function jaxRowMax(x: ArrayLike<number>, offset: number, classes: number, where: ArrayLike<number> | null): number {
  let m = -Infinity;
  for (let j = 0; j < classes; j++) {
    if (where !== null && where[offset + j] === 0) continue;
    const v = x[offset + j];
    if (v !== v) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/** jax.nn.log_softmax of one row into `out` (same offset); `round` per operation in float32 mode. */
export function jaxLogSoftmaxRow(
  x: ArrayLike<number>,
  offset: number,
  classes: number,
  where: ArrayLike<number> | null,
  out: Float64Array,
  round: (v: number) => number = identity,
): void {
  const m = jaxRowMax(x, offset, classes, where);
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    const included = where === null || where[offset + j] !== 0;
    const shifted = included ? round(x[offset + j] - m) : -Infinity;
    out[offset + j] = shifted;
    if (included) sum = round(sum + round(Math.exp(shifted)));
  }
  const logSum = round(Math.log(sum));
  for (let j = 0; j < classes; j++) {
    const included = where === null || where[offset + j] !== 0;
    out[offset + j] = included ? round(out[offset + j] - logSum) : -Infinity;
  }
}

/** jax.nn.softmax of one row into `out` (same offset): exp(x − max) divided by its sum. */
export function jaxSoftmaxRow(
  x: ArrayLike<number>,
  offset: number,
  classes: number,
  where: ArrayLike<number> | null,
  out: Float64Array,
  round: (v: number) => number = identity,
): void {
  const m = jaxRowMax(x, offset, classes, where);
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    const included = where === null || where[offset + j] !== 0;
    const e = round(Math.exp(round((included ? x[offset + j] : -Infinity) - m)));
    out[offset + j] = e;
    if (included) sum = round(sum + e);
  }
  for (let j = 0; j < classes; j++) {
    const included = where === null || where[offset + j] !== 0;
    out[offset + j] = included ? round(out[offset + j] / sum) : 0;
  }
}

/** jax.nn.logsumexp of one row: log Σ e^{x − m} + m with m replaced by 0 when it is not finite. */
export function jaxLogSumExpRow(
  x: ArrayLike<number>,
  offset: number,
  classes: number,
  where: ArrayLike<number> | null,
  round: (v: number) => number = identity,
): number {
  const max = jaxRowMax(x, offset, classes, where);
  const m = Number.isFinite(max) ? max : 0;
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    if (where !== null && where[offset + j] === 0) continue;
    sum = round(sum + round(Math.exp(round(x[offset + j] - m))));
  }
  return round(round(Math.log(sum)) + m);
}
