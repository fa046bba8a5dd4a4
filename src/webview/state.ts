/**
 * What the webview keeps with `setState` so a reload (the panel hidden and shown, or VS Code
 * restarted and the panel restored by its serializer) comes back as the user left it.
 * `restoreState` accepts anything: a field that does not validate falls back to its default.
 */
import {
  COPY_FORMATS,
  DERIVABLE,
  optionsForm,
  type CallArgumentInput,
  type CopyFormat,
  type DerivableQuantity,
  type OptionsForm,
  type Prefill,
} from '../vscode/calculator/protocol';
import { bool, integer, isRecord, list, oneOf, ProtocolError, text, type Validator } from '../vscode/calculator/validate';

export const TABS = ['results', 'compare', 'distributions', 'likelihood', 'calls'] as const;
export type TabId = (typeof TABS)[number];

export interface Selection {
  readonly quantity: DerivableQuantity;
  readonly index: readonly number[];
}

/** The Calls tab: the call picked and every field of its form as the user left it. */
export interface CallState {
  readonly id: string;
  /** Each field's value: text (empty: the default), a flag, or None. */
  readonly arguments: Readonly<Record<string, CallArgumentInput>>;
  readonly float32: boolean;
}

export interface CalculatorState {
  readonly version: 1;
  readonly logits: string;
  readonly labels: string;
  readonly options: OptionsForm;
  readonly displayDigits: number;
  readonly tab: TabId;
  readonly selection?: Selection;
  readonly copyFormat: CopyFormat;
  readonly p: string;
  readonly q: string;
  readonly outcomes: string;
  readonly theta: string;
  /** Where the inputs came from ("model.py:12"), shown in the header. */
  readonly source?: string;
  /** Absent until a call is picked (the tab then starts with the catalogue's first call). */
  readonly call?: CallState;
}

/** The article's worked example, so the first look at the calculator already shows something. */
export const EXAMPLE_INPUTS = {
  logits: '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],\n [0.6, 0.3, 0.4]]',
  labels: '[1, 2, 0]',
  p: '[0.1/3, 1 - 0.1 + 0.1/3, 0.1/3]',
  q: '[0.30129, 0.49675, 0.20196]',
  outcomes: '[1, 1, 0, 1, 0, 1, 1, 0, 1, 0]',
  theta: '0.6',
} as const;

export const MIN_DIGITS = 1;
export const MAX_DIGITS = 17;

export function initialState(defaults: OptionsForm, displayDigits: number): CalculatorState {
  return {
    version: 1,
    ...EXAMPLE_INPUTS,
    options: defaults,
    displayDigits: clampDigits(displayDigits),
    tab: 'results',
    copyFormat: 'numpy',
  };
}

export function clampDigits(digits: number): number {
  return Number.isFinite(digits) ? Math.min(MAX_DIGITS, Math.max(MIN_DIGITS, Math.round(digits))) : 5;
}

function field<T>(validator: Validator<T>, value: unknown, fallback: T): T {
  try {
    return validator(value, 'state');
  } catch {
    return fallback;
  }
}

const stateText = text(1_000_000);
const MAX_CALL_ARGUMENTS = 64;

/**
 * The saved call's shape only: whether the call is still in the catalogue and its arguments
 * still its parameters is for the Calls tab to check, against the catalogue the host sends.
 */
const callState: Validator<CallState> = (value, path) => {
  if (!isRecord(value) || !isRecord(value.arguments)) throw new ProtocolError(path, 'a call state');
  const names = Object.keys(value.arguments);
  if (names.length > MAX_CALL_ARGUMENTS) throw new ProtocolError(path, `at most ${MAX_CALL_ARGUMENTS} arguments`);
  const args: Record<string, CallArgumentInput> = {};
  for (const name of names) {
    if (name === '__proto__') continue;
    const argument = value.arguments[name];
    args[name] = argument === null || typeof argument === 'boolean' ? argument : stateText(argument, path);
  }
  return { id: text(200)(value.id, path), arguments: args, float32: bool(value.float32, path) };
};

export function restoreState(saved: unknown, defaults: OptionsForm, displayDigits: number): CalculatorState {
  const base = initialState(defaults, displayDigits);
  if (!isRecord(saved) || saved.version !== 1) return base;
  const selection = field(
    (value, path) => {
      if (!isRecord(value)) throw new Error(path);
      return {
        quantity: oneOf(DERIVABLE)(value.quantity, path),
        index: list(integer(0, 2 ** 31), 8)(value.index, path),
      };
    },
    saved.selection,
    undefined,
  );
  const source = field(text(1000), saved.source, '');
  const call = field(callState, saved.call, undefined);
  return {
    version: 1,
    logits: field(stateText, saved.logits, base.logits),
    labels: field(stateText, saved.labels, base.labels),
    options: field(optionsForm, saved.options, base.options),
    displayDigits: field(integer(MIN_DIGITS, MAX_DIGITS), saved.displayDigits, base.displayDigits),
    tab: field(oneOf(TABS), saved.tab, base.tab),
    copyFormat: field(oneOf(COPY_FORMATS), saved.copyFormat, base.copyFormat),
    p: field(stateText, saved.p, base.p),
    q: field(stateText, saved.q, base.q),
    outcomes: field(stateText, saved.outcomes, base.outcomes),
    theta: field(stateText, saved.theta, base.theta),
    ...(selection ? { selection } : {}),
    ...(source ? { source } : {}),
    ...(call ? { call } : {}),
  };
}

/** Inputs from the editor replace the literals; options given replace just those options. */
export function applyPrefill(state: CalculatorState, prefill: Prefill, source: string | undefined): CalculatorState {
  const { selection: _dropped, source: _previous, ...rest } = state;
  return {
    ...rest,
    logits: prefill.logits ?? state.logits,
    labels: prefill.labels ?? state.labels,
    options: { ...state.options, ...prefill.options },
    ...(prefill.call ? { call: prefill.call } : {}),
    tab: prefill.call ? 'calls' : state.tab === 'results' || state.tab === 'compare' || state.tab === 'calls' ? state.tab : 'results',
    ...(source ? { source } : {}),
  };
}
