/**
 * Weights of any shape a framework takes (per class, per sample [N] or [N, 1], per element),
 * broadcast to the values they weight by NumPy's rules, which PyTorch, TensorFlow, Keras, JAX
 * and tfjs all follow: shapes are aligned at their last axis, and each axis of the weights must
 * have size 1 or the size of that axis of the values.
 */
import { InputError, type InputName } from '../errors';
import { elementCount, type Tensor } from '../tensor';
import { formatShape } from './format';

/** Does `from` broadcast to `to` (without changing `to`)? */
export function broadcasts(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length && from.slice(0, from.length - to.length).some((size) => size !== 1)) return false;
  for (let i = 1; i <= Math.min(from.length, to.length); i++) {
    const size = from[from.length - i];
    if (size !== 1 && size !== to[to.length - i]) return false;
  }
  return true;
}

/**
 * `weights` repeated to `shape`, row-major. Throws an InputError naming `argument` and both
 * shapes when they do not broadcast; `what` names the values (`the per-sample losses`).
 */
export function broadcastWeights(weights: Tensor, shape: readonly number[], argument: string, what: string, input: InputName = 'weights'): Float64Array {
  if (!broadcasts(weights.shape, shape)) {
    throw new InputError(
      `${argument} of shape ${formatShape(weights.shape)} does not broadcast to ${what} of shape ${formatShape(shape)}: each axis, aligned from the last, must be 1 or match`,
      undefined,
      input,
      undefined,
      argument,
    );
  }
  const size = elementCount(shape);
  if (weights.data.length === size) return weights.data;
  const out = new Float64Array(size);
  if (weights.data.length === 1) return out.fill(weights.data[0]);
  const indices = broadcastIndices(shape, weights.shape);
  for (let flat = 0; flat < size; flat++) out[flat] = weights.data[indices[flat]];
  return out;
}

/** The shape two tensors broadcast to together (NumPy's rule, both ways), or null when they do not. */
export function jointShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 1; i <= rank; i++) {
    const x = i <= a.length ? a[a.length - i] : 1;
    const y = i <= b.length ? b[b.length - i] : 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out[rank - i] = x === 1 ? y : x;
  }
  return out;
}

/**
 * The shape two operands of an element-wise operation broadcast to (NumPy's rules, both ways), or
 * an InputError naming both arguments (`argumentB` as the one at fault).
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], argumentA: string, argumentB: string, input: InputName = 'labels'): number[] {
  const joint = jointShape(a, b);
  if (joint) return joint;
  throw new InputError(
    `${argumentA} of shape ${formatShape(a)} and ${argumentB} of shape ${formatShape(b)} do not broadcast: each axis, aligned from the last, must be 1 or match`,
    undefined,
    input,
    undefined,
    argumentB,
  );
}

/**
 * For each element of `shape`, the element of a tensor of shape `from` broadcast to it (NumPy's
 * rules: axes aligned from the last; size-1 axes repeat), row-major.
 */
export function broadcastIndices(shape: readonly number[], from: readonly number[]): Int32Array {
  const count = elementCount(shape);
  const out = new Int32Array(count);
  const rank = shape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = from.length - 1; i >= 0; i--) {
    const axis = rank - (from.length - i);
    strides[axis] = from[i] === 1 ? 0 : stride;
    stride *= from[i];
  }
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let n = 0; n < count; n++) {
    out[n] = offset;
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      offset += strides[axis];
      if (counter[axis] < shape[axis]) break;
      offset -= strides[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
  return out;
}
