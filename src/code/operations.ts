/**
 * The framework operations the reader follows, by name: tensor constructors, one-hot,
 * softmax / log-softmax / sigmoid, element-wise arithmetic and functions, casts, reductions and
 * shape reads, in the function form (`tf.one_hot(x, 3)`, `torch.softmax(x, dim=1)`) and the
 * method form (`x.softmax(1)`, `x.float()`). Each follows the library's own parameter names and
 * defaults (torch's `dim`, NumPy's `axis`, tfjs's positional `dim`) and dtype rules. Anything
 * else is a `NotResolved` that names the operation.
 */
import { elementCount } from '../tensor';
import type { Span } from './syntax';
import {
  alongAxis,
  binaryOperation,
  CodeInputError,
  defaultFloat,
  defaultInteger,
  makeTensor,
  normaliseAxis,
  reduceAxis,
  selectOperation,
  unaryOperation,
  withDtype,
  type Operand,
} from './tensor-math';
import { describeKind, isFloat, NotResolved, type DType, type Library, type TensorValue, type Value } from './values';

/** One call of an operation, its arguments already evaluated. */
export interface OperationCall {
  /** As written, for messages: `tf.one_hot`, `.float()`. */
  readonly name: string;
  readonly library: Library;
  readonly positional: readonly Value[];
  readonly positionalSpans: readonly Span[];
  readonly keyword: ReadonlyMap<string, Value>;
  readonly keywordSpans: ReadonlyMap<string, Span>;
  readonly span: Span;
  /** The tensor a method is called on. */
  readonly receiver?: Value;
  readonly receiverSpan?: Span;
}

type Operation = (call: OperationCall) => Value;

// ---------------------------------------------------------------------------------------------
// Reading arguments

function argument(call: OperationCall, index: number, ...names: string[]): Value | undefined {
  for (const name of names) {
    const value = call.keyword.get(name);
    if (value !== undefined) return value;
  }
  return index >= 0 ? call.positional[index] : undefined;
}

function argumentSpan(call: OperationCall, index: number, ...names: string[]): Span {
  for (const name of names) {
    const span = call.keywordSpans.get(name);
    if (span) return span;
  }
  return call.positionalSpans[index] ?? call.span;
}

function numberArgument(call: OperationCall, index: number, names: string[], fallback?: number): number | undefined {
  const value = argument(call, index, ...names);
  if (value === undefined || value.kind === 'none') return fallback;
  if (value.kind === 'number') return value.value;
  if (value.kind === 'boolean') return value.value ? 1 : 0;
  if (value.kind === 'tensor' && value.tensor.data.length === 1) return value.tensor.data[0];
  throw new NotResolved(`${call.name}: ${names[0] ?? 'argument'} must be a number; got ${describeKind(value)}`, argumentSpan(call, index, ...names));
}

function booleanArgument(call: OperationCall, index: number, names: string[], fallback: boolean): boolean {
  const value = argument(call, index, ...names);
  if (value === undefined || value.kind === 'none') return fallback;
  if (value.kind === 'boolean') return value.value;
  if (value.kind === 'number') return value.value !== 0;
  throw new NotResolved(`${call.name}: ${names[0]} must be True or False`, argumentSpan(call, index, ...names));
}

/** The tensor operand: the receiver of a method, else the first argument. */
function subject(call: OperationCall, names: string[] = []): TensorValue {
  if (call.receiver) return toTensor(call.receiver, call.library, call.receiverSpan ?? call.span);
  const value = argument(call, 0, ...names);
  if (value === undefined) throw new NotResolved(`${call.name}() needs a tensor argument`, call.span);
  return toTensor(value, call.library, argumentSpan(call, 0, ...names));
}

/** Arguments after the subject shift by one in the function form (`torch.softmax(x, 1)` vs `x.softmax(1)`). */
function offset(call: OperationCall): number {
  return call.receiver ? 0 : 1;
}

export function dtypeOf(value: Value | undefined, span: Span): DType | undefined {
  if (value === undefined || value.kind === 'none') return undefined;
  if (value.kind === 'dtype') return value.dtype;
  if (value.kind === 'string') {
    // As a string, 'float' is NumPy's float64 (torch.float, an attribute, is float32).
    if (value.value === 'float') return 'float64';
    const dtype = DTYPE_NAMES.get(value.value);
    if (dtype) return dtype;
  }
  if (value.kind === 'module') {
    const dtype = DTYPE_NAMES.get(value.path.split('.').pop() ?? '');
    if (dtype) return dtype;
  }
  throw new NotResolved(`${describeKind(value)} is not a dtype Loss Lens knows`, span);
}

/** dtype names as torch, NumPy, TensorFlow, JAX and tfjs spell them (`float` is NumPy's float64). */
export const DTYPE_NAMES: ReadonlyMap<string, DType> = new Map<string, DType>([
  ['float16', 'float16'],
  ['half', 'float16'],
  ['float32', 'float32'],
  ['float', 'float32'],
  ['float64', 'float64'],
  ['double', 'float64'],
  ['float_', 'float64'],
  ['int32', 'int32'],
  ['int', 'int32'],
  ['int64', 'int64'],
  ['long', 'int64'],
  ['bool', 'bool'],
  ['bool_', 'bool'],
]);

// ---------------------------------------------------------------------------------------------
// Values to tensors

/** A list, number, boolean or tensor as a tensor of `library` (dtype inferred as it infers it). */
export function toTensor(value: Value, library: Library, span: Span, dtype?: DType): TensorValue {
  if (value.kind === 'tensor') return dtype ? withDtype(value, dtype, library) : value;
  const shape: number[] = [];
  const data: number[] = [];
  const spans: Span[] = [];
  let floats = false;
  let booleans = true;
  const walk = (v: Value, depth: number, at: Span): void => {
    if (v.kind === 'list') {
      if (shape.length === depth) shape.push(v.items.length);
      else if (shape[depth] !== v.items.length)
        throw new CodeInputError(`ragged nested sequence: lengths ${shape[depth]} and ${v.items.length} at depth ${depth + 1}`, at, 'ragged');
      v.items.forEach((item, i) => walk(item, depth + 1, v.spans?.[i] ?? at));
      return;
    }
    if (depth !== shape.length && !(shape.length > depth)) throw new CodeInputError('ragged nested sequence', at, 'ragged');
    if (v.kind === 'tensor') {
      // A list of tensors (torch.stack-like) — flattened when each is a scalar.
      if (v.tensor.data.length !== 1) throw new NotResolved('a list of tensors', at);
      data.push(v.tensor.data[0]);
      floats ||= isFloat(v.dtype);
      booleans = false;
    } else if (v.kind === 'number') {
      data.push(v.value);
      floats ||= !v.integer;
      booleans = false;
    } else if (v.kind === 'boolean') data.push(v.value ? 1 : 0);
    else throw new NotResolved(`${describeKind(v)} is not a number`, at);
    spans.push(at);
  };
  walk(value, 0, span);
  if (data.length !== elementCount(shape)) throw new CodeInputError('ragged nested sequence: the rows have different lengths', span, 'ragged');
  const inferred: DType = dtype ?? (floats ? defaultFloat(library) : booleans && data.length > 0 ? 'bool' : defaultInteger(library));
  const tensor = makeTensor(shape, Float64Array.from(data), inferred, library);
  return value.kind === 'list' ? { ...tensor, elementSpans: spans } : tensor;
}

function operand(value: Value, library: Library, span: Span): Operand {
  if (value.kind === 'number') return { kind: 'scalar', value: value.value, integer: value.integer };
  if (value.kind === 'boolean') return { kind: 'scalar', value: value.value ? 1 : 0, integer: true };
  return toTensor(value, library, span);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic, shared by the operators (`a + b`) and the functions (`tf.add(a, b)`).

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '==' | '!=' | '<' | '<=' | '>' | '>=';

const ARITHMETIC: Readonly<Record<ArithmeticOperator, (x: number, y: number) => number>> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '//': (x, y) => Math.floor(x / y),
  '%': (x, y) => x - Math.floor(x / y) * y,
  '**': (x, y) => x ** y,
  '==': (x, y) => (x === y ? 1 : 0),
  '!=': (x, y) => (x !== y ? 1 : 0),
  '<': (x, y) => (x < y ? 1 : 0),
  '<=': (x, y) => (x <= y ? 1 : 0),
  '>': (x, y) => (x > y ? 1 : 0),
  '>=': (x, y) => (x >= y ? 1 : 0),
};

const COMPARISONS = new Set<ArithmeticOperator>(['==', '!=', '<', '<=', '>', '>=']);

/** `left op right` for numbers, booleans and tensors; Python scalars stay Python scalars. */
export function arithmetic(operator: ArithmeticOperator, left: Value, right: Value, library: Library, span: Span, spans: [Span, Span]): Value {
  const f = ARITHMETIC[operator];
  const scalar = (v: Value) => v.kind === 'number' || v.kind === 'boolean';
  if (scalar(left) && scalar(right)) {
    const x = left.kind === 'number' ? left.value : left.kind === 'boolean' ? Number(left.value) : 0;
    const y = right.kind === 'number' ? right.value : right.kind === 'boolean' ? Number(right.value) : 0;
    if (COMPARISONS.has(operator)) return { kind: 'boolean', value: f(x, y) === 1 };
    const integer = left.kind !== 'number' || left.integer ? right.kind !== 'number' || right.integer : false;
    if ((operator === '/' || operator === '//' || operator === '%') && y === 0) throw new CodeInputError(`division by zero`, span, 'division-by-zero');
    return { kind: 'number', value: f(x, y), integer: integer && operator !== '/' && !(operator === '**' && y < 0) };
  }
  const a = operand(left, library, spans[0]);
  const b = operand(right, library, spans[1]);
  const lib = a.kind === 'tensor' ? a.library : b.kind === 'tensor' ? b.library : library;
  return binaryOperation(a, b, lib, span, f, { divides: operator === '/', dtype: COMPARISONS.has(operator) ? 'bool' : undefined });
}

function functionArithmetic(operator: ArithmeticOperator): Operation {
  return (call) => {
    if (call.receiver) {
      const right = argument(call, 0, 'other', 'y', 'b');
      if (!right) throw new NotResolved(`${call.name}() needs an argument`, call.span);
      return arithmetic(operator, call.receiver, right, call.library, call.span, [call.receiverSpan ?? call.span, argumentSpan(call, 0)]);
    }
    const left = argument(call, 0, 'x', 'input', 'a', 'x1');
    const right = argument(call, 1, 'y', 'other', 'b', 'x2');
    if (!left || !right) throw new NotResolved(`${call.name}() needs two arguments`, call.span);
    // tf.add(0.1, 3) makes a tensor even of two Python numbers.
    const tensorLeft =
      left.kind === 'number' && right.kind === 'number'
        ? toTensor(left, call.library, argumentSpan(call, 0), !left.integer || !right.integer ? defaultFloat(call.library) : undefined)
        : left;
    return arithmetic(operator, tensorLeft, right, call.library, call.span, [argumentSpan(call, 0), argumentSpan(call, 1)]);
  };
}

// ---------------------------------------------------------------------------------------------
// Element-wise functions

function elementwise(f: (x: number) => number, keepsIntegers = false): Operation {
  return (call) => {
    const x = subject(call, ['x', 'input', 'a']);
    return unaryOperation(x, f, keepsIntegers && !isFloat(x.dtype) ? x.dtype : undefined);
  };
}

function clip(call: OperationCall): Value {
  const x = subject(call, ['x', 'input', 'a', 't']);
  const k = offset(call);
  const low = numberArgument(call, k, ['min', 'a_min', 'clip_value_min', 'x_min', 'clipValueMin'], -Infinity) ?? -Infinity;
  const high = numberArgument(call, k + 1, ['max', 'a_max', 'clip_value_max', 'x_max', 'clipValueMax'], Infinity) ?? Infinity;
  return unaryOperation(x, (v) => Math.min(Math.max(v, low), high), x.dtype);
}

function where(call: OperationCall): Value {
  const condition = argument(call, 0, 'condition', 'cond');
  const a = argument(call, 1, 'x', 'input', 't');
  const b = argument(call, 2, 'y', 'other', 'e');
  if (!condition || !a || !b) throw new NotResolved(`${call.name}() with one argument returns indices, which Loss Lens does not follow`, call.span);
  return selectOperation(
    toTensor(condition, call.library, argumentSpan(call, 0, 'condition', 'cond')),
    operand(a, call.library, argumentSpan(call, 1, 'x', 'input', 't')),
    operand(b, call.library, argumentSpan(call, 2, 'y', 'other', 'e')),
    call.library,
    call.span,
  );
}

// ---------------------------------------------------------------------------------------------
// Softmax family and one-hot

type AxisDefault = 'last' | 'torch-implicit' | 'all';

function axisOf(call: OperationCall, x: TensorValue, names: string[], fallback: AxisDefault): number | 'all' {
  const given = numberArgument(call, offset(call), names);
  const rank = x.tensor.shape.length;
  if (given === undefined) {
    if (fallback === 'all') return 'all';
    // torch's implicit dim (deprecated): 0 for rank 0, 1 and 3, else 1.
    if (fallback === 'torch-implicit') return rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
    return Math.max(rank - 1, 0);
  }
  return normaliseAxis(given, rank, argumentSpan(call, offset(call), ...names));
}

function softmaxFamily(kind: 'softmax' | 'log_softmax' | 'sigmoid', axisNames: string[], fallback: AxisDefault): Operation {
  return (call) => {
    const x = subject(call, ['x', 'input', 'logits', 'features']);
    const dtype = isFloat(x.dtype) ? x.dtype : defaultFloat(x.library);
    const provenance = { operation: kind, span: call.span, inputSpan: call.receiver ? call.receiverSpan : call.positionalSpans[0] };
    if (kind === 'sigmoid') return { ...unaryOperation(x, (v) => 1 / (1 + Math.exp(-v)), dtype), provenance };
    const axis = axisOf(call, x, axisNames, fallback);
    const t = axis === 'all' || x.tensor.shape.length === 0 ? { shape: [x.tensor.data.length], data: x.tensor.data } : x.tensor;
    const data = alongAxis(t, axis === 'all' ? 0 : axis, (input, output) => {
      let max = -Infinity;
      for (const v of input) max = Math.max(max, v);
      let sum = 0;
      for (const v of input) sum += Math.exp(v - max);
      const log = Math.log(sum);
      for (let k = 0; k < input.length; k++) output[k] = kind === 'softmax' ? Math.exp(input[k] - max) / sum : input[k] - max - log;
    });
    return { ...makeTensor(x.tensor.shape, data, dtype, x.library), provenance };
  };
}

interface OneHotConvention {
  readonly depthNames: string[];
  /** The dtype of the result unless a dtype argument says otherwise. */
  readonly dtype: (library: Library) => DType;
  /** Out-of-range indices: a zero row (TF, JAX, tfjs) or an error (torch). */
  readonly outOfRange: 'zeros' | 'error';
  /** torch's num_classes=-1: one more than the largest index. */
  readonly inferDepth?: boolean;
}

function oneHot(convention: OneHotConvention): Operation {
  return (call) => {
    const indices = subject(call, ['indices', 'tensor', 'x', 'input']);
    let depth = numberArgument(call, offset(call), convention.depthNames);
    const data = indices.tensor.data;
    if (depth === undefined || (convention.inferDepth && depth === -1)) {
      if (!convention.inferDepth) throw new NotResolved(`${call.name}() needs the number of classes`, call.span);
      depth = data.reduce((m, v) => Math.max(m, v), -1) + 1;
    }
    if (!Number.isInteger(depth) || depth < 0)
      throw new CodeInputError(`${call.name}: the depth must be a non-negative integer; got ${depth}`, call.span, 'one-hot-depth');
    const on = numberArgument(call, -1, ['on_value', 'onValue'], 1) ?? 1;
    const off = numberArgument(call, -1, ['off_value', 'offValue'], 0) ?? 0;
    const out = new Float64Array(data.length * depth).fill(off);
    for (let i = 0; i < data.length; i++) {
      const index = data[i];
      if (!Number.isInteger(index) || index < 0 || index >= depth) {
        if (convention.outOfRange === 'error') {
          const at = indices.elementSpans?.[i] ?? argumentSpan(call, 0);
          throw new CodeInputError(`${call.name}: class values must be in [0, ${depth}); element ${i} is ${index}`, at, 'class-index');
        }
        continue;
      }
      out[i * depth + index] = on;
    }
    const dtype = dtypeOf(argument(call, -1, 'dtype'), argumentSpan(call, -1, 'dtype')) ?? convention.dtype(indices.library);
    return { ...makeTensor([...indices.tensor.shape, depth], out, dtype, indices.library), provenance: { operation: 'one_hot', span: call.span } };
  };
}

// ---------------------------------------------------------------------------------------------
// Reductions

function reduction(kind: 'sum' | 'mean' | 'max' | 'min' | 'prod' | 'all' | 'any' | 'argmax' | 'argmin', axisNames: string[]): Operation {
  return (call) => {
    const x = subject(call, ['input_tensor', 'x', 'input', 'a']);
    const axisValue = argument(call, offset(call), ...axisNames);
    const keepDims = booleanArgument(call, -1, ['keepdim', 'keepdims', 'keep_dims', 'keepDims'], false);
    const rank = x.tensor.shape.length;
    let axes: number[];
    if (axisValue === undefined || axisValue.kind === 'none') axes = [...Array(rank).keys()];
    else if (axisValue.kind === 'list')
      axes = axisValue.items.map((item) => normaliseAxis(item.kind === 'number' ? item.value : NaN, rank, argumentSpan(call, offset(call), ...axisNames)));
    else axes = [normaliseAxis(numberArgument(call, offset(call), axisNames) ?? 0, rank, argumentSpan(call, offset(call), ...axisNames))];
    const f = REDUCERS[kind];
    const dtype: DType =
      kind === 'all' || kind === 'any'
        ? 'bool'
        : kind === 'argmax' || kind === 'argmin'
          ? defaultInteger(x.library === 'tfjs' ? 'tensorflow' : x.library)
          : kind === 'mean' && !isFloat(x.dtype)
            ? defaultFloat(x.library)
            : x.dtype;
    if ((kind === 'argmax' || kind === 'argmin') && axes.length !== 1) {
      const flat = { shape: [x.tensor.data.length], data: x.tensor.data };
      const r = reduceAxis(flat, 0, false, f);
      return makeTensor([], r.data, dtype, x.library);
    }
    let t: { shape: readonly number[]; data: Float64Array } = x.tensor;
    for (const axis of [...new Set(axes)].sort((a, b) => b - a)) t = reduceAxis(t, axis, keepDims, f);
    return makeTensor(t.shape, Float64Array.from(t.data), dtype, x.library);
  };
}

const REDUCERS: Readonly<Record<string, (slice: Float64Array) => number>> = {
  sum: (s) => s.reduce((a, b) => a + b, 0),
  mean: (s) => s.reduce((a, b) => a + b, 0) / s.length,
  max: (s) => s.reduce((a, b) => Math.max(a, b), -Infinity),
  min: (s) => s.reduce((a, b) => Math.min(a, b), Infinity),
  prod: (s) => s.reduce((a, b) => a * b, 1),
  all: (s) => (s.every((v) => v !== 0) ? 1 : 0),
  any: (s) => (s.some((v) => v !== 0) ? 1 : 0),
  argmax: (s) => s.reduce((best, v, i) => (v > s[best] ? i : best), 0),
  argmin: (s) => s.reduce((best, v, i) => (v < s[best] ? i : best), 0),
};

// ---------------------------------------------------------------------------------------------
// Constructors, casts, shapes

function construct(library: Library, dataNames: string[], dtypeIndex = -1): Operation {
  return (call) => {
    const data = argument(call, 0, ...dataNames);
    if (!data) throw new NotResolved(`${call.name}() needs its data`, call.span);
    const dtypeArgument = argument(call, dtypeIndex, 'dtype');
    const dtype = dtypeOf(dtypeArgument, argumentSpan(call, dtypeIndex, 'dtype'));
    const span = argumentSpan(call, 0, ...dataNames);
    const t = toTensor(data, library, span, dtype);
    // A tensor passed to another library's constructor takes that library (and keeps its dtype).
    return t.library === library ? t : { ...t, library };
  };
}

/** tf.tensor(values, shape?, dtype?) and tensor1d/2d/3d: the shape argument reshapes flat values. */
function tfjsConstruct(rank?: number): Operation {
  return (call) => {
    const values = argument(call, 0, 'values');
    if (!values) throw new NotResolved(`${call.name}() needs its values`, call.span);
    const shapeValue = argument(call, rank === 0 ? -1 : 1, 'shape');
    const dtype = dtypeOf(argument(call, rank === 0 ? 1 : 2, 'dtype'), argumentSpan(call, 2, 'dtype'));
    let t = toTensor(values, 'tfjs', argumentSpan(call, 0), dtype ?? (values.kind === 'tensor' ? values.dtype : 'float32'));
    if (shapeValue && shapeValue.kind === 'list') {
      const shape = shapeValue.items.map((v) => (v.kind === 'number' ? v.value : NaN));
      if (elementCount(shape) !== t.tensor.data.length) {
        throw new CodeInputError(
          `${call.name}: shape [${shape.join(', ')}] needs ${elementCount(shape)} values; got ${t.tensor.data.length}`,
          argumentSpan(call, 1),
          'shapes',
        );
      }
      t = { ...t, tensor: { shape, data: t.tensor.data } };
    }
    if (rank !== undefined && t.tensor.shape.length !== rank) {
      throw new CodeInputError(`${call.name} needs a rank-${rank} value; got shape [${t.tensor.shape.join(', ')}]`, argumentSpan(call, 0), 'shapes');
    }
    return t;
  };
}

function shapeArgument(call: OperationCall, names: string[]): number[] {
  const first = argument(call, 0, ...names);
  if (!first) throw new NotResolved(`${call.name}() needs a shape`, call.span);
  const items = first.kind === 'list' ? first.items : call.positional;
  return items.map((item, i) => {
    if (item.kind !== 'number' || !item.integer || item.value < 0)
      throw new NotResolved(`${call.name}: the shape must be non-negative integers`, call.positionalSpans[i] ?? call.span);
    return item.value;
  });
}

function filled(value: number): Operation {
  return (call) => {
    const shape = shapeArgument(call, ['size', 'shape']);
    const dtype = dtypeOf(argument(call, -1, 'dtype'), call.span) ?? defaultFloat(call.library);
    return makeTensor(shape, new Float64Array(elementCount(shape)).fill(value), dtype, call.library);
  };
}

function filledLike(value: number | 'argument'): Operation {
  return (call) => {
    const x = subject(call, ['input', 'a', 'tensor', 'x']);
    const fill = value === 'argument' ? (numberArgument(call, offset(call), ['fill_value', 'value']) ?? 0) : value;
    const dtype = dtypeOf(argument(call, -1, 'dtype'), call.span) ?? x.dtype;
    return makeTensor(x.tensor.shape, new Float64Array(x.tensor.data.length).fill(fill), dtype, x.library);
  };
}

function eye(call: OperationCall): Value {
  const n = numberArgument(call, 0, ['n', 'N', 'num_rows', 'numRows']);
  if (n === undefined || !Number.isInteger(n) || n < 0) throw new NotResolved(`${call.name}() needs a size`, call.span);
  const m = numberArgument(call, 1, ['m', 'M', 'num_columns', 'numColumns'], n) ?? n;
  const data = new Float64Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return makeTensor([n, m], data, dtypeOf(argument(call, -1, 'dtype'), call.span) ?? defaultFloat(call.library), call.library);
}

function arange(call: OperationCall): Value {
  const a = numberArgument(call, 0, ['start', 'end', 'stop']) ?? 0;
  const b = numberArgument(call, 1, ['end', 'stop', 'limit']);
  const step = numberArgument(call, 2, ['step', 'delta'], 1) ?? 1;
  const [start, stop] = b === undefined ? [0, a] : [a, b];
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > 10_000_000) throw new NotResolved(`${call.name}() would make ${count} elements`, call.span);
  const data = Float64Array.from({ length: count }, (_, i) => start + i * step);
  const integers = [start, stop, step].every(Number.isInteger);
  return makeTensor(
    [count],
    data,
    dtypeOf(argument(call, -1, 'dtype'), call.span) ?? (integers ? defaultInteger(call.library) : defaultFloat(call.library)),
    call.library,
  );
}

function cast(dtype: DType | 'argument', library?: Library): Operation {
  return (call) => {
    const x = subject(call, ['x', 'input', 'a']);
    if (dtype !== 'argument') return withDtype(x, dtype, library ?? x.library);
    const target = argument(call, offset(call), 'dtype');
    // `.to('cpu')`, `.to(device)`: a move, not a cast.
    if (target === undefined || target.kind === 'none' || (target.kind === 'string' && DTYPE_NAMES.get(target.value) === undefined)) return x;
    return withDtype(x, dtypeOf(target, argumentSpan(call, offset(call), 'dtype')) ?? x.dtype, library ?? x.library);
  };
}

const identity: Operation = (call) => subject(call);

function toLibrary(library: Library): Operation {
  return (call) => {
    const x = subject(call);
    return { ...x, library };
  };
}

function reshape(call: OperationCall): Value {
  const x = subject(call, ['input', 'tensor', 'a', 'x']);
  const k = offset(call);
  const first = argument(call, k, 'shape', 'newshape');
  const dims = (first?.kind === 'list' ? first.items : call.positional.slice(k)).map((v) => (v.kind === 'number' ? v.value : NaN));
  const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const shape = dims.map((d) => (d === -1 ? x.tensor.data.length / known : d));
  if (shape.some((d) => !Number.isInteger(d) || d < 0) || elementCount(shape) !== x.tensor.data.length) {
    throw new CodeInputError(`${call.name}: cannot reshape ${x.tensor.data.length} elements into [${dims.join(', ')}]`, call.span, 'shapes');
  }
  return { ...x, tensor: { shape, data: x.tensor.data }, elementSpans: x.elementSpans };
}

function squeezeOrExpand(kind: 'squeeze' | 'unsqueeze'): Operation {
  return (call) => {
    const x = subject(call, ['input', 'a', 'x']);
    const axis = numberArgument(call, offset(call), ['dim', 'axis']);
    const shape = [...x.tensor.shape];
    if (kind === 'unsqueeze') {
      if (axis === undefined) throw new NotResolved(`${call.name}() needs an axis`, call.span);
      shape.splice(axis < 0 ? axis + shape.length + 1 : axis, 0, 1);
    } else if (axis === undefined) return { ...x, tensor: { shape: shape.filter((d) => d !== 1), data: x.tensor.data } };
    else {
      const at = normaliseAxis(axis, shape.length, call.span);
      if (shape[at] === 1) shape.splice(at, 1);
    }
    return { ...x, tensor: { shape, data: x.tensor.data } };
  };
}

function flatten(call: OperationCall): Value {
  const x = subject(call);
  return { ...x, tensor: { shape: [x.tensor.data.length], data: x.tensor.data } };
}

function shapeOf(call: OperationCall): Value {
  const x = subject(call);
  const dimension = numberArgument(call, offset(call), ['dim']);
  if (dimension !== undefined) return { kind: 'number', value: x.tensor.shape[normaliseAxis(dimension, x.tensor.shape.length, call.span)], integer: true };
  return shapeValue(x);
}

export function shapeValue(x: TensorValue): Value {
  return { kind: 'list', tuple: true, items: x.tensor.shape.map((d) => ({ kind: 'number', value: d, integer: true })) };
}

function rankOf(call: OperationCall): Value {
  return { kind: 'number', value: subject(call).tensor.shape.length, integer: true };
}

function item(call: OperationCall): Value {
  const x = subject(call);
  if (x.tensor.data.length !== 1)
    throw new CodeInputError(
      `${call.name}: only a one-element tensor converts to a number; this one has shape [${x.tensor.shape.join(', ')}]`,
      call.span,
      'shapes',
    );
  if (x.dtype === 'bool') return { kind: 'boolean', value: x.tensor.data[0] !== 0 };
  return { kind: 'number', value: x.tensor.data[0], integer: !isFloat(x.dtype) };
}

/** The call as written: `torch.randn()`, and a method's name (`.random_()`) already ends with its parentheses. */
function called(call: OperationCall): string {
  return call.name.endsWith(')') ? call.name : `${call.name}()`;
}

function random(call: OperationCall): Value {
  throw new NotResolved(`${called(call)} draws random numbers at run time`, call.span);
}

function readsFile(call: OperationCall): Value {
  throw new NotResolved(`${called(call)} reads a file at run time`, call.span);
}

function transpose(call: OperationCall): Value {
  const x = subject(call);
  if (x.tensor.shape.length < 2) return x;
  if (x.tensor.shape.length !== 2) throw new NotResolved(`${call.name}() of a tensor of rank ${x.tensor.shape.length}`, call.span);
  const [rows, columns] = x.tensor.shape;
  const data = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) data[j * rows + i] = x.tensor.data[i * columns + j];
  return { ...x, tensor: { shape: [columns, rows], data } };
}

// ---------------------------------------------------------------------------------------------
// The tables

const ELEMENTWISE: ReadonlyArray<[string[], Operation]> = [
  [['exp'], elementwise(Math.exp)],
  [['log'], elementwise(Math.log)],
  [['log1p'], elementwise(Math.log1p)],
  [['expm1'], elementwise(Math.expm1)],
  [['sqrt'], elementwise(Math.sqrt)],
  [['tanh'], elementwise(Math.tanh)],
  [['abs', 'absolute'], elementwise(Math.abs, true)],
  [['square'], elementwise((v) => v * v, true)],
  [['neg', 'negative'], elementwise((v) => -v, true)],
  [['relu'], elementwise((v) => Math.max(v, 0), true)],
  [['sign'], elementwise(Math.sign, true)],
  [['floor'], elementwise(Math.floor, true)],
  [['ceil'], elementwise(Math.ceil, true)],
  [['round', 'rint'], elementwise((v) => Math.round(v), true)],
  [['softplus'], elementwise((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))))],
  [['log_sigmoid', 'logsigmoid', 'logSigmoid'], elementwise((v) => -(Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v)))))],
  [['clamp', 'clip', 'clip_by_value', 'clipByValue'], clip],
  [['where'], where],
  [['add'], functionArithmetic('+')],
  [['subtract', 'sub'], functionArithmetic('-')],
  [['multiply', 'mul'], functionArithmetic('*')],
  [['divide', 'div', 'truediv', 'true_divide', 'realdiv'], functionArithmetic('/')],
  [['floordiv', 'floor_divide', 'floorDiv'], functionArithmetic('//')],
  [['pow', 'power'], functionArithmetic('**')],
  [['maximum'], (call) => pairwise(call, Math.max)],
  [['minimum'], (call) => pairwise(call, Math.min)],
  [['greater', 'gt'], functionArithmetic('>')],
  [['greater_equal', 'ge', 'greaterEqual'], functionArithmetic('>=')],
  [['less', 'lt'], functionArithmetic('<')],
  [['less_equal', 'le', 'lessEqual'], functionArithmetic('<=')],
  [['equal', 'eq'], functionArithmetic('==')],
  [['not_equal', 'ne', 'notEqual'], functionArithmetic('!=')],
  [['zeros_like', 'zerosLike'], filledLike(0)],
  [['ones_like', 'onesLike'], filledLike(1)],
  [['full_like', 'fullLike'], filledLike('argument')],
  [['reshape'], reshape],
  [['squeeze'], squeezeOrExpand('squeeze')],
  [['unsqueeze', 'expand_dims', 'expandDims'], squeezeOrExpand('unsqueeze')],
  [['flatten', 'ravel'], flatten],
  [['transpose'], transpose],
];

function pairwise(call: OperationCall, f: (x: number, y: number) => number): Value {
  const left = call.receiver ?? argument(call, 0, 'x', 'input', 'x1', 'a');
  const right = argument(call, call.receiver ? 0 : 1, 'y', 'other', 'x2', 'b');
  if (!left || !right) throw new NotResolved(`${call.name}() needs two arguments`, call.span);
  return binaryOperation(operand(left, call.library, call.span), operand(right, call.library, call.span), call.library, call.span, f);
}

/** Functions of a library namespace (torch., np., tf., jnp., jax.nn., tf (tfjs)), by name. */
function namespaceTable(library: Library): Map<string, Operation> {
  const table = new Map<string, Operation>();
  for (const [names, operation] of ELEMENTWISE) for (const name of names) table.set(name, operation);
  const axisNames = library === 'torch' ? ['dim'] : library === 'tfjs' ? ['axis', 'dim'] : ['axis'];
  const softmaxDefault: AxisDefault = library === 'torch' ? 'torch-implicit' : 'last';
  table.set('softmax', softmaxFamily('softmax', axisNames, softmaxDefault));
  table.set('log_softmax', softmaxFamily('log_softmax', axisNames, softmaxDefault));
  table.set('logSoftmax', softmaxFamily('log_softmax', axisNames, softmaxDefault));
  table.set('sigmoid', softmaxFamily('sigmoid', axisNames, 'last'));
  table.set('expit', softmaxFamily('sigmoid', axisNames, 'last'));
  for (const kind of ['sum', 'mean', 'max', 'min', 'prod', 'all', 'any', 'argmax', 'argmin'] as const) table.set(kind, reduction(kind, [...axisNames, 'axis']));
  for (const kind of ['sum', 'mean', 'max', 'min', 'prod', 'all', 'any'] as const) table.set(`reduce_${kind}`, reduction(kind, ['axis', 'reduction_indices']));
  table.set('amax', reduction('max', axisNames));
  table.set('amin', reduction('min', axisNames));
  table.set('zeros', filled(0));
  table.set('full', (call) => {
    const shape = shapeArgument({ ...call, positional: call.positional.slice(0, 1) }, ['size', 'shape']);
    const fill = numberArgument(call, 1, ['fill_value', 'value']);
    if (fill === undefined) throw new NotResolved(`${call.name}() needs a fill value`, call.span);
    const dtype =
      dtypeOf(argument(call, -1, 'dtype'), call.span) ??
      (Number.isInteger(fill) && call.library !== 'torch' ? defaultInteger(call.library) : defaultFloat(call.library));
    return makeTensor(shape, new Float64Array(elementCount(shape)).fill(fill), dtype, call.library);
  });
  table.set('fill', (call) => {
    const shape = shapeArgument({ ...call, positional: call.positional.slice(0, 1) }, ['dims', 'shape']);
    const fill = numberArgument(call, 1, ['value']);
    if (fill === undefined) throw new NotResolved(`${call.name}() needs a value`, call.span);
    return makeTensor(shape, new Float64Array(elementCount(shape)).fill(fill), dtypeOf(argument(call, 2, 'dtype'), call.span) ?? 'float32', call.library);
  });
  table.set('ones', filled(1));
  table.set('eye', eye);
  table.set('arange', arange);
  table.set('range', arange);
  table.set('cast', cast('argument'));
  table.set('shape', shapeOf);
  table.set('rank', rankOf);
  table.set('ndim', rankOf);
  table.set('empty', (call) => ({ ...(filled(0)(call) as TensorValue), uninitialised: call.span }));
  for (const name of [
    'randn',
    'rand',
    'randint',
    'randn_like',
    'rand_like',
    'randint_like',
    'randperm',
    'normal',
    'uniform',
    'empty_like',
    'randomNormal',
    'randomUniform',
    'truncatedNormal',
    'multinomial',
  ]) {
    table.set(name, random);
  }
  for (const name of ['load', 'loadtxt', 'genfromtxt', 'fromfile', 'read_file']) table.set(name, readsFile);
  switch (library) {
    case 'torch':
      table.set('tensor', construct('torch', ['data']));
      table.set('as_tensor', construct('torch', ['data']));
      table.set('Tensor', construct('torch', ['data']));
      table.set('FloatTensor', (call) => withDtype(construct('torch', ['data'])(call) as TensorValue, 'float32'));
      table.set('DoubleTensor', (call) => withDtype(construct('torch', ['data'])(call) as TensorValue, 'float64'));
      table.set('LongTensor', (call) => withDtype(construct('torch', ['data'])(call) as TensorValue, 'int64'));
      table.set('from_numpy', toLibrary('torch'));
      table.set('one_hot', oneHot({ depthNames: ['num_classes'], dtype: () => 'int64', outOfRange: 'error', inferDepth: true }));
      break;
    case 'numpy':
      table.set('array', construct('numpy', ['object', 'a'], 1));
      table.set('asarray', construct('numpy', ['a'], 1));
      break;
    case 'jax':
      table.set('array', construct('jax', ['object', 'a'], 1));
      table.set('asarray', construct('jax', ['a'], 1));
      table.set('one_hot', oneHot({ depthNames: ['num_classes'], dtype: () => 'float32', outOfRange: 'zeros' }));
      break;
    case 'tensorflow':
      table.set('constant', construct('tensorflow', ['value'], 1));
      table.set('Variable', construct('tensorflow', ['initial_value'], -1));
      table.set('convert_to_tensor', construct('tensorflow', ['value'], 1));
      table.set('array', construct('tensorflow', ['x'], 1));
      table.set('one_hot', oneHot({ depthNames: ['depth', 'num_classes'], dtype: () => 'float32', outOfRange: 'zeros' }));
      table.set('divide_no_nan', (call) => pairwise(call, (x, y) => (y === 0 ? 0 : x / y)));
      table.set('to_float', cast('float32'));
      break;
    case 'tfjs':
      table.set('tensor', tfjsConstruct());
      table.set('scalar', tfjsConstruct(0));
      table.set('tensor1d', tfjsConstruct(1));
      table.set('tensor2d', tfjsConstruct(2));
      table.set('tensor3d', tfjsConstruct(3));
      table.set('tensor4d', tfjsConstruct(4));
      table.set('oneHot', oneHot({ depthNames: ['depth'], dtype: () => 'int32', outOfRange: 'zeros' }));
      break;
  }
  return table;
}

const NAMESPACES: ReadonlyMap<Library, Map<string, Operation>> = new Map(
  (['torch', 'numpy', 'tensorflow', 'jax', 'tfjs'] as const).map((library) => [library, namespaceTable(library)]),
);

/**
 * The library a module path belongs to and the operation it names, if the reader follows it:
 * `torch.nn.functional.softmax`, `numpy.exp`, `tensorflow.math.log`, `jax.nn.one_hot`,
 * `@tensorflow/tfjs.oneHot`, `scipy.special.softmax`, `keras.ops.softmax`.
 */
export function moduleOperation(path: string): { library: Library; operation: Operation } | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const module = path.slice(0, dot);
  const name = path.slice(dot + 1);
  const library = libraryOfModule(module);
  if (!library) return undefined;
  // Every function of a random module (np.random.choice, jax.random.normal, tf.random.uniform) draws at run time.
  if (RANDOM_MODULES.some((prefix) => module === prefix || module.startsWith(`${prefix}.`))) return { library, operation: random };
  const operation = NAMESPACES.get(library)?.get(name);
  return operation ? { library, operation } : undefined;
}

const MODULE_LIBRARIES: ReadonlyArray<[string, Library]> = [
  ['torch', 'torch'],
  ['numpy', 'numpy'],
  ['scipy.special', 'numpy'],
  ['jax', 'jax'],
  ['tensorflow', 'tensorflow'],
  ['keras.ops', 'tensorflow'],
  ['keras.activations', 'tensorflow'],
  ['@tensorflow/tfjs', 'tfjs'],
  ['@tensorflow/tfjs-core', 'tfjs'],
  ['@tensorflow/tfjs-node', 'tfjs'],
  ['@tensorflow/tfjs-node-gpu', 'tfjs'],
];

const RANDOM_MODULES = ['numpy.random', 'jax.random', 'torch.random', 'tensorflow.random', 'tensorflow.compat.v1.random'];

export function libraryOfModule(module: string): Library | undefined {
  for (const [prefix, library] of MODULE_LIBRARIES) if (module === prefix || module.startsWith(`${prefix}.`)) return library;
  return undefined;
}

/** Methods of a tensor (`x.float()`, `x.softmax(dim=1)`, `x.sum(-1)`, `x.numpy()`). */
export function tensorMethod(receiver: TensorValue, name: string): Operation | undefined {
  const own = METHODS.get(name);
  if (own) return own;
  const shared = NAMESPACES.get(receiver.library)?.get(name);
  return shared && !['tensor', 'constant', 'array', 'zeros', 'ones', 'eye', 'arange', 'range'].includes(name) ? shared : undefined;
}

const METHODS = new Map<string, Operation>([
  ['float', cast('float32')],
  ['double', cast('float64')],
  ['half', cast('float16')],
  ['long', cast('int64')],
  ['int', cast('int32')],
  ['bool', cast('bool')],
  ['toFloat', cast('float32')],
  ['toInt', cast('int32')],
  ['to', cast('argument')],
  ['type', cast('argument')],
  ['astype', cast('argument')],
  ['asType', cast('argument')],
  ['numpy', toLibrary('numpy')],
  ['eval', toLibrary('numpy')],
  ['arraySync', identity],
  ['dataSync', flatten],
  ['tolist', identity],
  ['cpu', identity],
  ['cuda', identity],
  ['detach', identity],
  ['clone', identity],
  ['contiguous', identity],
  ['requires_grad_', identity],
  ['view', reshape],
  ['size', shapeOf],
  ['get_shape', shapeOf],
  ['dim', rankOf],
  ['item', item],
  // In-place random fills (torch.empty(3).random_(5)).
  ['random_', random],
  ['normal_', random],
  ['uniform_', random],
  ['bernoulli_', random],
  ['exponential_', random],
  ['t', transpose],
  ['print', identity],
  [
    'fill_',
    (call) => {
      const x = subject(call);
      const fill = numberArgument(call, 0, ['value']);
      if (fill === undefined) throw new NotResolved('.fill_() needs a value', call.span);
      return makeTensor(x.tensor.shape, new Float64Array(x.tensor.data.length).fill(fill), x.dtype, x.library);
    },
  ],
  [
    'zero_',
    (call) => {
      const x = subject(call);
      return makeTensor(x.tensor.shape, new Float64Array(x.tensor.data.length), x.dtype, x.library);
    },
  ],
]);
