/**
 * Tensor literals in editor text: Python lists and tuples, NumPy/PyTorch/TensorFlow/JAX/tfjs
 * constructor calls, JavaScript arrays, JSON, MATLAB/mathjs rows and NumPy's printed arrays,
 * into a shape and a Float64Array with source ranges. Bad input throws (or, for hovers,
 * returns) an InputError with the line and column of the offending character.
 */
import type { InputError } from '../errors';
import type { Tensor } from '../tensor';
import { findLiteralsIn, literalAtIn } from './document';
import { formatTensor } from './format';
import { parseStrict } from './strict';
import { type ParsedLiteral, type ParseOptions, scanOptions } from './types';

export type { ParsedLiteral, ParseOptions } from './types';

/** `text` is one literal (with an optional `name = ` prefix, wrapper, trailing `;` or comment). Throws InputError. */
export function parseLiteral(text: string, options?: ParseOptions): ParsedLiteral {
  return parseStrict(text, scanOptions(options));
}

/** All outermost numeric literals in document order; code, strings, comments and subscripts are skipped. */
export function findLiterals(text: string, options?: ParseOptions): ParsedLiteral[] {
  return findLiteralsIn(text, scanOptions(options));
}

/**
 * Like findLiterals, and also the groups that look like numeric literals but are malformed,
 * as InputErrors with their locations: what a user selected should not be dropped silently.
 */
export function scanLiterals(text: string, options?: ParseOptions): { literals: ParsedLiteral[]; problems: InputError[] } {
  const problems: InputError[] = [];
  const literals = findLiteralsIn(text, scanOptions(options), problems);
  return { literals, problems };
}

/**
 * The outermost literal whose range contains `offset`; an InputError when the bracket group
 * there is a numeric literal with a mistake (ragged rows, unclosed...); undefined when
 * nothing numeric is there. Only the groups around the offset are parsed.
 */
export function literalAt(text: string, offset: number, options?: ParseOptions): ParsedLiteral | InputError | undefined {
  return literalAtIn(text, offset, scanOptions(options));
}

/** Text that parseLiteral reads back to the same tensor, bit for bit. */
export function formatLiteral(t: Tensor, style: 'python' | 'json' = 'python'): string {
  return formatTensor(t, style);
}
