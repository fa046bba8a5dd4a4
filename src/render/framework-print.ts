/**
 * A tensor printed the way each framework prints it, so a result reads like the user's own
 * console:
 * - PyTorch `repr` (torch/_tensor_str.py, 1.13): 4 decimals, integers as `3.`, scientific when the
 *   nonzero magnitudes span more than 1000× or leave [1e-4, 1e8); `tensor(0.7943)`,
 *   `tensor([1.3994, 2.2303, 0.9398])`, `, dtype=torch.float64` when not float32; 80 columns;
 *   more than 1000 elements shown as the first and last 3 of each axis.
 * - NumPy (numpy/core/arrayprint.py, the default `maxprec` float mode): each element with its
 *   shortest round-trip digits, at most 8 decimals, aligned on the point; scientific under the
 *   same 1e-4/1e8/1000× rule; 75 columns. A 0-d array's `str` is the scalar's (`3.0`), its
 *   array2string `3.`.
 * - TensorFlow `print(t)` (`_EagerTensorBase.__str__`, tensorflow/python/framework/ops.py):
 *   `tf.Tensor(<numpy str>, shape=(3,), dtype=float32)`, a newline before multi-line values.
 * - JAX `repr` (`ArrayImpl.__repr__`, jax/_src/array.py): `Array(` + NumPy's array2string with
 *   `, ` separators + `, dtype=float32)`.
 * - TensorFlow.js `tensor.toString()` (tfjs-core/src/tensor_format.ts): `Tensor` then the values
 *   indented 4: a scalar as JavaScript prints the float32 value, arrays with up to 7 decimals,
 *   columns padded, more than 20 items per axis cut to 3 … 3.
 * Decimals are rounded the way Python's `format` and NumPy's Dragon4 do: the exact binary value,
 * halves to even (0.03125 prints 0.0312, where JavaScript's toFixed gives 0.0313).
 */
import type { Tensor } from '../tensor';

export type PrintStyle = 'torch' | 'numpy' | 'tensorflow' | 'jax' | 'tfjs';

/** How results of `framework` print: Keras losses are read with `.numpy()` or printed as floats, as its docstrings show. */
export function printStyleOf(framework: string): PrintStyle {
  switch (framework) {
    case 'pytorch':
    case 'torchvision':
      return 'torch';
    case 'tensorflow':
      return 'tensorflow';
    case 'optax':
      return 'jax';
    case 'tfjs':
      return 'tfjs';
    default:
      return 'numpy';
  }
}

/** `value` as `style` prints it; `float32` picks the dtype (and which digits are the shortest ones). */
export function frameworkPrint(value: Tensor, style: PrintStyle, float32: boolean): string {
  switch (style) {
    case 'torch':
      return torchRepr(value, float32);
    case 'numpy':
      return numpyStr(value, float32);
    case 'tensorflow':
      return tensorflowStr(value, float32);
    case 'jax':
      return jaxRepr(value, float32);
    case 'tfjs':
      return tfjsString(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Decimal digits of a double, rounded as Python does.

/**
 * The digits of |x| rounded to the decimal place `place` (the last kept digit is 10^place), halves
 * to even, as an integer string: 0.03125 at place −4 is '312'. toExponential(100) is exact far
 * enough past any place a formatter asks for to tell a true half from a near one (a double that is
 * not a half differs from one by at least 2⁻⁵⁴ of itself).
 */
function roundToPlace(x: number, place: number): string {
  const [mantissa, exponentText] = Math.abs(x).toExponential(100).split('e');
  const digits = mantissa.replace('.', '');
  const kept = Number(exponentText) - place + 1;
  if (kept < 0) return '0';
  const head = digits.slice(0, kept);
  const tail = digits.slice(kept);
  const first = tail.charCodeAt(0) - 48;
  const beyondHalf = /[1-9]/.test(tail.slice(1));
  const lastOdd = head.length > 0 && (head.charCodeAt(head.length - 1) - 48) % 2 === 1;
  const up = first > 5 || (first === 5 && (beyondHalf || lastOdd));
  return up ? increment(head) : head === '' ? '0' : head;
}

function increment(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0 && out[i] === '9') out[i--] = '0';
  if (i < 0) return `1${out.join('')}`;
  out[i] = String(Number(out[i]) + 1);
  return out.join('');
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** Python's `'{:.Nf}'.format(x)`. */
export function pythonFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const digits = (x === 0 ? '0' : roundToPlace(x, -decimals)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(-decimals).padStart(decimals, '0')}`;
  return `${signOf(x)}${text}`;
}

function decimalExponent(x: number): number {
  return Number(Math.abs(x).toExponential().split('e')[1]);
}

/** Python's `'{:.Ne}'.format(x)`: `1.0000e-05`; `keepPoint` writes `1.e-05` for N = 0 as NumPy does. */
export function pythonExponential(x: number, decimals: number, exponentDigits = 2, keepPoint = false): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  let exponent = x === 0 ? 0 : decimalExponent(x);
  let digits = x === 0 ? '0'.repeat(decimals + 1) : roundToPlace(x, exponent - decimals);
  if (digits.length > decimals + 1) {
    exponent++;
    digits = digits.slice(0, decimals + 1);
  }
  const mantissa = decimals === 0 && !keepPoint ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${signOf(x)}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(exponentDigits, '0')}`;
}

/** The fewest significant digits that read back to `x` in its dtype: [digits, exponent of the first]. */
function shortestDigits(x: number, float32: boolean): [string, number] {
  let text = Math.abs(x).toExponential();
  if (float32) {
    for (let precision = 1; precision <= 9; precision++) {
      const candidate = Math.abs(x).toExponential(precision - 1);
      if (Math.fround(Number(candidate)) === Math.abs(x)) {
        text = Number(candidate).toExponential();
        break;
      }
    }
  }
  const [mantissa, exponent] = text.split('e');
  return [mantissa.replace('.', ''), Number(exponent)];
}

// ---------------------------------------------------------------------------------------------
// Walking a tensor the way the printers do: axis by axis, long axes cut to their edges.

/** The indices shown along an axis of `size`: all, or the first and last `edge` with a gap (-1) between. */
function shownIndices(size: number, summarize: boolean, edge: number): number[] {
  if (!summarize || size <= 2 * edge) return Array.from({ length: size }, (_, i) => i);
  return [...Array.from({ length: edge }, (_, i) => i), -1, ...Array.from({ length: edge }, (_, i) => size - edge + i)];
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** The values a summarised print shows (every value when not summarised), for sizing the columns. */
function shownValues(t: Tensor, summarize: boolean, edge: number): number[] {
  const strides = stridesOf(t.shape);
  const out: number[] = [];
  const visit = (axis: number, offset: number) => {
    if (axis === t.shape.length) {
      out.push(t.data[offset]);
      return;
    }
    for (const i of shownIndices(t.shape[axis], summarize, edge)) if (i >= 0) visit(axis + 1, offset + i * strides[axis]);
  };
  visit(0, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// PyTorch

const TORCH_PRECISION = 4;
const TORCH_LINE_WIDTH = 80;

interface TorchFormatter {
  readonly width: number;
  readonly format: (x: number) => string;
}

function torchFormatter(values: readonly number[]): TorchFormatter {
  const nonzeroFinite = values.filter((v) => Number.isFinite(v) && v !== 0);
  if (nonzeroFinite.length === 0) return { width: 1, format: (x) => pad(Number.isFinite(x) ? `${pythonFixed(x, 0)}.` : nonFinite(x), 1) };
  const magnitudes = nonzeroFinite.map(Math.abs);
  const max = Math.max(...magnitudes);
  const min = Math.min(...magnitudes);
  const integers = nonzeroFinite.every((v) => v === Math.ceil(v));
  const scientific = max / min > 1000 || max > 1e8 || (!integers && min < 1e-4);
  let plain: (x: number) => string;
  if (scientific) plain = (x) => pythonExponential(x, TORCH_PRECISION);
  else if (integers) plain = (x) => (Number.isFinite(x) ? `${pythonFixed(x, 0)}.` : nonFinite(x));
  else plain = (x) => pythonFixed(x, TORCH_PRECISION);
  const width = Math.max(1, ...nonzeroFinite.map((v) => plain(v).length));
  return { width, format: (x) => pad(plain(x), width) };
}

function pad(text: string, width: number): string {
  return text.padStart(width);
}

/** `repr(tensor)` in PyTorch 1.13. */
export function torchRepr(t: Tensor, float32: boolean): string {
  const suffix = float32 ? '' : ', dtype=torch.float64';
  if (t.data.length === 0) {
    return t.shape.length === 1 ? `tensor([]${suffix})` : `tensor([], size=(${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''})${suffix})`;
  }
  const summarize = t.data.length > 1000;
  const edge = 3;
  const formatter = torchFormatter(shownValues(t, summarize, edge));
  const strides = stridesOf(t.shape);
  const prefix = 'tensor(';
  const render = (axis: number, offset: number, indent: number): string => {
    const dims = t.shape.length - axis;
    if (dims === 0) return formatter.format(t.data[offset]);
    const indices = shownIndices(t.shape[axis], summarize, edge);
    if (dims === 1) {
      const items = indices.map((i) => (i < 0 ? ' ...' : formatter.format(t.data[offset + i * strides[axis]])));
      const perLine = Math.max(1, Math.floor((TORCH_LINE_WIDTH - indent) / (formatter.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const slices = indices.map((i) => (i < 0 ? '...' : render(axis + 1, offset + i * strides[axis], indent + 1)));
    return `[${slices.join(`,${'\n'.repeat(dims - 1)}${' '.repeat(indent + 1)}`)}]`;
  };
  return `${prefix}${render(0, 0, prefix.length)}${suffix})`;
}

// ---------------------------------------------------------------------------------------------
// NumPy

const NUMPY_PRECISION = 8;
const NUMPY_LINE_WIDTH = 75;
const NUMPY_THRESHOLD = 1000;
const NUMPY_EDGE = 3;

/** Positional digits of x as NumPy's maxprec mode writes them: [integer part with sign, fraction]; a scalar's str has no cap. */
function numpyPositional(x: number, float32: boolean, maxDecimals = NUMPY_PRECISION): [string, string] {
  const [digits, exponent] = shortestDigits(x, float32);
  let whole: string;
  let fraction: string;
  if (exponent >= 0) {
    whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    fraction = digits.slice(exponent + 1);
  } else {
    whole = '0';
    fraction = `${'0'.repeat(-exponent - 1)}${digits}`;
  }
  if (fraction.length > maxDecimals) {
    const rounded = roundToPlace(x, -NUMPY_PRECISION).padStart(NUMPY_PRECISION + 1, '0');
    whole = rounded.slice(0, rounded.length - NUMPY_PRECISION);
    fraction = rounded.slice(-NUMPY_PRECISION).replace(/0+$/, '');
  }
  return [`${signOf(x)}${whole}`, fraction];
}

/** Scientific digits as NumPy writes them: [mantissa's integer digit with sign, fraction, exponent]. */
function numpyScientific(x: number, float32: boolean): [string, string, number] {
  const [digits, exponent] = shortestDigits(x, float32);
  let fraction = digits.slice(1);
  let lead = digits[0];
  let power = exponent;
  if (fraction.length > NUMPY_PRECISION) {
    const text = pythonExponential(x, NUMPY_PRECISION);
    const [mantissa, e] = text.replace('-', '').split('e');
    [lead, fraction] = mantissa.split('.');
    fraction = fraction.replace(/0+$/, '');
    power = Number(e);
  }
  return [`${signOf(x)}${lead}`, fraction, power];
}

/** NumPy's FloatingFormat: one function that writes every element of `values` to a common width. */
function numpyFormatter(values: readonly number[], float32: boolean): (x: number) => string {
  const finite = values.filter(Number.isFinite);
  const magnitudes = finite.filter((v) => v !== 0).map(Math.abs);
  const max = magnitudes.length ? Math.max(...magnitudes) : 0;
  const min = magnitudes.length ? Math.min(...magnitudes) : 0;
  const scientific = magnitudes.length > 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
  let padLeft: number;
  let padRight: number;
  let write: (x: number) => string;
  if (finite.length === 0) {
    padLeft = 0;
    padRight = 0;
    write = () => '';
  } else if (scientific) {
    const parts = finite.map((v) => numpyScientific(v, float32));
    const decimals = Math.max(...parts.map(([, f]) => f.length));
    const exponentDigits = Math.max(2, ...parts.map(([, , e]) => String(Math.abs(e)).length));
    padLeft = Math.max(...parts.map(([lead]) => lead.length));
    padRight = exponentDigits + 2 + decimals;
    write = (x) => {
      const [lead, fraction, exponent] = numpyScientific(x, float32);
      const sign = exponent < 0 ? '-' : '+';
      return `${lead.padStart(padLeft)}.${fraction.padEnd(decimals, '0')}e${sign}${String(Math.abs(exponent)).padStart(exponentDigits, '0')}`;
    };
  } else {
    const parts = finite.map((v) => numpyPositional(v, float32));
    padLeft = Math.max(...parts.map(([whole]) => whole.length));
    padRight = Math.max(...parts.map(([, fraction]) => fraction.length));
    write = (x) => {
      const [whole, fraction] = numpyPositional(x, float32);
      return `${whole.padStart(padLeft)}.${fraction.padEnd(padRight)}`;
    };
  }
  if (finite.length !== values.length) {
    const negativeInfinity = values.some((v) => v === -Infinity) ? 1 : 0;
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + negativeInfinity - (padRight + 1));
  }
  return (x) => (Number.isFinite(x) ? write(x) : nonFinite(x).padStart(padLeft + padRight + 1));
}

/** `np.array2string(a, separator=…, prefix=…, suffix=…)` with NumPy's default print options. */
export function numpyArray2string(
  t: Tensor,
  float32: boolean,
  separator: string,
  prefix = '',
  suffix = '',
  formatter: (values: readonly number[], float32: boolean) => (x: number) => string = numpyFormatter,
): string {
  if (t.data.length === 0) return '[]';
  const summarize = t.data.length > NUMPY_THRESHOLD;
  const format = formatter(shownValues(t, summarize, NUMPY_EDGE), float32);
  const strides = stridesOf(t.shape);
  const lineWidth = NUMPY_LINE_WIDTH - suffix.length;
  const trimmedSeparator = separator.trimEnd();
  const extend = (state: { s: string; line: string }, word: string, width: number, hangingIndent: string) => {
    // A wrap that would not make the line shorter does not happen.
    if (state.line.length + word.length > width && state.line.length > hangingIndent.length) {
      state.s += `${state.line.trimEnd()}\n`;
      state.line = hangingIndent;
    }
    state.line += word;
  };
  const recurse = (axis: number, offset: number, hangingIndent: string, width: number): string => {
    const axesLeft = t.shape.length - axis;
    if (axesLeft === 0) return format(t.data[offset]);
    const nextIndent = `${hangingIndent} `;
    const nextWidth = width - 1;
    const indices = shownIndices(t.shape[axis], summarize, NUMPY_EDGE);
    let s: string;
    if (axesLeft === 1) {
      const elementWidth = width - Math.max(trimmedSeparator.length, 1);
      const state = { s: '', line: hangingIndent };
      indices.forEach((i, position) => {
        const word = i < 0 ? '...' : recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth);
        extend(state, word, elementWidth, hangingIndent);
        if (position < indices.length - 1) state.line += separator;
      });
      s = state.s + state.line;
    } else {
      const lineSeparator = `${trimmedSeparator}${'\n'.repeat(axesLeft - 1)}`;
      s = indices.map((i) => `${hangingIndent}${i < 0 ? '...' : recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth)}`).join(lineSeparator);
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };
  return recurse(0, 0, ' '.repeat(prefix.length + 1), lineWidth);
}

/** Python's `str` of a NumPy float scalar: shortest digits, scientific below 1e-4 and from 1e16 (`3.0`, `1e-05`). */
function numpyScalarStr(x: number, float32: boolean): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return `${signOf(x)}0.0`;
  const [digits, exponent] = shortestDigits(x, float32);
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${signOf(x)}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const [whole, fraction] = numpyPositional(x, float32, Infinity);
  return `${whole}.${fraction === '' ? '0' : fraction}`;
}

/** `print(array)`: a 0-d array prints as its scalar. */
export function numpyStr(t: Tensor, float32: boolean): string {
  return t.shape.length === 0 ? numpyScalarStr(t.data[0], float32) : numpyArray2string(t, float32, ' ');
}

/**
 * `print(array)` with NumPy before 1.14 (`np.set_printoptions(legacy='1.13')`), as TensorFlow 1.x
 * scripts of that era printed `tensor.eval()`: 8 decimals, trailing zeros turned into spaces,
 * room for a sign before every element (the source article's output: `[ 0.69967604  0.74342006  0.93983102]`).
 * Undefined when the values would have needed that version's scientific notation.
 */
export function numpyLegacyStr(t: Tensor): string | undefined {
  const finite = Array.from(t.data).filter(Number.isFinite);
  if (t.shape.length === 0 || finite.length !== t.data.length) return undefined;
  const magnitudes = finite.map(Math.abs);
  const max = Math.max(...magnitudes);
  const nonzero = magnitudes.filter((m) => m !== 0);
  if (max >= 1e8 || (nonzero.length > 0 && Math.min(...nonzero) < 1e-4)) return undefined;
  const decimals = Math.max(0, ...finite.map((x) => (pythonFixed(x, 8).split('.')[1] ?? '').replace(/0+$/, '').length));
  const width = String(Math.trunc(max)).length + decimals + 2;
  const legacy = () => (x: number) => {
    const text = decimals === 0 ? `${pythonFixed(x, 0)}.` : pythonFixed(x, decimals);
    const trimmed = decimals === 0 ? text : text.replace(/0+$/, '');
    return `${trimmed}${' '.repeat(text.length - trimmed.length)}`.padStart(width, ' ');
  };
  return numpyArray2string(t, false, ' ', '', '', legacy);
}

function dtypeName(float32: boolean): string {
  return float32 ? 'float32' : 'float64';
}

/** `print(tensor)` in TensorFlow 2. */
export function tensorflowStr(t: Tensor, float32: boolean): string {
  const text = numpyStr(t, float32);
  const shape = t.shape.length === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
  return `tf.Tensor(${text.includes('\n') ? `\n${text}` : text}, shape=${shape}, dtype=${dtypeName(float32)})`;
}

/** `repr(jax_array)`, what a notebook shows for an optax loss. */
export function jaxRepr(t: Tensor, float32: boolean): string {
  const prefix = 'Array(';
  const dtype = `dtype=${dtypeName(float32)})`;
  if (t.data.length === 0) return `${prefix}[], shape=(${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''}), ${dtype}`;
  const text = numpyArray2string(t, float32, ', ', prefix, ',');
  const lastLine = text.length - text.lastIndexOf('\n') + 1;
  const separator = lastLine + dtype.length + 1 > NUMPY_LINE_WIDTH ? ' '.repeat(prefix.length) : ' ';
  return `${prefix}${text},${separator}${dtype}`;
}

// ---------------------------------------------------------------------------------------------
// TensorFlow.js

const TFJS_ITEMS_BEFORE_CUT = 20;
const TFJS_EDGE = 3;
const TFJS_DECIMALS = 7;

function tfjsValue(x: number): string {
  return String(parseFloat(x.toFixed(TFJS_DECIMALS)));
}

/** `tensor.toString()` in TensorFlow.js 4 (float32 values; tfjs has no float64). */
export function tfjsString(t: Tensor): string {
  const values = Float32Array.from(t.data);
  const rank = t.shape.length;
  if (rank === 0) return `Tensor\n    ${String(values[0])}`;
  const columns = t.shape[rank - 1];
  const columnWidths = new Array<number>(columns).fill(0);
  if (rank > 1) values.forEach((v, i) => (columnWidths[i % columns] = Math.max(columnWidths[i % columns], tfjsValue(v).length)));
  const cell = (v: number, column: number) => tfjsValue(v).padEnd(columnWidths[column]);
  const strides = stridesOf(t.shape);
  const lines = (axis: number, offset: number, isLast: boolean): string[] => {
    const size = t.shape[axis];
    const cut = size > TFJS_ITEMS_BEFORE_CUT;
    if (axis === rank - 1) {
      const items = Array.from({ length: size }, (_, j) => cell(values[offset + j], j));
      const shown = cut ? [...items.slice(0, TFJS_EDGE), '...', ...items.slice(size - TFJS_EDGE)] : items;
      return [`[${shown.join(', ')}]`];
    }
    const out: string[] = [];
    const rows = cut
      ? [...Array.from({ length: TFJS_EDGE }, (_, i) => i), -1, ...Array.from({ length: TFJS_EDGE }, (_, i) => size - TFJS_EDGE + i)]
      : shownIndices(size, false, 0);
    for (const i of rows) {
      if (i < 0) out.push('...');
      else out.push(...lines(axis + 1, offset + i * strides[axis], i === size - 1));
    }
    const separator = rank - axis === 2 ? ',' : '';
    out[0] = `[${out[0]}${separator}`;
    for (let i = 1; i < out.length - 1; i++) out[i] = ` ${out[i]}${separator}`;
    out[out.length - 1] = ` ${out[out.length - 1]}]${isLast ? '' : `,\n${'\n'.repeat(rank - axis - 2)}`}`;
    return out;
  };
  return `Tensor\n${lines(0, 0, true)
    .map((line) => `    ${line}`)
    .join('\n')}`;
}
