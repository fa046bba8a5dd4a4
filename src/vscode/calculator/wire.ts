/**
 * Report objects hold Float64Arrays and may hold Infinity or NaN (a loss of −log 0). Webview
 * messages travel as JSON, which would turn a Float64Array into an object with numeric keys
 * and every non-finite number into null. `toPlain` turns typed arrays into number arrays;
 * `encodeWire` / `decodeWire` carry non-finite numbers across as tagged objects.
 */

export type Plain<T> = T extends Float64Array | Float32Array | Int32Array
  ? number[]
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? readonly Plain<U>[]
      : T extends object
        ? { [K in keyof T]: Plain<T[K]> }
        : T;

export function toPlain<T>(value: T): Plain<T> {
  return plainOf(value) as Plain<T>;
}

function plainOf(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) return value.map(plainOf);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) out[key] = plainOf(field);
    return out;
  }
  return value;
}

const NON_FINITE_KEY = '$nonFinite';
type NonFiniteName = 'NaN' | 'Infinity' | '-Infinity';

export function encodeWire(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    const name: NonFiniteName = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return { [NON_FINITE_KEY]: name };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, encodeWire);
  }
  if (Array.isArray(value)) return value.map(encodeWire);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) out[key] = encodeWire(field);
    return out;
  }
  return value;
}

export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === NON_FINITE_KEY) {
      const name = record[NON_FINITE_KEY];
      if (name === 'NaN') return NaN;
      if (name === 'Infinity') return Infinity;
      if (name === '-Infinity') return -Infinity;
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) define(out, key, decodeWire(record[key]));
    return out;
  }
  return value;
}

/**
 * `out[key] = value`, except that a `__proto__` key (which JSON and structured clone keep as
 * an own property) stays an own property instead of replacing the prototype: otherwise
 * `{"__proto__": {"type": ...}}` would pass for a message with that type.
 */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
