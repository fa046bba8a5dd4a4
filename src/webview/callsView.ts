/**
 * The Calls tab's view model: the catalogue grouped by framework, the form of one call built
 * from its parameter list (so a call added to the catalogue appears with no change here), the
 * arguments that form sends, and what a call's report shows. DOM-free, so it is unit-tested.
 */
import type { CallArgumentInput, CallDescription, CallParameterDescription, PlainCallReport } from '../vscode/calculator/protocol';
import type { CalculatorStrings } from '../vscode/calculator/strings';
import { exact, short } from './format';
import type { CallState } from './state';
import { fill } from './text';
import { buildTable, diagnosticItem, type DiagnosticItem, type Figure, type HeatTable } from './viewModel';

export interface CallGroup {
  readonly framework: string;
  readonly label: string;
  readonly calls: readonly CallDescription[];
}

function frameworkName(strings: CalculatorStrings, framework: string): string {
  const names: Record<string, string> = {
    pytorch: strings.dialectPytorch,
    torchvision: strings.frameworkTorchvision,
    keras: strings.dialectKeras,
    tensorflow: strings.dialectTf,
    tfjs: strings.dialectTfjs,
    optax: strings.dialectOptax,
  };
  return names[framework] ?? framework;
}

/** The calls by framework, frameworks in the order the catalogue first names them. */
export function groupCalls(calls: readonly CallDescription[], strings: CalculatorStrings): CallGroup[] {
  const groups = new Map<string, CallDescription[]>();
  for (const call of calls) {
    const group = groups.get(call.framework);
    if (group) group.push(call);
    else groups.set(call.framework, [call]);
  }
  return [...groups].map(([framework, members]) => ({ framework, label: frameworkName(strings, framework), calls: members }));
}

/**
 * How a parameter is asked for: tensors and numbers as literal text (the same inputs as the
 * logits, with marks at the error), a checkbox for a flag, a list for a choice or a flag that
 * may be None.
 */
export type CallFieldKind = 'literal' | 'number' | 'checkbox' | 'select';

/** The value of a select's None entry: no framework name starts with a control character. */
export const NONE_OPTION = '\u0000None';

export interface CallField {
  readonly parameter: CallParameterDescription;
  readonly kind: CallFieldKind;
  /** The field's text (literal, number), flag (checkbox) or option value (select). */
  readonly value: string | boolean;
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** The description, the default, and what None is typed as. */
  readonly help: string;
  readonly placeholder: string;
}

export interface CallFormView {
  readonly call: CallDescription;
  /** One group for a function; constructor then call arguments for a class. */
  readonly sections: readonly { readonly title: string; readonly fields: readonly CallField[] }[];
}

/** The calculator's inputs that prefill a call's prediction and target. */
export interface CalculatorLiterals {
  readonly logits: string;
  readonly labels: string;
}

function noneName(call: CallDescription): string {
  return call.language === 'python' ? 'None' : 'null';
}

function kindOf(parameter: CallParameterDescription): CallFieldKind {
  switch (parameter.kind) {
    case 'tensor':
    case 'number-or-tensor':
    case 'string':
      return 'literal';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return parameter.nullable ? 'select' : 'checkbox';
    case 'choice':
      return 'select';
  }
}

function optionsOf(call: CallDescription, parameter: CallParameterDescription): { value: string; label: string }[] {
  const none = parameter.nullable ? [{ value: NONE_OPTION, label: noneName(call) }] : [];
  if (parameter.kind === 'boolean') {
    const python = call.language === 'python';
    return [...none, { value: 'true', label: python ? 'True' : 'true' }, { value: 'false', label: python ? 'False' : 'false' }];
  }
  return [...none, ...(parameter.choices ?? []).map((choice) => ({ value: choice, label: choice }))];
}

/** A select's option value for an argument value. */
function optionValue(value: CallArgumentInput): string {
  if (value === null) return NONE_OPTION;
  return typeof value === 'boolean' ? String(value) : value;
}

function textOf(value: CallArgumentInput | undefined, call: CallDescription): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return noneName(call);
  return typeof value === 'string' ? value : String(value);
}

function fieldOf(
  call: CallDescription,
  parameter: CallParameterDescription,
  saved: CallArgumentInput | undefined,
  literals: CalculatorLiterals,
  strings: CalculatorStrings,
): CallField {
  const kind = kindOf(parameter);
  const help = [
    parameter.description,
    parameter.defaultText !== undefined ? fill(strings.callDefault, parameter.defaultText) : strings.callRequired,
    kind === 'literal' || kind === 'number' ? (parameter.nullable ? fill(strings.callNoneHint, noneName(call)) : '') : '',
    parameter.role ? fill(strings.callPrefilled, parameter.role === 'input' ? strings.logits : strings.labels) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const placeholder = parameter.defaultText ?? '';
  if (kind === 'checkbox') {
    const value = typeof saved === 'boolean' ? saved : parameter.default === true;
    return { parameter, kind, value, help, placeholder };
  }
  if (kind === 'select') {
    const options = optionsOf(call, parameter);
    const wanted = saved !== undefined ? optionValue(saved) : parameter.default !== undefined ? optionValue(parameter.default) : (options[0]?.value ?? '');
    const value = options.some((o) => o.value === wanted) ? wanted : (options[0]?.value ?? '');
    return { parameter, kind, value, options, help, placeholder };
  }
  const prefill = parameter.role === 'input' ? literals.logits : parameter.role === 'target' ? literals.labels : '';
  return { parameter, kind, value: textOf(saved, call) ?? prefill, help, placeholder };
}

/** The form of `call`, with the saved values of its fields (others start at their defaults or the calculator's literals). */
export function buildCallForm(
  call: CallDescription,
  saved: Readonly<Record<string, CallArgumentInput>> | undefined,
  literals: CalculatorLiterals,
  strings: CalculatorStrings,
): CallFormView {
  const field = (p: CallParameterDescription) => fieldOf(call, p, saved && Object.hasOwn(saved, p.name) ? saved[p.name] : undefined, literals, strings);
  if (call.form === 'function') return { call, sections: [{ title: strings.callArguments, fields: call.parameters.map(field) }] };
  return {
    call,
    sections: [
      { title: strings.callConstructorArguments, fields: call.parameters.filter((p) => p.stage === 'init').map(field) },
      { title: strings.callCallArguments, fields: call.parameters.filter((p) => p.stage === 'call').map(field) },
    ].filter((section) => section.fields.length > 0),
  };
}

/** What a field's current value means: text as typed, a flag, or (a select's None) null. */
export function fieldValue(field: Pick<CallField, 'kind' | 'parameter'>, value: string | boolean): CallArgumentInput {
  if (field.kind !== 'select' || typeof value !== 'string') return value;
  if (value === NONE_OPTION) return null;
  if (field.parameter.kind === 'boolean') return value === 'true';
  return value;
}

/** The arguments a form sends: typed text that is not empty, and flags and choices that differ from the default. */
export function argumentsToSend(call: CallDescription, values: Readonly<Record<string, CallArgumentInput>>): Record<string, CallArgumentInput> {
  const sent: Record<string, CallArgumentInput> = {};
  for (const parameter of call.parameters) {
    if (!Object.hasOwn(values, parameter.name)) continue;
    const value = values[parameter.name];
    if (typeof value === 'string' && value.trim() === '') continue;
    const kind = kindOf(parameter);
    if ((kind === 'checkbox' || kind === 'select') && value === (parameter.default ?? null)) continue;
    sent[parameter.name] = value;
  }
  return sent;
}

/**
 * The call a saved state names, if the catalogue still has it (else the first call), with the
 * saved values of only the parameters it still has.
 */
export function resolveCallState(saved: CallState | undefined, calls: readonly CallDescription[]): CallState | undefined {
  const call = calls.find((c) => c.id === saved?.id) ?? calls[0];
  if (!call) return undefined;
  if (!saved || saved.id !== call.id) return { id: call.id, arguments: {}, float32: saved?.float32 ?? true };
  const kept: Record<string, CallArgumentInput> = {};
  for (const p of call.parameters) if (Object.hasOwn(saved.arguments, p.name)) kept[p.name] = saved.arguments[p.name];
  return { id: call.id, arguments: kept, float32: saved.float32 };
}

/** A new state for the calculator's literals arriving from the editor: the prediction and target fields take them. */
export function withLiterals(state: CallState, call: CallDescription, literals: CalculatorLiterals): CallState {
  const args = { ...state.arguments };
  for (const p of call.parameters) {
    if (p.role === 'input') args[p.name] = literals.logits;
    if (p.role === 'target') args[p.name] = literals.labels;
  }
  return { ...state, arguments: args };
}

export interface CallResultView {
  readonly value: Figure;
  readonly signature: string;
  readonly computedIn: string;
  readonly weighted: HeatTable;
  /** The reduction's name, sum, denominator and what it counts; absent when the call does not reduce. */
  readonly reduction?: readonly Figure[];
  readonly reductionNote?: string;
  readonly diagnostics: readonly DiagnosticItem[];
}

function shapeText(shape: readonly number[]): string {
  return shape.join(', ');
}

export function buildCallResult(report: PlainCallReport, strings: CalculatorStrings, digits: number): CallResultView {
  const { value, weighted, losses } = report;
  const scalar = value.shape.length === 0;
  const valueFigure: Figure = scalar
    ? { label: strings.callValue, text: short(value.data[0], digits), title: exact(value.data[0]) }
    : { label: strings.callValue, text: fill(strings.callValueShape, shapeText(value.shape)), title: fill(strings.callValueShape, shapeText(value.shape)) };
  const perSample = weighted.shape.length <= 1 && losses.data.length === weighted.data.length;
  const columns = perSample ? 2 : weighted.shape[weighted.shape.length - 1];
  const table = buildTable(
    {
      id: 'callWeighted',
      caption: strings.callWeighted,
      scale: 'magnitude',
      columnHeaders: perSample ? [strings.callColumnLoss, strings.callColumnWeighted] : Array.from({ length: columns }, (_, c) => fill(strings.columnClass, c)),
      rowCount: columns === 0 ? 0 : weighted.data.length / (perSample ? 1 : columns),
      value: perSample ? (row, column) => (column === 0 ? losses.data[row] : weighted.data[row]) : (row, column) => weighted.data[row * columns + column],
      columnName: perSample ? (column) => (column === 0 ? strings.callColumnLoss : strings.callColumnWeighted) : (column) => fill(strings.columnClass, column),
    },
    strings,
    digits,
  );
  const r = report.reduction;
  const reduction: Figure[] | undefined = r
    ? [
        { label: strings.callReductionName, text: r.name, title: r.name },
        { label: strings.callReductionSum, text: short(r.sum, digits), title: exact(r.sum) },
        { label: strings.callReductionDenominator, text: short(r.denominator, digits), title: exact(r.denominator) },
        { label: strings.callReductionDivides, text: r.divides, title: r.divides },
      ]
    : undefined;
  return {
    value: valueFigure,
    signature: report.signature,
    computedIn: fill(strings.callComputedIn, report.float32 ? 'float32' : 'float64'),
    weighted: table,
    ...(reduction ? { reduction } : { reductionNote: strings.callNoReduction }),
    diagnostics: report.diagnostics.map((d) => diagnosticItem(d, strings, [])),
  };
}
