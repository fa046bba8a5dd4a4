/**
 * Where an input error is drawn. The calculator mirrors each input's text in a layer behind
 * the textarea and wraps the offending token in a mark; this computes the three pieces.
 */
import type { InputProblem } from '../vscode/calculator/protocol';

export interface MarkedText {
  readonly before: string;
  /** The token at the error, or a single space when the error is at a line's end. */
  readonly marked: string;
  readonly after: string;
  /** Offset of the error in the original text. */
  readonly offset: number;
}

/** 0-based offset of 1-based `line`:`column`; CRLF and lone CR count as one break, as `locate` does. */
export function offsetOf(text: string, line: number, column: number): number {
  let currentLine = 1;
  let i = 0;
  while (currentLine < line && i < text.length) {
    const c = text.charCodeAt(i);
    i++;
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) currentLine++;
  }
  return Math.min(i + Math.max(0, column - 1), text.length);
}

const TOKEN = /[A-Za-z0-9_.]/;

export function markProblem(text: string, problem: InputProblem): MarkedText | undefined {
  let offset: number;
  if (problem.offset !== undefined) offset = problem.offset;
  else if (problem.line !== undefined && problem.column !== undefined) offset = offsetOf(text, problem.line, problem.column);
  else return undefined;
  offset = Math.max(0, Math.min(offset, text.length));
  const first = text[offset];
  if (first === undefined || first === '\n' || first === '\r') {
    return { before: text.slice(0, offset), marked: ' ', after: text.slice(offset), offset };
  }
  let end = offset + 1;
  if (TOKEN.test(first)) while (end < text.length && TOKEN.test(text[end])) end++;
  return { before: text.slice(0, offset), marked: text.slice(offset, end), after: text.slice(end), offset };
}
