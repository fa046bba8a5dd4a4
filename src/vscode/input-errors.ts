import * as vscode from 'vscode';
import { InputError, relatedMessage } from '../errors';

/** Where the text an InputError refers to starts in a document, so its location maps back. */
export interface ErrorOrigin {
  readonly document: vscode.TextDocument;
  readonly baseOffset: number;
}

export class LocatedInputError extends Error {
  constructor(
    readonly error: InputError,
    readonly origin?: ErrorOrigin,
  ) {
    super(origin ? inDocumentTerms(error, origin) : error.message);
  }

  get range(): vscode.Range | undefined {
    if (!this.origin || !this.error.location) return undefined;
    const start = this.origin.document.positionAt(this.origin.baseOffset + this.error.location.offset);
    return new vscode.Range(start, this.origin.document.validatePosition(start.translate(0, 1)));
  }
}

/**
 * A message that names a second place (`error.related`) counts its line and column from the start
 * of the text that was parsed (a selection); in the editor they count from the start of the document.
 */
function inDocumentTerms(error: InputError, origin: ErrorOrigin): string {
  if (!error.related || origin.baseOffset === 0) return error.message;
  const at = origin.document.positionAt(origin.baseOffset + error.related.location.offset);
  return relatedMessage(error.related, at.line + 1, at.character + 1);
}

/** Re-throws an InputError tagged with the document position its text came from. */
export function locateIn<T>(origin: ErrorOrigin | undefined, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof InputError) throw new LocatedInputError(error, origin);
    throw error;
  }
}

function describeLocation(error: LocatedInputError): string {
  const range = error.range;
  if (range) return vscode.l10n.t('line {0}, column {1}', range.start.line + 1, range.start.character + 1);
  const location = error.error.location;
  return location ? vscode.l10n.t('line {0}, column {1}', location.line, location.column) : '';
}

/**
 * Shows a bad-input message; when the spot is known, a "Show Me" action selects it. Errors
 * that are not input errors are bugs: logged in full, shown without a stack trace. Returns
 * without waiting for the user, so a command ends when its work does.
 */
export function reportError(error: unknown, log: vscode.LogOutputChannel): void {
  if (error instanceof InputError) error = new LocatedInputError(error);
  if (!(error instanceof LocatedInputError)) {
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens hit an internal error; details are in the Loss Lens output.'));
    return;
  }
  const where = describeLocation(error);
  const input = error.error.input ? `${error.error.input}: ` : '';
  const message = `Loss Lens: ${input}${error.message}${where ? ` (${where})` : ''}`;
  log.info(message);
  const range = error.range;
  const origin = error.origin;
  if (!range || !origin) {
    void vscode.window.showErrorMessage(message);
    return;
  }
  const showMe = vscode.l10n.t('Show Me');
  void vscode.window.showErrorMessage(message, showMe).then(async (choice) => {
    if (choice !== showMe) return;
    const editor = await vscode.window.showTextDocument(origin.document, { preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
}
