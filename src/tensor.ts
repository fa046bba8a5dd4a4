/**
 * A dense row-major tensor of float64 values. The last axis varies fastest, as in NumPy's
 * default C order, so a [batch, classes] matrix stores row i at data[i*classes .. (i+1)*classes).
 */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((count, size) => count * size, 1);
}

export function tensor(shape: readonly number[], data: Float64Array | readonly number[]): Tensor {
  const values = data instanceof Float64Array ? data : Float64Array.from(data);
  if (values.length !== elementCount(shape)) {
    throw new RangeError(`shape [${shape.join(', ')}] needs ${elementCount(shape)} values, got ${values.length}`);
  }
  return { shape: [...shape], data: values };
}

/** Nested JavaScript arrays in the tensor's shape; a rank-0 tensor becomes a bare number. */
export type Nested = number | Nested[];

export function toNested(t: Tensor): Nested {
  if (t.shape.length === 0) return t.data[0];
  let offset = 0;
  const build = (axis: number): Nested[] => {
    const out: Nested[] = [];
    for (let i = 0; i < t.shape[axis]; i++) {
      out.push(axis === t.shape.length - 1 ? t.data[offset++] : build(axis + 1));
    }
    return out;
  };
  return build(0);
}
