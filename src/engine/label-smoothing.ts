/**
 * Label smoothing.
 *
 * Categorical, over K classes: y' = y·(1 − ε) + ε/K. Keras CategoricalCrossentropy(label_smoothing=ε),
 * torch CrossEntropyLoss(label_smoothing=ε) (a mix with the uniform distribution), optax.smooth_labels,
 * tfjs losses.softmaxCrossEntropy and tf.compat.v1.losses.softmax_cross_entropy all use this form.
 *
 * Binary, each element its own two-class problem: z' = z·(1 − ε) + ε/2. Keras
 * BinaryCrossentropy(label_smoothing=ε), tfjs losses.sigmoidCrossEntropy and
 * tf.compat.v1.losses.sigmoid_cross_entropy use this form.
 *
 * The seed article (following YOLOv3) applies the categorical form ε/K to one-hot labels and then
 * a sigmoid loss; `sigmoidSmoothing: 'classes'` reproduces that, 'binary' gives ε/2. tf.nn and
 * torch's BCEWithLogitsLoss take no smoothing argument: the caller smooths, as the seed does.
 *
 * optax.smooth_labels(labels, alpha) returns (1 − α)·y + α/K and checks nothing about α: α = 1
 * gives the uniform 1/K, α = 0 the labels unchanged. With `where`, K is the number of entries
 * `where` includes along the axis (α/0 = ∞ when it includes none), and every entry is smoothed.
 */
import { InputError } from '../errors';
import type { Tensor } from '../tensor';
import { describeValue } from './format';

export const identity = (value: number): number => value;

export function validateSmoothing(epsilon: unknown): asserts epsilon is number {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon < 0 || epsilon >= 1) {
    throw new InputError(`label smoothing ε must be in [0, 1); got ${describeValue(epsilon)}`, undefined, 'smoothing');
  }
}

/** The two constants of y' = y·keep + floor: keep = 1 − ε, floor = ε / spread (K or 2). */
export interface SmoothingConstants {
  readonly keep: number;
  readonly floor: number;
}

/** `round` is Math.fround in float32 mode, so the constants are what a float32 framework computes. */
export function smoothingConstants(epsilon: number, spread: number, round: (v: number) => number = identity): SmoothingConstants {
  const e = round(epsilon);
  return { keep: round(1 - e), floor: round(e / spread) };
}

/** y·(1 − ε) + ε/K along the last axis (K = its size). */
export function smoothLabels(labels: Tensor, epsilon: number): Tensor {
  validateSmoothing(epsilon);
  const classes = labels.shape.length === 0 ? 1 : labels.shape[labels.shape.length - 1];
  return smoothWith(labels, smoothingConstants(epsilon, classes));
}

/** z·(1 − ε) + ε/2 element-wise. */
export function smoothBinaryLabels(labels: Tensor, epsilon: number): Tensor {
  validateSmoothing(epsilon);
  return smoothWith(labels, smoothingConstants(epsilon, 2));
}

/** optax.smooth_labels at one element: (1 − α)·y + α/count. */
export function smoothLabelAt(label: number, alpha: number, count: number, round: (v: number) => number = identity): number {
  return round(round(round(1 - alpha) * label) + round(alpha / count));
}

function smoothWith(labels: Tensor, c: SmoothingConstants): Tensor {
  return { shape: [...labels.shape], data: smoothValues(labels.data, c) };
}

/** y·keep + floor for every value, each operation rounded by `round` (Math.fround in float32 mode). */
export function smoothValues(values: Float64Array, c: SmoothingConstants, round: (v: number) => number = identity): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = round(round(values[i] * c.keep) + c.floor);
  return out;
}
