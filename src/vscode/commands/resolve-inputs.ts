import * as vscode from 'vscode';
import { InputError, type InputName } from '../../errors';
import type { CallReport, ClassificationOptions, ClassificationReport } from '../../report/model';
import { evaluateCallForm } from '../calculator/calls';
import type { LossLensContext } from '../context';
import type { SelectionSource } from '../../worker/jobs';
import { runInBackground } from '../background';
import { analyzePair, analyzeSelected, parseText } from '../evaluator';
import { LocatedInputError, reportError } from '../input-errors';
import { documentLength } from '../literal-index';
import { askForPartner } from '../partner-prompt';
import { parseCallResultRequest, parseResultRequest, type CallResultRequest, type ResultRequest } from '../result-request';
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
    return { logits, labels, options, report, target: openTarget(request.target), request };
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

/** The open document a request's target names, if it is still open. */
function openTarget(target: ResultRequest['target']): ResolvedResult['target'] {
  if (!target) return undefined;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri);
  return document ? { document, line: target.line, version: target.version } : undefined;
}

/** A framework call's result (the calculator's Calls tab) and where it may be written back. */
export interface ResolvedCallResult {
  readonly report: CallReport;
  readonly target?: ResolvedResult['target'];
  readonly request: CallResultRequest;
}

/**
 * The call result a command works on when its argument is a call request; undefined for any
 * other argument. Throws the arguments' input errors for the caller to report.
 */
export function resolveCallResult(argument: unknown): ResolvedCallResult | undefined {
  const request = parseCallResultRequest(argument);
  if (!request) return undefined;
  const outcome = evaluateCallForm(request.call);
  if ('problems' in outcome) {
    const message = outcome.problems.map((p) => (p.argument ? `${p.argument}: ${p.message}` : p.message)).join(' ');
    throw new InputError(message, undefined, 'arguments');
  }
  return { report: outcome.report, target: openTarget(request.target), request };
}

/** A large selection's summary and where it may be written back. */
export interface LargeSelectionSummary {
  readonly lines: readonly string[];
  readonly json: Record<string, unknown>;
  readonly target: { readonly document: vscode.TextDocument; readonly line: number; readonly version: number };
}

/**
 * The active editor when its selections together exceed `lossLens.backgroundThreshold`
 * characters (and no argument names the literals): those are analysed off the main thread.
 */
export function largeSelectionEditor(context: LossLensContext, argument: unknown): vscode.TextEditor | undefined {
  if (parseResultRequest(argument)) return undefined;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document } = editor;
  const characters = editor.selections.reduce((sum, s) => sum + (document.offsetAt(s.end) - document.offsetAt(s.start)), 0);
  return characters > context.config.backgroundThreshold ? editor : undefined;
}

/** Analyses a large selection in a worker thread; undefined when cancelled or on bad input (reported). */
export async function summarizeLargeSelection(context: LossLensContext, editor: vscode.TextEditor): Promise<LargeSelectionSummary | undefined> {
  const { document } = editor;
  const version = document.version;
  const selections = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
  const ranges = selections.map((s) => ({ start: document.offsetAt(s.start), end: document.offsetAt(s.end) }));
  const characters = ranges.reduce((sum, r) => sum + r.end - r.start, 0);
  const run = (source: SelectionSource) =>
    runInBackground(context.extension, { source, options: context.config.classificationOptions(), digits: context.config.precision }, characters);
  const fromText = () => run({ kind: 'text', selections: selections.map((s, i) => ({ text: document.getText(s), baseOffset: ranges[i].start })) });

  const saved = document.uri.scheme === 'file' && !document.isDirty;
  let result = saved ? await run({ kind: 'file', path: document.uri.fsPath, documentLength: documentLength(document), ranges }) : await fromText();
  if (result && !result.ok && result.fileChanged) result = await fromText();
  if (!result) return undefined;
  if (!result.ok) {
    if (result.fileChanged) return undefined;
    const input = result.input as InputName | undefined;
    if (result.offset === undefined) {
      reportError(new InputError(result.message, undefined, input), context.log);
    } else {
      // The offset is the document's; a place named in the message counts from its selection.
      const offset = result.offset;
      const base = ranges.find((r) => r.start <= offset && offset <= r.end)?.start ?? 0;
      const place = (documentOffset: number) => {
        const at = document.positionAt(documentOffset);
        return { line: at.line + 1, column: at.character + 1, offset: documentOffset - base };
      };
      const related = result.related && { location: place(result.related.offset), before: result.related.before, after: result.related.after };
      const error = new InputError(result.message, place(offset), input, undefined, undefined, related);
      reportError(new LocatedInputError(error, { document, baseOffset: base }), context.log);
    }
    return undefined;
  }
  return { lines: result.lines, json: result.json, target: { document, line: selections[selections.length - 1].end.line, version } };
}
