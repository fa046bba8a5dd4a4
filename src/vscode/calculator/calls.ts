/**
 * The Calls tab's host side: the call catalogue as the webview sees it (plain descriptions, and
 * the names the protocol validates against), and a call form evaluated. Each argument's text is
 * read with the literal parser by its parameter's type, the call runs through `evaluateCall`,
 * and every InputError becomes a problem on the field of the argument at fault, found by the
 * error's `argument` and `element`, never by its message. No vscode import.
 */
import { splitByStage } from '../../engine/calls/arguments';
import { catalogue } from '../../engine/calls/lazy';
import { readArgumentText } from '../../literal/argument-text';
import type { ArgumentValue, CallEntry, Parameter } from '../../engine/calls/types';
import { InputError } from '../../errors';
import { locateInputError } from '../../literal';
import type { CallReport } from '../../report/model';
import type { CallArgumentInput, CallCatalogue, CallDescription, CallForm, CallParameterDescription, HostMessage, InputProblem } from './protocol';
import { toPlain } from './wire';

/** The catalogue's entries by id, built when the calculator first needs one. */
let byId: Map<string, CallEntry> | undefined;
function entryOf(id: string): CallEntry | undefined {
  byId ??= new Map(catalogue().CALLS.map((entry) => [entry.id, entry]));
  return byId.get(id);
}

/** The catalogue the host validates webview messages and command arguments against (ids, not aliases: the tab sends ids). */
export const HOST_CALL_CATALOGUE: CallCatalogue = {
  parameters: (id) => entryOf(id)?.parameters.map((p) => p.name),
};

/** The frameworks' names for the prediction and the target, which the calculator's logits and labels prefill. */
const INPUT_NAMES: ReadonlySet<string> = new Set(['input', 'logits', 'y_pred', 'predictions', 'inputs']);
const TARGET_NAMES: ReadonlySet<string> = new Set(['target', 'labels', 'y_true', 'onehotLabels', 'multiClassLabels', 'targets']);

function roleOf(parameter: Parameter): CallParameterDescription['role'] {
  if (parameter.type.kind !== 'tensor' || parameter.default !== undefined) return undefined;
  return INPUT_NAMES.has(parameter.name) ? 'input' : TARGET_NAMES.has(parameter.name) ? 'target' : undefined;
}

function defaultInput(value: ArgumentValue, entry: CallEntry, name: string): CallArgumentInput {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  return catalogue().valueText(value, entry.language, name);
}

function describeParameter(entry: CallEntry, parameter: Parameter): CallParameterDescription {
  const { type } = parameter;
  const role = roleOf(parameter);
  return {
    name: parameter.name,
    kind: type.kind,
    ...(type.kind === 'choice' ? { choices: [...type.values] } : {}),
    nullable: parameter.nullable === true || parameter.default === null || (type.kind === 'choice' && type.nullMeans !== undefined),
    ...(parameter.default !== undefined
      ? {
          default: defaultInput(parameter.default, entry, parameter.name),
          defaultText: catalogue().valueText(parameter.default, entry.language, parameter.name),
        }
      : {}),
    stage: parameter.stage ?? 'call',
    description: parameter.description,
    ...(role ? { role } : {}),
  };
}

/** Every catalogue call as plain data for the webview, in catalogue order. */
export function callDescriptions(): CallDescription[] {
  return catalogue().CALLS.map((entry) => ({
    id: entry.id,
    framework: entry.framework,
    language: entry.language,
    form: entry.form,
    summary: entry.summary,
    docs: entry.docs,
    float32: entry.float32,
    parameters: entry.parameters.map((p) => describeParameter(entry, p)),
  }));
}

/** The documentation address of a catalogue call, only when it is an https URL. */
export function callDocs(id: string): string | undefined {
  const docs = entryOf(id)?.docs;
  if (docs === undefined) return undefined;
  try {
    return new URL(docs).protocol === 'https:' ? docs : undefined;
  } catch {
    return undefined;
  }
}

/** What the form's value of `parameter` means as an argument; undefined for an empty text (the default). */
function readArgument(parameter: Parameter, input: CallArgumentInput): ArgumentValue | undefined {
  if (typeof input !== 'string') return input;
  return input.trim() === '' ? undefined : readArgumentText(parameter, input);
}

function problemOf(error: InputError, argument: string | undefined): InputProblem {
  const location = error.location;
  return {
    input: 'arguments',
    ...(argument !== undefined ? { argument } : {}),
    message: error.message,
    ...(location ? { line: location.line, column: location.column, offset: location.offset } : {}),
  };
}

/** An engine error placed in the text typed for its argument (at its element, when it names one). */
function engineProblem(error: InputError, form: CallForm): InputProblem {
  const argument = error.argument;
  const typed = argument !== undefined ? form.arguments[argument] : undefined;
  if (typeof typed !== 'string' || typed.trim() === '') return problemOf(error, argument);
  const located = locateInputError(error, typed);
  return problemOf(located, argument);
}

export type CallOutcome = { readonly report: CallReport } | { readonly problems: InputProblem[] };

/** Evaluates a (validated) call form: every argument's problem at once, or the call's report. */
export function evaluateCallForm(form: CallForm): CallOutcome {
  const entry = entryOf(form.call);
  if (!entry) return { problems: [{ input: 'arguments', message: `unknown call ${form.call}` }] };
  const keyword: Record<string, ArgumentValue> = {};
  const problems: InputProblem[] = [];
  for (const [name, input] of Object.entries(form.arguments)) {
    const parameter = entry.parameters.find((p) => p.name === name);
    if (!parameter) {
      problems.push({ input: 'arguments', argument: name, message: `${entry.id} has no parameter ${name}` });
      continue;
    }
    try {
      const value = readArgument(parameter, input);
      if (value !== undefined) keyword[name] = value;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(problemOf(error, name));
    }
  }
  if (problems.length > 0) return { problems };
  try {
    const { init, call } = splitByStage(entry, keyword);
    return { report: catalogue().evaluateCall(entry, call, { float32: form.float32, init }) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { problems: [engineProblem(error, form)] };
  }
}

/** The host's answer to the Calls tab's `call` request. */
export function respondToCall(request: { readonly id: number; readonly form: CallForm }): HostMessage {
  const outcome = evaluateCallForm(request.form);
  return 'report' in outcome
    ? { type: 'callEvaluated', id: request.id, report: toPlain(outcome.report) }
    : { type: 'inputErrors', id: request.id, errors: outcome.problems };
}
