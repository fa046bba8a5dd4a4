/**
 * The calculator's entry points for extension.ts: the `lossLens.openCalculator` command, the
 * serializer that brings the panel back after a reload, and `showCalculator` for commands
 * that open it with the editor's literals (Evaluate Selection).
 */
import * as vscode from 'vscode';
import { dereferenceArgument } from '../literal-reference';
import { parseResultRequest } from '../result-request';
import { CalculatorPanel, type CalculatorInput } from './panel';
import { CALCULATOR_VIEW_TYPE, MAX_INPUT_LENGTH } from './protocol';
import { isRecord } from './validate';

export { CalculatorPanel, type CalculatorInput, type CalculatorSource } from './panel';
export { CALCULATOR_VIEW_TYPE } from './protocol';

let sharedLog: vscode.LogOutputChannel | undefined;

function calculatorLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  if (!sharedLog) {
    const log = vscode.window.createOutputChannel('Loss Lens Calculator', { log: true });
    sharedLog = log;
    context.subscriptions.push(log, { dispose: () => (sharedLog === log ? (sharedLog = undefined) : undefined) });
  }
  return sharedLog;
}

/**
 * Registers the serializer for `lossLens.calculator` panels and the `lossLens.openCalculator`
 * command. Pass `log` to share the extension's output channel; otherwise the calculator logs
 * to its own ("Loss Lens Calculator").
 */
export function registerCalculator(context: vscode.ExtensionContext, log?: vscode.LogOutputChannel): vscode.Disposable {
  if (log) sharedLog = log;
  return vscode.Disposable.from(
    vscode.window.registerWebviewPanelSerializer(CALCULATOR_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel): Thenable<void> {
        CalculatorPanel.revive(panel, context, calculatorLog(context));
        return Promise.resolve();
      },
    }),
    vscode.commands.registerCommand('lossLens.openCalculator', (link?: unknown) => {
      const dereferenced = dereferenceArgument(link);
      return dereferenced.ok ? showCalculator(context, calculatorInputFrom(dereferenced.argument)) : undefined;
    }),
  );
}

/**
 * Reads the command's argument: a hover's result request (both literals, options, target
 * line) or a single literal ({ logits } or { labels }). Anything else opens the calculator as
 * it was. Arguments can come from command links, so nothing is trusted.
 */
export function calculatorInputFrom(argument: unknown): CalculatorInput | undefined {
  const request = parseResultRequest(argument);
  if (request) {
    const target = request.target;
    return {
      logits: request.logits,
      labels: request.labels,
      ...(request.options ? { options: request.options } : {}),
      ...(target ? { source: { uri: vscode.Uri.parse(target.uri), range: new vscode.Range(target.line, 0, target.line, 0), version: target.version } } : {}),
    };
  }
  if (!isRecord(argument)) return undefined;
  const literal = (value: unknown) => (typeof value === 'string' && value.length <= MAX_INPUT_LENGTH ? value : undefined);
  const logits = literal(argument.logits);
  const labels = literal(argument.labels);
  if (logits === undefined && labels === undefined) return undefined;
  return { ...(logits !== undefined ? { logits } : {}), ...(labels !== undefined ? { labels } : {}) };
}

/** Reveals the calculator (creating it if needed) and, given literals, fills them in and computes. */
export function showCalculator(context: vscode.ExtensionContext, input?: CalculatorInput): CalculatorPanel {
  return CalculatorPanel.show(context, calculatorLog(context), input);
}
