/** Shared fixtures and assertions for the engine's unit tests. */
import assert from 'node:assert/strict';
import { tensor, type Tensor } from '../../../src/tensor';

/** The seed article's batch: logits as in its TensorFlow script, labels [1, 2, 0], K = 3. */
export const SEED_LOGITS: Tensor = tensor([3, 3], [0.7, 1.2, 0.3, 0.4, 0.2, 0.9, 0.6, 0.3, 0.4]);
export const SEED_LABELS: Tensor = tensor([3], [1, 2, 0]);

/** What the seed's script printed (float32), README "The printed reference output". */
export const SEED_PRINTED_SIGMOID = [1.0798527, 0.34328249, 0.84435523, 0.89968193, 0.7914722, 0.40115389, 0.47748795, 0.84435523, 0.89968193];
export const SEED_PRINTED_SOFTMAX = [0.69967604, 0.74342006, 0.93983102];

export function assertClose(actual: number, expected: number, tolerance: number, what = 'value'): void {
  const ok = actual === expected || Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
  assert.ok(ok, `${what}: expected ${expected}, got ${actual} (tolerance ${tolerance})`);
}

export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what = 'values'): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tolerance, `${what}[${i}]`);
}

export function t(shape: number[], values: number[]): Tensor {
  return tensor(shape, values);
}
