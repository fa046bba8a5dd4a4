import * as vscode from 'vscode';
import type { ClassificationOptions, ClassificationReport } from '../../report/model';
import type { LossLensContext } from '../context';
import { analyzePair, analyzeSelected, parseText } from '../evaluator';
import { askForPartner } from '../partner-prompt';
import { parseResultRequest, type ResultRequest } from '../result-request';
import { selectedInputs, type SourcedLiteral } from '../selection-inputs';

/** A computed result and where it may be written back. */
export interface ResolvedResult {
  readonly logits: SourcedLiteral;
  readonly labels: SourcedLiteral;
  readonly options: ClassificationOptions;
  readonly report: ClassificationReport;
  readonly target?: { readonly document: vscode.TextDocument; readonly line: number; readonly version: number };
  readonly request?: ResultRequest;
}

/**
 * Computes the result a command works on: from its argument when a hover link or the
 * calculator passed one, else from the active editor's selection. Undefined when the user
 * cancelled; throws input errors for the caller to report.
 */
export async function resolveResult(context: LossLensContext, argument: unknown): Promise<ResolvedResult | undefined> {
  const request = parseResultRequest(argument);
  if (request) {
    const options = { ...context.config.classificationOptions(), ...request.options };
    const logits = parseText(request.logits, 'logits');
    const labels = parseText(request.labels, 'labels');
    const report = analyzePair(logits, labels, options);
    let target: ResolvedResult['target'];
    if (request.target) {
      const uri = request.target.uri;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document) target = { document, line: request.target.line, version: request.target.version };
    }
    return { logits, labels, options, report, target, request };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: open a file and select logits and labels first.'));
    return undefined;
  }
  const inputs = await selectedInputs(editor, context.literals, askForPartner);
  if (!inputs) return undefined;
  const options = context.config.classificationOptions();
  const report = analyzeSelected(inputs, options);
  return {
    logits: inputs.logits,
    labels: inputs.labels,
    options,
    report,
    target: { document: inputs.document, line: inputs.anchorLine, version: inputs.version },
  };
}
