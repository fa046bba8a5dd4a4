/**
 * The calculator webview. It shows and asks; the extension host parses and computes. Input
 * is sent debounced as the user types; replies carry request ids and only the newest reply of
 * each kind is shown. State survives reloads through getState/setState.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type {
  CallDescription,
  CallForm,
  CopyFormat,
  HostMessage,
  InputProblem,
  PlainClassificationReport,
  WebviewMessage,
} from '../vscode/calculator/protocol';
import { COPY_FORMATS } from '../vscode/calculator/protocol';
import type { CalculatorStrings } from '../vscode/calculator/strings';
import { isRecord } from '../vscode/calculator/validate';
import { decodeWire } from '../vscode/calculator/wire';
import type { HeatPalette } from './colors';
import { argumentsToSend, resolveCallState, withLiterals } from './callsView';
import { CallsTab } from './dom/calls';
import { CompareTab } from './dom/compare';
import { renderDiagnostics } from './dom/diagnostics';
import { ExplainPanel } from './dom/explain';
import { h, replaceChildren } from './dom/h';
import { renderHeatmap, sameTarget } from './dom/heatmap';
import { LiteralInput } from './dom/literalInput';
import { OptionsFields } from './dom/options';
import { readPalette, watchTheme } from './dom/theme';
import { DistributionsTab, LikelihoodTab } from './dom/theory';
import { fill } from './text';
import { LatestRequest } from './requests';
import { applyPrefill, restoreState, TABS, type CalculatorState, type CallState, type Selection, type TabId } from './state';
import { buildClassificationView, type ClassificationView, type DeriveTarget } from './viewModel';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const TYPING_DELAY_MS = 250;

// Lit adds a <style> element only where constructable stylesheets are missing; give it the nonce.
(globalThis as { litNonce?: string }).litNonce = document.currentScript?.getAttribute('nonce') ?? undefined;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function reportProblem(message: string): void {
  post({ type: 'problem', message: message.slice(0, 2000) });
}

window.addEventListener('error', (event) => reportProblem(`${event.message} (${event.filename}:${event.lineno})`));
window.addEventListener('unhandledrejection', (event) => reportProblem(String(event.reason)));
document.addEventListener('securitypolicyviolation', (event) =>
  reportProblem(`CSP blocked ${event.blockedURI || 'inline content'} (${event.violatedDirective})`),
);

function debounce(action: () => void, delay: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, delay);
  };
}

class Calculator {
  private state: CalculatorState;
  private palette: HeatPalette = readPalette();
  private report: { id: number; value: PlainClassificationReport } | undefined;
  private view: ClassificationView | undefined;
  private readonly evaluation = new LatestRequest();
  private readonly derivation = new LatestRequest();
  private readonly comparison = new LatestRequest();
  private readonly distributions = new LatestRequest();
  private readonly likelihood = new LatestRequest();
  private readonly callRequest = new LatestRequest();
  private compareStale = true;

  private readonly logits: LiteralInput;
  private readonly labels: LiteralInput;
  private readonly options: OptionsFields;
  private readonly status: HTMLElement;
  private readonly source: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly tables: HTMLElement;
  private readonly explain: ExplainPanel;
  private readonly compare: CompareTab;
  private readonly distributionsTab: DistributionsTab;
  private readonly likelihoodTab: LikelihoodTab;
  private readonly callsTab: CallsTab;
  private readonly tabs: HTMLElement & { selectedIndex: number };
  private readonly copyFormat: HTMLElement & { value: string };

  constructor(
    private readonly strings: CalculatorStrings,
    state: CalculatorState,
    private readonly calls: readonly CallDescription[],
  ) {
    const call = resolveCallState(state.call, calls);
    this.state = { ...state, ...(call ? { call } : {}) };
    const scheduleEvaluate = debounce(() => this.evaluate(), TYPING_DELAY_MS);
    const onClassificationInput = () => {
      this.readInputs();
      this.compareStale = true;
      scheduleEvaluate();
    };
    this.logits = new LiteralInput(
      { id: 'logits', label: strings.logits, help: strings.logitsHelp, placeholder: '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]', rows: 4 },
      strings,
      onClassificationInput,
    );
    this.labels = new LiteralInput(
      { id: 'labels', label: strings.labels, help: strings.labelsHelp, placeholder: '[1, 2]', rows: 4 },
      strings,
      onClassificationInput,
    );
    this.options = new OptionsFields(strings, onClassificationInput);

    this.source = h('span', { class: 'source' });
    this.notice = h('span', { class: 'notice', role: 'status' });
    const insert = h('vscode-button', { icon: 'insert', title: strings.insertResultTitle }, strings.insertResult);
    insert.addEventListener('click', () => {
      const form = this.state.tab === 'calls' ? this.callForm() : undefined;
      post(form ? { type: 'insertCallResult', form } : { type: 'insertResult', ...this.classificationInputs() });
    });
    this.copyFormat = h(
      'vscode-single-select',
      { 'aria-label': strings.copyFormat },
      ...COPY_FORMATS.map((format) => h('vscode-option', { value: format }, this.formatName(format))),
    );
    (this.copyFormat as unknown as { label: string }).label = strings.copyFormat;
    this.copyFormat.addEventListener('change', () => {
      const format = COPY_FORMATS.find((f) => f === this.copyFormat.value);
      if (format) this.update({ copyFormat: format });
    });
    const copy = h('vscode-button', { icon: 'copy', secondary: true, title: strings.copyResultTitle }, strings.copyResult);
    copy.addEventListener('click', () => {
      const form = this.state.tab === 'calls' ? this.callForm() : undefined;
      const format = this.state.copyFormat;
      post(form ? { type: 'copyCallResult', format, form } : { type: 'copyResult', format, ...this.classificationInputs() });
    });

    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.tables = h('div', { class: 'tables' });
    this.explain = new ExplainPanel(strings);
    this.compare = new CompareTab(strings);
    const scheduleDistributions = debounce(() => this.requestDistributions(), TYPING_DELAY_MS);
    this.distributionsTab = new DistributionsTab(strings, () => {
      this.update({ p: this.distributionsTab.p.value, q: this.distributionsTab.q.value });
      scheduleDistributions();
    });
    const scheduleLikelihood = debounce(() => this.requestLikelihood(), TYPING_DELAY_MS);
    this.likelihoodTab = new LikelihoodTab(strings, () => {
      this.update({ outcomes: this.likelihoodTab.outcomes.value, theta: this.likelihoodTab.theta.value });
      scheduleLikelihood();
    });

    const scheduleCall = debounce(() => this.requestCall(), TYPING_DELAY_MS);
    this.callsTab = new CallsTab(strings, calls, {
      onChange: (next) => {
        const switched = next.id !== this.state.call?.id;
        this.update({ call: next });
        if (switched) this.showCall();
        scheduleCall();
      },
      onOpenDocs: (id) => post({ type: 'openDocs', call: id }),
    });

    const tabTitles: Record<TabId, string> = {
      results: strings.tabResults,
      compare: strings.tabCompare,
      distributions: strings.tabDistributions,
      likelihood: strings.tabLikelihood,
      calls: strings.tabCalls,
    };
    const tabBodies: Record<TabId, HTMLElement> = {
      results: h('div', { class: 'results-layout' }, this.tables, this.explain.element),
      compare: this.compare.element,
      distributions: this.distributionsTab.element,
      likelihood: this.likelihoodTab.element,
      calls: this.callsTab.element,
    };
    this.tabs = h('vscode-tabs', { 'selected-index': TABS.indexOf(state.tab) });
    for (const tab of TABS) {
      this.tabs.append(h('vscode-tab-header', { slot: 'header', 'data-tab': tab }, tabTitles[tab]), h('vscode-tab-panel', {}, tabBodies[tab]));
    }
    this.tabs.addEventListener('vsc-tabs-select', (event) => {
      const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      this.update({ tab: TABS[index] ?? 'results' });
      if (this.state.tab === 'compare') this.requestComparison();
    });

    const app = document.getElementById('app')!;
    replaceChildren(
      app,
      h('header', { class: 'topbar' }, h('h1', {}, strings.heading), this.source, h('div', { class: 'actions' }, insert, this.copyFormat, copy, this.notice)),
      h('section', { class: 'inputs', 'aria-label': strings.options }, this.logits.element, this.labels.element, this.options.element),
      this.status,
      this.tabs,
    );
    app.removeAttribute('aria-busy');
    this.showState();
    watchTheme(() => {
      this.palette = readPalette();
      this.renderReport();
      this.likelihoodTab.redraw();
      this.requestDistributions();
      this.requestCall();
    });
    this.evaluate();
    this.requestDistributions();
    this.requestLikelihood();
    this.requestCall();
  }

  private formatName(format: CopyFormat): string {
    const names: Record<CopyFormat, string> = {
      numpy: this.strings.formatNumpy,
      pytorch: this.strings.formatPytorch,
      json: this.strings.formatJson,
      markdown: this.strings.formatMarkdown,
    };
    return names[format];
  }

  private update(change: Partial<CalculatorState>): void {
    this.state = { ...this.state, ...change };
    vscode.setState(this.state);
  }

  /** Puts the state into the controls (after init or a prefill). */
  private showState(): void {
    const s = this.state;
    this.logits.value = s.logits;
    this.labels.value = s.labels;
    this.options.set(s.options, s.displayDigits);
    this.copyFormat.value = s.copyFormat;
    this.distributionsTab.p.value = s.p;
    this.distributionsTab.q.value = s.q;
    this.likelihoodTab.outcomes.value = s.outcomes;
    this.likelihoodTab.theta.value = s.theta;
    replaceChildren(this.source, s.source ? fill(this.strings.sourceFrom, s.source) : '');
    if (this.tabs.selectedIndex !== TABS.indexOf(s.tab)) this.tabs.selectedIndex = TABS.indexOf(s.tab);
    vscode.setState(s);
    this.showCall();
  }

  private readInputs(): void {
    const digits = this.options.readDigits(this.state.displayDigits);
    const digitsChanged = digits !== this.state.displayDigits;
    this.update({ logits: this.logits.value, labels: this.labels.value, options: this.options.read(this.state.options), displayDigits: digits });
    if (digitsChanged) {
      this.renderReport();
      this.requestDistributions();
      this.requestLikelihood();
      this.requestCall();
    }
  }

  /** Rebuilds the Calls tab's form from the state (a call picked, restored or prefilled). */
  private showCall(): void {
    if (!this.state.call) return;
    this.callsTab.show(this.state.call, { logits: this.state.logits, labels: this.state.labels });
    // The form fills what the state leaves open (defaults, the literals), so the state takes the form's values.
    const shown = this.callsTab.read();
    if (shown) this.update({ call: shown });
  }

  private callForm(): CallForm | undefined {
    const state = this.state.call;
    const call = state && this.calls.find((c) => c.id === state.id);
    if (!state || !call) return undefined;
    return { call: call.id, arguments: argumentsToSend(call, state.arguments), float32: state.float32 };
  }

  private requestCall(): void {
    const form = this.callForm();
    if (!form) return;
    this.callsTab.showBusy();
    post({ type: 'call', id: this.callRequest.next(), form });
  }

  private classificationInputs() {
    return { logits: this.state.logits, labels: this.state.labels, options: this.state.options };
  }

  prefill(message: Extract<HostMessage, { type: 'prefill' | 'init' }>): void {
    if (!message.prefill) return;
    const state = applyPrefill(this.state, message.prefill, message.source);
    this.state = { ...state, ...(state.call ? { call: this.callWithLiterals(state.call, state) } : {}) };
    this.compareStale = true;
    this.showState();
    this.explain.showHint();
    this.evaluate();
    this.requestCall();
  }

  private callWithLiterals(call: CallState, state: CalculatorState): CallState {
    const description = this.calls.find((c) => c.id === call.id);
    return description ? withLiterals(call, description, { logits: state.logits, labels: state.labels }) : call;
  }

  private evaluate(): void {
    const id = this.evaluation.next();
    this.status.classList.remove('failed');
    replaceChildren(this.status, this.strings.computing);
    post({ type: 'evaluate', id, ...this.classificationInputs() });
    if (this.state.tab === 'compare') this.requestComparison();
  }

  private requestComparison(): void {
    if (!this.compareStale) return;
    this.compareStale = false;
    this.compare.showBusy();
    post({ type: 'compare', id: this.comparison.next(), ...this.classificationInputs() });
  }

  private requestDistributions(): void {
    post({ type: 'distributions', id: this.distributions.next(), p: this.state.p, q: this.state.q });
  }

  private requestLikelihood(): void {
    post({ type: 'likelihood', id: this.likelihood.next(), outcomes: this.state.outcomes, theta: this.state.theta });
  }

  private requestDerivation(selection: Selection): void {
    if (!this.report) return;
    this.explain.showLoading();
    post({ type: 'derive', id: this.derivation.next(), evaluationId: this.report.id, quantity: selection.quantity, index: [...selection.index] });
  }

  private select(target: DeriveTarget, cell: HTMLElement): void {
    this.update({ selection: { quantity: target.quantity, index: [...target.index] } });
    this.tables.querySelectorAll('td[aria-selected="true"]').forEach((other) => other.setAttribute('aria-selected', 'false'));
    this.tables.querySelectorAll<HTMLElement>('td[role="gridcell"]').forEach((td) => {
      if (td === cell) td.setAttribute('aria-selected', 'true');
    });
    this.requestDerivation(target);
  }

  private showCell(cell: { table: string; row: number; column: number }): void {
    const td = this.tables.querySelector<HTMLElement>(`table[data-table="${cell.table}"] td[data-row="${cell.row}"][data-column="${cell.column}"]`);
    td?.click();
  }

  private renderReport(): void {
    if (!this.report) return;
    const view = buildClassificationView(this.report.value, this.strings, this.state.displayDigits);
    this.view = view;
    const selected = this.state.selection;
    const parts: HTMLElement[] = [h('p', { class: 'legend' }, this.strings.legend, ' ', h('span', { class: 'visually-hidden' }, this.strings.tableHint))];
    for (const table of view.tables) parts.push(renderHeatmap(table, this.palette, { onSelect: (target, cell) => this.select(target, cell) }, selected));
    const reductions = h('table', { class: 'plain' }, h('caption', {}, this.strings.reductions));
    reductions.appendChild(
      h('thead', {}, h('tr', {}, ...view.reductions.columnHeaders.map((header, i) => h('th', { scope: 'col', class: i === 0 ? 'label' : undefined }, header)))),
    );
    const reductionBody = h('tbody');
    for (const row of view.reductions.rows) {
      reductionBody.appendChild(
        h('tr', {}, h('th', { scope: 'row', class: 'label' }, row.label), ...row.cells.map((cell) => h('td', { title: cell.title }, cell.text))),
      );
    }
    reductions.appendChild(reductionBody);
    parts.push(h('div', { class: 'wide' }, reductions));
    if (view.precision) {
      const precision = view.precision;
      const table = h('table', { class: 'plain' }, h('caption', {}, precision.heading));
      table.appendChild(
        h('thead', {}, h('tr', {}, ...precision.columnHeaders.map((header, i) => h('th', { scope: 'col', class: i === 0 ? 'label' : undefined }, header)))),
      );
      const body = h('tbody');
      for (const row of precision.rows) {
        body.appendChild(
          h(
            'tr',
            {},
            h('th', { scope: 'row', class: 'label' }, row.label),
            h('td', { title: row.float64.title }, row.float64.text),
            h('td', {}, row.bigNumber),
          ),
        );
      }
      table.appendChild(body);
      parts.push(h('div', { class: 'wide' }, table, h('p', { class: 'hint' }, precision.maxError)));
    }
    parts.push(renderDiagnostics(view.diagnostics, this.strings, (cell) => this.showCell(cell)));
    replaceChildren(this.tables, ...parts);
    this.tables.classList.remove('stale');
    this.status.classList.remove('failed');
    replaceChildren(this.status, view.summary);
  }

  private showInputProblems(problems: readonly InputProblem[]): void {
    this.logits.showProblem(problems.find((p) => p.input === 'logits'));
    this.labels.showProblem(problems.find((p) => p.input === 'labels'));
    this.options.showProblems(problems);
    this.tables.classList.add('stale');
    this.status.classList.add('failed');
    replaceChildren(this.status, fill(this.strings.failed, problems.map((p) => p.message).join(' ')));
  }

  onMessage(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        return;
      case 'prefill':
        return this.prefill(message);
      case 'evaluated': {
        if (!this.evaluation.isLatest(message.id)) return;
        this.report = { id: message.id, value: message.report };
        this.logits.showProblem(undefined);
        this.labels.showProblem(undefined);
        this.options.showProblems([]);
        this.renderReport();
        const selection = this.state.selection;
        if (selection && this.selectionExists(selection)) this.requestDerivation(selection);
        else if (selection) {
          this.update({ selection: undefined });
          this.explain.showHint();
        }
        return;
      }
      case 'callEvaluated':
        if (this.callRequest.isLatest(message.id)) this.callsTab.showResult(message.report, this.palette, this.state.displayDigits);
        return;
      case 'inputErrors':
        if (this.callRequest.isLatest(message.id)) this.callsTab.showProblems(message.errors);
        if (this.evaluation.isLatest(message.id)) this.showInputProblems(message.errors);
        if (this.comparison.isLatest(message.id)) this.compare.showMessage(message.errors.map((e) => e.message).join(' '));
        if (this.distributions.isLatest(message.id)) this.distributionsTab.showProblems(message.errors);
        if (this.likelihood.isLatest(message.id)) this.likelihoodTab.showProblems(message.errors);
        if (this.derivation.isLatest(message.id)) this.explain.showMessage(message.errors.map((e) => e.message).join(' '));
        return;
      case 'derivation':
        if (this.derivation.isLatest(message.id)) this.explain.show(message.result, this.state.displayDigits);
        return;
      case 'comparison':
        if (this.comparison.isLatest(message.id)) this.compare.show(message.comparison, this.state.options.dialect, this.state.displayDigits);
        return;
      case 'distributions':
        if (this.distributions.isLatest(message.id)) this.distributionsTab.show(message.report, this.palette, this.state.displayDigits);
        return;
      case 'likelihood':
        if (this.likelihood.isLatest(message.id)) this.likelihoodTab.show(message.report, this.state.displayDigits);
        return;
      case 'failed': {
        const text = fill(this.strings.failed, message.message);
        if (this.comparison.isLatest(message.id)) this.compare.showMessage(text);
        else if (this.callRequest.isLatest(message.id)) this.callsTab.showMessage(text);
        else if (this.derivation.isLatest(message.id)) this.explain.showMessage(text);
        else {
          this.status.classList.add('failed');
          replaceChildren(this.status, text);
        }
        return;
      }
      case 'notice':
        replaceChildren(this.notice, message.message);
        return;
    }
  }

  private selectionExists(selection: Selection): boolean {
    return !!this.view?.tables.some((table) => table.rows.some((row) => row.some((cell) => sameTarget(cell.target, selection))));
  }
}

let calculator: Calculator | undefined;

window.addEventListener('message', (event: MessageEvent) => {
  const message = decodeWire(event.data) as HostMessage;
  if (!isRecord(message) || typeof message.type !== 'string') return;
  if (message.type === 'init') {
    if (calculator) return;
    const state = restoreState(vscode.getState(), message.defaults, message.displayDigits);
    calculator = new Calculator(message.strings, state, message.calls);
    if (message.prefill) calculator.prefill(message);
    return;
  }
  calculator?.onMessage(message);
});

post({ type: 'ready' });
