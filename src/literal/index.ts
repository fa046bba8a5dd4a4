/**
 * Tensor literals in editor text: Python lists and tuples, NumPy/PyTorch/TensorFlow/JAX/tfjs
 * constructor calls, JavaScript arrays, JSON, MATLAB/mathjs rows and NumPy's printed arrays,
 * into a shape and a Float64Array with source ranges. Bad input throws (or, for hovers,
 * returns) an InputError with the line and column of the offending character.
 */
import { InputError, locate } from '../errors';
import type { Tensor } from '../tensor';
import { findLiteralsIn, literalAtIn } from './document';
import { formatTensor } from './format';
import { parseStrict } from './strict';
import { type ParsedLiteral, type ParseOptions, scanOptions } from './types';
import type { ElementProbe } from './array';

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

/**
 * Offset in `text` where element `flatIndex` (row-major, as the engine counts) of the literal
 * starts; undefined when `text` is not one literal or has no such element. A scalar that fills
 * a `shape=` is where each of its elements starts. Parses `text` again, so it is for error
 * paths, not loops.
 */
export function elementOffset(text: string, flatIndex: number, options?: ParseOptions): number | undefined {
  if (!Number.isInteger(flatIndex) || flatIndex < 0) return undefined;
  const probe: ElementProbe = { index: flatIndex, offset: -1 };
  let literal: ParsedLiteral;
  try {
    literal = parseStrict(text, { ...scanOptions(options), probe });
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  return probe.offset >= 0 && flatIndex < literal.tensor.data.length ? probe.offset : undefined;
}

/**
 * `error` with a location in `text`, the literal its input was read from: the element it names
 * (InputError.element), else the start of the literal. Engine errors come without one; an error
 * that has a location, or text that is not one literal, is returned as it is.
 */
export function locateInputError(error: InputError, text: string, options?: ParseOptions): InputError {
  if (error.location) return error;
  let offset = error.element === undefined ? undefined : elementOffset(text, error.element, options);
  if (offset === undefined) {
    try {
      offset = parseLiteral(text, options).start;
    } catch (parseError) {
      if (parseError instanceof InputError) return error;
      throw parseError;
    }
  }
  return new InputError(error.message, locate(text, offset), error.input, error.element, error.argument, error.related);
}
