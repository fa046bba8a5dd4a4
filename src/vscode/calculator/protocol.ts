/**
 * The calculator's message protocol, both directions. Every message the webview sends is
 * checked with `parseWebviewMessage` before the host acts on it; anything unknown or
 * malformed is dropped and logged. Host messages are trusted (the host builds them) and are
 * typed here so both sides agree. No vscode import: the webview bundle imports these types.
 */
import { DIALECTS, REDUCTIONS, SIGMOID_SMOOTHINGS, type Derivation, type Dialect, type DistributionReport, type LikelihoodReport, type LossTotals, type Reduction, type SigmoidSmoothing, type ClassificationReport } from '../../report/model';
import type { InputName } from '../../errors';
import type { CalculatorStrings } from './strings';
import { decodeWire, type Plain } from './wire';
import { bool, integer, isRecord, list, object, oneOf, ProtocolError, tagged, text, type Validator } from './validate';

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
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
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
  classWeights: inputText,
  posWeight: inputText,
  ignoreIndex: shortText,
  float32: bool,
  precisionDigits: shortText,
});

const literalsAndOptions = { logits: inputText, labels: inputText, options: optionsForm };

export const parseWebviewMessage: Validator<WebviewMessage> = tagged<WebviewMessage>({
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
  problem: object({ type: oneOf(['problem']), message: shortText }),
});

/** A message from the webview as the host takes it: valid, or dropped (with the reason to log). */
export type ReceivedMessage = { readonly message: WebviewMessage } | { readonly dropped: string; readonly reply?: HostMessage };

const LITERAL_FIELDS: readonly string[] = ['logits', 'labels', 'p', 'q', 'outcomes'];

/**
 * Decodes and validates one raw webview message. Nothing the webview sends can make this throw
 * (a hostile page may send any structured-clone value, nested arbitrarily deep). A literal too
 * long to read still gets an answer, an input error on that field, so the page does not wait.
 */
export function receiveWebviewMessage(raw: unknown): ReceivedMessage {
  try {
    return { message: parseWebviewMessage(decodeWire(raw), '') };
  } catch (error) {
    const type = isRecord(raw) && typeof raw.type === 'string' ? raw.type.slice(0, 40) : typeof raw;
    const reason = error instanceof ProtocolError ? error.message : `unreadable (${error instanceof Error ? error.message : String(error)})`;
    const dropped = `${type}: ${reason}`;
    if (!(error instanceof ProtocolError) || !LITERAL_FIELDS.includes(error.path) || !isRecord(raw)) return { dropped };
    const { id } = raw;
    const value = raw[error.path];
    if (typeof value !== 'string' || value.length <= MAX_INPUT_LENGTH || !Number.isSafeInteger(id) || (id as number) < 0) return { dropped };
    const message = `${error.path} has ${value.length} characters; the calculator reads at most ${MAX_INPUT_LENGTH}. Select the literal in the editor and run Evaluate Selection.`;
    const problem: InputProblem = { input: error.path as InputName, message, line: 1, column: 1, offset: 0 };
    return { dropped, reply: { type: 'inputErrors', id: id as number, errors: [problem] } };
  }
}

// ---- host → webview -----------------------------------------------------------------------

/** Inputs from the editor; a literal left out keeps what the calculator had. */
export interface Prefill {
  readonly logits?: string;
  readonly labels?: string;
  readonly options?: Partial<OptionsForm>;
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

export type PlainClassificationReport = Plain<ClassificationReport>;
export type PlainDistributionReport = Plain<DistributionReport>;
export type PlainLikelihoodReport = Plain<LikelihoodReport>;

export type HostMessage =
  | {
      readonly type: 'init';
      readonly strings: CalculatorStrings;
      readonly defaults: OptionsForm;
      readonly displayDigits: number;
      readonly prefill?: Prefill;
      readonly source?: string;
    }
  | { readonly type: 'prefill'; readonly prefill: Prefill; readonly source?: string }
  | { readonly type: 'evaluated'; readonly id: number; readonly report: PlainClassificationReport }
  | { readonly type: 'inputErrors'; readonly id: number; readonly errors: InputProblem[] }
  | { readonly type: 'derivation'; readonly id: number; readonly result: DerivationResult }
  | { readonly type: 'comparison'; readonly id: number; readonly comparison: Comparison }
  | { readonly type: 'distributions'; readonly id: number; readonly report: PlainDistributionReport }
  | { readonly type: 'likelihood'; readonly id: number; readonly report: PlainLikelihoodReport }
  | { readonly type: 'failed'; readonly id?: number; readonly message: string }
  | { readonly type: 'notice'; readonly message: string };

export type HostMessageType = HostMessage['type'];
