/**
 * How each framework lays out a batch of class scores, read into the engine's [samples, K] view
 * (classes last). PyTorch puts classes at dimension 1 ([N, C, d1, …]; [C] unbatched); every
 * other framework puts them last ([…, K]).
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import type { ComputeContext } from './types';
import { classesLast, unravel, withoutAxis } from '../layout';
import { formatIndex, formatShape } from '../format';
import { toFloat32 } from '../float32';

export type ClassLayout = 'torch' | 'last';

export interface ClassRows {
  /** [samples, K] with classes last; may share the tensor's buffer, never written. */
  readonly data: Float64Array;
  readonly samples: number;
  readonly classes: number;
  /** Position of the class axis in the tensor's shape. */
  readonly axis: number;
  readonly shape: readonly number[];
  /** The shape without the class axis: the shape of per-sample results. */
  readonly sampleShape: readonly number[];
}

/** The class axis of `t` under `layout`; `argument` names it in errors. */
export function classRows(t: Tensor, layout: ClassLayout, argument: string, float32 = false): ClassRows {
  if (t.shape.length === 0) {
    throw new InputError(`${argument} is a scalar; it needs a class axis`, undefined, 'logits', undefined, argument);
  }
  return rowsAlongAxis(t, layout === 'torch' && t.shape.length > 1 ? 1 : t.shape.length - 1, argument, float32);
}

/** `t` viewed as rows along `axis` (already canonical: 0 ≤ axis < rank), for calls that take an `axis` argument. */
export function rowsAlongAxis(t: Tensor, axis: number, argument: string, float32 = false): ClassRows {
  const classes = t.shape[axis];
  if (classes === 0 || t.data.length === 0) {
    throw new InputError(`${argument} of shape ${formatShape(t.shape)} holds no values`, undefined, 'logits', undefined, argument);
  }
  const rows = classesLast(t, axis);
  return {
    data: float32 ? toFloat32(rows) : rows,
    samples: t.data.length / classes,
    classes,
    axis,
    shape: t.shape,
    sampleShape: withoutAxis(t.shape, axis),
  };
}

/**
 * Notes the first NaN among a call's loss values (when the framework itself returns NaN there, the
 * value is kept and the diagnostic says so); `why` names what causes it in that framework.
 */
export function noteNaNLoss(values: Float64Array, shape: readonly number[], context: ComputeContext, why: string): void {
  const first = values.findIndex((v) => v !== v);
  if (first < 0) return;
  const index = unravel(first, shape);
  context.diagnostics.note('nan-loss', 'warning', () => `The loss at ${formatIndex(index)} is NaN: ${why}`, 'logits', index);
}

/** `t` read in float32 when the call computes in float32. */
export function readValues(t: Tensor, float32: boolean): Float64Array {
  return float32 ? toFloat32(t.data) : t.data;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
