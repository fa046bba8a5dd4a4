/**
 * Property checks for the literal parser, shared by the unit tests (modest run counts) and
 * `npm run fuzz` (large ones). Each throws fast-check's report when a counterexample exists.
 */
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { findLiterals, formatLiteral, literalAt, parseLiteral } from '../../../src/literal';
import { bracketSoupArbitrary, documentArbitrary, sameTensor, spelledTensorArbitrary, tensorArbitrary } from './arbitraries';

export interface Runs {
  readonly numRuns: number;
  readonly seed?: number;
}

/** parseLiteral(formatLiteral(t)) is t, bit for bit (-0 and NaN included), in both styles. */
export function formatRoundTrip(runs: Runs): void {
  fc.assert(
    fc.property(tensorArbitrary, fc.constantFrom('python' as const, 'json' as const), (t, style) => {
      return sameTensor(parseLiteral(formatLiteral(t, style)).tensor, t);
    }),
    runs,
  );
  fc.assert(
    fc.property(fc.double(), (x) =>
      sameTensor(parseLiteral(formatLiteral({ shape: [], data: Float64Array.of(x) })).tensor, { shape: [], data: Float64Array.of(x) }),
    ),
    runs,
  );
}

/** Any spelling, layout, comments, trailing commas, tuples or wrapper: the same tensor. */
export function spellingsAgree(runs: Runs): void {
  fc.assert(
    fc.property(
      tensorArbitrary.chain((t) =>
        fc.tuple(
          fc.constant(t),
          spelledTensorArbitrary(t),
          fc.constantFrom('', 'logits = ', 'const y: number[] = ', '"labels": '),
          fc.constantFrom('', ';', ',', '  # end', ' // end\n'),
        ),
      ),
      ([t, text, prefix, suffix]) => {
        const literal = parseLiteral(`${prefix}${text}${suffix}`);
        const expectedName = prefix === '' ? undefined : /(\w+)"?:? ?[=:]/.exec(prefix)?.[1];
        return sameTensor(literal.tensor, t) && literal.name === expectedName && literal.start === prefix.length && literal.end === prefix.length + text.length;
      },
    ),
    runs,
  );
}

/** Plain decimal tokens read exactly as Number() reads them (the scanner's fast path included). */
export function numbersAreCorrectlyRounded(runs: Runs): void {
  const token = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 })).map(([x, digits]) => x.toExponential(digits)),
    fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 20 })).map(([x, digits]) => x.toFixed(digits)),
    fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 21 })).map(([x, digits]) => x.toPrecision(digits)),
    fc.tuple(fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^[0-9]{0,25}$/), fc.integer({ min: -330, max: 330 })).map(([a, b, e]) => `${a}.${b}e${e}`),
  );
  fc.assert(
    fc.property(fc.array(token, { minLength: 1, maxLength: 20 }), (tokens) => {
      const parsed = parseLiteral(`[${tokens.join(', ')}]`).tensor.data;
      return tokens.every((text, i) => Object.is(parsed[i], Number(text)));
    }),
    runs,
  );
}

function checkText(text: string, offsetSeed: number): boolean {
  try {
    const literal = parseLiteral(text);
    if (!(literal.start >= 0 && literal.end <= text.length && literal.start < literal.end)) return false;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const location = error.location;
    if (!location || location.line < 1 || location.column < 1 || location.offset < 0 || location.offset > text.length) return false;
  }
  let previousEnd = 0;
  for (const literal of findLiterals(text)) {
    if (literal.start < previousEnd || literal.end <= literal.start || literal.end > text.length) return false;
    previousEnd = literal.end;
    // Every range slices back to text that parses on its own to the same tensor.
    if (!sameTensor(parseLiteral(text.slice(literal.start, literal.end)).tensor, literal.tensor)) return false;
  }
  const hovered = literalAt(text, text.length === 0 ? 0 : offsetSeed % text.length);
  return hovered === undefined || hovered instanceof InputError || (hovered.start >= 0 && hovered.end <= text.length);
}

/** No input makes any entry point throw anything but InputError, hang, or report a bad range. */
export function anyTextIsSafe(runs: Runs): void {
  for (const text of [fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }), bracketSoupArbitrary]) {
    fc.assert(fc.property(text, fc.nat(), checkText), runs);
  }
}

/** Literals placed among code are found exactly, named, and found again by literalAt. */
export function documentsAreScanned(runs: Runs): void {
  fc.assert(
    fc.property(documentArbitrary, ({ text, tensors }) => {
      const found = findLiterals(text);
      if (found.length !== tensors.length || !found.every((literal, i) => sameTensor(literal.tensor, tensors[i]))) return false;
      return found.every((literal) => {
        const again = literalAt(text, literal.start);
        return (
          again !== undefined && !(again instanceof InputError) && again.start === literal.start && again.end === literal.end && again.name === literal.name
        );
      });
    }),
    runs,
  );
}
