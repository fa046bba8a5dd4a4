/**
 * Garbage through every parser entry point: text made of the characters that matter to the
 * scanner (brackets, separators, signs, look-alikes, quotes, comments, names, long runs), a
 * cheap property that can run hundreds of thousands of times. Shared by garbage.test.ts and
 * `npm run fuzz`.
 */
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { elementOffset, formatLiteral, literalAt, parseLiteral, scanLiterals } from '../../../src/literal';
import { sameTensor } from './arbitraries';
import type { Runs } from './properties';

/** Longest one entry point may take on these short texts before it counts as a hang. */
const CALL_LIMIT_MS = 500;

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('[', ']', '(', ')', ',', ' ', '1', '0.5', '-', '-2', 'e', '3e400', '1e-400', 'nan', 'inf', '\n', '\r\n', ';') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '−',
      '１',
      '．',
      '［',
      '］',
      '，',
      '（',
      '）',
      '\u00a0',
      '\u3000',
      '\ufeff',
      '\u2028',
      '、',
      'ｅ',
      '＋',
      '－',
      '{',
      '}',
      '"',
      "'",
      '`',
      '#',
      '//',
      '/*',
      '*/',
      '\\',
      ':',
      '=',
      '==',
      '**',
      '^',
      '%',
      '/',
      '*',
      '+',
      '_',
      '$',
      '.',
      '..',
      '0x',
      '0b1',
      '1_000',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'np.array(',
      'torch.tensor(',
      'tf.constant(',
      'torch.Tensor(',
      'Float32Array(',
      'tf.tensor2d(',
      'dtype=',
      'shape=',
      'shape=(',
      'value=',
      'sqrt(',
      'exp(',
      'log(',
      'pi',
      'True',
      'None',
      'x',
      'float(',
      "'inf'",
      'int(',
      'np.float32(',
      'cos.constructor',
      'import(',
      '__proto__',
      'constructor',
      'logits = ',
      '"labels": ',
      'const y = ',
      'y: list = ',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('[', '(', '1', '9', '-', ' '), fc.integer({ min: 30, max: 300 })).map(([c, n]) => c.repeat(n)) },
);

export const garbageArbitrary: fc.Arbitrary<string> = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));

function timed<T>(compute: () => T): T {
  const started = performance.now();
  const result = compute();
  const elapsed = performance.now() - started;
  if (elapsed > CALL_LIMIT_MS) throw new Error(`one call took ${elapsed.toFixed(0)} ms`);
  return result;
}

function validLocation(error: InputError, text: string): boolean {
  const at = error.location;
  return at !== undefined && at.line >= 1 && at.column >= 1 && at.offset >= 0 && at.offset <= text.length;
}

/**
 * parseLiteral, literalAt, scanLiterals and elementOffset on garbage: only InputErrors with a
 * location inside the text; a literal that parses formats back to itself, and each of its
 * elements has an offset inside it.
 */
export function garbageIsSafe(runs: Runs): void {
  // mathjs loads on the first arithmetic element (about a second); that is start-up, not a hang.
  parseLiteral('[1/3]');
  fc.assert(
    fc.property(garbageArbitrary, fc.nat(), (text, seed) => {
      let parsed;
      try {
        parsed = timed(() => parseLiteral(text));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        if (!validLocation(error, text)) return false;
      }
      if (parsed) {
        const index = seed % parsed.tensor.data.length;
        const offset = timed(() => elementOffset(text, index));
        if (offset === undefined || offset < parsed.start || offset >= parsed.end) return false;
        if (!sameTensor(parseLiteral(formatLiteral(parsed.tensor)).tensor, parsed.tensor)) return false;
      }
      const hovered = timed(() => literalAt(text, text.length === 0 ? 0 : seed % text.length));
      if (hovered instanceof InputError && !validLocation(hovered, text)) return false;
      const { literals, problems } = timed(() => scanLiterals(text));
      return problems.every((problem) => validLocation(problem, text)) && literals.every((l) => l.start >= 0 && l.end <= text.length && l.start < l.end);
    }),
    runs,
  );
}
