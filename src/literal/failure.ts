import { InputError, locate, relatedMessage, type RelatedPlace } from '../errors';

/**
 * Why a bracket group is not a literal:
 * - `not-numeric`: it is ordinary code or data (`[x, y]`, `["a"]`, `[]`); scanners skip it quietly.
 * - `malformed`: it looks like a numeric literal with a mistake (ragged rows, a stray comma,
 *   an unclosed bracket, too deep, too big); hovers show it.
 */
export type FailureKind = 'not-numeric' | 'malformed';

/**
 * Internal parse failure. It is thrown across the scanner's frames but is not an Error, so
 * no stack trace is captured, and its line/column is only computed when it becomes an
 * InputError: scanning a whole file meets many non-literals and must stay linear.
 */
export class LiteralFailure {
  constructor(
    readonly kind: FailureKind,
    readonly message: string,
    readonly offset: number,
    /** Another offset the message refers to as `{related}` (e.g. the bracket being closed). */
    readonly related?: number,
    /** Set when nesting went too deep: scanning for literals resumes here, not one char on. */
    readonly resumeAt?: number,
  ) {}

  toInputError(text: string): InputError {
    if (this.related === undefined) return new InputError(this.message, locate(text, this.offset));
    const [before, after = ''] = this.message.split(RELATED_PLACEHOLDER);
    const related: RelatedPlace = { location: locate(text, this.related), before, after };
    return new InputError(relatedMessage(related), locate(text, this.offset), undefined, undefined, undefined, related);
  }
}

/** Where a failure's message names its `related` offset. */
export const RELATED_PLACEHOLDER = '{related}';

export function tooDeep(message: string, offset: number): LiteralFailure {
  return new LiteralFailure('malformed', message, offset, undefined, offset);
}

export function notNumeric(message: string, offset: number): LiteralFailure {
  return new LiteralFailure('not-numeric', message, offset);
}

export function malformed(message: string, offset: number, related?: number): LiteralFailure {
  return new LiteralFailure('malformed', message, offset, related);
}

/** A short, single-line quote of user text for messages. */
export function quote(text: string, start: number, end: number): string {
  const raw = text.slice(start, Math.min(end, start + 40)).replace(/\s+/g, ' ');
  return `'${raw}${end - start > 40 ? '…' : ''}'`;
}
