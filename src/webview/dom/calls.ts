/**
 * The Calls tab: pick a catalogue call (grouped by framework), fill in its arguments in a form
 * built from its parameter list, and read what it returns, its signature with every default,
 * the weighted per-sample values, the reduction and the diagnostics. Selects are native, so
 * the call list keeps its framework groups (<optgroup>).
 */
import type { CallArgumentInput, CallDescription, InputProblem, PlainCallReport } from '../../vscode/calculator/protocol';
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import { buildCallForm, buildCallResult, fieldValue, groupCalls, type CalculatorLiterals, type CallField } from '../callsView';
import type { HeatPalette } from '../colors';
import type { CallState } from '../state';
import { fill } from '../text';
import type { Figure } from '../viewModel';
import { renderDiagnostics } from './diagnostics';
import { h, replaceChildren } from './h';
import { renderHeatmap } from './heatmap';
import { LiteralInput } from './literalInput';

type Checkbox = HTMLElement & { checked: boolean };

interface FieldControl {
  readonly field: CallField;
  read(): string | boolean;
  showProblem(problem: InputProblem | undefined): void;
}

export interface CallsTabHandlers {
  /** The call, dtype or an argument changed. */
  readonly onChange: (state: CallState) => void;
  readonly onOpenDocs: (call: string) => void;
}

function figureList(figures: readonly Figure[]): HTMLElement {
  const list = h('dl', { class: 'figures' });
  for (const f of figures) list.append(h('dt', {}, f.label), h('dd', { title: f.title }, f.text));
  return list;
}

export class CallsTab {
  readonly element: HTMLElement;
  private readonly picker: HTMLSelectElement;
  private readonly dtype: HTMLSelectElement;
  private readonly summary: HTMLElement;
  private readonly form: HTMLElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly docsButton: HTMLElement;
  private controls: FieldControl[] = [];
  private call: CallDescription | undefined;

  constructor(
    private readonly strings: CalculatorStrings,
    private readonly calls: readonly CallDescription[],
    private readonly handlers: CallsTabHandlers,
  ) {
    this.picker = h('select', { id: 'call-picker', class: 'call-picker' });
    for (const group of groupCalls(calls, strings)) {
      const optgroup = h('optgroup', { label: group.label });
      for (const call of group.calls) optgroup.appendChild(h('option', { value: call.id }, call.id));
      this.picker.appendChild(optgroup);
    }
    this.dtype = h(
      'select',
      { id: 'call-dtype' },
      h('option', { value: 'float32' }, strings.callFloat32),
      h('option', { value: 'float64' }, strings.callFloat64),
    );
    const docs = h('vscode-button', { secondary: true, icon: 'link-external', class: 'call-docs' }, strings.callDocs);
    docs.addEventListener('click', () => {
      if (this.call) handlers.onOpenDocs(this.call.id);
    });
    this.picker.addEventListener('change', () => this.changed({ id: this.picker.value, arguments: {} }));
    this.dtype.addEventListener('change', () => this.changed({}));
    this.summary = h('p', { class: 'hint call-summary' });
    this.form = h('div', { class: 'call-form' });
    this.status = h('p', { class: 'call-status', role: 'status', 'aria-live': 'polite' });
    this.results = h('div', { class: 'call-results', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'tab-body call-tab' },
      h('h2', {}, strings.callsHeading),
      h(
        'div',
        { class: 'call-head' },
        h('div', { class: 'field' }, h('label', { for: 'call-picker' }, strings.callPick), this.picker),
        h('div', { class: 'field' }, h('label', { for: 'call-dtype' }, strings.callDtype), this.dtype),
        docs,
      ),
      this.summary,
      this.form,
      this.status,
      this.results,
    );
    this.docsButton = docs;
  }

  /** Shows `state`'s call with its saved fields; prediction and target fields start from `literals`. */
  show(state: CallState, literals: CalculatorLiterals): void {
    const call = this.calls.find((c) => c.id === state.id);
    if (!call) return;
    this.call = call;
    this.picker.value = call.id;
    this.dtype.value = state.float32 ? 'float32' : 'float64';
    this.docsButton.setAttribute('title', fill(this.strings.callDocsTitle, call.id));
    replaceChildren(this.summary, call.summary, ' ', state.float32 ? call.float32 : '');
    const view = buildCallForm(call, state.arguments, literals, this.strings);
    this.controls = [];
    const sections = view.sections.map((section) => {
      const fieldset = h('fieldset', { class: 'call-arguments' }, h('legend', {}, section.title));
      for (const field of section.fields) {
        const control = this.control(field);
        this.controls.push(control.control);
        fieldset.appendChild(control.element);
      }
      return fieldset;
    });
    replaceChildren(this.form, ...sections);
  }

  /** The tab's state as the fields now hold it. */
  read(): CallState | undefined {
    if (!this.call) return undefined;
    const args: Record<string, CallArgumentInput> = {};
    for (const control of this.controls) args[control.field.parameter.name] = fieldValue(control.field, control.read());
    return { id: this.call.id, arguments: args, float32: this.dtype.value !== 'float64' };
  }

  private changed(change: Partial<CallState>): void {
    const current = this.read();
    if (!current) return;
    this.handlers.onChange({ ...current, ...change });
  }

  private control(field: CallField): { element: HTMLElement; control: FieldControl } {
    const { parameter } = field;
    const id = `call-arg-${parameter.name}`;
    const onInput = () => this.changed({});
    if (field.kind === 'literal' || field.kind === 'number') {
      const input = new LiteralInput(
        { id, label: parameter.name, help: field.help, placeholder: field.placeholder, rows: field.kind === 'literal' ? 3 : 1 },
        this.strings,
        onInput,
      );
      input.value = String(field.value);
      input.element.classList.add(field.kind === 'literal' ? 'call-tensor' : 'call-number');
      input.element.dataset.argument = parameter.name;
      return { element: input.element, control: { field, read: () => input.value, showProblem: (p) => input.showProblem(p) } };
    }
    const problem = h('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite' });
    const help = h('p', { class: 'help', id: `${id}-help` }, field.help);
    const describedBy = `${id}-problem ${id}-help`;
    const showProblem = (p: InputProblem | undefined, target: HTMLElement) => {
      replaceChildren(problem, p?.message ?? '');
      if (p) target.setAttribute('aria-invalid', 'true');
      else target.removeAttribute('aria-invalid');
    };
    if (field.kind === 'checkbox') {
      const checkbox = h('vscode-checkbox', { id, label: parameter.name, 'aria-describedby': describedBy }) as Checkbox;
      checkbox.checked = field.value === true;
      checkbox.addEventListener('change', onInput);
      return {
        element: h('div', { class: 'field checkbox', 'data-argument': parameter.name }, checkbox, problem, help),
        control: { field, read: () => checkbox.checked, showProblem: (p) => showProblem(p, checkbox) },
      };
    }
    const select = h('select', { id, 'aria-describedby': describedBy }, ...(field.options ?? []).map((o) => h('option', { value: o.value }, o.label)));
    select.value = String(field.value);
    select.addEventListener('change', onInput);
    return {
      element: h('div', { class: 'field', 'data-argument': parameter.name }, h('label', { for: id }, parameter.name), select, problem, help),
      control: { field, read: () => select.value, showProblem: (p) => showProblem(p, select) },
    };
  }

  /** Each problem under the field of its argument; the rest in the status line. */
  showProblems(problems: readonly InputProblem[]): void {
    for (const control of this.controls) control.showProblem(problems.find((p) => p.argument === control.field.parameter.name));
    this.results.classList.add('stale');
    this.status.classList.add('failed');
    const text = problems.map((p) => (p.argument ? `${p.argument}: ${p.message}` : p.message)).join(' ');
    replaceChildren(this.status, fill(this.strings.failed, text));
  }

  showBusy(): void {
    this.status.classList.remove('failed');
    replaceChildren(this.status, this.strings.computing);
  }

  showMessage(message: string): void {
    this.status.classList.add('failed');
    replaceChildren(this.status, message);
  }

  showResult(report: PlainCallReport, palette: HeatPalette, digits: number): void {
    for (const control of this.controls) control.showProblem(undefined);
    const view = buildCallResult(report, this.strings, digits);
    const parts: HTMLElement[] = [
      h(
        'dl',
        { class: 'figures call-value' },
        h('dt', {}, view.value.label),
        h('dd', { title: view.value.title, 'data-value': view.value.title }, view.value.text),
      ),
      h('p', { class: 'hint' }, view.computedIn),
      h('h3', {}, this.strings.callSignature),
      h('pre', { class: 'call-signature' }, h('code', {}, view.signature)),
      renderHeatmap(view.weighted, palette, { onSelect: () => undefined }, undefined),
      h('h3', {}, this.strings.callReduction),
      view.reduction ? figureList(view.reduction) : h('p', { class: 'hint' }, view.reductionNote ?? ''),
      renderDiagnostics(view.diagnostics, this.strings),
    ];
    replaceChildren(this.results, ...parts);
    this.results.classList.remove('stale');
    this.status.classList.remove('failed');
    replaceChildren(this.status);
  }
}
