/**
 * Turns a hover link's literal reference back into the request the commands take (the
 * literals' text and where a result may be inserted), reading the document as it is now.
 */
import * as vscode from 'vscode';
import { documentLength } from './literal-index';
import { parseLiteralReference } from './result-request';

export type Dereferenced = { readonly ok: true; readonly argument: unknown } | { readonly ok: false };

/**
 * A reference becomes `{ logits?, labels?, target? }` with the text of its ranges; any other
 * argument passes through unchanged. Not ok (after telling the user) when the document was
 * closed or edited since the hover: its offsets would name other text.
 */
export function dereferenceArgument(argument: unknown): Dereferenced {
  const reference = parseLiteralReference(argument);
  if (!reference) return { ok: true, argument };
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === reference.source.uri);
  if (!document) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Loss Lens: the document this hover came from is no longer open.'));
    return { ok: false };
  }
  const length = documentLength(document);
  const ranges = [reference.logits, reference.labels].filter((range) => range !== undefined);
  if (document.version !== reference.source.version || ranges.some(([, end]) => end > length)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Loss Lens: {0} changed since the hover was shown; hover again.', vscode.workspace.asRelativePath(document.uri)),
    );
    return { ok: false };
  }
  const text = ([start, end]: readonly [number, number]) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end)));
  const last = Math.max(...ranges.map(([, end]) => end));
  return {
    ok: true,
    argument: {
      ...(reference.logits ? { logits: text(reference.logits) } : {}),
      ...(reference.labels ? { labels: text(reference.labels) } : {}),
      ...(reference.logits && reference.labels
        ? { target: { uri: reference.source.uri, line: document.positionAt(last).line, version: document.version } }
        : {}),
    },
  };
}
