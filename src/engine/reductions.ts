/**
 * Weighted reductions, Σ w·ℓ over the values that count, divided by one of the frameworks'
 * denominators:
 * - 'count': how many values count (torch 'mean' over the targets not ignored);
 * - 'all': how many values there are, counted or not (tf.reduce_mean, jnp.mean, Keras
 *   sum_over_batch_size, tf.compat.v1 SUM_OVER_BATCH_SIZE, torch 'mean' with probability targets);
 * - 'weight-sum': Σ w over the values that count (torch CrossEntropyLoss / NLLLoss with class
 *   weights and index targets: Σ w_{y_i} over non-ignored samples; tfjs Reduction.MEAN);
 * - 'nonzero-weights': how many weights are not 0 (tfjs Reduction.SUM_BY_NONZERO_WEIGHTS, the
 *   default of tfjs and tf.compat.v1.losses).
 * or a number the caller worked out (torch `batchmean`: the batch size; Keras' masked mean).
 * A mean over nothing is 0/0 = NaN, as in most frameworks; the caller reports it.
 */
import { identity } from './label-smoothing';

export type Denominator = 'count' | 'all' | 'weight-sum' | 'nonzero-weights' | number;

export interface Reduced {
  readonly sum: number;
  readonly denominator: number;
  readonly mean: number;
}

/** w·ℓ where the value counts, 0 elsewhere; `values` itself when there is nothing to apply. */
export function weightValues(
  values: Float64Array,
  weights: Float64Array | null,
  counted: Uint8Array | null,
  round: (v: number) => number = identity,
): Float64Array {
  if (weights === null && counted === null) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (counted !== null && counted[i] === 0) continue;
    out[i] = weights === null ? values[i] : round(weights[i] * values[i]);
  }
  return out;
}

/** Sequential sum (float32 when `round` is Math.fround). */
export function sumValues(values: Float64Array, round: (v: number) => number = identity): number {
  return pairwiseSum(values, 0, values.length, round);
}

/**
 * Pairwise summation, each addition rounded: the frameworks' float32 sums are tree-shaped
 * (PyTorch's cascade sum, Eigen's packet reduction, NumPy's pairwise sum), so their error grows
 * with log n, where a running float32 sum drifts by n ulps (640 equal terms: 80 ulps).
 */
function pairwiseSum(values: Float64Array, from: number, to: number, round: (v: number) => number): number {
  if (to - from <= 16) {
    let sum = 0;
    for (let i = from; i < to; i++) sum = round(sum + values[i]);
    return sum;
  }
  const middle = from + Math.floor((to - from) / 2);
  return round(pairwiseSum(values, from, middle, round) + pairwiseSum(values, middle, to, round));
}

export function denominatorOf(
  denominator: Denominator,
  length: number,
  weights: Float64Array | null,
  counted: Uint8Array | null,
  round: (v: number) => number = identity,
): number {
  if (typeof denominator === 'number') return denominator;
  if (denominator === 'all' || (weights === null && counted === null)) return length;
  let count = 0;
  let weightSum = 0;
  let nonzero = 0;
  for (let i = 0; i < length; i++) {
    if (counted !== null && counted[i] === 0) continue;
    const w = weights === null ? 1 : weights[i];
    count++;
    weightSum = round(weightSum + w);
    if (w !== 0) nonzero++;
  }
  return denominator === 'count' ? count : denominator === 'weight-sum' ? weightSum : nonzero;
}

/** Σ w·ℓ (over counted values) and its mean under `denominator`. */
export function reduceWeighted(
  values: Float64Array,
  weights: Float64Array | null,
  counted: Uint8Array | null,
  denominator: Denominator,
  round: (v: number) => number = identity,
): Reduced {
  const sum = sumValues(weightValues(values, weights, counted, round), round);
  const divisor = denominatorOf(denominator, values.length, weights, counted, round);
  return { sum, denominator: divisor, mean: round(sum / divisor) };
}
