/**
 * The argument hovers and the calculator pass to the result commands (insert, copy, open).
 * It arrives from command links and webview messages, so it is validated, never trusted.
 */
import { DIALECTS, REDUCTIONS, type ClassificationOptions } from '../report/model';
import { HOST_CALL_CATALOGUE } from './calculator/calls';
import { callFormValidator, type CallForm } from './calculator/protocol';

export interface ResultRequest {
  readonly logits: string;
  readonly labels: string;
  readonly options?: Partial<ClassificationOptions>;
  /** Where the literals came from: results are inserted below `line` if `version` still holds. */
  readonly target?: { readonly uri: string; readonly line: number; readonly version: number };
  /** Copy format, to skip the quick pick. */
  readonly format?: CopyFormat;
}

export type CopyFormat = 'numpy' | 'pytorch' | 'json' | 'markdown';
export const COPY_FORMATS: readonly CopyFormat[] = ['numpy', 'pytorch', 'json', 'markdown'];

const MAX_LITERAL_LENGTH = 50_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function validOptions(value: unknown): Partial<ClassificationOptions> | undefined {
  if (!isRecord(value)) return undefined;
  const options: { -readonly [K in keyof ClassificationOptions]?: ClassificationOptions[K] } = {};
  if (isFiniteNumber(value.smoothing) && value.smoothing >= 0 && value.smoothing < 1) options.smoothing = value.smoothing;
  if (value.sigmoidSmoothing === 'classes' || value.sigmoidSmoothing === 'binary') options.sigmoidSmoothing = value.sigmoidSmoothing;
  if ((DIALECTS as readonly unknown[]).includes(value.dialect)) options.dialect = value.dialect as ClassificationOptions['dialect'];
  if ((REDUCTIONS as readonly unknown[]).includes(value.reduction)) options.reduction = value.reduction as ClassificationOptions['reduction'];
  if (value.classAxis === 'last' || value.classAxis === 'first') options.classAxis = value.classAxis;
  if (Array.isArray(value.classWeights) && value.classWeights.every(isFiniteNumber)) options.classWeights = value.classWeights;
  if (isFiniteNumber(value.posWeight) || (Array.isArray(value.posWeight) && value.posWeight.every(isFiniteNumber))) {
    options.posWeight = value.posWeight;
  }
  if (isFiniteNumber(value.ignoreIndex) && Number.isInteger(value.ignoreIndex)) options.ignoreIndex = value.ignoreIndex;
  if (typeof value.float32 === 'boolean') options.float32 = value.float32;
  if (isFiniteNumber(value.precisionDigits) && Number.isInteger(value.precisionDigits) && value.precisionDigits >= 1 && value.precisionDigits <= 1000) {
    options.precisionDigits = value.precisionDigits;
  }
  return options;
}

/** The request if `value` is a well-formed one, else undefined (callers then use the selection). */
export function parseResultRequest(value: unknown): ResultRequest | undefined {
  if (!isRecord(value)) return undefined;
  const { logits, labels, target, format } = value;
  if (typeof logits !== 'string' || typeof labels !== 'string') return undefined;
  if (logits.length > MAX_LITERAL_LENGTH || labels.length > MAX_LITERAL_LENGTH) return undefined;
  const request: { -readonly [K in keyof ResultRequest]: ResultRequest[K] } = { logits, labels, options: validOptions(value.options) };
  const validTarget = parseTarget(target);
  if (validTarget) request.target = validTarget;
  if ((COPY_FORMATS as readonly unknown[]).includes(format)) request.format = format as CopyFormat;
  return request;
}

function parseTarget(target: unknown): ResultRequest['target'] {
  if (isRecord(target) && typeof target.uri === 'string' && Number.isInteger(target.line) && Number.isInteger(target.version)) {
    return { uri: target.uri, line: target.line as number, version: target.version as number };
  }
  return undefined;
}

/** The calculator's Calls tab asks the result commands for a framework call's result. */
export interface CallResultRequest {
  readonly call: CallForm;
  readonly target?: ResultRequest['target'];
  readonly format?: CopyFormat;
}

const callForm = callFormValidator(HOST_CALL_CATALOGUE);

/** The request if `value` is a well-formed call request (a catalogue call, its parameters), else undefined. */
export function parseCallResultRequest(value: unknown): CallResultRequest | undefined {
  if (!isRecord(value) || !isRecord(value.call)) return undefined;
  let call: CallForm;
  try {
    call = callForm(value.call, 'call');
  } catch {
    return undefined;
  }
  const target = parseTarget(value.target);
  const format = (COPY_FORMATS as readonly unknown[]).includes(value.format) ? (value.format as CopyFormat) : undefined;
  return { call, ...(target ? { target } : {}), ...(format ? { format } : {}) };
}

/**
 * What a hover link carries instead of the literals' text: the document and the literals'
 * offsets in it. A link's argument travels to the workbench and back on every hover, and a
 * literal can be megabytes; the command reads the text when the link is clicked.
 */
export interface LiteralReference {
  readonly source: { readonly uri: string; readonly version: number };
  /** Document offsets [start, end) of each literal the link names (one or both). */
  readonly logits?: readonly [number, number];
  readonly labels?: readonly [number, number];
}

function offsetRange(value: unknown): readonly [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [start, end] = value as unknown[];
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && (start as number) >= 0 && (start as number) <= (end as number)
    ? [start as number, end as number]
    : undefined;
}

/** The reference if `value` is a well-formed one (it still has to be checked against the document). */
export function parseLiteralReference(value: unknown): LiteralReference | undefined {
  if (!isRecord(value) || !isRecord(value.source)) return undefined;
  const { uri, version } = value.source;
  if (typeof uri !== 'string' || !Number.isSafeInteger(version)) return undefined;
  const logits = offsetRange(value.logits);
  const labels = offsetRange(value.labels);
  // A range that is there but malformed makes the whole link suspect, not a one-literal link.
  if ((value.logits !== undefined && !logits) || (value.labels !== undefined && !labels) || (!logits && !labels)) return undefined;
  return { source: { uri, version: version as number }, ...(logits ? { logits } : {}), ...(labels ? { labels } : {}) };
}
