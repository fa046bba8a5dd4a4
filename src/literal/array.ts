/**
 * The bracket-group scanner: one pass over char codes from an opening `[` or `(` to its
 * partner, writing values straight into a growable Float64Array and checking the shape as
 * groups close. Nesting is tracked with explicit stacks (no recursion), so depth is limited
 * by `maxDepth`, never by the call stack.
 *
 * Element separators: `,` (Python, JS, JSON), whitespace (NumPy's printed arrays, MATLAB:
 * `[1 -2]` is two elements there, `[1 - 2]` one), and `;` between rows of the outermost
 * group (MATLAB, mathjs). A group that has a comma anywhere at its level uses Python rules,
 * so `[1 -2, 3]` is `[-1, 3]`.
 */
import * as chars from './chars';
import { elementValue, type ElementOptions, MAX_NUMBER_LENGTH } from './element';
import { LiteralFailure, malformed, notNumeric, tooDeep } from './failure';

// Bound once: compiled file by file (tsx), each use of an imported name is a getter call.
const { isIdentifierStart, isQuote, normalizeCode, normalizedSlice, skipComment, skipString, skipTrivia } = chars;

export interface ScanOptions extends ElementOptions {
  readonly maxElements: number;
  /** When set, the scanner records where the element with this row-major index starts. */
  readonly probe?: ElementProbe;
}

/** Asks a scan for the source offset of one element (elementOffset); -1 until it is seen. */
export interface ElementProbe {
  readonly index: number;
  offset: number;
}

export interface ScannedArray {
  readonly start: number;
  /** Exclusive: just past the closing bracket. */
  readonly end: number;
  readonly shape: number[];
  readonly data: Float64Array;
  readonly integral: boolean;
}

/** Exact powers of ten: a ≤15-digit integer times or over one of these is correctly rounded. */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

// Character codes as module constants: this is the hot loop, and a const enum imported from
// another module is a property read per use when files are compiled one by one (tsx).
const CARET = 94;
const CARRIAGE_RETURN = 13;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const CLOSE_PAREN = 41;
const COMMA = 44;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;
const HASH = 35;
const LINE_FEED = 10;
const LOWER_E = 101;
const MINUS = 45;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const OPEN_PAREN = 40;
const PERCENT = 37;
const PLUS = 43;
const SEMICOLON = 59;
const SLASH = 47;
const SPACE = 32;
const STAR = 42;
const TAB = 9;
const UPPER_E = 69;

const HAS_COMMA = 1;
const SPACED = 2;
const LOOKED_AHEAD = 4;
const COMMA_AHEAD = 8;
const SEMICOLON_ROWS = 16;
const SEMICOLON_LIST = 32;

/**
 * Parses the group opening at `open` (`[` or `(`, or their full-width forms). Failures are
 * returned, not thrown: scanning a file meets many groups that are not literals, and a
 * throw costs microseconds (Node captures a stack for uncaught-exception reports).
 */
export function scanArray(text: string, open: number, options: ScanOptions): ScannedArray | LiteralFailure {
  return new ArrayScanner(text, options).scan(open);
}

/**
 * The single element starting at `start` that ends at a `,` or `)` (a wrapper call's rank-0
 * argument, as in `torch.tensor(3)`).
 */
export function scanScalar(text: string, start: number, options: ScanOptions): { value: number; end: number } | LiteralFailure {
  const scanner = new ArrayScanner(text, options);
  const end = scanner.elementEnd(start, -1);
  if (end < 0) return scanner.recordedFailure();
  const value = elementValue(text, start, trimEnd(text, start, end), options);
  return typeof value === 'number' ? { value, end } : value;
}

/**
 * Whether the group whose contents start at `from` has a comma at its own level before it
 * closes (or before a `;`). Decides tuple-or-parenthesised for `(` and Python-or-MATLAB
 * rules for a sign after a space.
 */
export function commaAhead(text: string, from: number, maxDepth: number): boolean {
  const n = text.length;
  let depth = 0;
  let i = from;
  while (i < n) {
    const c = codeAt(text, i);
    if (isQuote(c)) {
      i = skipString(text, i);
      continue;
    }
    if (c === HASH || c === SLASH) {
      const after = skipComment(text, i);
      if (after >= 0) {
        i = after;
        continue;
      }
    }
    if (c === OPEN_BRACKET || c === OPEN_PAREN || c === OPEN_BRACE) {
      if (++depth > maxDepth) return false;
    } else if (isCloser(c)) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && (c === COMMA || c === SEMICOLON)) {
      return c === COMMA;
    }
    i++;
  }
  return false;
}

function codeAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? code : normalizeCode(code);
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

function isWhitespace(code: number): boolean {
  return code === SPACE || (code >= TAB && code <= CARRIAGE_RETURN);
}

function isCloser(code: number): boolean {
  return code === CLOSE_BRACKET || code === CLOSE_PAREN || code === CLOSE_BRACE;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isWhitespace(codeAt(text, e - 1))) e--;
  return e;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

class ArrayScanner {
  private values = new Float64Array(16);
  private count = 0;
  private integral = true;
  /** Size of the groups at each depth, -1 until the first one closes. */
  private readonly dims: number[] = [];
  /** Depth of the groups that hold numbers, -1 until the first number. */
  private leafDepth = -1;
  private deepestOpened = 0;
  private readonly openAt: number[] = [];
  private readonly closer: number[] = [];
  private readonly children: number[] = [];
  private readonly flags: number[] = [];
  private top = -1;
  /** MATLAB rows in the outermost group: `[1 2; 3 4]`. */
  private semicolonColumns = 0;
  private semicolonRows = 0;
  private rowStart = -1;
  private fastValue = 0;
  /** Set when a helper that returns a position (-1) fails. */
  private failure: LiteralFailure | undefined;
  /** Row-major index whose start offset goes into `options.probe`; -1 for none. */
  private readonly probeIndex: number;
  private open = 0;

  constructor(
    private readonly text: string,
    private readonly options: ScanOptions,
  ) {
    this.probeIndex = options.probe ? options.probe.index : -1;
  }

  recordedFailure(): LiteralFailure {
    return this.failure!;
  }

  scan(open: number): ScannedArray | LiteralFailure {
    this.open = open;
    const text = this.text;
    const n = text.length;
    const tooDeepAtOpen = this.push(open);
    if (tooDeepAtOpen) return tooDeepAtOpen;
    let pos = open + 1;
    let expecting = true;
    for (;;) {
      let c = codeAt(text, pos);
      let spaced = false;
      while (pos < n) {
        if (c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB || c === 11 || c === 12) {
          pos++;
        } else if (c === HASH || c === SLASH) {
          const after = skipComment(text, pos);
          if (after < 0) break;
          pos = after;
        } else {
          break;
        }
        spaced = true;
        c = codeAt(text, pos);
      }
      const depth = this.top;
      if (pos >= n) {
        const unclosed = this.openAt[depth];
        return malformed(`'${text[unclosed]}' is never closed`, unclosed);
      }

      if (c === CLOSE_BRACKET || c === CLOSE_PAREN || c === CLOSE_BRACE) {
        if (c !== this.closer[depth]) {
          return malformed(`'${text[pos]}' does not match the '${text[this.openAt[depth]]}' at {related}`, pos, this.openAt[depth]);
        }
        if (depth === 0) return this.finish(open, pos + 1);
        const ragged = this.close(depth);
        if (ragged) return ragged;
        pos++;
        expecting = false;
        continue;
      }
      if (c === COMMA) {
        if (expecting) return malformed(`unexpected ','`, pos);
        const flags = this.flags[depth];
        if (flags & (SPACED | SEMICOLON_LIST)) {
          return malformed(`',' mixed with ${flags & SPACED ? 'space' : "';'"}-separated elements`, pos);
        }
        this.flags[depth] = flags | HAS_COMMA;
        pos++;
        expecting = true;
        continue;
      }
      if (c === SEMICOLON) {
        if (expecting || depth !== 0) {
          return malformed(depth !== 0 ? `';' separates rows only in the outermost brackets` : `unexpected ';'`, pos);
        }
        const mixed = this.semicolon(pos);
        if (mixed) return mixed;
        pos++;
        expecting = true;
        continue;
      }
      if (!expecting) {
        if (!spaced || !startsElement(c, codeAt(text, pos + 1)) || this.commaMode(depth, pos)) {
          return malformed(`expected ',' or '${String.fromCharCode(this.closer[depth])}', found '${text[pos]}'`, pos);
        }
        this.flags[depth] |= SPACED;
      }

      this.children[depth]++;
      if (depth === 0 && this.rowStart < 0) this.rowStart = pos;
      if (c === OPEN_BRACKET || (c === OPEN_PAREN && commaAhead(text, pos + 1, this.options.maxDepth))) {
        if (this.leafDepth >= 0 && depth >= this.leafDepth) return malformed('expected a number, found a list', pos);
        const nestedTooDeep = this.push(pos);
        if (nestedTooDeep) return nestedTooDeep;
        pos++;
        expecting = true;
        continue;
      }
      if (this.leafDepth !== depth) {
        if (this.leafDepth >= 0 || this.deepestOpened > depth) return malformed('expected a list, found a number', pos);
        this.leafDepth = depth;
      }
      const elementStart = pos;
      const fastEnd = this.fastNumber(pos, depth);
      let value: number | LiteralFailure;
      if (fastEnd >= 0) {
        value = this.fastValue;
        pos = fastEnd;
      } else {
        if (this.failure) return this.failure;
        const end = this.elementEnd(pos, depth);
        if (end < 0) return this.recordedFailure();
        value = elementValue(text, pos, trimEnd(text, pos, end), this.options);
        if (typeof value !== 'number') return value;
        pos = end;
      }
      const full = this.append(value, elementStart);
      if (full) return full;
      expecting = false;
    }
  }

  private push(open: number): LiteralFailure | undefined {
    const depth = ++this.top;
    if (depth >= this.options.maxDepth) return tooDeep(`brackets nested deeper than ${this.options.maxDepth} levels`, open);
    if (depth > this.deepestOpened) this.deepestOpened = depth;
    this.openAt[depth] = open;
    this.closer[depth] = codeAt(this.text, open) === OPEN_PAREN ? CLOSE_PAREN : CLOSE_BRACKET;
    this.children[depth] = 0;
    this.flags[depth] = 0;
    if (this.dims.length <= depth) this.dims.push(-1);
    return undefined;
  }

  private close(depth: number): LiteralFailure | undefined {
    const count = this.children[depth];
    const expected = this.dims[depth];
    if (expected < 0) {
      this.dims[depth] = count;
    } else if (count !== expected) {
      const row = this.children[depth - 1];
      const block = depth > 1 ? ` of block ${this.children.slice(0, depth - 1).join(', ')}` : '';
      return malformed(`row ${row}${block} has ${plural(count, 'element')}, expected ${expected}`, this.openAt[depth]);
    }
    this.top--;
    return undefined;
  }

  private semicolon(at: number): LiteralFailure | undefined {
    const flags = this.flags[0];
    if (this.deepestOpened > 0) {
      // [[1, 2]; [3, 4]]: between lists a semicolon is just a separator.
      if (flags & (HAS_COMMA | SPACED)) return malformed(`';' mixed with ${flags & SPACED ? 'space' : "','"}-separated lists`, at);
      this.flags[0] = flags | SEMICOLON_LIST;
      return undefined;
    }
    const columns = this.children[0];
    if (flags & SEMICOLON_ROWS) {
      const ragged = this.checkRow(columns);
      if (ragged) return ragged;
    } else {
      this.semicolonColumns = columns;
    }
    this.semicolonRows++;
    this.children[0] = 0;
    this.flags[0] = SEMICOLON_ROWS;
    this.rowStart = -1;
    return undefined;
  }

  private checkRow(columns: number): LiteralFailure | undefined {
    if (columns !== this.semicolonColumns) {
      return malformed(`row ${this.semicolonRows + 1} has ${plural(columns, 'element')}, expected ${this.semicolonColumns}`, this.rowStart);
    }
    return undefined;
  }

  private finish(open: number, end: number): ScannedArray | LiteralFailure {
    let shape: number[];
    if (this.flags[0] & SEMICOLON_ROWS) {
      if (this.children[0] > 0) {
        const ragged = this.checkRow(this.children[0]);
        if (ragged) return ragged;
        this.semicolonRows++;
      }
      shape = [this.semicolonRows, this.semicolonColumns];
    } else {
      this.dims[0] = this.children[0];
      shape = this.dims.slice(0, this.leafDepth + 1);
    }
    if (this.leafDepth < 0 || this.count === 0) {
      return notNumeric(`empty tensor: ${this.text.slice(open, end).replace(/\s+/g, '')} holds no numbers`, open);
    }
    // A buffer within a sixteenth of the count is kept as a view: copying it would hold both at once.
    const spare = this.values.length - this.count;
    const data = spare <= this.values.length / 16 ? this.values.subarray(0, this.count) : this.values.slice(0, this.count);
    return { start: open, end, shape, data, integral: this.integral };
  }

  /**
   * Doubling, unless the rest of the text at the characters per element seen so far ends the
   * literal sooner: a literal that is the whole text (a CLI @file, a selection) then gets a
   * buffer just above its size, which finish() keeps without a copy. Never less than ×1.25, so
   * a poor estimate still grows geometrically.
   */
  private nextCapacity(at: number): number {
    const count = this.count;
    const perElement = (at - this.open) / count;
    const estimate = count + Math.ceil(((this.text.length - at) / perElement) * 1.02) + 16;
    return Math.max(Math.ceil(count * 1.25), Math.min(count * 2, estimate));
  }

  private append(value: number, at: number): LiteralFailure | undefined {
    if (this.count === this.values.length) {
      if (this.count >= this.options.maxElements) {
        return malformed(`more than ${this.options.maxElements} elements`, at);
      }
      const grown = new Float64Array(Math.min(this.nextCapacity(at), Math.max(this.options.maxElements, 16)));
      grown.set(this.values);
      this.values = grown;
    }
    if (this.count === this.probeIndex) this.options.probe!.offset = at;
    this.values[this.count++] = value;
    if (this.integral && !Number.isInteger(value)) this.integral = false;
    return undefined;
  }

  /**
   * Whether the group at `depth` separates elements with commas (Python rules) rather
   * than spaces (NumPy printout, MATLAB). Looked up once per group.
   */
  private commaMode(depth: number, from: number): boolean {
    if (depth < 0) return true;
    const flags = this.flags[depth];
    if (flags & HAS_COMMA) return true;
    if (flags & SPACED) return false;
    if (!(flags & LOOKED_AHEAD)) {
      const ahead = commaAhead(this.text, from, this.options.maxDepth);
      this.flags[depth] = flags | LOOKED_AHEAD | (ahead ? COMMA_AHEAD : 0);
      return ahead;
    }
    return (flags & COMMA_AHEAD) !== 0;
  }

  /**
   * A plain decimal number at `start` that ends the element: sets `fastValue` and returns
   * its end, or -1 to leave the element to the general path (or, with `failure` set,
   * because the token is absurdly long). Up to 15 digits with a
   * decimal exponent within ±22, the value is an exact integer times or over an exact power
   * of ten, so one IEEE operation rounds it correctly (Clinger's fast path, as in every
   * correct strtod); otherwise Number() converts the token.
   */
  private fastNumber(start: number, depth: number): number {
    const text = this.text;
    let i = start;
    let c = codeAt(text, i);
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = codeAt(text, ++i);
    }
    let mantissa = 0;
    let digits = 0;
    while (c >= DIGIT_0 && c <= DIGIT_9) {
      mantissa = mantissa * 10 + (c - DIGIT_0);
      digits++;
      c = codeAt(text, ++i);
    }
    let fractionDigits = 0;
    if (c === DOT) {
      c = codeAt(text, ++i);
      while (c >= DIGIT_0 && c <= DIGIT_9) {
        mantissa = mantissa * 10 + (c - DIGIT_0);
        fractionDigits++;
        c = codeAt(text, ++i);
      }
    }
    if (digits + fractionDigits === 0) return -1;
    let exponent = 0;
    if (c === LOWER_E || c === UPPER_E) {
      let j = i + 1;
      let e = codeAt(text, j);
      let negativeExponent = false;
      if (e === MINUS || e === PLUS) {
        negativeExponent = e === MINUS;
        e = codeAt(text, ++j);
      }
      if (!(e >= DIGIT_0 && e <= DIGIT_9)) return -1;
      while (e >= DIGIT_0 && e <= DIGIT_9) {
        if (exponent < 1e8) exponent = exponent * 10 + (e - DIGIT_0);
        e = codeAt(text, ++j);
      }
      if (negativeExponent) exponent = -exponent;
      i = j;
      c = e;
    }
    if (!this.endsElement(c, i, depth)) return -1;
    if (i - start > MAX_NUMBER_LENGTH) {
      this.failure = malformed(`number is ${i - start} characters long; the limit is ${MAX_NUMBER_LENGTH}`, start);
      return -1;
    }
    const scale = exponent - fractionDigits;
    let value: number;
    if (digits + fractionDigits <= 15 && scale >= -22 && scale <= 22) {
      value = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
      if (negative) value = -value;
    } else {
      value = Number(normalizedSlice(text, start, i));
    }
    this.fastValue = value;
    return i;
  }

  /** Whether a number followed by `c` at `at` is a whole element (not the start of arithmetic). */
  private endsElement(c: number, at: number, depth: number): boolean {
    if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_PAREN || c === SEMICOLON) return true;
    if (!isWhitespace(c) && c !== HASH && c !== SLASH) return false;
    const next = skipTrivia(this.text, at);
    const u = codeAt(this.text, next);
    if (next >= this.text.length || u === COMMA || isCloser(u) || u === SEMICOLON) return true;
    if (u === STAR || u === SLASH || u === CARET || u === PERCENT) return false;
    if (u === PLUS || u === MINUS) {
      if (next === at || isWhitespace(codeAt(this.text, next + 1))) return false;
      return !this.commaMode(depth, next);
    }
    return true;
  }

  /**
   * End of a general element starting at `start`: up to a `,`, `;` or closing bracket
   * outside parentheses, or, in a space-separated group, up to a space that starts the
   * next element. `depth` -1 means a wrapper argument (comma rules). Returns -1 with
   * `failure` set when parentheses nest too deep.
   */
  elementEnd(start: number, depth: number): number {
    const text = this.text;
    const n = text.length;
    let parens = 0;
    let afterOperand = false;
    let i = start;
    while (i < n) {
      const c = codeAt(text, i);
      if (isQuote(c)) {
        i = skipString(text, i);
        afterOperand = true;
        continue;
      }
      if (c === OPEN_PAREN) {
        if (++parens > this.options.maxDepth) {
          this.failure = tooDeep(`parentheses nested deeper than ${this.options.maxDepth} levels`, i);
          return -1;
        }
        afterOperand = false;
      } else if (c === CLOSE_PAREN) {
        if (parens === 0) return i;
        parens--;
        afterOperand = true;
      } else if (c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE) {
        return i;
      } else if (c === COMMA || c === SEMICOLON) {
        if (parens === 0) return i;
      } else if (c === HASH || (c === SLASH && skipComment(text, i) >= 0)) {
        if (parens === 0) return i;
        i = skipComment(text, i);
        continue;
      } else if (isWhitespace(c)) {
        if (parens === 0 && afterOperand && !this.commaMode(depth, i)) {
          let next = i + 1;
          while (next < n && isWhitespace(codeAt(text, next))) next++;
          if (startsElement(codeAt(text, next), codeAt(text, next + 1))) return i;
        }
      } else {
        afterOperand = c !== PLUS && c !== MINUS && c !== STAR && c !== SLASH && c !== CARET && c !== PERCENT;
      }
      i++;
    }
    return i;
  }
}

/** In a space-separated group, whether `c` (followed by `next`) begins a new element. */
function startsElement(c: number, next: number): boolean {
  if (isDigit(c) || c === DOT || isIdentifierStart(c) || c === OPEN_BRACKET || c === OPEN_PAREN) return true;
  return (c === PLUS || c === MINUS) && !isWhitespace(next);
}
