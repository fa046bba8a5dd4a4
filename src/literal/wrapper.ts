/**
 * Framework constructor calls around a literal: `np.array([...], dtype=np.float32)`,
 * `torch.tensor(3)`, `tf.Variable(initial_value=[...])`, `tf.tensor2d([1, 2, 3, 4], [2, 2])`,
 * `tf.constant(0.5, shape=(2, 3))`, and the reprs frameworks print (`array(...)`,
 * `tensor(...)`, `tf.Tensor(...)`). The data is the first positional argument or a data
 * keyword; a later bracketed argument or `shape=` is a shape, a later name or string (or
 * `dtype=`) is the dtype; other arguments (`device=`, `requires_grad=`) are skipped.
 */
import { commaAhead, scanArray, scanScalar, type ScannedArray, type ScanOptions } from './array';
import { Ch, codeAt, isIdentifierPart, isIdentifierStart, isQuote, skipComment, skipString, skipTrivia } from './chars';
import { LiteralFailure, malformed, notNumeric, quote } from './failure';

export interface WrappedArray extends ScannedArray {
  readonly dtype?: string;
}

/** Last name of a callee that builds a tensor from data. */
const CONSTRUCTOR =
  /^(?:array|asarray|asanyarray|ascontiguousarray|asfortranarray|asfarray|matrix|tensor|as_tensor|to_tensor|from_numpy|constant|Variable|convert_to_tensor|tensor[1-6]d|scalar|(?:[A-Z][A-Za-z]*)?Tensor|(?:Float|Int|Uint|BigInt|BigUint)(?:8|16|32|64)(?:Clamped)?Array)$/;
/**
 * Constructors that read a bare number as a size, not a value: torch.Tensor(3) has 3
 * uninitialised values, new Float32Array(3) three zeros.
 */
const SIZE_CONSTRUCTOR = /^(?:torch\.(?:[A-Z][A-Za-z]*)?Tensor|(?:[\w$]+\.)*(?:Float|Int|Uint|BigInt|BigUint)(?:8|16|32|64)(?:Clamped)?Array)$/;
const DATA_KEYWORDS = new Set(['data', 'object', 'value', 'values', 'initial_value', 'a', 'obj', 'ndarray', 'array']);
/** How many constructor calls may wrap each other: torch.from_numpy(np.array([...])). */
export const MAX_NESTED_CALLS = 4;

const TORCH_DTYPES: Record<string, string> = {
  float: 'float32',
  double: 'float64',
  half: 'float16',
  long: 'int64',
  int: 'int32',
  short: 'int16',
  cfloat: 'complex64',
  cdouble: 'complex128',
};
const NUMPY_DTYPES: Record<string, string> = {
  float: 'float64',
  float_: 'float64',
  double: 'float64',
  single: 'float32',
  half: 'float16',
  int: 'int64',
  int_: 'int64',
  long: 'int64',
  longlong: 'int64',
  intc: 'int32',
  bool_: 'bool',
  complex: 'complex128',
};

export function isConstructorName(name: string): boolean {
  return CONSTRUCTOR.test(name);
}

/** End of the dotted name starting at `start` (`np.array`, `jax.numpy.asarray`). */
export function calleeEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    while (isIdentifierPart(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === Ch.Dot && isIdentifierStart(text.charCodeAt(i + 1))) i++;
    else return i;
  }
}

/** The constructor call whose callee spans [calleeStart, calleeStop) and whose `(` is at `paren`. */
export function scanWrapper(
  text: string,
  calleeStart: number,
  calleeStop: number,
  paren: number,
  options: ScanOptions,
  nesting = 0,
): WrappedArray | LiteralFailure {
  const callee = text.slice(calleeStart, calleeStop);
  const n = text.length;
  let data: WrappedArray | undefined;
  let dtype: string | undefined;
  let shape: number[] | undefined;
  let positional = 0;
  let pos = paren + 1;
  for (;;) {
    pos = skipTrivia(text, pos);
    if (pos >= n) return malformed(`'(' is never closed`, paren);
    if (codeAt(text, pos) === Ch.CloseParen) break;
    const keyword = keywordAt(text, pos);
    if (keyword) pos = skipTrivia(text, keyword.valueStart);
    const c = codeAt(text, pos);
    const bracketed = c === Ch.OpenBracket || c === Ch.OpenParen;
    let argumentEnd: number | LiteralFailure;
    if (keyword ? DATA_KEYWORDS.has(keyword.name) : positional === 0) {
      if (data) return malformed(`${callee} got its data twice`, pos);
      const scanned = scanData(text, pos, options, nesting, SIZE_CONSTRUCTOR.test(callee) ? callee : undefined);
      if (scanned instanceof LiteralFailure) return scanned;
      data = scanned;
      argumentEnd = scanned.end;
    } else if (keyword ? keyword.name === 'shape' : bracketed) {
      const scanned = scanShape(text, pos, options);
      if (scanned instanceof LiteralFailure) return scanned;
      shape = scanned.shape;
      argumentEnd = scanned.end;
    } else if (!keyword || keyword.name === 'dtype') {
      const scanned = scanDtype(text, pos);
      if (scanned instanceof LiteralFailure) return scanned;
      dtype = scanned.dtype ?? dtype;
      argumentEnd = scanned.end;
    } else {
      argumentEnd = skipArgument(text, pos, paren);
    }
    if (argumentEnd instanceof LiteralFailure) return argumentEnd;
    if (!keyword) positional++;
    pos = skipTrivia(text, argumentEnd);
    const after = codeAt(text, pos);
    if (after === Ch.Comma) {
      pos++;
    } else if (after !== Ch.CloseParen) {
      if (pos >= n) return malformed(`'(' is never closed`, paren);
      return notNumeric(`expected ',' or ')' in the ${callee} call, found ${quote(text, pos, pos + 1)}`, pos);
    }
  }
  if (!data) return notNumeric(`${callee}() has no data argument`, paren);
  const end = pos + 1;
  const resolvedDtype = dtype ?? data.dtype;
  const base = shape ? reshape(data, shape, options, paren) : data;
  if (base instanceof LiteralFailure) return base;
  return {
    start: calleeStart,
    end,
    shape: base.shape,
    data: base.data,
    integral: base.integral,
    ...(resolvedDtype !== undefined ? { dtype: resolvedDtype } : {}),
  };
}

function keywordAt(text: string, pos: number): { name: string; valueStart: number } | undefined {
  if (!isIdentifierStart(text.charCodeAt(pos))) return undefined;
  let i = pos + 1;
  while (isIdentifierPart(text.charCodeAt(i))) i++;
  const equals = skipTrivia(text, i);
  if (text.charCodeAt(equals) !== Ch.Equals || text.charCodeAt(equals + 1) === Ch.Equals) return undefined;
  return { name: text.slice(pos, i), valueStart: equals + 1 };
}

function scanData(text: string, pos: number, options: ScanOptions, nesting: number, sizeConstructor: string | undefined): WrappedArray | LiteralFailure {
  const c = codeAt(text, pos);
  if (c === Ch.OpenBracket || (c === Ch.OpenParen && commaAhead(text, pos + 1, options.maxDepth))) {
    return scanArray(text, pos, options);
  }
  if (isIdentifierStart(c) && nesting < MAX_NESTED_CALLS) {
    const stop = calleeEnd(text, pos);
    const paren = skipTrivia(text, stop);
    const inner = text.slice(pos, stop);
    if (codeAt(text, paren) === Ch.OpenParen && isConstructorName(inner.slice(inner.lastIndexOf('.') + 1))) {
      return scanWrapper(text, pos, stop, paren, options, nesting + 1);
    }
  }
  if (sizeConstructor) {
    return notNumeric(`${sizeConstructor}(n) makes n values, not the value n; write ${sizeConstructor}([...]) for data`, pos);
  }
  const scalar = scanScalar(text, pos, options);
  if (scalar instanceof LiteralFailure) return scalar;
  // A scalar fills every element of a `shape=` argument, so each one is written here.
  if (options.probe) options.probe.offset = pos;
  return {
    start: pos,
    end: scalar.end,
    shape: [],
    data: Float64Array.of(scalar.value),
    integral: Number.isInteger(scalar.value),
  };
}

function scanShape(text: string, pos: number, scanOptions: ScanOptions): { shape: number[]; end: number } | LiteralFailure {
  // The sizes are not elements of the tensor: a probe must not see them.
  const options = scanOptions.probe ? { ...scanOptions, probe: undefined } : scanOptions;
  const c = codeAt(text, pos);
  if (c === Ch.OpenBracket || c === Ch.OpenParen) {
    const inside = skipTrivia(text, pos + 1);
    if (codeAt(text, inside) === (c === Ch.OpenBracket ? Ch.CloseBracket : Ch.CloseParen)) return { shape: [], end: inside + 1 };
  }
  const scanned = c === Ch.OpenBracket || c === Ch.OpenParen ? scanArray(text, pos, options) : scanScalar(text, pos, options);
  if (scanned instanceof LiteralFailure) return scanned;
  const values = 'data' in scanned ? Array.from(scanned.data) : [scanned.value];
  if ('shape' in scanned && scanned.shape.length > 1) return malformed('a shape is a flat list of sizes', pos);
  for (const size of values) {
    if (!Number.isInteger(size) || size < 0) return malformed(`shape sizes must be whole numbers ≥ 0, got ${size}`, pos);
  }
  return { shape: values, end: scanned.end };
}

function scanDtype(text: string, pos: number): { dtype?: string; end: number } | LiteralFailure {
  const c = text.charCodeAt(pos);
  if (isQuote(c)) {
    const end = skipString(text, pos);
    return { dtype: normalizeDtype(text.slice(pos + 1, end - 1).trim(), false), end };
  }
  if (isIdentifierStart(c)) {
    const end = calleeEnd(text, pos);
    if (codeAt(text, skipTrivia(text, end)) !== Ch.OpenParen) return { dtype: normalizeDtype(text.slice(pos, end), true), end };
  }
  const end = skipArgument(text, pos, pos);
  return end instanceof LiteralFailure ? end : { end };
}

/** Canonical dtype name: module dropped, PyTorch and NumPy/Python aliases resolved (`torch.long` → int64). */
export function normalizeDtype(written: string, isName: boolean): string {
  const dot = written.lastIndexOf('.');
  const module = dot < 0 ? '' : written.slice(0, dot);
  const name = written.slice(dot + 1);
  const aliases = module === 'torch' ? TORCH_DTYPES : isName || module !== '' || name in NUMPY_DTYPES ? NUMPY_DTYPES : {};
  return Object.prototype.hasOwnProperty.call(aliases, name) ? aliases[name] : name;
}

/** Index of the `,` or `)` that ends the argument starting at `pos`. */
function skipArgument(text: string, pos: number, paren: number): number | LiteralFailure {
  const n = text.length;
  let depth = 0;
  let i = pos;
  while (i < n) {
    const c = codeAt(text, i);
    if (isQuote(c)) {
      i = skipString(text, i);
      continue;
    }
    const after = c === Ch.Hash || c === Ch.Slash ? skipComment(text, i) : -1;
    if (after >= 0) {
      i = after;
      continue;
    }
    if (c === Ch.OpenBracket || c === Ch.OpenParen || c === Ch.OpenBrace) depth++;
    else if (c === Ch.CloseBracket || c === Ch.CloseParen || c === Ch.CloseBrace) {
      if (depth === 0) return i;
      depth--;
    } else if (c === Ch.Comma && depth === 0) return i;
    i++;
  }
  return malformed(`'(' is never closed`, paren);
}

function reshape(data: WrappedArray, shape: number[], options: ScanOptions, at: number): WrappedArray | LiteralFailure {
  const size = shape.reduce((product, s) => product * s, 1);
  if (data.shape.length === 0) {
    if (size > options.maxElements) return malformed(`shape [${shape.join(', ')}] has more than ${options.maxElements} elements`, at);
    return { ...data, shape, data: new Float64Array(size).fill(data.data[0]) };
  }
  if (size !== data.data.length) {
    return malformed(`${data.data.length} values do not fit shape [${shape.join(', ')}] (${size} values)`, at);
  }
  return { ...data, shape };
}
