/**
 * Number formatting shared by every renderer: `digits` significant digits, trailing zeros
 * dropped, exponent form only where fixed notation would hide the value.
 */
export function formatNumber(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  // toPrecision already switches to exponent form for large values; small ones would print
  // long runs of zeros (0.000045400), so those switch earlier.
  const text = Math.abs(value) < 1e-4 ? value.toExponential(digits - 1) : value.toPrecision(digits);
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent.replace('+', '')}`;
}

/** Formats a shape the way NumPy and PyTorch print it, e.g. `[3, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
