/**
 * Reads tensors from a stopped debug session and opens them in the calculator: the focused stack
 * frame, one DAP `evaluate` per tensor (the template of the session's debug type, src/debug/),
 * a cancellable progress notification when reading takes a while, and a clear message for every
 * way it can fail. Loss Lens never runs the user's code itself: the debugger evaluates, in the
 * program it is debugging, an expression the user typed or chose.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodeTensor, DebugValueError, tensorLiteral, type TensorRole } from '../../debug/decode';
import { buildExpression, templateFor } from '../../debug/templates';
import { showCalculator, type CalculatorPanel, type CalculatorSource } from '../calculator';
import { MAX_INPUT_LENGTH } from '../calculator/protocol';
import type { LossLensContext } from '../context';
import * as dap from './dap';
import type { DebugSessions } from './sessions';

/** Reading that takes longer than this shows a cancellable progress notification. */
const PROGRESS_DELAY_MS = 400;
/** Frames asked for when looking up the focused frame by id. */
const FRAME_LEVELS = 200;

/** The frame expressions are evaluated in. */
export interface FrameTarget {
  readonly session: vscode.DebugSession;
  readonly threadId: number;
  readonly frame: dap.DapStackFrame;
  /** The session's epoch when the frame was found: if it changed, the frame is gone. */
  readonly epoch: number;
}

/** One expression to read, for one input. */
export interface LiveRequest {
  readonly role: TensorRole;
  readonly expression: string;
}

/** A failure worth a message; `Error` instances that are not this are bugs and are logged. */
export class LiveTensorError extends Error {
  override readonly name = 'LiveTensorError';
}

/** `main (train.py:12)`. */
export function frameDescription(frame: dap.DapStackFrame): string {
  const file = frame.source?.path ? path.basename(frame.source.path) : frame.source?.name;
  const place = file ? `${file}:${frame.line}` : vscode.l10n.t('line {0}', frame.line);
  return frame.name ? `${frame.name} (${place})` : place;
}

/** VS Code ≥ 1.90 exposes the focused thread or frame; older versions do not (the engine is ^1.82). */
interface StackItem {
  readonly session: vscode.DebugSession;
  readonly threadId: number;
  readonly frameId?: number;
}

function activeStackItem(): StackItem | undefined {
  const item: unknown = (vscode.debug as { activeStackItem?: unknown }).activeStackItem;
  if (typeof item !== 'object' || item === null) return undefined;
  const { session, threadId, frameId } = item as { session?: vscode.DebugSession; threadId?: unknown; frameId?: unknown };
  if (!session || typeof session.id !== 'string' || !Number.isInteger(threadId)) return undefined;
  return { session, threadId: threadId as number, ...(Number.isInteger(frameId) ? { frameId: frameId as number } : {}) };
}

/** The session a command acts on: the focused one, else the active one. */
export function focusedSession(): vscode.DebugSession | undefined {
  return activeStackItem()?.session ?? vscode.debug.activeDebugSession;
}

/**
 * The focused frame of `session`: `debug.activeStackItem` when VS Code has it (the frame the user
 * selected in the Call Stack view), else the top frame of the thread that stopped last (or the
 * first thread).
 */
export async function focusedFrame(session: vscode.DebugSession, sessions: DebugSessions): Promise<FrameTarget> {
  const state = sessions.state(session);
  if (state.ended) throw new LiveTensorError(vscode.l10n.t('Loss Lens: the debug session {0} has ended.', session.name));
  if (state.tracked && !state.stopped) {
    throw new LiveTensorError(vscode.l10n.t('Loss Lens: the program in {0} is running; pause it or stop at a breakpoint first.', session.name));
  }
  const item = activeStackItem();
  try {
    if (item && item.session.id === session.id) {
      const frames = await dap.stackTrace(session, item.threadId, item.frameId === undefined ? 1 : FRAME_LEVELS);
      const frame = item.frameId === undefined ? frames[0] : (frames.find((f) => f.id === item.frameId) ?? { id: item.frameId, name: '', line: 0 });
      if (frame) return { session, threadId: item.threadId, frame, epoch: state.epoch };
    }
    const threads = await dap.threads(session);
    const ordered = [...threads].sort((a, b) => Number(b.id === state.threadId) - Number(a.id === state.threadId));
    for (const thread of ordered) {
      const [top] = await dap.stackTrace(session, thread.id, 1).catch(() => []);
      if (top) return { session, threadId: thread.id, frame: top, epoch: state.epoch };
    }
  } catch (error) {
    throw new LiveTensorError(
      vscode.l10n.t('Loss Lens: could not find the stopped frame in {0}: {1}', session.name, error instanceof Error ? error.message : String(error)),
    );
  }
  throw new LiveTensorError(vscode.l10n.t('Loss Lens: no thread of {0} is stopped; pause it or stop at a breakpoint first.', session.name));
}

const LOGITS_NAMES = /^(logits?|outputs?|y_?preds?|y_?hat|preds?|predictions?|scores)$/i;
const LABELS_NAMES = /^(labels?|targets?|y_?true|y|gt|ground_?truth|classes)$/i;

/** Names of the frame's variables that look like logits and labels, for the input boxes. */
export async function suggestExpressions(target: FrameTarget): Promise<{ logits?: string; labels?: string }> {
  try {
    const scopes = (await dap.scopes(target.session, target.frame.id)).filter((s) => !s.expensive).slice(0, 2);
    const names: string[] = [];
    for (const scope of scopes) {
      for (const variable of await dap.variables(target.session, scope.variablesReference)) {
        // Children-less values (numbers, strings) are not tensors; skip the adapters' groups.
        if (variable.variablesReference > 0 && !/\s/.test(variable.name)) names.push(variable.evaluateName ?? variable.name);
      }
    }
    const pick = (pattern: RegExp, loose: RegExp) => names.find((n) => pattern.test(n)) ?? names.find((n) => loose.test(n));
    const logits = pick(LOGITS_NAMES, /logit|output|pred/i);
    const labels = pick(LABELS_NAMES, /label|target|true/i);
    return { ...(logits ? { logits } : {}), ...(labels ? { labels } : {}) };
  } catch {
    return {};
  }
}

function cancelled(token: vscode.CancellationToken): Promise<'cancelled'> {
  return new Promise((resolve) => {
    if (token.isCancellationRequested) resolve('cancelled');
    token.onCancellationRequested(() => resolve('cancelled'));
  });
}

/** Runs `work`, showing a cancellable progress notification titled `title` once it takes a while. */
async function withDelayedProgress<T>(title: string, work: (token: vscode.CancellationToken, report: (message: string) => void) => Promise<T>): Promise<T> {
  const source = new vscode.CancellationTokenSource();
  let report: (message: string) => void = () => undefined;
  let finished = false;
  let lastMessage = '';
  const running = work(source.token, (message) => {
    lastMessage = message;
    report(message);
  }).finally(() => (finished = true));
  const timer = setTimeout(() => {
    if (finished) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => source.cancel());
      report = (message) => progress.report({ message });
      if (lastMessage) report(lastMessage);
      return running.catch(() => undefined);
    });
  }, PROGRESS_DELAY_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
    source.dispose();
  }
}

/**
 * Evaluates each request in `target`'s frame and returns the literals, or undefined when the user
 * cancelled. Throws LiveTensorError (or DebugValueError) with the message to show.
 */
export async function readLiveTensors(
  context: LossLensContext,
  sessions: DebugSessions,
  target: FrameTarget,
  requests: readonly LiveRequest[],
): Promise<Partial<Record<TensorRole, string>> | undefined> {
  const { session, frame } = target;
  const template = templateFor(session.type, context.config.debugExpressionTemplates);
  if (!template) {
    throw new LiveTensorError(
      vscode.l10n.t(
        'Loss Lens cannot read tensors from debug type {0}: add a template for it to the setting lossLens.debug.expressionTemplates.',
        session.type,
      ),
    );
  }
  const maxElements = context.config.debugMaxElements;
  const where = frameDescription(frame);
  const epoch = target.epoch;
  const movedOn = (): LiveTensorError | undefined => {
    const state = sessions.state(session);
    if (state.ended) return new LiveTensorError(vscode.l10n.t('Loss Lens: the debug session {0} ended while reading the tensors.', session.name));
    if (state.epoch !== epoch) {
      return new LiveTensorError(vscode.l10n.t('Loss Lens: the program resumed while reading the tensors from {0}; stop it again and retry.', where));
    }
    return undefined;
  };
  const title = vscode.l10n.t('Loss Lens: reading tensors from the debugger ({0})', where);
  const before = movedOn();
  if (before) throw before;
  return withDelayedProgress(title, async (token, report) => {
    const literals: Partial<Record<TensorRole, string>> = {};
    for (const request of requests) {
      report(`${request.role} \`${request.expression}\``);
      const started = Date.now();
      const answer = await Promise.race([
        dap.evaluate(session, buildExpression(template, request.expression, maxElements), frame.id, template.context).then(
          (response) => ({ response }),
          (error: unknown) => ({ error }),
        ),
        cancelled(token),
      ]);
      if (answer === 'cancelled') return undefined;
      const moved = movedOn();
      if (moved) throw moved;
      if ('error' in answer) {
        const reason = answer.error instanceof Error ? answer.error.message : String(answer.error);
        throw new LiveTensorError(
          vscode.l10n.t('Loss Lens: the debugger could not evaluate {0} `{1}` in {2}: {3}', request.role, request.expression, where, reason),
        );
      }
      const decoded = decodeTensor(answer.response.result, { role: request.role, expression: request.expression, maxElements });
      if (!decoded.ok) throw decoded.error;
      const literal = tensorLiteral(decoded.tensor);
      if (literal.length > MAX_INPUT_LENGTH) {
        throw new DebugValueError(
          'too-long',
          `${request.role} \`${request.expression}\` has ${decoded.tensor.values.length.toLocaleString('en-US')} elements, ${literal.length.toLocaleString('en-US')} characters as text; the calculator reads at most ${MAX_INPUT_LENGTH.toLocaleString('en-US')}. Evaluate a slice of it.`,
          request.role,
          request.expression,
        );
      }
      context.log.info(
        `debug: read ${request.role} \`${request.expression}\` (${decoded.tensor.dtype} [${decoded.tensor.shape.join(', ')}]) from ${session.type} in ${Date.now() - started} ms`,
      );
      literals[request.role] = literal;
    }
    return literals;
  });
}

/** The file (when the frame has one) and 0-based line of a frame. */
function frameSource(frame: dap.DapStackFrame): { uri: vscode.Uri; line: number } | undefined {
  const file = frame.source?.path;
  if (!file || frame.line < 1) return undefined;
  // A path, or (a remote window's adapters) a URI such as vscode-remote://host/folder/file.py.
  const uri = /^[a-z][\w+.-]*:\/\//i.test(file) ? vscode.Uri.parse(file) : path.isAbsolute(file) ? vscode.Uri.file(file) : undefined;
  if (!uri) return undefined;
  return { uri: inWorkspace(uri), line: frame.line - 1 };
}

/**
 * The URI of a workspace document for `uri`: an adapter on a remote machine reports plain paths (or
 * URIs spelled differently) for files that the window knows as vscode-remote://… documents.
 */
function inWorkspace(uri: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => uri.path === f.uri.path || uri.path.startsWith(`${f.uri.path.replace(/\/$/, '')}/`));
  return folder ? folder.uri.with({ path: uri.path }) : uri;
}

/** The calculator's title source for a frame, with the document's version when it opens. */
async function calculatorSource(frame: dap.DapStackFrame): Promise<CalculatorSource | undefined> {
  const place = frameSource(frame);
  if (!place) return undefined;
  const { uri, line } = place;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const document = open ?? (await Promise.resolve(vscode.workspace.openTextDocument(uri)).catch(() => undefined));
  return { uri, range: new vscode.Range(line, 0, line, 0), version: document?.version ?? 0 };
}

/** Shows a failure: what went wrong and where, in the user's language where Loss Lens wrote it. */
export function showLiveTensorError(context: LossLensContext, error: unknown, target?: FrameTarget): void {
  if (error instanceof DebugValueError) {
    const where = target ? frameDescription(target.frame) : '';
    const message = where ? vscode.l10n.t('Loss Lens: {0} (in {1})', error.message, where) : `Loss Lens: ${error.message}`;
    context.log.warn(message);
    void vscode.window.showErrorMessage(message);
  } else if (error instanceof LiveTensorError) {
    context.log.warn(error.message);
    void vscode.window.showErrorMessage(error.message);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.log.error(`debug: ${text}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: reading the tensors failed unexpectedly; see the Loss Lens output for details.'));
  }
}

/**
 * Reads the requests in `target` and opens the calculator with them, titled with the frame's file
 * and line. Returns the panel, or undefined when nothing opened (cancelled, or a failure shown).
 */
export async function openLiveTensors(
  context: LossLensContext,
  sessions: DebugSessions,
  target: FrameTarget,
  requests: readonly LiveRequest[],
): Promise<CalculatorPanel | undefined> {
  try {
    const literals = await readLiveTensors(context, sessions, target, requests);
    if (!literals) return undefined;
    const source = await calculatorSource(target.frame);
    return showCalculator(context.extension, { ...literals, ...(source ? { source } : {}) });
  } catch (error) {
    showLiveTensorError(context, error, target);
    return undefined;
  }
}
