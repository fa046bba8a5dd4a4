import * as vscode from 'vscode';
import { callCode, callJson, callMarkdown } from '../../render/call';
import { classificationCode } from '../../render/code';
import { classificationJson } from '../../render/json';
import { classificationMarkdown } from '../../render/markdown';
import type { CallReport, ClassificationReport } from '../../report/model';
import type { LossLensContext } from '../context';
import { reportError } from '../input-errors';
import { dereferenceArgument } from '../literal-reference';
import type { CopyFormat } from '../result-request';
import type { Command } from './command-manager';
import { largeSelectionEditor, resolveCallResult, resolveResult, summarizeLargeSelection } from './resolve-inputs';

export function formatResult(report: ClassificationReport, format: CopyFormat, digits: number): string {
  switch (format) {
    case 'numpy':
    case 'pytorch':
      return classificationCode(report, format);
    case 'json':
      return `${JSON.stringify(classificationJson(report, { summary: false }), null, 2)}\n`;
    case 'markdown':
      return `${classificationMarkdown(report, {}, { digits, maxRows: Infinity, maxColumns: Infinity })}\n`;
  }
}

function formatCallResult(report: CallReport, format: CopyFormat, digits: number): string {
  switch (format) {
    case 'numpy':
    case 'pytorch':
      return callCode(report, format);
    case 'json':
      return `${JSON.stringify(callJson(report), null, 2)}\n`;
    case 'markdown':
      return callMarkdown(report, digits);
  }
}

/** Copies the result to the clipboard as NumPy, PyTorch, JSON or Markdown. */
export class CopyResultCommand implements Command {
  readonly id = 'lossLens.copyResult';

  constructor(private readonly context: LossLensContext) {}

  async execute(link?: unknown): Promise<string | undefined> {
    try {
      const dereferenced = dereferenceArgument(link);
      if (!dereferenced.ok) return undefined;
      const argument = dereferenced.argument;
      const call = resolveCallResult(argument);
      if (call) {
        const format = call.request.format ?? (await this.pickFormat());
        if (!format) return undefined;
        return await this.copy(formatCallResult(call.report, format, this.context.config.precision), format);
      }
      const large = largeSelectionEditor(this.context, argument);
      if (large) {
        // Only the summary crosses back from the worker, so JSON is the one format on offer.
        const summary = await summarizeLargeSelection(this.context, large);
        if (!summary) return undefined;
        await vscode.env.clipboard.writeText(`${JSON.stringify(summary.json, null, 2)}\n`);
        void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: the selection is large, so its summary was copied as JSON.'));
        return 'json';
      }
      const result = await resolveResult(this.context, argument);
      if (!result) return undefined;
      const format = result.request?.format ?? (await this.pickFormat());
      if (!format) return undefined;
      return await this.copy(formatResult(result.report, format, this.context.config.precision), format);
    } catch (error) {
      reportError(error, this.context.log);
      return undefined;
    }
  }

  private async copy(text: string, format: CopyFormat): Promise<CopyFormat> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Loss Lens: result copied as {0}', format), 3000);
    return format;
  }

  private async pickFormat(): Promise<CopyFormat | undefined> {
    const items: (vscode.QuickPickItem & { format: CopyFormat })[] = [
      { label: 'NumPy', description: 'np.array(...)', format: 'numpy' },
      { label: 'PyTorch', description: 'torch.tensor(...)', format: 'pytorch' },
      { label: 'JSON', description: vscode.l10n.t('the CLI --json object'), format: 'json' },
      { label: 'Markdown', description: vscode.l10n.t('tables'), format: 'markdown' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Loss Lens: Copy Result As') });
    return picked?.format;
  }
}
