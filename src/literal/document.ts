/**
 * Literals inside a whole document: every outermost one (findLiterals) or the one around an
 * offset (literalAt). String literals and comments are skipped; `[` right after a name, `)`,
 * `]`, `}` or a quote is a subscript or annotation (`x[0]`, `d["k"]`, `list[int]`) and is
 * skipped whole; `(` right after a name is a call, looked into but not a literal itself
 * unless the name is a tensor constructor. A parenthesised tuple counts only inside a list
 * or a constructor call, or as the value of a statement-level assignment
 * (`probs = (0.2, 0.8)`), so shape arguments like `np.zeros((2, 3))` are not reported.
 */
import { InputError } from '../errors';
import { commaAhead, type ScanOptions, scanArray } from './array';
import * as chars from './chars';
import { mayStartNumber } from './element';
import { LiteralFailure } from './failure';
import { type ParsedLiteral, toParsedLiteral } from './types';
import { calleeEnd, isConstructorName, MAX_NESTED_CALLS, scanWrapper, type WrappedArray } from './wrapper';

// Bound once: compiled file by file (tsx), each use of an imported name is a getter call,
// which costs more than the work in these per-character loops.
const { Ch, codeAt, isIdentifierPart, isIdentifierStart, isQuote, isWhitespace, opensString, skipComment, skipString, skipTrivia } = chars;

interface Assignment {
  readonly name?: string;
  /** `name = ...` as a statement of its own (not a keyword argument or a key). */
  readonly statement: boolean;
}

const ASSIGNMENT = /(?:^|[^\w$.])((?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*))\s*(?::[^=;]*)?:?=$/d;
const STATEMENT_START = /(?:^\s*(?:(?:export\s+)?(?:const|let|var|val|final|static)\s+)?|;\s*)$/;
const QUOTED_KEY = /["']([^"'\\\n]{1,100})["']\s*:$/;
const BARE_KEY = /(?:^|[{,\s])([A-Za-z_$][\w$]*)\s*:$/;
const NOT_KEYS = new Set(['lambda', 'else', 'try', 'finally', 'default', 'case', 'do']);

/** The name a literal starting at `start` is assigned to: `x = `, `x: T = `, `"x": `, `x: `, `f(x=`. */
export function assignmentBefore(text: string, start: number): Assignment {
  let end = start;
  while (end > 0 && isWhitespace(codeAt(text, end - 1))) end--;
  // The rest of the line before the literal, at most 160 characters of it.
  let lineStart = end;
  while (lineStart > 0 && end - lineStart < 160) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === Ch.LineFeed || c === Ch.CarriageReturn) break;
    lineStart--;
  }
  let line = text.slice(lineStart, end).trimEnd();
  // `x = /* note */ [...]`
  while (line.endsWith('*/') && line.includes('/*')) line = line.slice(0, line.lastIndexOf('/*')).trimEnd();
  const last = line.charCodeAt(line.length - 1);
  if (last === Ch.Equals) {
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment?.indices) return { statement: false };
    const chainStart = assignment.indices[1][0];
    return { name: assignment[2], statement: STATEMENT_START.test(line.slice(0, chainStart)) };
  }
  if (last === Ch.Colon) {
    const key = QUOTED_KEY.exec(line)?.[1] ?? BARE_KEY.exec(line)?.[1];
    return key !== undefined && !NOT_KEYS.has(key) ? { name: key, statement: false } : { statement: false };
  }
  return { statement: false };
}

function isSubscriptTarget(code: number): boolean {
  return isIdentifierPart(code) || code === Ch.CloseParen || code === Ch.CloseBracket || code === Ch.CloseBrace || isQuote(code);
}

interface Brackets {
  /** Offsets of every `[` and `(` outside strings and comments, in order. */
  readonly open: Int32Array;
  /** Offset of each one's closing bracket, -1 if it never closes. */
  readonly close: Int32Array;
  readonly count: number;
}

/** How far down the stack a closer looks for its opener before it is taken as stray. */
const MISMATCH_SEARCH = 8;

/** ASCII codes the bracket passes act on (brackets, quotes, comment starts); the rest are skipped at once. */
const STRUCTURAL = new Uint8Array(128);
for (const c of '[](){}"\'#/') STRUCTURAL[c.charCodeAt(0)] = 1;

/**
 * One linear pass pairing brackets, so that unclosed groups (which cannot be literals) are
 * never parsed and a malformed group is skipped in one step.
 */
function matchBrackets(text: string): Brackets {
  const n = text.length;
  let open: Int32Array<ArrayBuffer> = new Int32Array(256);
  let close: Int32Array<ArrayBuffer> = new Int32Array(256);
  let count = 0;
  const stack: number[] = []; // index into `open`, or -1 for a brace
  const kinds: number[] = [];
  let i = 0;
  while (i < n) {
    const raw = text.charCodeAt(i);
    if (raw < 128 && STRUCTURAL[raw] === 0) {
      i++;
      continue;
    }
    const c = codeAt(text, i);
    if (isQuote(c) && opensString(text, i)) {
      i = skipString(text, i);
      continue;
    }
    if (c === Ch.Hash || c === Ch.Slash) {
      const after = skipComment(text, i);
      if (after >= 0) {
        i = after;
        continue;
      }
    }
    if (c === Ch.OpenBracket || c === Ch.OpenParen) {
      if (count === open.length) {
        open = grow(open);
        close = grow(close);
      }
      open[count] = i;
      close[count] = -1;
      stack.push(count++);
      kinds.push(c);
    } else if (c === Ch.OpenBrace) {
      stack.push(-1);
      kinds.push(c);
    } else if (c === Ch.CloseBracket || c === Ch.CloseParen || c === Ch.CloseBrace) {
      const opener = c === Ch.CloseBracket ? Ch.OpenBracket : c === Ch.CloseParen ? Ch.OpenParen : Ch.OpenBrace;
      const floor = Math.max(0, kinds.length - MISMATCH_SEARCH);
      let at = kinds.length - 1;
      while (at >= floor && kinds[at] !== opener) at--;
      if (at >= floor) {
        if (stack[at] >= 0) close[stack[at]] = i;
        stack.length = at;
        kinds.length = at;
      }
    }
    i++;
  }
  return { open, close, count };
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

function parsed(text: string, array: WrappedArray): ParsedLiteral {
  return toParsedLiteral(array, assignmentBefore(text, array.start).name);
}

/**
 * Whether the group at `open` can be numeric, judged from its first element: strings,
 * objects, empty groups and names that are neither constants, casts, math functions nor
 * math modules mean ordinary code. Only a shortcut; the scanner has the final word.
 */
function mayBeNumeric(text: string, open: number): boolean {
  let i = open + 1;
  for (;;) {
    i = skipTrivia(text, i);
    const c = codeAt(text, i);
    if (c !== Ch.OpenBracket && c !== Ch.OpenParen) break;
    i++;
  }
  const c = codeAt(text, i);
  if (isQuote(c) || c === Ch.OpenBrace || c === Ch.CloseBracket || c === Ch.CloseParen || c === Ch.CloseBrace) return false;
  if (!isIdentifierStart(c)) return true;
  let end = i + 1;
  while (isIdentifierPart(text.charCodeAt(end))) end++;
  return mayStartNumber(text.slice(i, end));
}

function isAssignedTuple(text: string, open: number, options: ScanOptions): boolean {
  return assignmentBefore(text, open).statement && commaAhead(text, open + 1, options.maxDepth);
}

/**
 * Every outermost literal in `text`; when `problems` is given, the groups that look like numeric
 * literals but are malformed are collected there as InputErrors (a selection reports them; a
 * document scan for partners ignores them).
 */
export function findLiteralsIn(text: string, options: ScanOptions, problems?: InputError[]): ParsedLiteral[] {
  const brackets = matchBrackets(text);
  const found: ParsedLiteral[] = [];
  let pos = 0;
  for (let k = 0; k < brackets.count; k++) {
    const open = brackets.open[k];
    const close = brackets.close[k];
    if (open < pos) continue;
    if (close < 0) {
      // A group that never closes is not a literal, and its rows are not literals of their own:
      // in a selection (problems wanted) a numeric-looking one is the mistake to report.
      const unclosed = problems ? unclosedProblem(text, open, options) : undefined;
      if (unclosed) {
        problems!.push(unclosed.toInputError(text));
        break;
      }
      continue;
    }
    const before = open > 0 ? codeAt(text, open - 1) : Number.NaN;
    let result: WrappedArray | LiteralFailure;
    if (codeAt(text, open) === Ch.OpenBracket) {
      if (isSubscriptTarget(before)) {
        pos = close + 1;
        continue;
      }
      if (!mayBeNumeric(text, open)) continue;
      result = scanArray(text, open, options);
    } else {
      const callee = calleeBefore(text, open);
      if (callee) {
        const name = text.slice(callee.start, callee.stop);
        if (callee.start < pos || !isConstructorName(name.slice(name.lastIndexOf('.') + 1))) continue;
        result = scanWrapper(text, callee.start, callee.stop, open, options);
      } else {
        if (isSubscriptTarget(before) || !isAssignedTuple(text, open, options)) continue;
        result = scanArray(text, open, options);
      }
    }
    if (result instanceof LiteralFailure) {
      if (result.kind === 'malformed') problems?.push(result.toInputError(text));
      // Look inside a group for literals only if it is not numeric itself (`[x, [1, 2]]`);
      // the rows of a malformed matrix are not literals of their own.
      if (result.resumeAt !== undefined) pos = result.resumeAt;
      else if (result.kind === 'malformed') pos = close + 1;
      continue;
    }
    found.push(parsed(text, result));
    pos = result.end;
  }
  return found;
}

/** Why the never-closed group at `open` is malformed, if it looks like a numeric literal. */
function unclosedProblem(text: string, open: number, options: ScanOptions): LiteralFailure | undefined {
  let result: WrappedArray | LiteralFailure;
  if (codeAt(text, open) === Ch.OpenBracket) {
    if ((open > 0 && isSubscriptTarget(codeAt(text, open - 1))) || !mayBeNumeric(text, open)) return undefined;
    result = scanArray(text, open, options);
  } else {
    const callee = calleeBefore(text, open);
    if (!callee) return undefined;
    const name = text.slice(callee.start, callee.stop);
    if (!isConstructorName(name.slice(name.lastIndexOf('.') + 1))) return undefined;
    result = scanWrapper(text, callee.start, callee.stop, open, options);
  }
  return result instanceof LiteralFailure && result.kind === 'malformed' ? result : undefined;
}

/**
 * Whether `offset` is inside a comment or string on its line. Only the line is looked at,
 * so a hover stays cheap in a large file; multi-line strings and block comments that began
 * on an earlier line are not noticed.
 */
function inCommentOrString(text: string, offset: number): boolean {
  let i = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  while (i < offset) {
    const c = codeAt(text, i);
    if (isQuote(c) && opensString(text, i)) {
      const end = skipString(text, i);
      if (end > offset) return true;
      i = end;
      continue;
    }
    const after = c === Ch.Hash || c === Ch.Slash ? skipComment(text, i) : -1;
    if (after >= 0) {
      if (after > offset) return true;
      i = after;
      continue;
    }
    i++;
  }
  return false;
}

/** A `(`: the callee before it, if any (skipping spaces). */
function calleeBefore(text: string, paren: number): { start: number; stop: number } | undefined {
  let stop = paren;
  while (stop > 0 && isWhitespace(codeAt(text, stop - 1))) stop--;
  // Back over dotted segments while each is a name: in `x = 2.5torch.Tensor(…)` the callee is
  // `torch.Tensor`, as Python reads it (2.5 is a number), not everything back to the `=`.
  let start = stop;
  let end = stop;
  for (;;) {
    let segment = end;
    while (segment > 0 && isIdentifierPart(text.charCodeAt(segment - 1))) segment--;
    let name = segment;
    while (name < end && !isIdentifierStart(text.charCodeAt(name))) name++;
    if (name === end) break;
    start = name;
    if (name > segment || segment === 0 || text.charCodeAt(segment - 1) !== Ch.Dot) break;
    end = segment - 1;
  }
  return start < stop ? { start, stop } : undefined;
}

/** Openers enclosing `offset`, innermost first; a constructor name under the cursor counts as its call. */
function enclosingOpeners(text: string, offset: number, limit: number): number[] {
  const openers: number[] = [];
  const here = codeAt(text, offset);
  if (isIdentifierPart(here) || here === Ch.Dot) {
    let start = offset;
    while (start > 0 && (isIdentifierPart(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === Ch.Dot)) start--;
    while (start < offset && !isIdentifierStart(text.charCodeAt(start))) start++;
    if (isIdentifierStart(text.charCodeAt(start))) {
      const stop = calleeEnd(text, start);
      const callee = text.slice(start, stop);
      let paren = stop;
      while (isWhitespace(codeAt(text, paren))) paren++;
      if (codeAt(text, paren) === Ch.OpenParen && isConstructorName(callee.slice(callee.lastIndexOf('.') + 1))) openers.push(paren);
    }
  } else if (here === Ch.OpenBracket || here === Ch.OpenParen) {
    openers.push(offset);
  }
  let depth = 0;
  for (let i = offset - 1; i >= 0 && openers.length < limit; i--) {
    const raw = text.charCodeAt(i);
    if (raw < 128 && STRUCTURAL[raw] === 0) continue;
    const c = codeAt(text, i);
    if (c === Ch.CloseBracket || c === Ch.CloseParen) {
      depth++;
    } else if (c === Ch.OpenBracket || c === Ch.OpenParen) {
      if (depth === 0) openers.push(i);
      else depth--;
    } else if (c === Ch.OpenBrace) {
      if (depth === 0) break; // a block or object: no literal reaches out of it
      depth--;
    } else if (c === Ch.CloseBrace) {
      depth++;
    }
  }
  return openers;
}

export function literalAtIn(text: string, offset: number, options: ScanOptions): ParsedLiteral | InputError | undefined {
  if (!(offset >= 0 && offset < text.length) || inCommentOrString(text, offset)) return undefined;
  let best: ParsedLiteral | InputError | undefined;
  // The outermost literal around the offset is at most maxDepth brackets and a few wrapper calls out.
  for (const open of enclosingOpeners(text, offset, options.maxDepth + MAX_NESTED_CALLS + 2)) {
    let result: WrappedArray | LiteralFailure;
    let countsAlone = true;
    if (codeAt(text, open) === Ch.OpenBracket) {
      if (open > 0 && isSubscriptTarget(codeAt(text, open - 1))) break;
      result = scanArray(text, open, options);
    } else {
      const callee = calleeBefore(text, open);
      if (callee) {
        const name = text.slice(callee.start, callee.stop);
        if (!isConstructorName(name.slice(name.lastIndexOf('.') + 1))) break;
        result = scanWrapper(text, callee.start, callee.stop, open, options);
      } else {
        // `(1 + 2)` is arithmetic inside an element; a tuple needs a comma.
        if (!commaAhead(text, open + 1, options.maxDepth)) continue;
        countsAlone = assignmentBefore(text, open).statement;
        result = scanArray(text, open, options);
      }
    }
    if (result instanceof LiteralFailure) {
      if (result.kind === 'not-numeric') break;
      if (countsAlone) best = result.toInputError(text);
      if (result.resumeAt !== undefined) break;
    } else if (result.start <= offset && offset < result.end && countsAlone) {
      best = parsed(text, result);
    }
  }
  return best;
}
