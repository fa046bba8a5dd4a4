/**
 * Reads what a debug adapter returned for one tensor expression (templates.ts) and turns it into
 * literal text for the calculator. Decoding is strict: the adapter's answer is untrusted text, and
 * every way it can be wrong is a typed `DebugValueError` (never a message to be matched later).
 */
import { InputError } from '../errors';

/** Which input a debug expression is for. */
export type TensorRole = 'logits' | 'labels';

export type DebugValueErrorKind =
  /** The debugger could not evaluate the expression (an unknown name, an exception): its own words. */
  | 'evaluation'
  /** The answer is not the encoding (a template for another language, or a changed adapter). */
  | 'malformed'
  | 'non-numeric'
  | 'nan'
  | 'ragged'
  | 'too-many'
  /** The calculator could not take the value as text (too long). */
  | 'too-long';

/** A value read from a debugger that Loss Lens cannot use, with what is wrong and where. */
export class DebugValueError extends InputError {
  constructor(
    readonly kind: DebugValueErrorKind,
    message: string,
    readonly role: TensorRole,
    /** The user's expression. */
    readonly expression: string,
    /** Row-major index of the offending element, when there is one. */
    element?: number,
  ) {
    super(message, undefined, role, element);
  }
}

export interface LiveTensor {
  readonly shape: readonly number[];
  /** The framework's dtype name as the program reported it (`float32`, `int64`, `Float32Array`). */
  readonly dtype: string;
  /** Row-major values. */
  readonly values: Float64Array;
}

export type DecodeResult = { readonly ok: true; readonly tensor: LiveTensor } | { readonly ok: false; readonly error: DebugValueError };

export interface DecodeOptions {
  readonly role: TensorRole;
  readonly expression: string;
  readonly maxElements: number;
}

const MAX_RANK = 32;
const MAX_DTYPE_LENGTH = 64;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `logits[1][2]` for a row-major index in `shape`. */
export function elementName(name: string, shape: readonly number[], index: number): string {
  const parts: number[] = [];
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis];
    parts.unshift(size > 0 ? rest % size : 0);
    rest = size > 0 ? Math.floor(rest / size) : 0;
  }
  return name + parts.map((i) => `[${i}]`).join('');
}

function pathName(name: string, path: readonly number[]): string {
  return name + path.map((i) => `[${i}]`).join('');
}

/**
 * The string an adapter's `result` holds: js-debug's clipboard context JSON-quotes it, debugpy
 * shows Python's repr ('...'); another adapter may give it bare. Undefined when a quoted form is
 * malformed.
 */
export function unquote(result: string): string | undefined {
  const text = result.trim();
  if (text.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  if (text.startsWith("'")) return unquotePython(text);
  return text;
}

/** A Python str repr in single quotes; the escapes repr writes. */
function unquotePython(text: string): string | undefined {
  if (text.length < 2 || !text.endsWith("'")) return undefined;
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (c === "'") return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[++i];
    const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };
    if (next !== undefined && next in simple) {
      out += simple[next];
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const digits = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = text.slice(i + 1, i + 1 + digits);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += digits;
    } else {
      return undefined;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShape(value: unknown): value is number[] {
  return Array.isArray(value) && value.length <= MAX_RANK && value.every((d) => Number.isSafeInteger(d) && (d as number) >= 0);
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Values from base64 of little-endian float64, or undefined when the text is not exactly that. */
function fromBase64(data: string, size: number): Float64Array | undefined {
  if (!BASE64.test(data) || data.length !== 4 * Math.ceil((size * 8) / 3)) return undefined;
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length !== size * 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = view.getFloat64(i * 8, true);
  return values;
}

const SPECIAL: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function fromList(data: readonly unknown[], size: number): Float64Array | undefined {
  if (data.length !== size) return undefined;
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const x = data[i];
    if (typeof x === 'number') values[i] = x;
    else if (typeof x === 'string' && Object.prototype.hasOwnProperty.call(SPECIAL, x)) values[i] = SPECIAL[x]!;
    else return undefined;
  }
  return values;
}

/** Decodes an adapter's `result` for `options.expression`. */
export function decodeTensor(result: string, options: DecodeOptions): DecodeResult {
  const { role, expression } = options;
  const fail = (kind: DebugValueErrorKind, message: string, element?: number): DecodeResult => ({
    ok: false,
    error: new DebugValueError(kind, message, role, expression, element),
  });
  const text = unquote(result);
  let payload: unknown;
  try {
    payload = text === undefined ? undefined : JSON.parse(text);
  } catch {
    payload = undefined;
  }
  if (!isRecord(payload) || payload.v !== 1) {
    const shown = result.length > 300 ? `${result.slice(0, 300)}…` : result;
    // Not the encoding: the adapter's own answer, an exception's repr when evaluation failed.
    return fail('evaluation', `${role} \`${expression}\`: the debugger answered ${shown.trim() === '' ? 'nothing' : shown}`);
  }
  const typeName = typeof payload.type === 'string' ? payload.type.slice(0, MAX_DTYPE_LENGTH) : undefined;
  const dtypeName = typeof payload.dtype === 'string' ? payload.dtype.slice(0, MAX_DTYPE_LENGTH) : undefined;
  const what = [typeName, dtypeName].filter(Boolean).join(' of dtype ');
  if (payload.error !== undefined) {
    switch (payload.error) {
      case 'too-many': {
        const size = Number.isSafeInteger(payload.size) ? (payload.size as number) : undefined;
        const shape = isShape(payload.shape) ? ` (shape ${shapeText(payload.shape)})` : '';
        return fail(
          'too-many',
          `${role} \`${expression}\` has ${size?.toLocaleString('en-US') ?? 'too many'} elements${shape}; Loss Lens reads at most ${options.maxElements.toLocaleString('en-US')} (lossLens.debug.maxElements). Evaluate a slice of it, or raise the setting.`,
        );
      }
      case 'non-numeric': {
        const index = Number.isSafeInteger(payload.index) ? (payload.index as number) : undefined;
        if (index !== undefined && isShape(payload.shape)) {
          return fail(
            'non-numeric',
            `${elementName(`${role} \`${expression}\``, payload.shape, index)} is ${typeName ?? 'not a number'}, not a number.`,
            index,
          );
        }
        const reason = typeof payload.reason === 'string' ? ` (${payload.reason.slice(0, 200)})` : '';
        return fail('non-numeric', `${role} \`${expression}\` is ${what || 'a value'} that Loss Lens cannot read as numbers${reason}.`);
      }
      case 'ragged': {
        const path = Array.isArray(payload.path) && payload.path.every((i) => Number.isSafeInteger(i)) ? (payload.path as number[]) : [];
        const found = Number.isSafeInteger(payload.found) ? `${payload.found as number} elements` : 'a number';
        const expected = Number.isSafeInteger(payload.expected) ? `${payload.expected as number} elements` : 'a number';
        return fail(
          'ragged',
          `${role} \`${expression}\` is ragged: ${pathName(role, path)} has ${found} where ${expected} were expected, as in ${pathName(
            role,
            path.map(() => 0),
          )}.`,
        );
      }
      default:
        return fail('malformed', `${role} \`${expression}\`: the debugger's answer has an unknown error ${JSON.stringify(payload.error)?.slice(0, 80)}.`);
    }
  }
  if (!isShape(payload.shape)) return fail('malformed', `${role} \`${expression}\`: the debugger's answer has no valid shape.`);
  const shape = payload.shape;
  const size = product(shape);
  if (payload.size !== size)
    return fail('malformed', `${role} \`${expression}\`: the debugger's answer says ${String(payload.size)} elements for shape ${shapeText(shape)}.`);
  if (size > options.maxElements) {
    return fail(
      'too-many',
      `${role} \`${expression}\` has ${size.toLocaleString('en-US')} elements (shape ${shapeText(shape)}); Loss Lens reads at most ${options.maxElements.toLocaleString('en-US')} (lossLens.debug.maxElements).`,
    );
  }
  const values = typeof payload.data === 'string' ? fromBase64(payload.data, size) : Array.isArray(payload.data) ? fromList(payload.data, size) : undefined;
  if (!values) return fail('malformed', `${role} \`${expression}\`: the debugger's data does not hold ${size} numbers.`);
  const nan = values.findIndex((x) => Number.isNaN(x));
  if (nan >= 0) {
    const count = values.reduce((n, x) => n + (Number.isNaN(x) ? 1 : 0), 0);
    return fail('nan', `${elementName(`${role} \`${expression}\``, shape, nan)} is NaN${count > 1 ? ` (${count} NaN values in all)` : ''}.`, nan);
  }
  return { ok: true, tensor: { shape, dtype: dtypeName ?? 'float64', values } };
}

const FLOAT32_DTYPES = /^(float32|float16|bfloat16|half|Float32Array|Float16Array)$/i;

/** The shortest decimal that reads back as the same float32. */
function float32Text(x: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const text = x.toPrecision(digits);
    if (Math.fround(Number(text)) === x) return String(Number(text));
  }
  return String(x);
}

function numberText(x: number, float32: boolean): string {
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0.0';
  return float32 ? float32Text(x) : String(x);
}

/**
 * The tensor as a literal the calculator reads: nested lists, float32 values written with the
 * digits that identify them in float32 (0.7, not 0.699999988079071).
 */
export function tensorLiteral(tensor: LiveTensor): string {
  const float32 = FLOAT32_DTYPES.test(tensor.dtype);
  const { shape, values } = tensor;
  if (shape.length === 0) return numberText(values[0] ?? 0, float32);
  let offset = 0;
  const build = (axis: number): string => {
    const size = shape[axis];
    const parts: string[] = new Array<string>(size);
    if (axis === shape.length - 1) {
      for (let i = 0; i < size; i++) parts[i] = numberText(values[offset++], float32);
    } else {
      for (let i = 0; i < size; i++) parts[i] = build(axis + 1);
    }
    return `[${parts.join(', ')}]`;
  };
  return build(0);
}
