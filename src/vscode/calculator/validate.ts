/**
 * Small runtime validators for data that crosses the webview boundary. Each validator either
 * returns a value of its static type, built only from the fields it checked (unknown fields are
 * dropped), or throws a ProtocolError naming the offending path. No vscode import: the webview
 * bundle and unit tests use these too.
 */

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'message'}: expected ${expected}`);
  }
}

export type Validator<T> = (value: unknown, path: string) => T;
export type Validated<V> = V extends Validator<infer T> ? T : never;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(maxLength: number): Validator<string> {
  return (value, path) => {
    if (typeof value !== 'string') throw new ProtocolError(path, 'a string');
    if (value.length > maxLength) throw new ProtocolError(path, `at most ${maxLength} characters`);
    return value;
  };
}

export const bool: Validator<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new ProtocolError(path, 'a boolean');
  return value;
};

export function integer(min: number, max: number): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ProtocolError(path, `an integer in [${min}, ${max}]`);
    }
    return value;
  };
}

export function finite(): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ProtocolError(path, 'a finite number');
    return value;
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new ProtocolError(path, `one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

export function list<T>(item: Validator<T>, maxLength: number): Validator<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ProtocolError(path, 'an array');
    if (value.length > maxLength) throw new ProtocolError(path, `at most ${maxLength} items`);
    return value.map((element, i) => item(element, `${path}[${i}]`));
  };
}

/** Marks a field that may be absent (or undefined); present values must still validate. */
export interface OptionalValidator<T> extends Validator<T | undefined> {
  readonly optional: true;
}

export function optional<T>(inner: Validator<T>): OptionalValidator<T> {
  const validator = (value: unknown, path: string) => (value === undefined ? undefined : inner(value, path));
  return Object.assign(validator, { optional: true as const });
}

type Shape = Record<string, Validator<unknown>>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalValidator<unknown> ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Validated<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Validated<S[K]>, undefined>;
};

export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return (value, path) => {
    if (!isRecord(value)) throw new ProtocolError(path, 'an object');
    const out: Record<string, unknown> = {};
    for (const [key, validator] of Object.entries(shape)) {
      const field = validator(value[key], path ? `${path}.${key}` : key);
      if (field !== undefined) out[key] = field;
    }
    return out as ObjectOf<S>;
  };
}

/** A union discriminated by its `type` field: one validator per type. */
export function tagged<M extends { type: string }>(variants: { [T in M['type']]: Validator<Extract<M, { type: T }>> }): Validator<M> {
  return (value, path) => {
    if (!isRecord(value) || typeof value.type !== 'string') throw new ProtocolError(path, 'an object with a string `type`');
    if (!Object.prototype.hasOwnProperty.call(variants, value.type)) {
      throw new ProtocolError(path ? `${path}.type` : 'type', `a known message type, not "${value.type.slice(0, 40)}"`);
    }
    return (variants as Record<string, Validator<M>>)[value.type](value, path);
  };
}
