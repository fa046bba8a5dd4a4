/**
 * `loss-lens`: the engine without an editor. Reads literals from arguments or @files, prints
 * tables or one JSON object. Exit 0 on success, 2 on bad input, 70 on an internal error.
 */
import { analyzeClassification, analyzeDistributions, analyzeLikelihood } from '../engine';
import { splitByStage } from '../engine/calls/arguments';
import { CALLS, evaluateCall, findCall } from '../engine/calls/catalogue';
import { InputError } from '../errors';
import { locateInputError, parseLiteral } from '../literal';
import type { Report } from '../report/model';
import { callEntryJson, callEntryText, catalogueJson, catalogueText } from '../render/catalogue';
import { reportJson } from '../render/json';
import { reportText } from '../render/text';
import type { Tensor } from '../tensor';
import { type CliRequest, type LiteralArgument, parseCommandLine, USAGE } from './args';
import { locateCallError, readCallArguments } from './call-arguments';

declare const LOSS_LENS_VERSION: string;

function readTensor(argument: LiteralArgument): Tensor {
  // A bare number is a scalar option value (`--pos-weight 2`); literals need brackets or a wrapper.
  const scalar = argument.text.trim() === '' ? NaN : Number(argument.text);
  if (Number.isFinite(scalar)) return { shape: [], data: Float64Array.of(scalar) };
  try {
    return parseLiteral(argument.text).tensor;
  } catch (error) {
    if (error instanceof InputError && error.input === undefined) {
      throw new InputError(error.message, error.location, argument.input, error.element, error.argument, error.related);
    }
    throw error;
  }
}

type EvaluationRequest = Exclude<CliRequest, { mode: 'help' | 'version' | 'list-calls' | 'describe-call' }>;
type CallRequest = Extract<CliRequest, { mode: 'call' }>;
/** The modes that read whole literals (--logits, --p, --outcomes). */
type LiteralRequest = Exclude<EvaluationRequest, CallRequest>;

/** One catalogue call: `--arg`s read by their parameters' types, split between constructor and call for a class. */
function evaluateCallRequest(request: CallRequest): Report {
  try {
    const entry = findCall(request.call);
    const { init, call } = splitByStage(entry, readCallArguments(entry, request.arguments));
    return evaluateCall(entry, call, { float32: request.float32, init });
  } catch (error) {
    throw error instanceof InputError ? locateCallError(error, request.arguments) : error;
  }
}

/** The engine's errors name an input and maybe an element; this finds them in the argument's text. */
function evaluate(request: EvaluationRequest): Report {
  if (request.mode === 'call') return evaluateCallRequest(request);
  try {
    return evaluateUnlocated(request);
  } catch (error) {
    if (!(error instanceof InputError) || error.location) throw error;
    const argument = argumentOf(request, error);
    throw argument ? locateInputError(error, argument.text) : error;
  }
}

function argumentOf(request: LiteralRequest, error: InputError): LiteralArgument | undefined {
  switch (request.mode) {
    case 'classification':
      if (error.input === 'logits') return request.logits;
      if (error.input === 'labels') return request.labels;
      // Both weight options are input 'weights'; the argument says which.
      if (error.argument === 'pos_weight') return request.posWeight;
      if (error.argument === 'class_weights') return request.classWeights;
      return undefined;
    case 'distributions':
      return error.input === 'p' ? request.p : error.input === 'q' ? request.q : undefined;
    case 'likelihood':
      return error.input === 'outcomes' ? request.outcomes : undefined;
  }
}

function evaluateUnlocated(request: LiteralRequest): Report {
  switch (request.mode) {
    case 'classification': {
      const classWeights = request.classWeights && Array.from(readTensor(request.classWeights).data);
      const posWeightTensor = request.posWeight && readTensor(request.posWeight);
      const posWeight = posWeightTensor && (posWeightTensor.shape.length === 0 ? posWeightTensor.data[0] : Array.from(posWeightTensor.data));
      return analyzeClassification(readTensor(request.logits), readTensor(request.labels), {
        ...request.options,
        ...(classWeights ? { classWeights } : {}),
        ...(posWeight !== undefined ? { posWeight } : {}),
      });
    }
    case 'distributions':
      return analyzeDistributions(readTensor(request.p), readTensor(request.q));
    case 'likelihood':
      return analyzeLikelihood(readTensor(request.outcomes), request.theta);
  }
}

function errorJson(error: InputError): string {
  return JSON.stringify({
    error: {
      message: error.message,
      line: error.location?.line ?? null,
      column: error.location?.column ?? null,
      input: error.input ?? null,
      argument: error.argument ?? null,
    },
  });
}

function errorText(error: InputError): string {
  const where = [error.argument ?? error.input, error.location && `line ${error.location.line}, column ${error.location.column}`].filter(Boolean).join(', ');
  return `loss-lens: ${where ? `${where}: ` : ''}${error.message}`;
}

export function main(argv: readonly string[]): number {
  const wantsJson = argv.includes('--json');
  try {
    const request = parseCommandLine(argv);
    if (request.mode === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (request.mode === 'version') {
      process.stdout.write(`${LOSS_LENS_VERSION}\n`);
      return 0;
    }
    if (request.mode === 'list-calls' || request.mode === 'describe-call') {
      const entries = request.mode === 'list-calls' ? CALLS : [findCall(request.call)];
      const json = request.mode === 'list-calls' ? catalogueJson(entries) : callEntryJson(entries[0]);
      const text = request.mode === 'list-calls' ? catalogueText(entries) : callEntryText(entries[0]);
      process.stdout.write(request.output.json ? `${JSON.stringify(json)}\n` : `${text.join('\n')}\n`);
      return 0;
    }
    const report = evaluate(request);
    const { json, summary, digits } = request.output;
    process.stdout.write(
      json ? `${JSON.stringify(reportJson(report, { summary }))}\n` : `${reportText(report, { digits, summary, maxRows: 20 }).join('\n')}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      if (wantsJson) process.stdout.write(`${errorJson(error)}\n`);
      else process.stderr.write(`${errorText(error)}\n`);
      return 2;
    }
    process.stderr.write(`loss-lens: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 70;
  }
}

process.exitCode = main(process.argv.slice(2));
