/**
 * Character classes shared by the literal scanners. Everything works on UTF-16 code units;
 * characters that people paste from PDFs or type with a CJK input method (U+2212 minus,
 * full-width digits, signs and brackets) are mapped to their ASCII twins one unit for one,
 * so offsets never shift.
 */

export enum Ch {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Apostrophe = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  UpperA = 65,
  UpperE = 69,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerE = 101,
  LowerZ = 122,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** The ASCII code a pasted look-alike stands for, or the code itself. */
export function normalizeCode(code: number): number {
  if (code < 128) return code;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10 + Ch.Digit0;
  switch (code) {
    case 0x2212: // MINUS SIGN
    case 0xff0d: // FULLWIDTH HYPHEN-MINUS
      return Ch.Minus;
    case 0xff0b:
      return Ch.Plus;
    case 0xff0e:
      return Ch.Dot;
    case 0xff0c: // FULLWIDTH COMMA
    case 0x3001: // IDEOGRAPHIC COMMA
      return Ch.Comma;
    case 0xff1b:
      return Ch.Semicolon;
    case 0xff3b:
      return Ch.OpenBracket;
    case 0xff3d:
      return Ch.CloseBracket;
    case 0xff08:
      return Ch.OpenParen;
    case 0xff09:
      return Ch.CloseParen;
    case 0xff45:
      return Ch.LowerE;
    case 0xff25:
      return Ch.UpperE;
    default:
      return isUnicodeSpace(code) ? Ch.Space : code;
  }
}

function isUnicodeSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200a)
  );
}

/** Normalised code at `index`, NaN past the end. */
export function codeAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? code : normalizeCode(code);
}

/** `text.slice(start, end)` with look-alikes replaced by ASCII. */
export function normalizedSlice(text: string, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.slice(start, end);
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(normalizeCode(text.charCodeAt(i)));
  return out;
}

export function isDigit(code: number): boolean {
  return code >= Ch.Digit0 && code <= Ch.Digit9;
}

export function isWhitespace(code: number): boolean {
  return code === Ch.Space || (code >= Ch.Tab && code <= Ch.CarriageReturn);
}

export function isIdentifierStart(code: number): boolean {
  return (code >= Ch.LowerA && code <= Ch.LowerZ) || (code >= Ch.UpperA && code <= Ch.UpperZ) || code === Ch.Underscore || code === Ch.Dollar;
}

export function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code);
}

export function isOpener(code: number): boolean {
  return code === Ch.OpenBracket || code === Ch.OpenParen || code === Ch.OpenBrace;
}

export function isCloser(code: number): boolean {
  return code === Ch.CloseBracket || code === Ch.CloseParen || code === Ch.CloseBrace;
}

export function closerFor(open: number): number {
  return open === Ch.OpenBracket ? Ch.CloseBracket : open === Ch.OpenParen ? Ch.CloseParen : Ch.CloseBrace;
}

/**
 * `"` or `'`. Backticks are not string quotes here: in Markdown they mark the code people
 * put literals in, and a literal inside a JS template string is no harm to find.
 */
export function isQuote(code: number): boolean {
  return code === Ch.Quote || code === Ch.Apostrophe;
}

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/**
 * Whether the quote at `index` opens a string. An apostrophe right after a word is prose
 * (`the model's logits`), unless the word is a Python string prefix (`f'...'`, `rb'...'`).
 */
export function opensString(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  if (c === Ch.Quote) return true;
  if (c !== Ch.Apostrophe) return false;
  let start = index;
  while (start > 0 && isIdentifierPart(text.charCodeAt(start - 1)) && index - start < 3) start--;
  if (start === index) return true;
  return STRING_PREFIX.test(text.slice(start, index)) && !(start > 0 && isIdentifierPart(text.charCodeAt(start - 1)));
}

/**
 * End of the string literal starting at `start` (a quote). Handles escapes and Python triple
 * quotes; a single-quoted string that reaches a line break ends there, so one stray quote
 * cannot swallow the rest of a file.
 */
export function skipString(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const n = text.length;
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  if (triple) {
    const end = text.indexOf(String.fromCharCode(quote, quote, quote), start + 3);
    return end < 0 ? n : end + 3;
  }
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.Backslash) i += 2;
    else if (c === quote) return i + 1;
    else if (c === Ch.LineFeed || c === Ch.CarriageReturn) return i;
    else i++;
  }
  return n;
}

/** If a comment starts at `index` (`#`, `//`, `/*`), the index after it; otherwise -1. */
export function skipComment(text: string, index: number): number {
  const c = text.charCodeAt(index);
  if (c === Ch.Hash) return lineEnd(text, index);
  if (c !== Ch.Slash) return -1;
  const next = text.charCodeAt(index + 1);
  // `://` is a URL in prose or a string-less file, not a comment.
  if (next === Ch.Slash) return text.charCodeAt(index - 1) === Ch.Colon ? -1 : lineEnd(text, index);
  if (next === Ch.Star) {
    const end = text.indexOf('*/', index + 2);
    return end < 0 ? text.length : end + 2;
  }
  return -1;
}

function lineEnd(text: string, index: number): number {
  const n = text.length;
  let i = index;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.LineFeed || c === Ch.CarriageReturn) return i;
    i++;
  }
  return n;
}

/** Index of the first character at or after `index` that is neither whitespace nor comment. */
export function skipTrivia(text: string, index: number): number {
  const n = text.length;
  let i = index;
  while (i < n) {
    const c = codeAt(text, i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const after = skipComment(text, i);
    if (after < 0) return i;
    i = after;
  }
  return n;
}
