/**
 * Answers the calculator's computing requests: parses the typed literals and options with
 * src/literal, runs src/engine, and returns the host message to send. Bad input becomes
 * `inputErrors` with the input (and option field) at fault and its line and column; other
 * exceptions are bugs and propagate to the panel, which logs them. No vscode import.
 */
import { analyzeClassification, analyzeDistributions, analyzeLikelihood, compareDialects, derive } from '../../engine';
import { InputError, type InputName } from '../../errors';
import { locateInputError, parseLiteral } from '../../literal';
import { DIALECTS, INPUT_KINDS, REDUCTIONS, type ClassificationOptions, type ClassificationReport } from '../../report/model';
import { tensor, type Tensor } from '../../tensor';
import {
  CLASS_AXES,
  SIGMOID_SMOOTHINGS,
  type Comparison,
  type DerivationResult,
  type HostMessage,
  type InputProblem,
  type OptionsForm,
  type PrecisionRow,
  type WebviewMessage,
} from './protocol';
import { toPlain } from './wire';

export type ComputeRequest = Extract<WebviewMessage, { type: 'evaluate' | 'derive' | 'compare' | 'distributions' | 'likelihood' }>;

/** BigNumber digits the Compare tab uses when the options do not ask for a number. */
export const DEFAULT_COMPARE_DIGITS = 40;
/** Reports kept for derivation requests that refer to a recent, not only the latest, evaluation. */
const KEPT_EVALUATIONS = 4;
const MAX_PRECISION_DIGITS = 1000;

class ProblemList extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

function problemOf(error: InputError, input: InputName, field?: keyof OptionsForm): InputProblem {
  const location = error.location;
  return {
    input: error.input ?? input,
    ...(field ? { field } : {}),
    message: error.message,
    ...(location ? { line: location.line, column: location.column, offset: location.offset } : {}),
  };
}

/** Runs each parse, collecting every input's problem instead of stopping at the first. */
class Collector {
  readonly problems: InputProblem[] = [];

  run<T>(input: InputName, compute: () => T, field?: keyof OptionsForm): T | undefined {
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.problems.push(problemOf(error, input, field));
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new ProblemList(this.problems);
  }
}

function parseTensor(text: string, input: InputName): Tensor {
  if (text.trim() === '') throw new InputError(`${input} is empty: type a number or a list of numbers`, { line: 1, column: 1, offset: 0 }, input);
  return parseLiteral(text).tensor;
}

/**
 * A single number, written as the literals' elements are (`0.1`, `1/30`, `exp(-2)`). The
 * parser reads tensors only, so the text is parsed as a one-element list and error locations
 * are moved back over the added bracket.
 */
function parseScalar(text: string, input: InputName, what: string): number {
  if (text.trim() === '') throw new InputError(`${what} is empty: type a number`, { line: 1, column: 1, offset: 0 }, input);
  let parsed: Tensor;
  try {
    parsed = parseLiteral(`[${text}]`).tensor;
  } catch (error) {
    if (!(error instanceof InputError) || !error.location) throw error;
    const { line, column, offset } = error.location;
    const location = { line, column: line === 1 ? Math.max(1, column - 1) : column, offset: Math.max(0, offset - 1) };
    throw new InputError(error.message, location, error.input ?? input, error.element, error.argument, error.related);
  }
  if (parsed.data.length !== 1) {
    throw new InputError(`${what} must be a single number`, { line: 1, column: 1, offset: 0 }, input);
  }
  return parsed.data[0];
}

/** One number or a list of numbers (pos_weight). */
function parseScalarOrVector(text: string, input: InputName, what: string): number | number[] {
  try {
    return parseScalar(text, input, what);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return parseVector(text, input, what);
  }
}

function parseVector(text: string, input: InputName, what: string): number[] {
  const parsed = parseTensor(text, input);
  if (parsed.shape.length > 1) {
    throw new InputError(`${what} must be a list of numbers, not shape [${parsed.shape.join(', ')}]`, { line: 1, column: 1, offset: 0 }, input);
  }
  return Array.from(parsed.data);
}

function optionInteger(text: string, what: string, min: number, max: number): number {
  const value = parseScalar(text, 'options', what);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${what} must be a whole number from ${min} to ${max}, not ${value}`, { line: 1, column: 1, offset: 0 }, 'options');
  }
  return value;
}

/** The typed options as engine options; each bad field is reported on its own. */
export function resolveOptions(form: OptionsForm): { options: ClassificationOptions } | { errors: InputProblem[] } {
  const collect = new Collector();
  const smoothing = collect.run(
    'smoothing',
    () => {
      const value = form.smoothing.trim() === '' ? 0 : parseScalar(form.smoothing, 'smoothing', 'ε');
      if (!(value >= 0 && value < 1)) {
        throw new InputError(`ε must be at least 0 and below 1, not ${value}`, { line: 1, column: 1, offset: 0 }, 'smoothing');
      }
      return value;
    },
    'smoothing',
  );
  const classWeights = form.classWeights.trim()
    ? collect.run('weights', () => parseVector(form.classWeights, 'weights', 'Class weights'), 'classWeights')
    : undefined;
  const posWeight = form.posWeight.trim() ? collect.run('weights', () => parseScalarOrVector(form.posWeight, 'weights', 'pos_weight'), 'posWeight') : undefined;
  const ignoreIndex = form.ignoreIndex.trim()
    ? collect.run('options', () => optionInteger(form.ignoreIndex, 'ignore_index', -(2 ** 31), 2 ** 31 - 1), 'ignoreIndex')
    : undefined;
  const precisionDigits = form.precisionDigits.trim()
    ? collect.run('options', () => optionInteger(form.precisionDigits, 'BigNumber digits', 1, MAX_PRECISION_DIGITS), 'precisionDigits')
    : undefined;
  if (collect.problems.length > 0) return { errors: collect.problems };
  return {
    options: {
      smoothing: smoothing ?? 0,
      sigmoidSmoothing: form.sigmoidSmoothing,
      dialect: form.dialect,
      reduction: form.reduction,
      classAxis: form.classAxis,
      input: form.input ?? 'logits',
      float32: form.float32,
      ...(classWeights ? { classWeights } : {}),
      ...(posWeight !== undefined ? { posWeight } : {}),
      ...(ignoreIndex !== undefined ? { ignoreIndex } : {}),
      ...(precisionDigits !== undefined ? { precisionDigits } : {}),
    },
  };
}

function listText(values: number | readonly number[]): string {
  return typeof values === 'number' ? String(values) : `[${values.join(', ')}]`;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Engine options as the calculator's form (for prefilling from the editor). The options may
 * come from a command argument, so each field is checked and bad ones are left out.
 */
export function formFromOptions(options: Partial<ClassificationOptions>): Partial<OptionsForm> {
  const form: { -readonly [K in keyof OptionsForm]?: OptionsForm[K] } = {};
  if (isFiniteNumber(options.smoothing)) form.smoothing = String(options.smoothing);
  if ((SIGMOID_SMOOTHINGS as readonly unknown[]).includes(options.sigmoidSmoothing)) form.sigmoidSmoothing = options.sigmoidSmoothing;
  if ((DIALECTS as readonly unknown[]).includes(options.dialect)) form.dialect = options.dialect;
  if ((REDUCTIONS as readonly unknown[]).includes(options.reduction)) form.reduction = options.reduction;
  if ((CLASS_AXES as readonly unknown[]).includes(options.classAxis)) form.classAxis = options.classAxis;
  if ((INPUT_KINDS as readonly unknown[]).includes(options.input)) form.input = options.input;
  if (Array.isArray(options.classWeights) && options.classWeights.every(isFiniteNumber)) form.classWeights = listText(options.classWeights);
  const posWeight: unknown = options.posWeight;
  if (isFiniteNumber(posWeight) || (Array.isArray(posWeight) && posWeight.every(isFiniteNumber))) {
    form.posWeight = listText(posWeight);
  }
  if (Number.isInteger(options.ignoreIndex)) form.ignoreIndex = String(options.ignoreIndex);
  if (typeof options.float32 === 'boolean') form.float32 = options.float32;
  if (Number.isInteger(options.precisionDigits)) form.precisionDigits = String(options.precisionDigits);
  return form;
}

/** The complete form for `options` (the settings' defaults), with the optional fields empty. */
export function completeForm(options: ClassificationOptions): OptionsForm {
  return {
    smoothing: '0',
    sigmoidSmoothing: 'classes',
    dialect: 'tf',
    reduction: 'mean',
    classAxis: 'last',
    input: 'logits',
    classWeights: '',
    posWeight: '',
    ignoreIndex: '',
    float32: false,
    precisionDigits: '',
    ...formFromOptions(options),
  };
}

/**
 * An engine error names the input (and maybe the element) but has no location: it is found in
 * the text typed into that input, so the calculator can mark the spot.
 */
function engineProblem(error: InputError, request: ComputeRequest): InputProblem {
  const source = error.location ? undefined : typedSource(error, request);
  if (!source) return problemOf(error, 'options');
  return problemOf(locateInputError(error, source.text), 'options', source.field);
}

function typedSource(error: InputError, request: ComputeRequest): { text: string; field?: keyof OptionsForm } | undefined {
  switch (request.type) {
    case 'evaluate':
    case 'compare':
      if (error.input === 'logits') return { text: request.logits };
      if (error.input === 'labels') return { text: request.labels };
      // Both weight fields are input 'weights'; the argument says which.
      if (error.argument === 'pos_weight') return { text: request.options.posWeight, field: 'posWeight' };
      if (error.argument === 'class_weights') return { text: request.options.classWeights, field: 'classWeights' };
      return undefined;
    case 'distributions':
      return error.input === 'p' ? { text: request.p } : error.input === 'q' ? { text: request.q } : undefined;
    case 'likelihood':
      return error.input === 'outcomes' ? { text: request.outcomes } : undefined;
    case 'derive':
      return undefined;
  }
}

interface Evaluation {
  readonly id: number;
  readonly report: ClassificationReport;
}

function row(t: Tensor, index: number): number[] {
  const columns = t.shape.length >= 2 ? t.shape[t.shape.length - 1] : 1;
  return Array.from(t.data.subarray(index * columns, (index + 1) * columns));
}

/** One calculator panel's computing state: the last few reports, for derivations. */
export class CalculatorSession {
  private readonly evaluations: Evaluation[] = [];

  respond(request: ComputeRequest): HostMessage {
    try {
      switch (request.type) {
        case 'evaluate':
          return { type: 'evaluated', id: request.id, report: toPlain(this.evaluate(request.id, request.logits, request.labels, request.options)) };
        case 'derive':
          return { type: 'derivation', id: request.id, result: this.derive(request.evaluationId, request.quantity, request.index) };
        case 'compare':
          return { type: 'comparison', id: request.id, comparison: this.compare(request.logits, request.labels, request.options) };
        case 'distributions':
          return { type: 'distributions', id: request.id, report: toPlain(this.distributions(request.p, request.q)) };
        case 'likelihood':
          return { type: 'likelihood', id: request.id, report: toPlain(this.likelihood(request.outcomes, request.theta)) };
      }
    } catch (error) {
      if (error instanceof ProblemList) return { type: 'inputErrors', id: request.id, errors: error.problems };
      if (error instanceof InputError) return { type: 'inputErrors', id: request.id, errors: [engineProblem(error, request)] };
      throw error;
    }
  }

  private inputs(logitsText: string, labelsText: string, form: OptionsForm) {
    const collect = new Collector();
    const logits = collect.run('logits', () => parseTensor(logitsText, 'logits'));
    const labels = collect.run('labels', () => parseTensor(labelsText, 'labels'));
    const resolved = resolveOptions(form);
    if ('errors' in resolved) collect.problems.push(...resolved.errors);
    collect.throwIfAny();
    return { logits: logits!, labels: labels!, options: (resolved as { options: ClassificationOptions }).options };
  }

  private evaluate(id: number, logitsText: string, labelsText: string, form: OptionsForm): ClassificationReport {
    const { logits, labels, options } = this.inputs(logitsText, labelsText, form);
    const report = analyzeClassification(logits, labels, options);
    this.evaluations.push({ id, report });
    if (this.evaluations.length > KEPT_EVALUATIONS) this.evaluations.shift();
    return report;
  }

  private derive(evaluationId: number, quantity: DerivationResult['derivation']['loss'], index: number[]): DerivationResult {
    const evaluation = this.evaluations.find((e) => e.id === evaluationId);
    if (!evaluation) throw new InputError('That result is out of date; select the cell again.', undefined, 'options');
    const { report } = evaluation;
    const derivation = derive(report, quantity, index);
    const sample = index[0] ?? 0;
    if (quantity === 'softmaxCrossEntropy') {
      const crossEntropy = report.softmaxCrossEntropy[sample];
      const entropy = report.labelEntropy
        ? report.labelEntropy[sample]
        : analyzeDistributions(tensor([report.classCount], row(report.smoothedLabels, sample)), tensor([report.classCount], row(report.softmax, sample)))
            .entropy;
      return {
        derivation,
        decomposition: { entropy, klDivergence: crossEntropy - entropy, crossEntropy },
        gradient: row(report.gradients.softmax, sample),
      };
    }
    if (quantity === 'sigmoidCrossEntropy') {
      const gradient = report.gradients.sigmoid;
      const columns = gradient.shape.length >= 2 ? gradient.shape[gradient.shape.length - 1] : 1;
      const position = index.length >= 2 ? sample * columns + index[1] : sample;
      return { derivation, gradient: [gradient.data[position]] };
    }
    return { derivation };
  }

  private compare(logitsText: string, labelsText: string, form: OptionsForm): Comparison {
    const { logits, labels, options } = this.inputs(logitsText, labelsText, form);
    const comparison = compareDialects(logits, labels, options);
    const digits = options.precisionDigits ?? DEFAULT_COMPARE_DIGITS;
    const float64 = analyzeClassification(logits, labels, { ...options, float32: false, precisionDigits: digits });
    const float32 = analyzeClassification(logits, labels, { ...options, float32: true, precisionDigits: undefined });
    const precision: PrecisionRow[] = [];
    const big = float64.precision;
    if (big) {
      big.softmaxCrossEntropy.forEach((bigNumber, i) =>
        precision.push({
          quantity: 'softmaxCrossEntropy',
          index: [i],
          float64: float64.softmaxCrossEntropy[i],
          float32: float32.softmaxCrossEntropy[i],
          bigNumber,
        }),
      );
      const shape = float64.sigmoidCrossEntropy.shape;
      const columns = shape.length >= 2 ? shape[shape.length - 1] : 1;
      big.sigmoidCrossEntropy.forEach((bigNumber, i) =>
        precision.push({
          quantity: 'sigmoidCrossEntropy',
          index: shape.length >= 2 ? [Math.floor(i / columns), i % columns] : [i],
          float64: float64.sigmoidCrossEntropy.data[i],
          float32: float32.sigmoidCrossEntropy.data[i],
          bigNumber,
        }),
      );
    }
    return {
      dialects: comparison.dialects.map((d) => ({
        dialect: d.dialect,
        reduced: d.reduced,
        softmaxCrossEntropy: Array.from(d.weighted.softmaxCrossEntropy),
        sigmoidCrossEntropy: Array.from(d.weighted.sigmoidCrossEntropy.data),
        sigmoidShape: [...d.weighted.sigmoidCrossEntropy.shape],
        sigmoidSmoothing: d.sigmoidSmoothing,
        softmaxCall: d.softmaxCall,
        sigmoidCall: d.sigmoidCall,
        notes: [...d.notes],
      })),
      precisionDigits: digits,
      precision,
      ...(big ? {} : { precisionSkipped: float64.diagnostics.find((d) => d.code === 'precision-skipped')?.message }),
    };
  }

  private distributions(pText: string, qText: string) {
    const collect = new Collector();
    const p = collect.run('p', () => parseTensor(pText, 'p'));
    const q = collect.run('q', () => parseTensor(qText, 'q'));
    collect.throwIfAny();
    return analyzeDistributions(p!, q!);
  }

  private likelihood(outcomesText: string, thetaText: string) {
    const collect = new Collector();
    const outcomes = collect.run('outcomes', () => parseTensor(outcomesText, 'outcomes'));
    const theta = thetaText.trim() ? collect.run('theta', () => parseScalar(thetaText, 'theta', 'θ')) : undefined;
    collect.throwIfAny();
    return analyzeLikelihood(outcomes!, theta);
  }
}
