/**
 * The value of one element that the scanner's fast path did not take: numbers with
 * underscores, look-alike characters or a radix prefix, named constants (`True`, `inf`,
 * `np.nan`, `float('-inf')`, `Number.POSITIVE_INFINITY`), scalar casts (`np.float32(0.5)`,
 * `int(3)`), and finally arithmetic through the mathjs sandbox.
 */
import { normalizedSlice } from './chars';
import { evaluateExpression, isArithmeticName, MAX_EXPRESSION_LENGTH } from './expression';
import { LiteralFailure, malformed, notNumeric, quote } from './failure';

export interface ElementOptions {
  readonly maxDepth: number;
  readonly expressions: boolean;
}

const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const RADIX = /^([+-]?)0([xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|[oO][0-7]+(?:_[0-7]+)*|[bB][01]+(?:_[01]+)*)$/;
const SIGN = /^\s*([+-])\s*/;
const NAMESPACE = /^(?:np|numpy|math|torch|jnp|jax\.numpy|tf|tf\.math|number|mx)\./;
/** `float(...)`, `np.float32(...)`, `int(...)`, `torch.int64(...)` around a single value. */
const CAST = /^\s*(?:(?:np|numpy|jnp|torch|tf|mx)\s*\.\s*)?(float|double|single|half|longdouble|int|uint|long|bool)(?:_|\d{1,3})?\s*\(\s*(.*?)\s*\)\s*$/ds;
const QUOTED = /^(["'])(.*)\1$/s;

const CONSTANTS = new Map<string, number>([
  ['true', 1],
  ['false', 0],
  ['true_', 1],
  ['false_', 0],
  ['inf', Infinity],
  ['infinity', Infinity],
  ['infty', Infinity],
  ['pinf', Infinity],
  ['ninf', -Infinity],
  ['positive_infinity', Infinity],
  ['negative_infinity', -Infinity],
  ['nan', NaN],
  ['pi', Math.PI],
  ['e', Math.E],
  ['tau', 2 * Math.PI],
]);

const CAST_NAME = /^(?:float|double|single|half|longdouble|int|uint|long|bool)(?:_|\d{1,3})?$/;
const CONSTANT_NAMESPACES = new Set(['number', 'mx']);

/**
 * Whether an element starting with the name `word` can be numeric (a constant, a cast, a
 * math function or module). Lets document scans pass over `[x, y]` without parsing it.
 */
export function mayStartNumber(word: string): boolean {
  const lower = word.toLowerCase();
  return CONSTANTS.has(lower) || CAST_NAME.test(lower) || CONSTANT_NAMESPACES.has(lower) || isArithmeticName(word) || isArithmeticName(lower);
}

/** Longest plain number token accepted; anything longer is certainly not a hand-written value. */
export const MAX_NUMBER_LENGTH = MAX_EXPRESSION_LENGTH;

/** Value of the element `text.slice(start, end)` (already trimmed), or why it has none. */
export function elementValue(text: string, start: number, end: number, options: ElementOptions): number | LiteralFailure {
  if (end <= start) return notNumeric(`expected a number, found ${describeAt(text, start)}`, start);
  if (end - start > MAX_NUMBER_LENGTH) {
    return malformed(`element is ${end - start} characters long; the limit is ${MAX_NUMBER_LENGTH}`, start);
  }
  const source = normalizedSlice(text, start, end);
  const plain = plainValue(source);
  if (plain !== undefined) return plain;

  const signMatch = SIGN.exec(source);
  const negative = signMatch?.[1] === '-';
  const bodyOffset = signMatch ? signMatch[0].length : 0;
  const body = source.slice(bodyOffset);
  const constant = CONSTANTS.get(body.replace(/\s+/g, '').toLowerCase().replace(NAMESPACE, ''));
  if (constant !== undefined) return negative ? -constant : constant;

  const cast = CAST.exec(body);
  if (cast?.indices && balanced(cast[2])) {
    const [argumentStart, argumentEnd] = cast.indices[2];
    const value = castArgument(text, start + bodyOffset + argumentStart, start + bodyOffset + argumentEnd, cast[2], options);
    if (typeof value !== 'number') return value;
    const converted = convert(cast[1].toLowerCase(), value, start);
    return typeof converted === 'number' && negative ? -converted : converted;
  }

  if (!options.expressions) return notNumeric(`expected a number, found ${quote(text, start, end)}`, start);
  return evaluateExpression(text, start, end, options.maxDepth);
}

/** A decimal or radix number written in one piece, or undefined. */
function plainValue(source: string): number | undefined {
  if (DECIMAL.test(source)) return Number(source.replace(/_/g, ''));
  const radix = RADIX.exec(source);
  if (!radix) return undefined;
  const magnitude = Number(`0${radix[2].replace(/_/g, '').toLowerCase()}`);
  return radix[1] === '-' ? -magnitude : magnitude;
}

/** Whether parentheses in `text` pair up (so `float(1) + float(2)` is not one cast of `1) + float(2`). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth < 0) return false;
  }
  return depth === 0;
}

function castArgument(text: string, start: number, end: number, argument: string, options: ElementOptions): number | LiteralFailure {
  const quoted = QUOTED.exec(argument);
  if (!quoted) return elementValue(text, start, end, options);
  // float('inf'), float("-1e-3"): the string holds a number or a constant, never arithmetic.
  const inner = quoted[2].trim();
  const plain = plainValue(inner);
  if (plain !== undefined) return plain;
  const sign = inner.startsWith('-') ? -1 : 1;
  const constant = CONSTANTS.get(inner.replace(/^[+-]/, '').toLowerCase());
  if (constant === undefined || (Math.abs(constant) !== Infinity && !Number.isNaN(constant))) {
    return notNumeric(`expected a number, found ${argument}`, start);
  }
  return sign * constant;
}

function convert(type: string, value: number, at: number): number | LiteralFailure {
  if (type === 'bool') return value !== 0 ? 1 : 0;
  if (type === 'int' || type === 'uint' || type === 'long') {
    if (!Number.isFinite(value)) return malformed(`cannot convert ${value} to an integer`, at);
    return Math.trunc(value);
  }
  return value;
}

function describeAt(text: string, at: number): string {
  if (at >= text.length) return 'the end of the text';
  return quote(text, at, at + 1);
}
