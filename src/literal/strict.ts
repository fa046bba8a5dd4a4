/**
 * parseLiteral: the whole text is one literal, optionally with a `name = ` / `"name": `
 * prefix, a constructor call around it, and a trailing `;`, `,` or comment. Anything else
 * is an error that says what and where.
 */
import { commaAhead, type ScanOptions, scanArray } from './array';
import { Ch, codeAt, isDigit, isIdentifierStart, skipTrivia } from './chars';
import { LiteralFailure, malformed, notNumeric, quote } from './failure';
import { type ParsedLiteral, toParsedLiteral } from './types';
import { calleeEnd, isConstructorName, scanWrapper, type WrappedArray } from './wrapper';

const DECLARATION = /^(?:(?:export\s+)?(?:const|let|var|val|final)\s+)?(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?(?::=|=(?!=))/;
const QUOTED_KEY = /^(["'])([^"'\\\n]{1,100})\1\s*:/;
const BARE_KEY = /^([A-Za-z_$][\w$]*)\s*:(?!=)/;

export function parseStrict(text: string, options: ScanOptions): ParsedLiteral {
  const result = parseOrFail(text, options);
  if (result instanceof LiteralFailure) throw result.toInputError(text);
  return result;
}

function parseOrFail(text: string, options: ScanOptions): ParsedLiteral | LiteralFailure {
  let pos = skipTrivia(text, 0);
  const head = text.slice(pos, pos + 300);
  let name: string | undefined;
  const declaration = DECLARATION.exec(head);
  const key = declaration ? undefined : QUOTED_KEY.exec(head);
  const bareKey = declaration || key ? undefined : BARE_KEY.exec(head);
  if (declaration) {
    name = declaration[1];
    pos = skipTrivia(text, pos + declaration[0].length);
  } else if (key) {
    name = key[2];
    pos = skipTrivia(text, pos + key[0].length);
  } else if (bareKey) {
    name = bareKey[1];
    pos = skipTrivia(text, pos + bareKey[0].length);
  }
  const array = literalAt(text, pos, options);
  if (array instanceof LiteralFailure) return array;
  let after = skipTrivia(text, array.end);
  const c = codeAt(text, after);
  if (c === Ch.Semicolon || c === Ch.Comma) after = skipTrivia(text, after + 1);
  if (after < text.length) return malformed(`unexpected text after the literal: ${quote(text, after, text.length)}`, after);
  return toParsedLiteral(array, name);
}

function literalAt(text: string, pos: number, options: ScanOptions): WrappedArray | LiteralFailure {
  const c = codeAt(text, pos);
  if (pos >= text.length) return notNumeric('no literal: expected a list such as [1, 2]', pos);
  if (c === Ch.OpenBracket) return scanArray(text, pos, options);
  if (c === Ch.OpenParen) {
    if (!commaAhead(text, pos + 1, options.maxDepth)) {
      return malformed('parentheses without a comma are not a tuple; write (x,) or [x]', pos);
    }
    return scanArray(text, pos, options);
  }
  if (isIdentifierStart(c)) {
    const stop = calleeEnd(text, pos);
    const paren = skipTrivia(text, stop);
    const callee = text.slice(pos, stop);
    if (codeAt(text, paren) !== Ch.OpenParen) return notNumeric(`expected a list such as [1, 2], found ${quote(text, pos, stop)}`, pos);
    if (!isConstructorName(callee.slice(callee.lastIndexOf('.') + 1))) {
      return notNumeric(`${callee}(...) is not a tensor constructor such as np.array or torch.tensor`, pos);
    }
    return scanWrapper(text, pos, stop, paren, options);
  }
  if (isDigit(c) || c === Ch.Minus || c === Ch.Plus || c === Ch.Dot) {
    return notNumeric('a single number is not a tensor literal; write [x] or np.array(x)', pos);
  }
  return notNumeric(`expected a list such as [1, 2], found ${quote(text, pos, pos + 1)}`, pos);
}
