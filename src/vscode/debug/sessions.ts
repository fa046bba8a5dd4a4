/**
 * Which debug sessions exist and whether each is stopped, from the adapter's own messages: a
 * `DebugAdapterTracker` for every debug type watches `stopped`, `continued`, `terminated` and
 * `exited` events and the requests that resume the program (`continue`, `next`, `stepIn`, ...).
 * Each stop or resume advances the session's `epoch`, so a reader that noted the epoch before it
 * evaluated can tell that the program moved on meanwhile.
 */
import * as vscode from 'vscode';

/** Requests after which the program runs (or may run) again. */
const RESUMING_REQUESTS = new Set([
  'continue',
  'next',
  'stepIn',
  'stepOut',
  'stepBack',
  'reverseContinue',
  'goto',
  'restartFrame',
  'restart',
  'disconnect',
  'terminate',
]);

export interface SessionState {
  /** False for a session that started before Loss Lens was active: its stops were not seen. */
  readonly tracked: boolean;
  readonly stopped: boolean;
  /** The thread of the last `stopped` event. */
  readonly threadId?: number;
  /** Advances at every stop, resume and end. */
  readonly epoch: number;
  readonly ended: boolean;
}

interface Entry {
  readonly session: vscode.DebugSession;
  state: SessionState;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class DebugSessions implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.DebugSession>();
  private readonly disposables: vscode.Disposable[];
  /** Fires when a session stops, resumes or ends. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables = [
      this.changed,
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (session) => {
          this.entries.set(session.id, { session, state: { tracked: true, stopped: false, epoch: 0, ended: false } });
          return {
            onDidSendMessage: (message: unknown) => this.fromAdapter(session, message),
            onWillReceiveMessage: (message: unknown) => this.toAdapter(session, message),
            onExit: () => this.update(session, { stopped: false, ended: true }),
          };
        },
      }),
      vscode.debug.onDidTerminateDebugSession((session) => {
        this.update(session, { stopped: false, ended: true });
        // Kept a while so that a reader still waiting learns that the session ended; then dropped.
        setTimeout(() => this.entries.delete(session.id), 60_000).unref?.();
      }),
    ];
  }

  /** A session Loss Lens has seen, by id (the Variables view passes the id). */
  session(id: string): vscode.DebugSession | undefined {
    return this.entries.get(id)?.session;
  }

  state(session: vscode.DebugSession): SessionState {
    return this.entries.get(session.id)?.state ?? { tracked: false, stopped: true, epoch: 0, ended: false };
  }

  private fromAdapter(session: vscode.DebugSession, message: unknown): void {
    if (!isRecord(message) || message.type !== 'event') return;
    const body = isRecord(message.body) ? message.body : {};
    switch (message.event) {
      case 'stopped':
        this.update(session, { stopped: true, ...(Number.isInteger(body.threadId) ? { threadId: body.threadId as number } : {}) });
        break;
      case 'continued':
        this.update(session, { stopped: false });
        break;
      case 'terminated':
      case 'exited':
        this.update(session, { stopped: false, ended: true });
        break;
    }
  }

  private toAdapter(session: vscode.DebugSession, message: unknown): void {
    if (isRecord(message) && message.type === 'request' && typeof message.command === 'string' && RESUMING_REQUESTS.has(message.command)) {
      this.update(session, { stopped: false });
    }
  }

  private update(session: vscode.DebugSession, change: Partial<Pick<SessionState, 'stopped' | 'threadId' | 'ended'>>): void {
    const entry = this.entries.get(session.id);
    if (!entry) return;
    const before = entry.state;
    if (before.ended) return;
    entry.state = { ...before, ...change, epoch: before.epoch + 1 };
    this.changed.fire(session);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
