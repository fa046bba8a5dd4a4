/**
 * Where the class axis is. TF, Keras, JAX and NumPy put classes last ([..., K]); PyTorch puts
 * them at dimension 1 ([N, C, d1, ...]; [C] unbatched). The engine works on a [samples, K]
 * view with classes last, copying only when the class axis is not already last.
 */
import type { Tensor } from '../tensor';

export type ClassAxis = 'last' | 'first';

/** Position of the class axis in a shape of this rank (rank ≥ 1). */
export function classAxisIndex(rank: number, classAxis: ClassAxis): number {
  return classAxis === 'first' && rank > 1 ? 1 : rank - 1;
}

export function withoutAxis(shape: readonly number[], axis: number): number[] {
  return shape.filter((_, i) => i !== axis);
}

/** Row-major coordinates of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis];
    index[axis] = size === 0 ? 0 : rest % size;
    rest = size === 0 ? 0 : Math.floor(rest / size);
  }
  return index;
}

/**
 * Data of a tensor whose class axis sits at `axis`, rearranged to [samples, K] with classes
 * last. Returns the tensor's own buffer when the class axis already is the last one (or the
 * axes before it make no difference), so callers must not write to the result.
 */
export function classesLast(t: Tensor, axis: number): Float64Array {
  const shape = t.shape;
  const classes = shape[axis];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  if (inner === 1) return t.data;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  const out = new Float64Array(t.data.length);
  const source = t.data;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < classes; c++) {
      const from = (o * classes + c) * inner;
      for (let s = 0; s < inner; s++) out[(o * inner + s) * classes + c] = source[from + s];
    }
  }
  return out;
}

/**
 * Maps positions of the [samples, K] view back to the caller's tensors, for diagnostics and
 * error messages that name the element the user wrote.
 */
export class SampleLayout {
  constructor(
    readonly logitsShape: readonly number[],
    /** Class axis in `logitsShape`, or -1 when every logit is its own (binary) sample. */
    readonly axis: number,
    readonly sampleShape: readonly number[],
  ) {}

  sampleIndex(sample: number): number[] {
    return unravel(sample, this.sampleShape);
  }

  logitIndex(sample: number, cls: number): number[] {
    if (this.axis < 0) return unravel(sample, this.logitsShape);
    const index = this.sampleIndex(sample);
    index.splice(this.axis, 0, cls);
    return index;
  }
}
