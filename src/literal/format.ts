import type { Tensor } from '../tensor';

/**
 * Text for a tensor that parseLiteral reads back bit for bit: shortest round-trip numbers
 * (String(x)), the sign of zero kept, and ±inf/NaN spelled as the style's language does
 * (`inf`/`nan` for Python, `Infinity`/`NaN` as JavaScript prints them). Rows of a matrix go
 * on their own lines, NumPy-style. A rank-0 tensor is `np.array(x)` in Python style and
 * a bare number in JSON style (which parseLiteral does not read: JSON has no wrapper).
 */
export function formatTensor(t: Tensor, style: 'python' | 'json' = 'python'): string {
  const number = style === 'python' ? pythonNumber : jsonNumber;
  if (t.shape.length === 0) return style === 'python' ? `np.array(${number(t.data[0])})` : number(t.data[0]);
  let offset = 0;
  const format = (axis: number): string => {
    const size = t.shape[axis];
    const parts = new Array<string>(size);
    if (axis === t.shape.length - 1) {
      for (let i = 0; i < size; i++) parts[i] = number(t.data[offset++]);
      return `[${parts.join(', ')}]`;
    }
    for (let i = 0; i < size; i++) parts[i] = format(axis + 1);
    return `[${parts.join(`,\n${' '.repeat(axis + 1)}`)}]`;
  };
  return format(0);
}

function pythonNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  return String(x);
}

function jsonNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}
