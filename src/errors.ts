/**
 * The one error type user input produces. Every surface catches it and shows `message` with
 * the location; anything else escaping the engine or parser is a bug.
 */
export interface SourceLocation {
  /** 1-based line in the text that was parsed. */
  readonly line: number;
  /** 1-based column (UTF-16 code units, as editors count). */
  readonly column: number;
  /** 0-based offset into the text. */
  readonly offset: number;
}

/**
 * A second place a message names (the opening bracket a closer does not match), kept as data so
 * that a surface which counts lines from elsewhere (a selection inside a document) can name it in
 * its own terms: the message is `before` + the place (`placeText`) + `after`.
 */
export interface RelatedPlace {
  readonly location: SourceLocation;
  readonly before: string;
  readonly after: string;
}

/** How messages name a place: `line 2, column 5`. */
export function placeText(line: number, column: number): string {
  return `line ${line}, column ${column}`;
}

/** The message of `related` with its place at `line`, `column`. */
export function relatedMessage(related: RelatedPlace, line = related.location.line, column = related.location.column): string {
  return `${related.before}${placeText(line, column)}${related.after}`;
}

export type InputName = 'logits' | 'labels' | 'p' | 'q' | 'outcomes' | 'weights' | 'theta' | 'smoothing' | 'options' | 'arguments';

/** Marks every InputError, whichever copy of this module built it (see `Symbol.hasInstance` below). */
const INPUT_ERROR_BRAND = Symbol.for('loss-lens.InputError');

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly [INPUT_ERROR_BRAND] = true;

  /**
   * The call catalogue loads from its own bundle (dist/lazy-catalogue.js, scripts/build.mjs), which
   * has its own copy of this class, so `instanceof` goes by the brand, a registered symbol that
   * every copy shares, rather than by the prototype.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [INPUT_ERROR_BRAND]?: unknown })[INPUT_ERROR_BRAND] === true;
  }

  constructor(
    message: string,
    readonly location?: SourceLocation,
    readonly input?: InputName,
    /**
     * Row-major index of the offending element in the `input` tensor, when the error is about
     * one element. Engine errors have no source text; surfaces turn this into a location with
     * `locateInputError` (src/literal).
     */
    readonly element?: number,
    /**
     * The framework parameter or option at fault, by its own name (`label_smoothing`,
     * `pos_weight`, `--class-weights`), so a surface can point at what the user wrote for it.
     */
    readonly argument?: string,
    /** A second place the message names, when it names one. */
    readonly related?: RelatedPlace,
  ) {
    super(message);
  }
}

/** Line and column of `offset` in `text`; CRLF counts as one line break. */
export function locate(text: string, offset: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1, offset: end };
}
