/**
 * Elements written as arithmetic (`1/3`, `exp(1)`, `2**-1`, `np.sqrt(2)/2`, `pi`) are
 * evaluated by mathjs, never by JavaScript eval/Function, in two layers:
 *
 * 1. A tokenizer rewrites the element for mathjs and lets through only numbers, the
 *    operators `+ - * / ^ % ( ) ,` and a fixed list of function and constant names (with
 *    `np.`, `math.`, `torch.`... prefixes dropped and Python's `**` turned into `^`).
 *    Strings, brackets, assignment, property access and unknown names never reach mathjs.
 * 2. mathjs runs in a dedicated instance built from only the factories needed here, with
 *    the functions its security guide lists as risky (import, createUnit, reviver,
 *    evaluate, parse, simplify, derivative, resolve, compile, config) replaced by ones that
 *    throw: https://mathjs.org/docs/expressions/security.html
 *
 * The result must be a real number (finite or ±Infinity); NaN, complex numbers, units,
 * matrices, strings and functions are rejected.
 */
import { Ch, isDigit, isIdentifierPart, isIdentifierStart, isWhitespace, normalizeCode } from './chars';
import { LiteralFailure, malformed, notNumeric } from './failure';

/**
 * The mathjs instance lives in ./sandbox and is loaded on first use: mathjs is most of the
 * bundle's weight, and most literals are plain numbers that never need it (the build ships it
 * as a separate file, so activating the extension does not parse it).
 */
let loadedSandbox: typeof import('./sandbox') | undefined;
function sandbox(): typeof import('./sandbox') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as explained above; an import would load it at start-up
  loadedSandbox ??= require('./sandbox') as typeof import('./sandbox');
  return loadedSandbox;
}

/** Names an element may use, as written (after module prefixes) → the mathjs name. */
const NAMES = new Map<string, string>([
  ...[
    'abs',
    'sign',
    'sqrt',
    'cbrt',
    'hypot',
    'exp',
    'expm1',
    'log',
    'log2',
    'log10',
    'log1p',
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'atan2',
    'sinh',
    'cosh',
    'tanh',
    'asinh',
    'acosh',
    'atanh',
    'floor',
    'ceil',
    'round',
    'fix',
    'min',
    'max',
    'pow',
    'mod',
    'pi',
    'e',
    'tau',
  ].map((name): [string, string] => [name, name]),
  ['arcsin', 'asin'],
  ['arccos', 'acos'],
  ['arctan', 'atan'],
  ['arctan2', 'atan2'],
  ['arcsinh', 'asinh'],
  ['arccosh', 'acosh'],
  ['arctanh', 'atanh'],
  ['trunc', 'fix'],
  ['fabs', 'abs'],
  ['power', 'pow'],
  ['fmod', 'mod'],
  ['PI', 'pi'],
  ['E', 'e'],
  ['inf', 'Infinity'],
  ['Inf', 'Infinity'],
  ['INF', 'Infinity'],
  ['infty', 'Infinity'],
  ['Infinity', 'Infinity'],
  // NaN inside arithmetic only ever gives NaN, which is rejected with that message.
  ['nan', '(0/0)'],
  ['NaN', '(0/0)'],
  ['NAN', '(0/0)'],
  ['True', '1'],
  ['true', '1'],
  ['False', '0'],
  ['false', '0'],
]);

/** Namespaces whose members are the plain math functions and constants above. */
const MODULES = new Set(['np', 'numpy', 'math', 'Math', 'torch', 'jnp', 'jax.numpy', 'tf', 'tf.math', 'scipy', 'cmath']);

/** Whether a name may begin arithmetic: an allowed function or constant, or a module holding them. */
export function isArithmeticName(name: string): boolean {
  return NAMES.has(name) || MODULES.has(name) || name === 'jax';
}

/** Longest element handed to mathjs; longer "expressions" are not something people type by hand. */
export const MAX_EXPRESSION_LENGTH = 1000;

/**
 * Evaluates the element `text.slice(start, end)`, or returns a LiteralFailure pointing into
 * `text`: `not-numeric` for characters or names that are not arithmetic (the element is
 * code, not a number), `malformed` when the arithmetic itself fails.
 */
export function evaluateExpression(text: string, start: number, end: number, maxDepth: number): number | LiteralFailure {
  if (end - start > MAX_EXPRESSION_LENGTH) {
    return malformed(`element is ${end - start} characters long; expressions are limited to ${MAX_EXPRESSION_LENGTH}`, start);
  }
  const expression = rewriteForMathjs(text, start, end, maxDepth);
  if (typeof expression !== 'string') return expression;
  let result: unknown;
  try {
    result = sandbox().evaluateInSandbox(expression);
  } catch (error) {
    return malformed(`cannot evaluate '${text.slice(start, end).trim()}': ${error instanceof Error ? error.message : String(error)}`, start);
  }
  if (typeof result !== 'number') {
    return malformed(`'${text.slice(start, end).trim()}' is not a real number`, start);
  }
  if (Number.isNaN(result)) return malformed(`'${text.slice(start, end).trim()}' evaluates to NaN`, start);
  return result;
}

/** The raw sandboxed mathjs evaluation, without the tokenizer in front (for tests of layer 2). */
export function evaluateInSandbox(expression: string): unknown {
  return sandbox().evaluateInSandbox(expression);
}

function rewriteForMathjs(text: string, start: number, end: number, maxDepth: number): string | LiteralFailure {
  let out = '';
  let parens = 0;
  let i = start;
  while (i < end) {
    const c = normalizeCode(text.charCodeAt(i));
    if (isWhitespace(c)) {
      out += ' ';
      i++;
    } else if (isDigit(c) || (c === Ch.Dot && isDigit(normalizeCode(text.charCodeAt(i + 1))))) {
      const numberEnd = scanNumber(text, i, end);
      if (numberEnd < end && isIdentifierPart(normalizeCode(text.charCodeAt(numberEnd)))) {
        return malformed(`malformed number '${text.slice(i, numberEnd + 1)}'`, i);
      }
      for (let j = i; j < numberEnd; j++) {
        const d = normalizeCode(text.charCodeAt(j));
        if (d !== Ch.Underscore) out += String.fromCharCode(d);
      }
      i = numberEnd;
    } else if (isIdentifierStart(c)) {
      let chainEnd = i;
      do {
        chainEnd++;
        while (chainEnd < end && isIdentifierPart(text.charCodeAt(chainEnd))) chainEnd++;
      } while (chainEnd + 1 < end && text.charCodeAt(chainEnd) === Ch.Dot && isIdentifierStart(text.charCodeAt(chainEnd + 1)));
      const name = mathjsName(text, i, chainEnd);
      if (name === undefined) return notNumeric(`expected a number, found '${text.slice(i, chainEnd)}'`, i);
      out += name;
      i = chainEnd;
    } else if (c === Ch.Star && normalizeCode(text.charCodeAt(i + 1)) === Ch.Star) {
      out += '^';
      i += 2;
    } else if (c === Ch.OpenParen || c === Ch.CloseParen) {
      parens += c === Ch.OpenParen ? 1 : -1;
      if (parens > maxDepth) return malformed(`parentheses nested deeper than ${maxDepth} levels`, i);
      out += String.fromCharCode(c);
      i++;
    } else if (c === Ch.Plus || c === Ch.Minus || c === Ch.Star || c === Ch.Slash || c === Ch.Caret || c === Ch.Percent || c === Ch.Comma) {
      out += String.fromCharCode(c);
      i++;
    } else {
      const what = isQuoteCode(c) ? 'a string' : `'${String.fromCodePoint(text.codePointAt(i) ?? c)}'`;
      return notNumeric(`expected a number, found ${what}`, i);
    }
  }
  return out;
}

function isQuoteCode(c: number): boolean {
  return c === Ch.Quote || c === Ch.Apostrophe || c === Ch.Backtick;
}

/** End of the number starting at `i` (digits, underscores, one dot, an exponent). */
function scanNumber(text: string, i: number, end: number): number {
  let j = i;
  const digitsOrUnderscore = () => {
    while (j < end) {
      const d = normalizeCode(text.charCodeAt(j));
      if (!isDigit(d) && d !== Ch.Underscore) break;
      j++;
    }
  };
  digitsOrUnderscore();
  if (j < end && normalizeCode(text.charCodeAt(j)) === Ch.Dot) {
    j++;
    digitsOrUnderscore();
  }
  const e = normalizeCode(text.charCodeAt(j));
  if (j < end && (e === Ch.LowerE || e === Ch.UpperE)) {
    let k = j + 1;
    const sign = normalizeCode(text.charCodeAt(k));
    if (sign === Ch.Plus || sign === Ch.Minus) k++;
    if (k < end && isDigit(normalizeCode(text.charCodeAt(k)))) {
      j = k;
      digitsOrUnderscore();
    }
  }
  return j;
}

/** The mathjs spelling of an allowed name (`np.arcsin` → `asin`), or undefined. */
function mathjsName(text: string, start: number, end: number): string | undefined {
  const chain = text.slice(start, end);
  const dot = chain.lastIndexOf('.');
  const module = dot < 0 ? undefined : chain.slice(0, dot);
  const name = dot < 0 ? chain : chain.slice(dot + 1);
  return module === undefined || MODULES.has(module) ? NAMES.get(name) : undefined;
}
