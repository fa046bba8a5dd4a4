/**
 * Mean squared error, per sample over the last axis: ℓ = (1/K)·Σ_j (ŷ_j − y_j)².
 * keras.losses.MeanSquaredError averages over the last axis and then over the batch
 * (sum_over_batch_size); torch.nn.MSELoss(reduction='mean') averages over every element, the same
 * number for a [N, K] input. Applied to softmax probabilities against one-hot targets it is the
 * Brier score divided by K; unlike cross-entropy its gradient vanishes as a wrong prediction
 * saturates, which is why classifiers prefer cross-entropy.
 *
 * optax.squared_error returns the element-wise (ŷ − y)² (ŷ² without targets) and optax.l2_loss
 * half of it, 0.5·(ŷ − y)²; the mean is the user's (squared_error(a, b).mean()).
 *
 * torch.nn.functional.mse_loss returns the element-wise (ŷ − y)² under 'none' and broadcasts
 * the two tensors first (with a warning) when their shapes differ.
 */
import { InputError } from '../errors';
import { identity } from './label-smoothing';
import type { Tensor } from '../tensor';
import { formatShape } from './format';

/**
 * (a − b)², the difference rounded first (float32 when `round` is Math.fround): torch's, optax's
 * and tf.math.squared_difference / tfjs squaredDifference's element.
 */
export function squaredError(a: number, b: number, round: (v: number) => number = identity): number {
  const d = round(a - b);
  return round(d * d);
}

/** Per-row mean of squared differences over [rows, columns] arrays; `round` is Math.fround in float32 mode. */
export function meanSquaredErrorRows(
  predictions: Float64Array,
  targets: Float64Array,
  rows: number,
  columns: number,
  round: (v: number) => number = identity,
): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) {
      sum = round(sum + squaredError(predictions[i * columns + j], targets[i * columns + j], round));
    }
    out[i] = round(sum / columns);
  }
  return out;
}

/** Per sample (mean over the last axis) of same-shaped tensors. */
export function meanSquaredError(predictions: Tensor, targets: Tensor): Float64Array {
  if (predictions.shape.length !== targets.shape.length || predictions.shape.some((s, i) => s !== targets.shape[i])) {
    throw new InputError(
      `targets shape ${formatShape(targets.shape)} must equal predictions shape ${formatShape(predictions.shape)} for mean squared error`,
      undefined,
      'labels',
    );
  }
  const columns = predictions.shape.length === 0 ? 1 : predictions.shape[predictions.shape.length - 1];
  const rows = columns === 0 ? 0 : predictions.data.length / columns;
  return meanSquaredErrorRows(predictions.data, targets.data, rows, columns);
}
