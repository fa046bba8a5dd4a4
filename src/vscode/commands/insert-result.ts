import * as vscode from 'vscode';
import { callText } from '../../render/call';
import { classificationText } from '../../render/text';
import { asComment, commentStyle } from '../comment-syntax';
import type { LossLensContext } from '../context';
import { reportError } from '../input-errors';
import { dereferenceArgument } from '../literal-reference';
import type { Command } from './command-manager';
import { largeSelectionEditor, resolveCallResult, resolveResult, summarizeLargeSelection } from './resolve-inputs';

interface InsertTarget {
  readonly document: vscode.TextDocument;
  readonly line: number;
  readonly version: number;
}

/**
 * Writes the result below the selection as a comment, as one undoable edit, and only if the
 * document is unchanged since the result was computed.
 */
export class InsertResultCommand implements Command {
  readonly id = 'lossLens.insertResult';

  constructor(private readonly context: LossLensContext) {}

  async execute(link?: unknown): Promise<boolean> {
    try {
      const dereferenced = dereferenceArgument(link);
      if (!dereferenced.ok) return false;
      const argument = dereferenced.argument;
      const call = resolveCallResult(argument);
      if (call) return await this.insert(callText(call.report, this.context.config.precision), call.target);
      const large = largeSelectionEditor(this.context, argument);
      if (large) {
        const summary = await summarizeLargeSelection(this.context, large);
        return summary ? await this.insert(summary.lines, summary.target) : false;
      }
      const result = await resolveResult(this.context, argument);
      if (!result) return false;
      const lines = classificationText(result.report, { digits: this.context.config.precision, summary: false, maxRows: 20 });
      return await this.insert(lines, result.target);
    } catch (error) {
      reportError(error, this.context.log);
      return false;
    }
  }

  private async insert(lines: readonly string[], target: InsertTarget | undefined): Promise<boolean> {
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Loss Lens: the document these literals came from is no longer open; nothing was inserted.'));
      return false;
    }
    const { document } = target;
    const changed = (): false => {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Loss Lens: {0} changed since the result was computed; evaluate again before inserting.', vscode.workspace.asRelativePath(document.uri)),
      );
      return false;
    };
    if (document.version !== target.version) return changed();
    const style = commentStyle(document.languageId);
    if (!style) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Loss Lens: {0} files have no comments to insert into; use Copy Result instead.', document.languageId),
      );
      return false;
    }
    const anchor = document.lineAt(Math.min(target.line, document.lineCount - 1));
    const indent = anchor.text.slice(0, anchor.firstNonWhitespaceCharacterIndex);
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, anchor.range.end, eol + asComment(lines, style, indent).join(eol));
    // VS Code refuses an edit made against a version it has moved past: a change typed while
    // the result was computed that this host had not heard of yet.
    return (await vscode.workspace.applyEdit(edit)) || changed();
  }
}
