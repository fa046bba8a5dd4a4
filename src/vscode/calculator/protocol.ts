/**
 * The calculator's message protocol, both directions. Every message the webview sends is
 * checked with `webviewMessageParser` before the host acts on it; anything unknown or
 * malformed is dropped and logged. Host messages are trusted (the host builds them) and are
 * typed here so both sides agree. No vscode import, and no engine import: the webview bundle
 * imports these types, so the call catalogue reaches the validators as a `CallCatalogue`.
 */
import {
  DIALECTS,
  INPUT_KINDS,
  REDUCTIONS,
  SIGMOID_SMOOTHINGS,
  type CallReport,
  type ClassificationReport,
  type Derivation,
  type Dialect,
  type DistributionReport,
  type InputKind,
  type LikelihoodReport,
  type LossTotals,
  type Reduction,
  type SigmoidSmoothing,
} from '../../report/model';
import type { InputName } from '../../errors';
import type { CalculatorStrings } from './strings';
import { decodeWire, type Plain } from './wire';
import { bool, integer, isRecord, list, object, oneOf, optional, ProtocolError, tagged, text, type Validator } from './validate';

export const CALCULATOR_VIEW_TYPE = 'lossLens.calculator';

/** Largest text accepted in one input; beyond this a literal is not something to type. */
export const MAX_INPUT_LENGTH = 1_000_000;
const MAX_INDEX_RANK = 8;
const MAX_INDEX = 2 ** 31;

export { SIGMOID_SMOOTHINGS };
export const CLASS_AXES = ['last', 'first'] as const;
export const COPY_FORMATS = ['numpy', 'pytorch', 'json', 'markdown'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];
export const DERIVABLE = ['softmaxCrossEntropy', 'sigmoidCrossEntropy', 'softmax', 'smoothedLabel'] as const;
export type DerivableQuantity = Derivation['loss'];

/**
 * The options as the user typed them. Numbers stay text so the host can point at a bad value
 * with the same inline errors the literals get; empty text means "not set".
 */
export interface OptionsForm {
  readonly smoothing: string;
  readonly sigmoidSmoothing: SigmoidSmoothing;
  readonly dialect: Dialect;
  readonly reduction: Reduction;
  readonly classAxis: 'last' | 'first';
  /** What the logits are; absent (state saved before the option existed) means logits. */
  readonly input?: InputKind;
  readonly classWeights: string;
  readonly posWeight: string;
  readonly ignoreIndex: string;
  readonly float32: boolean;
  readonly precisionDigits: string;
}

/** One problem with one input, placed at `line`:`column` of that input's text when known. */
export interface InputProblem {
  readonly input: InputName;
  /** The option field at fault, when the problem is in an option rather than a literal. */
  readonly field?: keyof OptionsForm;
  /** The call parameter at fault (the Calls tab), by the framework's name. */
  readonly argument?: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
}

/**
 * A call argument as the Calls tab's form holds it: text for a tensor, a number or a name
 * (`None`/`null` typed in a text field means None), a flag, or None.
 */
export type CallArgumentInput = string | boolean | null;

/** The Calls tab's request: a catalogue call, the arguments given (the rest take their defaults), the dtype. */
export interface CallForm {
  readonly call: string;
  readonly arguments: Readonly<Record<string, CallArgumentInput>>;
  readonly float32: boolean;
}

/** What the validators need to know of the catalogue: each call's parameter names (undefined: no such call). */
export interface CallCatalogue {
  parameters(id: string): readonly string[] | undefined;
}

// ---- webview → host -----------------------------------------------------------------------

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'evaluate'; readonly id: number; readonly logits: string; readonly labels: string; readonly options: OptionsForm }
  | { readonly type: 'derive'; readonly id: number; readonly evaluationId: number; readonly quantity: DerivableQuantity; readonly index: number[] }
  | { readonly type: 'compare'; readonly id: number; readonly logits: string; readonly labels: string; readonly options: OptionsForm }
  | { readonly type: 'distributions'; readonly id: number; readonly p: string; readonly q: string }
  | { readonly type: 'likelihood'; readonly id: number; readonly outcomes: string; readonly theta: string }
  | { readonly type: 'insertResult'; readonly logits: string; readonly labels: string; readonly options: OptionsForm }
  | { readonly type: 'copyResult'; readonly format: CopyFormat; readonly logits: string; readonly labels: string; readonly options: OptionsForm }
  | { readonly type: 'call'; readonly id: number; readonly form: CallForm }
  | { readonly type: 'insertCallResult'; readonly form: CallForm }
  | { readonly type: 'copyCallResult'; readonly format: CopyFormat; readonly form: CallForm }
  /** Open the documentation of a catalogue call; the host takes the address from the catalogue, never from the page. */
  | { readonly type: 'openDocs'; readonly call: string }
  | { readonly type: 'problem'; readonly message: string };

const inputText = text(MAX_INPUT_LENGTH);
const shortText = text(10_000);
const requestId = integer(0, Number.MAX_SAFE_INTEGER);

export const optionsForm: Validator<OptionsForm> = object({
  smoothing: shortText,
  sigmoidSmoothing: oneOf(SIGMOID_SMOOTHINGS),
  dialect: oneOf(DIALECTS),
  reduction: oneOf(REDUCTIONS),
  classAxis: oneOf(CLASS_AXES),
  input: optional(oneOf(INPUT_KINDS)),
  classWeights: inputText,
  posWeight: inputText,
  ignoreIndex: shortText,
  float32: bool,
  precisionDigits: shortText,
});

const literalsAndOptions = { logits: inputText, labels: inputText, options: optionsForm };

function catalogueCall(catalogue: CallCatalogue): Validator<string> {
  return (value, path) => {
    const id = shortText(value, path);
    if (catalogue.parameters(id) === undefined) throw new ProtocolError(path, 'a call in the catalogue');
    return id;
  };
}

/** A call form whose call is in `catalogue` and whose argument names are that call's parameters. */
export function callFormValidator(catalogue: CallCatalogue): Validator<CallForm> {
  const callId = catalogueCall(catalogue);
  return (value, path) => {
    if (!isRecord(value)) throw new ProtocolError(path, 'an object');
    const at = (key: string) => (path ? `${path}.${key}` : key);
    const call = callId(value.call, at('call'));
    const names = catalogue.parameters(call) ?? [];
    const given = value.arguments;
    if (!isRecord(given)) throw new ProtocolError(at('arguments'), 'an object');
    const args: Record<string, CallArgumentInput> = {};
    for (const name of Object.keys(given)) {
      if (!names.includes(name)) throw new ProtocolError(at('arguments'), `parameters of ${call}, not "${name.slice(0, 40)}"`);
      const argument = given[name];
      args[name] = argument === null || typeof argument === 'boolean' ? argument : inputText(argument, `${at('arguments')}.${name}`);
    }
    return { call, arguments: args, float32: bool(value.float32, at('float32')) };
  };
}

/** The validator of every message the webview sends, checking call requests against `catalogue`. */
export function webviewMessageParser(catalogue: CallCatalogue): Validator<WebviewMessage> {
  const form = callFormValidator(catalogue);
  return tagged<WebviewMessage>({
    ready: object({ type: oneOf(['ready']) }),
    evaluate: object({ type: oneOf(['evaluate']), id: requestId, ...literalsAndOptions }),
    derive: object({
      type: oneOf(['derive']),
      id: requestId,
      evaluationId: requestId,
      quantity: oneOf(DERIVABLE),
      index: list(integer(0, MAX_INDEX), MAX_INDEX_RANK),
    }),
    compare: object({ type: oneOf(['compare']), id: requestId, ...literalsAndOptions }),
    distributions: object({ type: oneOf(['distributions']), id: requestId, p: inputText, q: inputText }),
    likelihood: object({ type: oneOf(['likelihood']), id: requestId, outcomes: inputText, theta: shortText }),
    insertResult: object({ type: oneOf(['insertResult']), ...literalsAndOptions }),
    copyResult: object({ type: oneOf(['copyResult']), format: oneOf(COPY_FORMATS), ...literalsAndOptions }),
    call: object({ type: oneOf(['call']), id: requestId, form }),
    insertCallResult: object({ type: oneOf(['insertCallResult']), form }),
    copyCallResult: object({ type: oneOf(['copyCallResult']), format: oneOf(COPY_FORMATS), form }),
    openDocs: object({ type: oneOf(['openDocs']), call: catalogueCall(catalogue) }),
    problem: object({ type: oneOf(['problem']), message: shortText }),
  });
}

/** A message from the webview as the host takes it: valid, or dropped (with the reason to log). */
export type ReceivedMessage = { readonly message: WebviewMessage } | { readonly dropped: string; readonly reply?: HostMessage };

const LITERAL_FIELDS: readonly string[] = ['logits', 'labels', 'p', 'q', 'outcomes'];
const CALL_ARGUMENT_PATH = 'form.arguments.';
const PARSERS = new WeakMap<CallCatalogue, Validator<WebviewMessage>>();

/** The text at a validation error's path when it is a literal field (or a call argument) that is too long to read. */
function overlongText(raw: Record<string, unknown>, path: string): { text: string; problem: Pick<InputProblem, 'input' | 'argument'> } | undefined {
  if (LITERAL_FIELDS.includes(path)) {
    const value = raw[path];
    return typeof value === 'string' ? { text: value, problem: { input: path as InputName } } : undefined;
  }
  if (raw.type !== 'call' || !path.startsWith(CALL_ARGUMENT_PATH) || !isRecord(raw.form) || !isRecord(raw.form.arguments)) return undefined;
  const argument = path.slice(CALL_ARGUMENT_PATH.length);
  const value = raw.form.arguments[argument];
  return typeof value === 'string' ? { text: value, problem: { input: 'arguments', argument } } : undefined;
}

/**
 * Decodes and validates one raw webview message. Nothing the webview sends can make this throw
 * (a hostile page may send any structured-clone value, nested arbitrarily deep). A literal too
 * long to read still gets an answer, an input error on that field, so the page does not wait.
 */
export function receiveWebviewMessage(raw: unknown, catalogue: CallCatalogue): ReceivedMessage {
  try {
    let parse = PARSERS.get(catalogue);
    if (!parse) PARSERS.set(catalogue, (parse = webviewMessageParser(catalogue)));
    return { message: parse(decodeWire(raw), '') };
  } catch (error) {
    const type = isRecord(raw) && typeof raw.type === 'string' ? raw.type.slice(0, 40) : typeof raw;
    const reason = error instanceof ProtocolError ? error.message : `unreadable (${error instanceof Error ? error.message : String(error)})`;
    const dropped = `${type}: ${reason}`;
    if (!(error instanceof ProtocolError) || !isRecord(raw)) return { dropped };
    const overlong = overlongText(raw, error.path);
    const { id } = raw;
    if (!overlong || overlong.text.length <= MAX_INPUT_LENGTH || !Number.isSafeInteger(id) || (id as number) < 0) return { dropped };
    const name = overlong.problem.argument ?? error.path;
    const message = `${name} has ${overlong.text.length} characters; the calculator reads at most ${MAX_INPUT_LENGTH}. Select the literal in the editor and run Evaluate Selection.`;
    const problem: InputProblem = { ...overlong.problem, message, line: 1, column: 1, offset: 0 };
    return { dropped, reply: { type: 'inputErrors', id: id as number, errors: [problem] } };
  }
}

// ---- host → webview -----------------------------------------------------------------------

/** A framework call read from the code, for the Calls tab: its id and the arguments the code gives. */
export interface PrefillCall {
  readonly id: string;
  readonly arguments: Readonly<Record<string, CallArgumentInput>>;
  readonly float32: boolean;
}

/** Inputs from the editor; a literal left out keeps what the calculator had. */
export interface Prefill {
  readonly logits?: string;
  readonly labels?: string;
  readonly options?: Partial<OptionsForm>;
  /** Opens the Calls tab on this call. */
  readonly call?: PrefillCall;
}

/** Per dialect: what that framework returns for the same input. */
export interface DialectResult {
  readonly dialect: Dialect;
  readonly reduced: LossTotals;
  readonly softmaxCrossEntropy: number[];
  /** Element-wise sigmoid loss, row-major, in `sigmoidShape`. */
  readonly sigmoidCrossEntropy: number[];
  readonly sigmoidShape: number[];
  /** The conventions that differ between dialects, as the engine applied them. */
  readonly sigmoidSmoothing: SigmoidSmoothing;
  /** The framework calls modelled, e.g. `torch.nn.CrossEntropyLoss(label_smoothing=0.1)`. */
  readonly softmaxCall: string;
  readonly sigmoidCall: string;
  readonly notes: string[];
}

/** One per-sample loss computed three ways. */
export interface PrecisionRow {
  readonly quantity: 'softmaxCrossEntropy' | 'sigmoidCrossEntropy';
  readonly index: number[];
  readonly float64: number;
  readonly float32: number;
  readonly bigNumber: string;
}

export interface Comparison {
  readonly dialects: DialectResult[];
  readonly precisionDigits: number;
  readonly precision: PrecisionRow[];
  /** Why there are no precision rows: the input exceeds precision mode's budget at these digits. */
  readonly precisionSkipped?: string;
}

export interface DerivationResult {
  readonly derivation: Derivation;
  /** For a softmax cross-entropy row: CE = H(y) + KL(y‖p), with y the (smoothed) target row. */
  readonly decomposition?: { readonly entropy: number; readonly klDivergence: number; readonly crossEntropy: number };
  /** d loss / d logits for the row (softmax) or element (sigmoid) explained. */
  readonly gradient?: number[];
}

/** One parameter of a catalogue call, as the Calls tab builds its form field from it. */
export interface CallParameterDescription {
  readonly name: string;
  readonly kind: 'tensor' | 'number-or-tensor' | 'number' | 'integer' | 'boolean' | 'choice' | 'string';
  /** For a choice: the framework's names. */
  readonly choices?: readonly string[];
  /** May be None/null (a nullable parameter, or a choice whose None stands for one of its names). */
  readonly nullable: boolean;
  /** Absent for a required parameter. */
  readonly default?: CallArgumentInput;
  /** The default as the call's language writes it (`None`, `'mean'`, `-100`). */
  readonly defaultText?: string;
  readonly stage: 'init' | 'call';
  readonly description: string;
  /** A parameter the calculator's logits (`input`) or labels (`target`) prefill. */
  readonly role?: 'input' | 'target';
}

/** A catalogue call as the webview sees it (the engine stays on the host). */
export interface CallDescription {
  readonly id: string;
  readonly framework: string;
  readonly language: 'python' | 'javascript';
  readonly form: 'function' | 'class';
  readonly summary: string;
  readonly docs: string;
  readonly float32: string;
  readonly parameters: readonly CallParameterDescription[];
}

export type PlainClassificationReport = Plain<ClassificationReport>;
export type PlainCallReport = Plain<CallReport>;
export type PlainDistributionReport = Plain<DistributionReport>;
export type PlainLikelihoodReport = Plain<LikelihoodReport>;

export type HostMessage =
  | {
      readonly type: 'init';
      readonly strings: CalculatorStrings;
      readonly defaults: OptionsForm;
      readonly displayDigits: number;
      /** The call catalogue, in catalogue order, for the Calls tab. */
      readonly calls: readonly CallDescription[];
      readonly prefill?: Prefill;
      readonly source?: string;
    }
  | { readonly type: 'prefill'; readonly prefill: Prefill; readonly source?: string }
  | { readonly type: 'evaluated'; readonly id: number; readonly report: PlainClassificationReport }
  | { readonly type: 'callEvaluated'; readonly id: number; readonly report: PlainCallReport }
  | { readonly type: 'inputErrors'; readonly id: number; readonly errors: InputProblem[] }
  | { readonly type: 'derivation'; readonly id: number; readonly result: DerivationResult }
  | { readonly type: 'comparison'; readonly id: number; readonly comparison: Comparison }
  | { readonly type: 'distributions'; readonly id: number; readonly report: PlainDistributionReport }
  | { readonly type: 'likelihood'; readonly id: number; readonly report: PlainLikelihoodReport }
  | { readonly type: 'failed'; readonly id?: number; readonly message: string }
  | { readonly type: 'notice'; readonly message: string };

export type HostMessageType = HostMessage['type'];
