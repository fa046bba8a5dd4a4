/**
 * The host side of the calculator: one webview panel, its page, and the message loop. The
 * webview only displays; parsing and every computation run here (CalculatorSession), so the
 * webview bundle carries neither mathjs nor the engine.
 */
import * as vscode from 'vscode';
import type { ClassificationOptions } from '../../report/model';
import { Config } from '../config';
import { callDescriptions, callDocs, evaluateCallForm, HOST_CALL_CATALOGUE, respondToCall } from './calls';
import { CalculatorSession, completeForm, formFromOptions, resolveOptions } from './compute';
import { calculatorHtml, createNonce } from './html';
import {
  CALCULATOR_VIEW_TYPE,
  receiveWebviewMessage,
  type CallForm,
  type CopyFormat,
  type HostMessage,
  type OptionsForm,
  type Prefill,
  type PrefillCall,
  type WebviewMessage,
} from './protocol';
import { CALCULATOR_STRINGS, type CalculatorStrings } from './strings';
import { encodeWire } from './wire';

export interface CalculatorSource {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly version: number;
}

export interface CalculatorInput {
  readonly logits?: string;
  readonly labels?: string;
  readonly options?: Partial<ClassificationOptions>;
  readonly source?: CalculatorSource;
  /** A call read from the code: the Calls tab opens on it. */
  readonly call?: PrefillCall;
}

/** Folders the webview may load from, relative to the extension root. */
export const WEBVIEW_ROOTS = ['dist/webview', 'media'] as const;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: WEBVIEW_ROOTS.map((folder) => vscode.Uri.joinPath(extensionUri, folder)),
  };
}

/** Strings for the webview: the English table, through vscode.l10n so a bundle can translate it. */
export function localizedStrings(): CalculatorStrings {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(CALCULATOR_STRINGS)) strings[key] = vscode.l10n.t(value);
  return strings as CalculatorStrings;
}

function sourceLabel(source: CalculatorSource): string {
  return `${vscode.workspace.asRelativePath(source.uri)}:${source.range.start.line + 1}`;
}

export class CalculatorPanel implements vscode.Disposable {
  private static current: CalculatorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly session = new CalculatorSession();
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private pendingPrefill: { prefill: Prefill; source?: string } | undefined;
  private source: CalculatorSource | undefined;
  private ready = false;
  private isDisposed = false;

  /** Every message the host sent the webview, for tests and diagnostics. */
  readonly onDidPostMessage = this.posted.event;
  /** Every valid message from the webview, after validation (invalid ones are only logged). */
  readonly onDidReceiveMessage = this.received.event;
  readonly onDidDispose = this.disposed.event;

  static get active(): CalculatorPanel | undefined {
    return CalculatorPanel.current;
  }

  static show(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, input?: CalculatorInput): CalculatorPanel {
    let calculator = CalculatorPanel.current;
    if (!calculator) {
      const panel = vscode.window.createWebviewPanel(
        CALCULATOR_VIEW_TYPE,
        localizedStrings().panelTitle,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        webviewOptions(context.extensionUri),
      );
      calculator = new CalculatorPanel(panel, context, log);
    } else {
      calculator.panel.reveal(undefined, false);
    }
    if (input && (input.logits !== undefined || input.labels !== undefined || input.call)) calculator.prefill(input);
    return calculator;
  }

  /** Takes over a panel VS Code restored after a reload; the webview restores its own state. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, log: vscode.LogOutputChannel): CalculatorPanel {
    CalculatorPanel.current?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    return new CalculatorPanel(panel, context, log);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    CalculatorPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'calculator.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)),
      // A hidden panel's page is discarded; it says `ready` again when shown.
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.ready = false;
      }),
      this.posted,
      this.received,
      this.disposed,
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    const strings = localizedStrings();
    return calculatorHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      script: asset('dist', 'webview', 'webview.js'),
      codicons: asset('dist', 'webview', 'codicons', 'codicon.css'),
      styles: [asset('dist', 'webview', 'katex', 'katex.min.css'), asset('dist', 'webview', 'uplot', 'uPlot.min.css'), asset('media', 'calculator.css')],
      title: strings.panelTitle,
      loading: strings.loading,
      language: vscode.env.language,
    });
  }

  /** Replaces the inputs with the editor's literals and recomputes. */
  prefill(input: CalculatorInput): void {
    if (input.source) this.source = input.source;
    const prefill: Prefill = {
      ...(input.logits !== undefined ? { logits: input.logits } : {}),
      ...(input.labels !== undefined ? { labels: input.labels } : {}),
      ...(input.options ? { options: formFromOptions(input.options) } : {}),
      ...(input.call ? { call: input.call } : {}),
    };
    const source = input.source ? sourceLabel(input.source) : undefined;
    this.pendingPrefill = { prefill, ...(source ? { source } : {}) };
    if (this.ready) void this.deliverPrefill();
  }

  private async deliverPrefill(): Promise<void> {
    const pending = this.pendingPrefill;
    if (!pending) return;
    if (await this.post({ type: 'prefill', ...pending })) {
      if (this.pendingPrefill === pending) this.pendingPrefill = undefined;
    }
  }

  private async post(message: HostMessage): Promise<boolean> {
    const delivered = await this.panel.webview.postMessage(encodeWire(message));
    this.posted.fire(message);
    return delivered;
  }

  /** Validates one message from the webview and acts on it; bad messages are logged and dropped. */
  async handleMessage(raw: unknown): Promise<void> {
    const received = receiveWebviewMessage(raw, HOST_CALL_CATALOGUE);
    if ('dropped' in received) {
      this.log.warn(`Calculator: dropped a message from the webview (${received.dropped})`);
      if (received.reply) await this.post(received.reply);
      return;
    }
    const message = received.message;
    this.received.fire(message);
    try {
      await this.dispatch(message);
    } catch (error) {
      this.log.error(`Calculator: ${message.type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const id = 'id' in message ? message.id : undefined;
      await this.post({ type: 'failed', ...(id !== undefined ? { id } : {}), message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendInit();
      case 'problem':
        this.log.warn(`Calculator webview: ${message.message}`);
        return;
      case 'insertResult':
        return this.runResultCommand('lossLens.insertResult', message.logits, message.labels, message.options);
      case 'copyResult':
        return this.runResultCommand('lossLens.copyResult', message.logits, message.labels, message.options, message.format);
      case 'insertCallResult':
        return this.runCallResultCommand('lossLens.insertResult', message.form);
      case 'copyCallResult':
        return this.runCallResultCommand('lossLens.copyResult', message.form, message.format);
      case 'openDocs':
        return this.openDocs(message.call);
      case 'call':
        await this.post(respondToCall(message));
        return;
      case 'evaluate':
      case 'derive':
      case 'compare':
      case 'distributions':
      case 'likelihood': {
        await this.post(this.session.respond(message));
        return;
      }
    }
  }

  private async sendInit(): Promise<void> {
    this.ready = true;
    const config = new Config();
    const pending = this.pendingPrefill;
    const delivered = await this.post({
      type: 'init',
      strings: localizedStrings(),
      defaults: completeForm(config.classificationOptions()),
      displayDigits: config.precision,
      calls: callDescriptions(),
      ...(pending ? { prefill: pending.prefill, ...(pending.source ? { source: pending.source } : {}) } : {}),
    });
    if (delivered && this.pendingPrefill === pending) this.pendingPrefill = undefined;
  }

  private async runResultCommand(
    command: 'lossLens.insertResult' | 'lossLens.copyResult',
    logits: string,
    labels: string,
    form: OptionsForm,
    format?: string,
  ): Promise<void> {
    const resolved = resolveOptions(form);
    if ('errors' in resolved) {
      await this.post({ type: 'notice', message: resolved.errors.map((e) => e.message).join(' ') });
      return;
    }
    await vscode.commands.executeCommand(command, { logits, labels, options: resolved.options, ...(format ? { format } : {}), ...this.target() });
  }

  private target() {
    const source = this.source;
    return source ? { target: { uri: source.uri.toString(), line: source.range.start.line, version: source.version } } : {};
  }

  /** Insert or Copy for the Calls tab: the same commands, given the call form instead of the literals. */
  private async runCallResultCommand(command: 'lossLens.insertResult' | 'lossLens.copyResult', form: CallForm, format?: CopyFormat): Promise<void> {
    const outcome = evaluateCallForm(form);
    if ('problems' in outcome) {
      await this.post({ type: 'notice', message: outcome.problems.map((p) => (p.argument ? `${p.argument}: ${p.message}` : p.message)).join(' ') });
      return;
    }
    await vscode.commands.executeCommand(command, { call: form, ...(format ? { format } : {}), ...this.target() });
  }

  /** Opens a call's documentation in the browser: the catalogue's address, and only an https one. */
  private async openDocs(call: string): Promise<void> {
    const docs = callDocs(call);
    if (!docs) {
      this.log.warn(`Calculator: ${call} has no https documentation address; nothing was opened`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(docs, true));
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (CalculatorPanel.current === this) CalculatorPanel.current = undefined;
    this.disposed.fire();
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
