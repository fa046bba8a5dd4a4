/**
 * fast-check generators shared by the literal property tests and `npm run fuzz`.
 */
import fc from 'fast-check';
import type { Tensor } from '../../../src/tensor';

/** Shapes of rank 1..4 with at most 64 elements. */
export const shapeArbitrary: fc.Arbitrary<number[]> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
  .filter((shape) => shape.reduce((a, b) => a * b, 1) <= 64);

/** Any double, with the awkward ones (±0, ±inf, NaN, subnormals, extremes) well represented. */
export const valueArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0, Infinity, -Infinity, NaN, 5e-324, -5e-324, Number.MAX_VALUE, 1e21, 1e-7, 0.1, 1 / 3) },
);

export const tensorArbitrary: fc.Arbitrary<Tensor> = shapeArbitrary.chain((shape) =>
  fc
    .array(valueArbitrary, { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })
    .map((values) => ({ shape, data: Float64Array.from(values) })),
);

/** Same values (Object.is: -0 differs from 0, NaN equals NaN) and shape. */
export function sameTensor(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((size, i) => size !== b.shape[i])) return false;
  if (a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

/** Ways to write one value that all mean exactly that value. */
function spellings(x: number): string[] {
  if (Number.isNaN(x)) return ['nan', 'NaN', 'NAN', 'np.nan', 'math.nan', "float('nan')", 'float("nan")', 'torch.nan'];
  if (x === Infinity) return ['inf', 'Infinity', 'INF', 'np.inf', 'math.inf', "float('inf')", 'torch.inf', 'Number.POSITIVE_INFINITY', '+inf'];
  if (x === -Infinity) return ['-inf', '-Infinity', '-np.inf', "float('-inf')", 'float("-inf")', '−inf', '- math.inf'];
  if (Object.is(x, -0)) return ['-0.0', '-0', '-0.', '−0.0', '-0e0', '－０．０'];
  const shortest = String(x);
  const out = [shortest, x.toExponential(), x < 0 ? shortest.replace('-', '−') : `+${shortest}`];
  out.push(shortest.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]));
  if (Number.isInteger(x) && Math.abs(x) >= 1000 && Math.abs(x) < 1e15) {
    out.push(shortest.replace(/\B(?=(\d{3})+$)/g, '_')); // Python digit grouping
  }
  if (x === 1) out.push('True', 'true', 'np.float64(1)');
  if (x === 0) out.push('False', 'false', 'int(0)');
  if (/^-?\d+$/.test(shortest) && Math.abs(x) < 1e15) out.push(`${shortest}.`, `${shortest}.0`);
  if (/^0\.\d+$/.test(shortest)) out.push(shortest.slice(1)); // .5
  return out;
}

const whitespace = fc.constantFrom('', ' ', '  ', '\n', '\r\n', '\t', '\n    ');
const gap = fc.oneof(
  { weight: 6, arbitrary: whitespace },
  { weight: 1, arbitrary: fc.constantFrom(' # note\n', '  // note\n', ' /* note */ ', '# [1, 2] ]\n') },
);

/** Source text for `t` in a random dialect, with random layout; parses back to `t`. */
export function spelledTensorArbitrary(t: Tensor): fc.Arbitrary<string> {
  const count = t.data.length;
  const rank = t.shape.length;
  const spaceSeparable = rank >= 1 && t.data.every((x) => Number.isFinite(x));
  return fc
    .record({
      choices: fc.array(fc.nat(), { minLength: count, maxLength: count }),
      gaps: fc.array(gap, { minLength: 4 * count + 8, maxLength: 4 * count + 8 }),
      trailingComma: fc.boolean(),
      tuples: fc.boolean(),
      spaced: fc.boolean(),
      wrapper: fc.constantFrom('', 'np.array', 'numpy.asarray', 'torch.tensor', 'tf.constant', 'jnp.array', 'tf.Variable', 'array'),
      dtype: fc.constantFrom('', ', dtype=np.float32', ', dtype=torch.float64', ", dtype='int64'"),
    })
    .map(({ choices, gaps, trailingComma, tuples, spaced, wrapper, dtype }) => {
      let value = 0;
      let g = 0;
      const nextGap = () => gaps[g++ % gaps.length];
      const useSpaces = spaced && spaceSeparable;
      const render = (axis: number): string => {
        const size = t.shape[axis];
        const parts: string[] = [];
        for (let i = 0; i < size; i++) {
          if (axis === rank - 1) {
            const options = spellings(t.data[value]);
            const spelled = options[choices[value] % options.length];
            value++;
            // Space-separated groups read a sign after a space as a new element, so keep
            // spellings whose sign is followed by a space out of them.
            parts.push(useSpaces && /^[-−+]\s/.test(spelled) ? String(t.data[value - 1]) : spelled);
          } else {
            parts.push(render(axis + 1));
          }
        }
        const tuple = tuples && !useSpaces;
        const [open, close] = tuple ? ['(', ')'] : ['[', ']'];
        const separator = useSpaces ? () => ` ${nextGap()}` : () => `${nextGap()},${nextGap()}`;
        let body = parts[0];
        for (let i = 1; i < parts.length; i++) body += separator() + parts[i];
        if (useSpaces) return `${open}${body}${close}`;
        const trailing = (tuple && parts.length === 1) || trailingComma ? ',' : '';
        return `${open}${nextGap()}${body}${trailing}${nextGap()}${close}`;
      };
      const literal = render(0);
      return wrapper ? `${wrapper}(${literal}${dtype})` : literal;
    });
}

/** Random text made of literal-ish and code-ish pieces, for "never throws" and "ranges re-parse". */
export const bracketSoupArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      '{',
      '}',
      ',',
      ';',
      ' ',
      '\n',
      '\r\n',
      '1',
      '-',
      '+',
      '.',
      'e',
      '2.5',
      '1e-3',
      '0x1F',
      '1_0',
      'inf',
      'nan',
      'True',
      'None',
      'x',
      'x[0]',
      'np.array(',
      'torch.tensor(',
      'tf.constant(',
      'torch.Tensor(',
      'dtype=',
      'shape=',
      'np.float32',
      '=',
      ' = ',
      ': ',
      '"',
      "'",
      '"a"',
      '#',
      '//',
      '/*',
      '*/',
      '**',
      '/',
      '*',
      'sqrt(',
      'exp(',
      'pi',
      'cos.constructor',
      'import(',
      '−',
      '１',
      '，',
      '［',
      '］',
      "float('inf')",
      'logits = ',
      '"labels": ',
      'const y = ',
      '`',
      '\\',
      '\t',
      '  ',
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

/** A document of named literals separated by code, with the literals' expected tensors. */
export const documentArbitrary: fc.Arbitrary<{ text: string; tensors: Tensor[] }> = fc
  .array(
    fc.record({
      tensor: tensorArbitrary,
      filler: fc.constantFrom(
        '',
        'x = f(a, b)[0]\n',
        'y = d["key"]; z: list[int] = []\n',
        '# comment with [1, 2]\n',
        's = "[3, 4]"\n',
        'def g(t):\n    return t[1:3]\n',
        'np.zeros((2, 3))\n',
        'names = ["a", "b"]\n',
      ),
      name: fc.constantFrom('logits', 'labels', 'y_true', 'probs', 'x'),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .chain((entries) =>
    fc.tuple(...entries.map((entry) => spelledTensorArbitrary(entry.tensor))).map((spelled) => ({
      text: entries.map((entry, i) => `${entry.filler}${entry.name} = ${spelled[i]}\n`).join(''),
      tensors: entries.map((entry) => entry.tensor),
    })),
  );
