import * as vscode from 'vscode';
import { registerCalculator } from './vscode/calculator';
import { CommandManager } from './vscode/commands/command-manager';
import { CopyResultCommand } from './vscode/commands/copy-result';
import { EvaluateSelectionCommand } from './vscode/commands/evaluate-selection';
import { InsertResultCommand } from './vscode/commands/insert-result';
import { SetDialectCommand } from './vscode/commands/set-dialect';
import { SetInputCommand } from './vscode/commands/set-input';
import { SetLabelSmoothingCommand } from './vscode/commands/set-label-smoothing';
import { Config, onInvalidSetting } from './vscode/config';
import type { LossLensContext } from './vscode/context';
import { CodeReader } from './vscode/code/code-reader';
import { CODE_SELECTOR, CodeDiagnostics, CodeFixProvider, CodeInlayHintsProvider } from './vscode/code/code-surfaces';
import { CopyCallValueCommand, InsertAssertionCommand, OpenCallInCalculatorCommand } from './vscode/commands/code-calls';
import { DebugChoice, EvaluateDebugExpressionsCommand, OpenDebugChoiceCommand, UseAsLabelsCommand, UseAsLogitsCommand } from './vscode/debug/commands';
import { DebugSessions } from './vscode/debug/sessions';
import { LossLensHoverProvider } from './vscode/hover';
import { LiteralIndex } from './vscode/literal-index';
import { ResultDocuments } from './vscode/result-documents';

/** Languages whose literals get hovers; notebook cells are documents of these languages too. */
export const HOVER_LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc', 'markdown', 'plaintext'];

export function activate(extension: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Loss Lens', { log: true });
  const literals = new LiteralIndex();
  const results = new ResultDocuments();
  const invalidSettings = onInvalidSetting((problem) => {
    const message = vscode.l10n.t(
      'Loss Lens: the setting {0} is {1}, but it must be {2}; using {3} until it is changed.',
      problem.key,
      JSON.stringify(problem.value) ?? String(problem.value),
      problem.expected,
      JSON.stringify(problem.fallback),
    );
    log.warn(message);
    void vscode.window.showWarningMessage(message, vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', problem.key);
    });
  });
  const code = new CodeReader();
  const debugSessions = new DebugSessions();
  const context: LossLensContext = { extension, config: new Config(), literals, log, results, code, debugSessions };
  const inlayHints = new CodeInlayHintsProvider(code, context.config);
  const diagnostics = new CodeDiagnostics(code, context.config, log);

  const debugChoice = new DebugChoice(context, debugSessions);

  const commands = new CommandManager();
  commands.register(new EvaluateSelectionCommand(context));
  commands.register(new InsertResultCommand(context));
  commands.register(new CopyResultCommand(context));
  commands.register(new SetLabelSmoothingCommand(context));
  commands.register(new SetDialectCommand(context));
  commands.register(new SetInputCommand(context));
  commands.register(new InsertAssertionCommand(code));
  commands.register(new CopyCallValueCommand(code));
  commands.register(new OpenCallInCalculatorCommand(context, code));
  commands.register(new EvaluateDebugExpressionsCommand(context, debugSessions));
  commands.register(new UseAsLogitsCommand(debugChoice));
  commands.register(new UseAsLabelsCommand(debugChoice));
  commands.register(new OpenDebugChoiceCommand(debugChoice));

  extension.subscriptions.push(
    log,
    invalidSettings,
    literals,
    results,
    debugSessions,
    debugChoice,
    commands,
    registerCalculator(extension, log),
    vscode.languages.registerHoverProvider(
      HOVER_LANGUAGES.map((language) => ({ language })),
      new LossLensHoverProvider(context),
    ),
    code,
    inlayHints,
    diagnostics,
    vscode.languages.registerInlayHintsProvider(CODE_SELECTOR, inlayHints),
    vscode.languages.registerCodeActionsProvider(CODE_SELECTOR, new CodeFixProvider(code), CodeFixProvider.metadata),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lossLens.inlayHints')) inlayHints.refresh();
      if (event.affectsConfiguration('lossLens.codeDiagnostics')) diagnostics.refreshAll();
    }),
  );
}

export function deactivate(): void {}
