import * as vscode from 'vscode';
import { showCalculator } from '../calculator';
import type { LossLensContext } from '../context';
import { reportError } from '../input-errors';
import type { Command } from './command-manager';
import { largeSelectionEditor, resolveResult, summarizeLargeSelection } from './resolve-inputs';

/**
 * Evaluates the selected literals and shows the full result in the calculator panel; a
 * selection too large for the panel is summarised in a worker thread into a read-only document.
 */
export class EvaluateSelectionCommand implements Command {
  readonly id = 'lossLens.evaluateSelection';

  constructor(private readonly context: LossLensContext) {}

  async execute(argument?: unknown): Promise<void> {
    try {
      const large = largeSelectionEditor(this.context, argument);
      if (large) {
        const summary = await summarizeLargeSelection(this.context, large);
        if (summary) await this.context.results.show(vscode.l10n.t('Loss Lens result'), `${summary.lines.join('\n')}\n`);
        return;
      }
      const result = await resolveResult(this.context, argument);
      if (!result) return;
      const target = result.target;
      showCalculator(this.context.extension, {
        logits: result.logits.text,
        labels: result.labels.text,
        options: result.options,
        source: target && {
          uri: target.document.uri,
          range: new vscode.Range(target.line, 0, target.line, 0),
          version: target.version,
        },
      });
    } catch (error) {
      reportError(error, this.context.log);
    }
  }
}
