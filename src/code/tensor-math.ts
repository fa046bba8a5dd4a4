/**
 * Tensor arithmetic for the operations the reader follows, with each library's dtype rules:
 * a Python scalar takes the tensor's dtype (it is "weak"), integer tensors divided become the
 * library's default float, and every float32 result is rounded to float32 element by element,
 * as the frameworks compute by default.
 */
import { InputError } from '../errors';
import { broadcastIndices, jointShape } from '../engine/weights';
import { elementCount, type Tensor } from '../tensor';
import { isFloat, NotResolved, type DType, type Library, type TensorValue } from './values';
import type { Span } from './syntax';

export function defaultFloat(library: Library): DType {
  return library === 'numpy' ? 'float64' : 'float32';
}

export function defaultInteger(library: Library): DType {
  switch (library) {
    case 'torch':
    case 'numpy':
      return 'int64';
    case 'tfjs':
      // tf.tensor([1, 2]) is float32 unless a dtype is given.
      return 'float32';
    default:
      return 'int32';
  }
}

export function roundTo(dtype: DType): (x: number) => number {
  if (dtype === 'float32' || dtype === 'float16') return Math.fround;
  if (dtype === 'float64') return (x) => x;
  if (dtype === 'bool') return (x) => (x !== 0 && !Number.isNaN(x) ? 1 : 0);
  return (x) => (Number.isFinite(x) ? Math.trunc(x) : x);
}

export function makeTensor(shape: readonly number[], data: Float64Array, dtype: DType, library: Library): TensorValue {
  const round = roundTo(dtype);
  if (dtype !== 'float64') for (let i = 0; i < data.length; i++) data[i] = round(data[i]);
  return { kind: 'tensor', tensor: { shape: [...shape], data }, dtype, library };
}

export function withDtype(value: TensorValue, dtype: DType, library: Library = value.library): TensorValue {
  if (dtype === value.dtype && library === value.library) return value;
  return makeTensor(value.tensor.shape, Float64Array.from(value.tensor.data), dtype, library);
}

/** An operand of arithmetic: a tensor, or a scalar whose dtype follows the tensor it meets. */
export type Operand = TensorValue | { readonly kind: 'scalar'; readonly value: number; readonly integer: boolean };

/** The dtype of `a op b` (true division marks `divides`). */
function resultDtype(a: Operand, b: Operand, library: Library, divides: boolean): DType {
  const tensors = [a, b].filter((o): o is TensorValue => o.kind === 'tensor');
  let dtype: DType;
  if (tensors.length === 2) {
    const [x, y] = tensors;
    if (isFloat(x.dtype) || isFloat(y.dtype)) {
      dtype = x.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : isFloat(x.dtype) ? x.dtype : y.dtype;
    } else dtype = x.dtype === 'int64' || y.dtype === 'int64' ? 'int64' : x.dtype === 'bool' && y.dtype === 'bool' ? 'bool' : 'int32';
  } else {
    const tensor = tensors[0];
    const scalar = (a.kind === 'scalar' ? a : b) as Extract<Operand, { kind: 'scalar' }>;
    dtype =
      !isFloat(tensor.dtype) && !scalar.integer
        ? defaultFloat(library)
        : tensor.dtype === 'bool'
          ? scalar.integer
            ? defaultInteger(library)
            : defaultFloat(library)
          : tensor.dtype;
  }
  if (divides && !isFloat(dtype)) return defaultFloat(library);
  return dtype;
}

function operandShape(o: Operand): readonly number[] {
  return o.kind === 'tensor' ? o.tensor.shape : [];
}

function operandData(o: Operand): Float64Array {
  return o.kind === 'tensor' ? o.tensor.data : Float64Array.of(o.value);
}

export function broadcastShape(a: readonly number[], b: readonly number[], span: Span): number[] {
  const joint = jointShape(a, b);
  if (!joint) {
    throw new CodeInputError(
      `shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast: each axis, aligned from the last, must be 1 or match`,
      span,
      'shapes',
    );
  }
  return joint;
}

/** `f(a[i], b[i])` over the broadcast shape, in the result's dtype. */
export function binaryOperation(
  a: Operand,
  b: Operand,
  library: Library,
  span: Span,
  f: (x: number, y: number) => number,
  options: { divides?: boolean; dtype?: DType } = {},
): TensorValue {
  const dtype = options.dtype ?? resultDtype(a, b, library, options.divides ?? false);
  const shape = broadcastShape(operandShape(a), operandShape(b), span);
  const x = operandData(a);
  const y = operandData(b);
  // Each operand is rounded to the computation's dtype first (a Python 0.1 meets float32 as float32(0.1)).
  const computeIn: DType = dtype === 'bool' ? resultDtype(a, b, library, false) : dtype;
  const round = roundTo(computeIn);
  const ix = sameShape(operandShape(a), shape) ? null : broadcastIndices(shape, operandShape(a));
  const iy = sameShape(operandShape(b), shape) ? null : broadcastIndices(shape, operandShape(b));
  const count = elementCount(shape);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = f(round(x[ix ? ix[i] : i]), round(y[iy ? iy[i] : i]));
  return makeTensor(shape, out, dtype, library);
}

/** `where(condition, a, b)`: a where the condition holds, else b, over the three shapes broadcast. */
export function selectOperation(condition: TensorValue, a: Operand, b: Operand, library: Library, span: Span): TensorValue {
  const shape = broadcastShape(broadcastShape(condition.tensor.shape, operandShape(a), span), operandShape(b), span);
  const dtype = resultDtype(a, b, library, false);
  const round = roundTo(dtype);
  const [ic, ia, ib] = [condition.tensor.shape, operandShape(a), operandShape(b)].map((from) => broadcastIndices(shape, from));
  const [c, x, y] = [condition.tensor.data, operandData(a), operandData(b)];
  const out = new Float64Array(elementCount(shape));
  for (let i = 0; i < out.length; i++) out[i] = c[ic[i]] !== 0 ? round(x[ia[i]]) : round(y[ib[i]]);
  return makeTensor(shape, out, dtype, library);
}

export function unaryOperation(a: TensorValue, f: (x: number) => number, dtype: DType = isFloat(a.dtype) ? a.dtype : defaultFloat(a.library)): TensorValue {
  const out = new Float64Array(a.tensor.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.tensor.data[i]);
  return makeTensor(a.tensor.shape, out, dtype, a.library);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A normalised axis (negative counts from the end), or an error naming it. */
export function normaliseAxis(axis: number, rank: number, span: Span): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= Math.max(rank, 1)) {
    throw new CodeInputError(`axis ${axis} is out of range for a tensor of rank ${rank}`, span, 'shapes');
  }
  return resolved;
}

/** Calls `f` on each 1-D slice along `axis`: `input` holds the slice, `output` receives the result. */
export function alongAxis(t: Tensor, axis: number, f: (input: Float64Array, output: Float64Array) => void): Float64Array {
  const shape = t.shape.length === 0 ? [1] : t.shape;
  const size = shape[axis];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  const outer = elementCount(shape) / Math.max(size * inner, 1);
  const out = new Float64Array(t.data.length);
  const input = new Float64Array(size);
  const output = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * size * inner + j;
      for (let k = 0; k < size; k++) input[k] = t.data[base + k * inner];
      f(input, output);
      for (let k = 0; k < size; k++) out[base + k * inner] = output[k];
    }
  }
  return out;
}

/** Reduces `axis` away (or keeps it with size 1) with `f` over each slice. */
export function reduceAxis(t: Tensor, axis: number, keepDims: boolean, f: (slice: Float64Array) => number): { shape: number[]; data: Float64Array } {
  const size = t.shape[axis];
  let inner = 1;
  for (let i = axis + 1; i < t.shape.length; i++) inner *= t.shape[i];
  const outer = elementCount(t.shape) / Math.max(size * inner, 1);
  const data = new Float64Array(outer * inner);
  const slice = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * size * inner + j;
      for (let k = 0; k < size; k++) slice[k] = t.data[base + k * inner];
      data[o * inner + j] = f(slice);
    }
  }
  const shape = keepDims ? t.shape.map((d, i) => (i === axis ? 1 : d)) : t.shape.filter((_, i) => i !== axis);
  return { shape, data };
}

/**
 * An error in the user's numbers or shapes found while following an operation (not a limit of
 * the reader): shown as a problem at `span`, with a code for the Problems panel.
 */
export class CodeInputError extends InputError {
  /**
   * InputError's `instanceof` goes by a brand every InputError has (src/errors.ts), and static
   * methods are inherited: without this, every catalogue InputError would pass for a
   * CodeInputError (and a LossCallFailed), with no span or code. This and its subclasses check
   * the prototype chain, as classes ordinarily do.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(
    message: string,
    readonly span: Span,
    readonly code: string,
  ) {
    super(message, undefined, 'arguments');
  }
}

export function requireTensor(value: TensorValue | undefined, what: string, span: Span): TensorValue {
  if (!value) throw new NotResolved(`${what} is missing`, span);
  return value;
}
