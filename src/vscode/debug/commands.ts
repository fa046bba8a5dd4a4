/**
 * The debugger's commands: Evaluate Debug Expressions… (two input boxes, then the calculator), and
 * Use as Logits / Use as Labels in the Variables and Watch views (the calculator opens once both
 * are chosen; a status-bar item says what is chosen meanwhile).
 */
import * as vscode from 'vscode';
import type { TensorRole } from '../../debug/decode';
import type { CalculatorPanel } from '../calculator';
import type { Command } from '../commands/command-manager';
import type { LossLensContext } from '../context';
import { toVariable } from './dap';
import {
  focusedFrame,
  focusedSession,
  frameDescription,
  openLiveTensors,
  showLiveTensorError,
  suggestExpressions,
  type FrameTarget,
  type LiveRequest,
} from './live-tensors';
import type { DebugSessions } from './sessions';

function noSession(): undefined {
  void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: no debug session is stopped; start debugging and stop at a breakpoint first.'));
  return undefined;
}

/** The focused frame of `session`, or undefined after showing why there is none. */
async function frameOrReport(context: LossLensContext, session: vscode.DebugSession, sessions: DebugSessions): Promise<FrameTarget | undefined> {
  try {
    return await focusedFrame(session, sessions);
  } catch (error) {
    showLiveTensorError(context, error);
    return undefined;
  }
}

/** Asks for the logits, then the labels expression, evaluates them in the focused frame, opens the calculator. */
export class EvaluateDebugExpressionsCommand implements Command {
  readonly id = 'lossLens.evaluateDebugExpressions';

  constructor(
    private readonly context: LossLensContext,
    private readonly sessions: DebugSessions,
  ) {}

  async execute(): Promise<CalculatorPanel | undefined> {
    const session = focusedSession();
    if (!session) return noSession();
    const target = await frameOrReport(this.context, session, this.sessions);
    if (!target) return undefined;
    const where = frameDescription(target.frame);
    const suggested = await suggestExpressions(target);
    const ask = (role: TensorRole, step: number, value: string | undefined) =>
      vscode.window.showInputBox({
        title: role === 'logits' ? vscode.l10n.t('Loss Lens: Logits Expression ({0}/2)', step) : vscode.l10n.t('Loss Lens: Labels Expression ({0}/2)', step),
        prompt:
          role === 'logits'
            ? vscode.l10n.t('An expression for the logits, evaluated by the debugger in {0}', where)
            : vscode.l10n.t('An expression for the labels, evaluated in {0}; leave it empty for the logits alone', where),
        placeHolder: role === 'logits' ? 'outputs' : 'targets',
        ...(value ? { value, valueSelection: [0, value.length] as [number, number] } : {}),
        ignoreFocusOut: true,
        validateInput: (text) => (role === 'logits' && text.trim() === '' ? vscode.l10n.t('Type an expression, such as a variable name.') : undefined),
      });
    const logits = await ask('logits', 1, suggested.logits);
    if (logits === undefined || logits.trim() === '') return undefined;
    const labels = await ask('labels', 2, suggested.labels);
    if (labels === undefined) return undefined;
    const requests: LiveRequest[] = [{ role: 'logits', expression: logits.trim() }];
    if (labels.trim() !== '') requests.push({ role: 'labels', expression: labels.trim() });
    return openLiveTensors(this.context, this.sessions, target, requests);
  }
}

/** What the Variables and Watch views pass: `{ sessionId, container?, variable }` (VS Code's Variable/Expression toJSON). */
export function parseVariableArgument(argument: unknown): { sessionId?: string; expression: string; name: string } | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { sessionId, variable } = argument as { sessionId?: unknown; variable?: unknown };
  const parsed = toVariable(variable);
  if (!parsed) return undefined;
  const expression = (parsed.evaluateName ?? parsed.name).trim();
  if (expression === '') return undefined;
  return { ...(typeof sessionId === 'string' ? { sessionId } : {}), expression, name: parsed.name };
}

interface Chosen {
  readonly role: TensorRole;
  readonly expression: string;
  readonly sessionId: string;
  readonly epoch: number;
}

/** The first of a Use as Logits / Use as Labels pair, until the other is chosen or the program moves on. */
export class DebugChoice implements vscode.Disposable {
  private chosen: Chosen | undefined;
  private readonly item = vscode.window.createStatusBarItem('lossLens.debugChoice', vscode.StatusBarAlignment.Left, 100);
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly context: LossLensContext,
    private readonly sessions: DebugSessions,
  ) {
    this.item.name = vscode.l10n.t('Loss Lens: Debugger Choice');
    this.item.command = 'lossLens.openDebugChoice';
    this.listener = sessions.onDidChange((session) => {
      if (this.chosen?.sessionId === session.id) this.clear();
    });
  }

  /** What is chosen now, for tests and the status bar. */
  get current(): Readonly<Chosen> | undefined {
    return this.chosen;
  }

  async use(role: TensorRole, argument: unknown): Promise<CalculatorPanel | undefined> {
    const parsed = parseVariableArgument(argument);
    if (!parsed) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: run this from a variable in the Variables or Watch view.'));
      return undefined;
    }
    const session = (parsed.sessionId ? this.sessions.session(parsed.sessionId) : undefined) ?? focusedSession();
    if (!session) return noSession();
    const target = await frameOrReport(this.context, session, this.sessions);
    if (!target) return undefined;
    const epoch = this.sessions.state(session).epoch;
    const other = this.chosen;
    if (other && other.sessionId === session.id && other.epoch === epoch && other.role !== role) {
      this.clear();
      const pair: LiveRequest[] = [other, { role, expression: parsed.expression }].sort((a, b) => (a.role === 'logits' ? -1 : b.role === 'logits' ? 1 : 0));
      return openLiveTensors(this.context, this.sessions, target, pair);
    }
    this.chosen = { role, expression: parsed.expression, sessionId: session.id, epoch };
    this.item.text =
      role === 'logits'
        ? vscode.l10n.t('$(debug) Loss Lens: logits = {0}; choose the labels', parsed.expression)
        : vscode.l10n.t('$(debug) Loss Lens: labels = {0}; choose the logits', parsed.expression);
    this.item.tooltip = vscode.l10n.t(
      'Right-click another variable and choose Loss Lens: Use as {0}. Click here to open the calculator with {1} alone.',
      role === 'logits' ? vscode.l10n.t('Labels') : vscode.l10n.t('Logits'),
      parsed.expression,
    );
    this.item.show();
    return undefined;
  }

  /** Opens the calculator with the one value chosen so far (the status-bar item's command). */
  async openChosen(): Promise<CalculatorPanel | undefined> {
    const chosen = this.chosen;
    if (!chosen) return undefined;
    this.clear();
    const session = this.sessions.session(chosen.sessionId);
    if (!session) return noSession();
    try {
      const target = await focusedFrame(session, this.sessions);
      return await openLiveTensors(this.context, this.sessions, target, [chosen]);
    } catch (error) {
      showLiveTensorError(this.context, error);
      return undefined;
    }
  }

  clear(): void {
    this.chosen = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}

export class UseAsLogitsCommand implements Command {
  readonly id = 'lossLens.useAsLogits';
  constructor(private readonly choice: DebugChoice) {}
  execute(argument?: unknown): Promise<CalculatorPanel | undefined> {
    return this.choice.use('logits', argument);
  }
}

export class UseAsLabelsCommand implements Command {
  readonly id = 'lossLens.useAsLabels';
  constructor(private readonly choice: DebugChoice) {}
  execute(argument?: unknown): Promise<CalculatorPanel | undefined> {
    return this.choice.use('labels', argument);
  }
}

export class OpenDebugChoiceCommand implements Command {
  readonly id = 'lossLens.openDebugChoice';
  constructor(private readonly choice: DebugChoice) {}
  execute(): Promise<CalculatorPanel | undefined> {
    return this.choice.openChosen();
  }
}
