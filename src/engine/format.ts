/** Text helpers for messages and TeX: element indices and short numbers. */

/** `[1, 2]` for a multi-axis index, `[3]` for one axis, `[]` for a scalar. */
export function formatIndex(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Up to `digits` significant digits without trailing zeros; infinities and NaN spelled out. */
export function shortNumber(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e15) {
    return String(Number(value.toPrecision(digits)));
  }
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  return `${String(Number(mantissa))}e${exponent.replace('+', '')}`;
}

/** A number for TeX: `\infty`, scientific as `a \times 10^{b}`, negatives in parentheses when `wrapNegative`. */
export function texNumber(value: number, wrapNegative = false, digits = 6): string {
  if (Number.isNaN(value)) return '\\mathrm{NaN}';
  if (value === Infinity) return '\\infty';
  if (value === -Infinity) return wrapNegative ? '(-\\infty)' : '-\\infty';
  const text = shortNumber(value, digits);
  const [mantissa, exponent] = text.split('e');
  const tex = exponent === undefined ? mantissa : `${mantissa} \\times 10^{${exponent}}`;
  return wrapNegative && value < 0 ? `(${tex})` : tex;
}

/**
 * An option's value quoted for a message. Options may hold anything a message carried
 * (objects whose toString throws, symbols, BigInts), and describing one must not throw.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    default:
      return value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  }
}
