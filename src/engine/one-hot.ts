/**
 * One-hot encoding of class indices: tf.one_hot(indices, depth), torch.nn.functional.one_hot,
 * jax.nn.one_hot. K always comes from the logits' class axis, never from max(label) + 1 (what
 * torch's one_hot does by default), so a batch that happens to lack the last class keeps its K.
 * Samples whose label equals ignore_index (torch CrossEntropyLoss) get an all-zero row, as
 * tf.one_hot gives for an index outside [0, depth).
 */
import { InputError, type InputName } from '../errors';
import type { Tensor } from '../tensor';
import { formatIndex } from './format';
import { unravel } from './layout';

/** Index labels as integers; ignored samples become −1. Throws on the first element that is not a class index. */
export function readClassIndices(labels: Tensor, classes: number, ignoreIndex?: number, input: InputName = 'labels'): Int32Array {
  const out = new Int32Array(labels.data.length);
  const data = labels.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // ignore_index first: PyTorch ignores a target equal to it even when it is a valid class.
    if (ignoreIndex !== undefined && v === ignoreIndex) {
      out[i] = -1;
    } else if (v >= 0 && v < classes && Number.isInteger(v)) {
      out[i] = v;
    } else {
      throw new InputError(notAClassIndex(v, unravel(i, labels.shape), classes), undefined, input, i);
    }
  }
  return out;
}

function notAClassIndex(value: number, index: readonly number[], classes: number): string {
  const where = `labels${formatIndex(index)} = ${String(value)}`;
  const range = `class indices run from 0 to ${classes - 1} (K = ${classes} from the logits' class axis)`;
  if (!Number.isFinite(value)) return `${where} is not a class index: ${range}`;
  if (!Number.isInteger(value)) return `${where} is not an integer; ${range}`;
  if (value < 0) return `${where} is negative; ${range}`;
  return `${where} is out of range: ${range}`;
}

/** [...indices.shape, K] with a 1 at each index; −1 (ignored) gives an all-zero row. */
export function oneHotFromIndices(indices: Int32Array, classes: number): Float64Array {
  const out = new Float64Array(indices.length * classes);
  for (let i = 0; i < indices.length; i++) {
    const y = indices[i];
    if (y >= 0) out[i * classes + y] = 1;
  }
  return out;
}

export function oneHot(indices: Tensor, classes: number, ignoreIndex?: number): Tensor {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new InputError(`one-hot needs at least one class; got K = ${classes}`, undefined, 'options');
  }
  const read = readClassIndices(indices, classes, ignoreIndex);
  return { shape: [...indices.shape, classes], data: oneHotFromIndices(read, classes) };
}
