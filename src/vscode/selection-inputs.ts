/**
 * Turns what the user selected into a logits/labels pair, the way every command reads it:
 * two selections are the two literals (either order); one selection holding two literals is
 * both; one literal, or the cursor on one, is paired in the document as hovers do, or the
 * other is asked for.
 */
import * as vscode from 'vscode';
import { InputError } from '../errors';
import { literalAt, parseLiteral, scanLiterals, type ParsedLiteral } from '../literal';
import { findPartner, orderPair, roleOf } from '../pairing/pairing';
import { LocatedInputError, locateIn } from './input-errors';
import type { LiteralIndex } from './literal-index';

/** A literal with the text it was read from and, when it came from the document, its range. */
export interface SourcedLiteral {
  readonly literal: ParsedLiteral;
  readonly text: string;
  readonly range?: vscode.Range;
}

export interface SelectedInputs {
  readonly logits: SourcedLiteral;
  readonly labels: SourcedLiteral;
  readonly document: vscode.TextDocument;
  readonly version: number;
  /** Last line of what the user selected: results are inserted below it. */
  readonly anchorLine: number;
}

function fromDocument(document: vscode.TextDocument, baseOffset: number, literal: ParsedLiteral): SourcedLiteral {
  const range = new vscode.Range(document.positionAt(baseOffset + literal.start), document.positionAt(baseOffset + literal.end));
  return { literal: { ...literal, start: baseOffset + literal.start, end: baseOffset + literal.end }, text: document.getText(range), range };
}

/** Literals in one selection; the empty selection means the literal under the cursor. */
function literalsInSelection(document: vscode.TextDocument, selection: vscode.Selection): SourcedLiteral[] {
  if (selection.isEmpty) {
    const text = document.getText();
    const found = literalAt(text, document.offsetAt(selection.active));
    if (found instanceof InputError) throw new LocatedInputError(found, { document, baseOffset: 0 });
    return found ? [fromDocument(document, 0, found)] : [];
  }
  const text = document.getText(selection);
  const baseOffset = document.offsetAt(selection.start);
  const origin = { document, baseOffset };
  const { literals, problems } = locateIn(origin, () => scanLiterals(text));
  if (problems.length > 0) throw new LocatedInputError(problems[0], origin);
  if (literals.length > 0) return literals.map((literal) => fromDocument(document, baseOffset, literal));
  // Nothing numeric was found: parse strictly so the user learns what is wrong and where.
  return [
    fromDocument(
      document,
      baseOffset,
      locateIn(origin, () => parseLiteral(text)),
    ),
  ];
}

export async function selectedInputs(
  editor: vscode.TextEditor,
  index: LiteralIndex,
  askForPartner: (known: SourcedLiteral) => Promise<SourcedLiteral | undefined>,
): Promise<SelectedInputs | undefined> {
  const { document } = editor;
  const version = document.version;
  const selections = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
  const anchorLine = Math.max(...selections.map((s) => (s.end.character === 0 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line)));
  const found = selections.flatMap((selection) => literalsInSelection(document, selection));
  if (found.length === 0) {
    throw new InputError(vscode.l10n.t('No tensor literal under the cursor or in the selection. Select logits and labels, e.g. [[0.7, 1.2, 0.3]] and [1].'));
  }
  if (found.length > 2) {
    throw new InputError(vscode.l10n.t('The selection holds {0} literals; select one or two (logits and labels).', found.length));
  }
  if (found.length === 2) {
    const pair = orderPair(found[0].literal, found[1].literal);
    const [logits, labels] = pair.logits === found[0].literal ? [found[0], found[1]] : [found[1], found[0]];
    return { logits, labels, document, version, anchorLine };
  }
  const known = found[0];
  const partner = findPartner(known.literal, index.literals(document));
  if (partner) {
    const knownIsLogits = partner.logits === known.literal;
    const other = fromDocument(document, 0, knownIsLogits ? partner.labels : partner.logits);
    return knownIsLogits ? { logits: known, labels: other, document, version, anchorLine } : { logits: other, labels: known, document, version, anchorLine };
  }
  const asked = await askForPartner(known);
  if (!asked) return undefined;
  return roleOf(known.literal) === 'labels'
    ? { logits: asked, labels: known, document, version, anchorLine }
    : { logits: known, labels: asked, document, version, anchorLine };
}
