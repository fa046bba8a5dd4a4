/**
 * The editor surfaces of the code reader: the hover on a loss call (and on the name it is
 * assigned to, and on print(...) of it), inlay hints with each resolved call's value, and the
 * Problems panel's diagnostics with their quick fixes.
 */
import * as vscode from 'vscode';
import { commandUri } from '../command-uri';
import type { CodeAnalysis, CodeProblem, CodeSite, SiteResult } from '../../code/analysis';
import { isSourceLanguage, SOURCE_LANGUAGES } from '../../code/languages';
import { codeSiteMarkdown, inlayLabel, type CodeSiteLabels } from '../../render/code-site';
import type { Config } from '../config';
import { spanRange, type CallReference, type CodeReader } from './code-reader';

export const CODE_COMMANDS = ['lossLens.openCallInCalculator', 'lossLens.copyCallValue', 'lossLens.insertAssertion'];

function labels(): CodeSiteLabels {
  return {
    returns: vscode.l10n.t('returns'),
    float32: vscode.l10n.t('computed in float32, as the framework does by default'),
    float64: vscode.l10n.t('computed in float64: the inputs are float64 tensors'),
    fromCode: vscode.l10n.t('line {0}', '{0}'),
    fromDefault: vscode.l10n.t('default'),
    codeWins: vscode.l10n.t('Settings apply to bare literals; inside a call the code’s arguments and the framework’s defaults apply.'),
    notResolved: vscode.l10n.t('Loss Lens cannot compute this call: {0}', '{0}'),
    argumentNotResolved: vscode.l10n.t('its argument {0}: {1}', '{0}', '{1}'),
    userFunction: vscode.l10n.t('evaluated by following `{0}()` through its body', '{0}'),
    legacyPrint: vscode.l10n.t('`print(x.eval())` in this TensorFlow 1 script, with the NumPy of its era (< 1.14):'),
    live: vscode.l10n.t('{0}: the live values of the stopped program (the text does not determine them)', '{0}'),
  };
}

/**
 * The hover for the call at `offset`, when there is one; `live` supplies the arguments the text
 * does not determine from a stopped debug session, when there is one.
 */
export async function codeHover(
  reader: CodeReader,
  config: Config,
  document: vscode.TextDocument,
  offset: number,
  enabledCommands: readonly string[],
  live?: (analysis: CodeAnalysis, site: CodeSite) => Promise<SiteResult | undefined>,
): Promise<vscode.Hover | undefined> {
  const found = reader.resultAt(document, offset);
  if (!found) return undefined;
  const { analysis } = found;
  let result = found.result;
  if (result.status === 'unresolved' && result.site.kind === 'loss-call' && live) {
    const withLive = await live(analysis, result.site);
    if (withLive?.status === 'loss') result = withLive;
  }
  let body = codeSiteMarkdown(analysis, result, config.precision, labels());
  // Links act on the document's own reading; a result with live values has none to act on.
  if (result.status === 'loss' && !result.live) {
    const reference: CallReference = { uri: document.uri.toString(), version: document.version, offset: result.site.call.span.from };
    body += `\n\n${[
      `[${vscode.l10n.t('Open in Calculator')}](${commandUri('lossLens.openCallInCalculator', reference)})`,
      `[${vscode.l10n.t('Copy')}](${commandUri('lossLens.copyCallValue', reference)})`,
      `[${vscode.l10n.t('Insert as Assertion')}](${commandUri('lossLens.insertAssertion', reference)})`,
    ].join(' · ')}`;
  }
  const markdown = new vscode.MarkdownString(body, true);
  markdown.isTrusted = { enabledCommands: [...enabledCommands] };
  return new vscode.Hover(markdown, spanRange(document, hoverSpan(analysis, result, offset)));
}

/** The hovered name when the hover is on a name, else the call. */
function hoverSpan(analysis: CodeAnalysis, result: SiteResult, offset: number) {
  const call = result.site.call.span;
  if (offset >= call.from && offset <= call.to) return call;
  const assigned = result.site.assignedTo?.span;
  if (assigned && offset >= assigned.from && offset <= assigned.to) return assigned;
  return analysis.nameAt(offset)?.span ?? { from: offset, to: offset };
}

export class CodeInlayHintsProvider implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(
    private readonly reader: CodeReader,
    private readonly config: Config,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): vscode.InlayHint[] {
    if (!this.config.inlayHints) return [];
    const analysis = this.reader.analysis(document);
    if (!analysis) return [];
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    const hints: vscode.InlayHint[] = [];
    for (const site of analysis.sites()) {
      if (token.isCancellationRequested) break;
      if (site.kind !== 'loss-call' || site.call.span.to < from || site.call.span.from > to) continue;
      const result = analysis.result(site);
      const label = inlayLabel(result);
      if (!label) continue;
      const hint = new vscode.InlayHint(document.positionAt(site.call.span.to), label);
      hint.paddingLeft = true;
      if (result.status === 'loss') hint.tooltip = result.evaluation.report.signature;
      hints.push(hint);
    }
    return hints;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Problems of the loss calls of open documents, kept up to date as they change. */
export class CodeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lossLens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly reader: CodeReader,
    private readonly config: Config,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 300)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
    this.refreshAll();
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isSourceLanguage(document.languageId)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, delay),
    );
  }

  private update(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    if (!this.config.codeDiagnostics) {
      this.collection.delete(document.uri);
      return;
    }
    try {
      const analysis = this.reader.analysis(document);
      this.collection.set(document.uri, analysis ? analysis.problems().map((p) => toDiagnostic(document, p)) : []);
    } catch (error) {
      // A reader bug must not surface as an uncaught error in a timer: the document keeps no problems, the log says why.
      this.collection.delete(document.uri);
      this.log.error(`Loss Lens: reading ${document.uri.toString()} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, problem: CodeProblem): vscode.Diagnostic {
  const severity =
    problem.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : problem.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(spanRange(document, problem.span), problem.message, severity);
  diagnostic.source = 'Loss Lens';
  diagnostic.code = problem.code;
  return diagnostic;
}

/** Quick fixes for the problems that have a certain fix. */
export class CodeFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly reader: CodeReader) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === 'Loss Lens');
    if (ours.length === 0) return [];
    const analysis = this.reader.analysis(document);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    for (const problem of analysis.problems()) {
      if (!problem.fix) continue;
      const problemRange = spanRange(document, problem.span);
      const diagnostic = ours.find((d) => d.code === problem.code && d.range.isEqual(problemRange));
      if (!diagnostic || !problemRange.intersection(range)) continue;
      const action = new vscode.CodeAction(problem.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      const edit = new vscode.WorkspaceEdit();
      for (const e of problem.fix.edits) edit.replace(document.uri, spanRange(document, e.span), e.text);
      action.edit = edit;
      actions.push(action);
    }
    return actions;
  }
}

export const CODE_SELECTOR: vscode.DocumentSelector = SOURCE_LANGUAGES.map((language) => ({ language }));
