/**
 * Views a tensor as a list of rows for tables: the last axis is the row, every axis before it
 * is flattened (row labels keep the multi-index, e.g. `1,0`). A rank-1 tensor is one row.
 */
import type { Tensor } from '../tensor';

export interface RowView {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly row: (i: number) => Float64Array;
  readonly rowLabel: (i: number) => string;
}

export function rowsOf(t: Tensor): RowView {
  const shape = t.shape;
  const columnCount = shape.length === 0 ? 1 : shape[shape.length - 1];
  const leading = shape.slice(0, -1);
  const rowCount = columnCount === 0 ? 0 : t.data.length / columnCount;
  return {
    rowCount,
    columnCount,
    row: (i) => t.data.subarray(i * columnCount, (i + 1) * columnCount),
    rowLabel: (i) => multiIndex(i, leading).join(','),
  };
}

/** Per-sample values (one per row of the logits) as a column view with the batch's labels. */
export function sampleLabels(batchShape: readonly number[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => multiIndex(i, batchShape).join(','));
}

function multiIndex(flat: number, shape: readonly number[]): number[] {
  if (shape.length === 0) return [flat];
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}
