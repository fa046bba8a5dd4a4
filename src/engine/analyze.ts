/**
 * The orchestrator: validates the inputs, runs the fused kernel (float64 or float32), applies the
 * selected dialect's weighting and reduction, and gathers diagnostics, gradients, optional extra
 * losses and the BigNumber precision check into the report model the surfaces render.
 */
import { InputError } from '../errors';
import type {
  AdditionalLoss,
  PrecisionCheck,
  ClassificationOptions,
  ClassificationReport,
  Dialect,
  DialectComparison,
  DialectLosses,
  DistributionReport,
  InputKind,
  LikelihoodReport,
} from '../report/model';
import { DIALECTS } from '../report/model';
import type { Tensor } from '../tensor';
import { andMore, Diagnostics } from './diagnostics';
import { describeDialect, dialectSigmoidSmoothing, probabilityLosses, reduceForDialect } from './dialect';
import { crossEntropy, entropy, smoothedOneHotEntropy } from './entropy';
import { fround, runFloat32, toFloat32 } from './float32';
import { categoricalFocalRows, sigmoidFocalRows } from './focal-loss';
import { formatIndex, formatShape, shortNumber } from './format';
import { softmaxGradient, sigmoidGradient } from './gradients';
import { categoricalHingeRows, hingeRows, multiMarginRows } from './hinge';
import { allocateArrays, logSoftmaxOf, newFindings, noteUniform, runFloat64, sigmoidHardOf, softmaxOf, type KernelArrays, type KernelFindings, type KernelInput } from './kernel';
import { kernelLogits, probabilityInputLosses } from './input-kind';
import { klDivergence } from './kl-divergence';
import { identity, smoothingConstants } from './label-smoothing';
import { readClassificationInput, SUM_TOLERANCE, type ClassificationInput } from './labels';
import type { SampleLayout } from './layout';
import { bernoulliLogLikelihood, binomialProbability, countOutcomes, logLikelihoodCurve, validateTheta } from './likelihood';
import { meanSquaredErrorRows } from './mse';
import { DEFAULT_FOCAL_ALPHA, DEFAULT_FOCAL_GAMMA, precisionElementLimit, resolveOptions } from './options';
import type { PrecisionInput } from './precision';
import { sumValues } from './reductions';
import { memo } from './memo';
import { lazyTargets, smoothedLabelEntropies, type Targets } from './targets';

type PrecisionComputer = (input: PrecisionInput) => PrecisionCheck;
let computePrecision: PrecisionComputer | undefined;

/**
 * Precision mode is the only user of mathjs, and evaluating mathjs in Node takes about a second,
 * so this module does not import it: the engine's entry (index.ts) installs precision.ts here.
 * Bundles keep a static import, so esbuild still tree-shakes mathjs down to the BigNumber factory.
 */
export function installPrecisionCheck(compute: PrecisionComputer): void {
  computePrecision = compute;
}

/** Softmax, one-hot, smoothing, both cross-entropies, the dialect's reduction and diagnostics for one batch. */
export function analyzeClassification(logits: Tensor, labels: Tensor, options: Partial<ClassificationOptions> = {}): ClassificationReport {
  const resolved = resolveOptions(options);
  const diagnostics = new Diagnostics();
  const input = readClassificationInput(logits, labels, resolved, diagnostics);
  return buildReport(input, resolved, diagnostics);
}

function positiveWeights(input: ClassificationInput, options: ClassificationOptions): Float64Array | null {
  const posWeight = options.posWeight;
  if (posWeight === undefined) return null;
  if (typeof posWeight === 'number') return new Float64Array(input.columns).fill(posWeight);
  if (posWeight.length !== input.columns) {
    throw new InputError(
      `pos_weight has ${posWeight.length} values but the sigmoid loss has ${input.columns} ${input.columns === 1 ? 'column' : 'columns (K)'}; give one number or one per class`,
      undefined,
      'weights',
    );
  }
  return Float64Array.from(posWeight);
}

function buildReport(input: ClassificationInput, options: ClassificationOptions, diagnostics: Diagnostics): ClassificationReport {
  const { samples, columns, binary } = input;
  const classCount = binary ? 2 : columns;
  if (options.classWeights !== undefined && options.classWeights.length !== classCount) {
    throw new InputError(
      `${options.classWeights.length} class weights given for K = ${classCount} classes${binary ? ' (one logit per sample counts as 2 classes)' : ''}; give exactly one weight per class`,
      undefined,
      'weights',
    );
  }
  const float32 = options.float32;
  const round = float32 ? fround : identity;
  const sigmoidSmoothing = dialectSigmoidSmoothing(options.dialect, options.sigmoidSmoothing);
  const posWeight = positiveWeights(input, options);
  const inputKind = options.input ?? 'logits';
  const kernelInput: KernelInput = {
    samples,
    columns,
    binary,
    logits: kernelLogits(float32 ? toFloat32(input.logits) : input.logits, inputKind, input.layout.logitsShape, round),
    indices: input.indices,
    labels: input.labels && float32 ? toFloat32(input.labels) : input.labels,
    constants: {
      softmax: smoothingConstants(options.smoothing, classCount, round),
      sigmoid: smoothingConstants(options.smoothing, binary || sigmoidSmoothing === 'binary' ? 2 : classCount, round),
    },
    posWeight: posWeight && float32 ? toFloat32(posWeight) : posWeight,
  };
  const arrays = allocateArrays(kernelInput, float32);
  const targets = lazyTargets(kernelInput, round);
  const logSoftmax = memo(() => logSoftmaxOf(kernelInput, arrays));
  const findings = newFindings();
  if (float32) runFloat32(kernelInput, arrays, findings);
  else runFloat64(kernelInput, arrays, findings);
  if (inputKind !== 'logits') useProbabilityInputLosses(input, inputKind, options, arrays, targets, diagnostics, round);
  const softmax = memo(() => softmaxOf(kernelInput, float32 ? 'all' : findings.specialRows.map((finding) => finding.row), round));
  noteFindings(diagnostics, kernelInput, arrays, findings, input.layout, classCount, float32);

  const valid = samples - input.ignored;
  const softmaxSum = sumValues(arrays.crossEntropy, round);
  const sigmoidSum = sumValues(arrays.sigmoid, round);
  if (valid === 0) {
    diagnostics.note('empty-mean', 'warning', () => 'Every sample is ignored: the means divide 0 by 0 and are NaN, as in every framework.', 'labels');
  }
  const dialectReduction = reduceForDialect({
    dialect: options.dialect,
    reduction: options.reduction,
    kind: input.kind,
    binary,
    samples,
    columns,
    classCount,
    indices: input.indices,
    hard: targets.hard,
    smoothed: targets.smoothed,
    logProbabilities: logSoftmax,
    crossEntropy: arrays.crossEntropy,
    sigmoid: arrays.sigmoid,
    classWeights: options.classWeights,
    round,
  });
  const { denominators } = dialectReduction;
  if (valid > 0 && options.reduction !== 'sum' && (denominators.softmaxCrossEntropy === 0 || denominators.sigmoidCrossEntropy === 0)) {
    diagnostics.note('zero-denominator', 'warning', () => `Every counted value has weight 0, so ${options.dialect}'s weighted mean is 0/0 = NaN.`, 'weights');
  }

  const classTensor = (data: Float64Array) => ({ shape: [samples, classCount], data });
  const sigmoidShape = binary ? [samples] : [samples, columns];
  const sigmoidTensor = (data: Float64Array) => ({ shape: sigmoidShape, data });
  const report: ClassificationReport = {
    kind: 'classification',
    options,
    logitsShape: [...input.layout.logitsShape],
    labelsShape: [...input.labelsShape],
    batchSize: samples,
    classCount,
    labelKind: input.kind,
    oneHot: EMPTY_TENSOR,
    smoothedLabels: EMPTY_TENSOR,
    sigmoidTargets: EMPTY_TENSOR,
    softmax: EMPTY_TENSOR,
    logSoftmax: EMPTY_TENSOR,
    argmax: Array.from(arrays.argmax),
    entropy: arrays.entropy,
    softmaxCrossEntropy: arrays.crossEntropy,
    softmaxCrossEntropyHard: arrays.crossEntropyHard.length > 0 ? arrays.crossEntropyHard : arrays.crossEntropy,
    sigmoidCrossEntropy: sigmoidTensor(arrays.sigmoid),
    sigmoidCrossEntropyHard: EMPTY_TENSOR,
    mean: {
      softmaxCrossEntropy: round(softmaxSum / valid),
      sigmoidCrossEntropy: round(sigmoidSum / (valid * columns)),
    },
    sum: { softmaxCrossEntropy: softmaxSum, sigmoidCrossEntropy: sigmoidSum },
    reduced: dialectReduction.reduced,
    gradients: EMPTY_GRADIENTS,
    diagnostics: [],
    sampleShape: [...input.layout.sampleShape],
    logits: sigmoidTensor(kernelInput.logits),
    logSumExp: arrays.logSumExp,
    labelEntropy: labelEntropies(input, kernelInput, arrays, options, classCount, round),
    weighted: {
      softmaxCrossEntropy: dialectReduction.weighted.softmax,
      // Keras returns one binary cross-entropy per sample (the mean over the classes).
      sigmoidCrossEntropy:
        dialectReduction.weighted.sigmoid.length === arrays.sigmoid.length
          ? sigmoidTensor(dialectReduction.weighted.sigmoid)
          : { shape: [...input.layout.sampleShape], data: dialectReduction.weighted.sigmoid },
    },
    denominators: dialectReduction.denominators,
  };
  const extraLosses = options.additionalLosses ? additionalLosses(input, kernelInput, targets, softmax(), logSoftmax(), options, classCount) : undefined;
  let precision: ClassificationReport['precision'];
  if (options.precisionDigits !== undefined) {
    const elements = input.logits.length;
    const limit = precisionElementLimit(options.precisionDigits);
    if (elements > limit) {
      diagnostics.note(
        'precision-skipped',
        'info',
        () =>
          `Precision mode at ${options.precisionDigits} digits recomputes at most ${limit} logits with BigNumber (fewer the more digits: the cost grows with their square); this input has ${elements}, so it was skipped.`,
        'logits',
      );
    } else {
      if (!computePrecision) throw new Error('precision mode is installed by src/engine/index.ts; import the engine from there');
      precision = computePrecision({
        digits: options.precisionDigits,
        samples,
        columns,
        binary,
        logits: input.logits,
        targets: binary ? (input.labels as Float64Array) : targets.hard(),
        indices: input.indices,
        epsilon: options.smoothing,
        softmaxSpread: classCount,
        sigmoidSpread: binary || sigmoidSmoothing === 'binary' ? 2 : classCount,
        posWeight,
        softmaxCrossEntropy: arrays.crossEntropy,
        sigmoidCrossEntropy: arrays.sigmoid,
      });
    }
  }
  noteOverflow(diagnostics, report);
  const complete: ClassificationReport = {
    ...report,
    ...(extraLosses ? { additionalLosses: extraLosses } : {}),
    ...(precision ? { precision } : {}),
    diagnostics: diagnostics.list(),
  };
  defineLazy(complete, 'oneHot', () => classTensor(targets.hard()));
  defineLazy(complete, 'smoothedLabels', () => classTensor(targets.smoothed()));
  defineLazy(complete, 'sigmoidTargets', () => sigmoidTensor(targets.sigmoid()));
  defineLazy(complete, 'softmax', () => classTensor(softmax()));
  defineLazy(complete, 'logSoftmax', () => classTensor(logSoftmax()));
  defineLazy(complete, 'sigmoidCrossEntropyHard', () => sigmoidTensor(sigmoidHardOf(kernelInput, arrays, targets, round)));
  defineLazy(complete, 'gradients', () => ({
    softmax: classTensor(softmaxGradient(softmax(), targets.smoothed(), samples, classCount, input.indices)),
    sigmoid: sigmoidTensor(sigmoidGradient(kernelInput.logits, targets.sigmoid(), columns, kernelInput.posWeight, input.indices)),
  }));
  return complete;
}

/** Replaces the kernel's logit losses by the dialect's losses for probability or log-probability inputs (input-kind.ts). */
function useProbabilityInputLosses(
  input: ClassificationInput,
  kind: Exclude<InputKind, 'logits'>,
  options: ClassificationOptions,
  arrays: KernelArrays,
  targets: Targets,
  diagnostics: Diagnostics,
  round: (v: number) => number,
): void {
  const values = options.float32 ? toFloat32(input.logits) : input.logits;
  const request = { dialect: options.dialect, kind, samples: input.samples, columns: input.columns, binary: input.binary, values, round };
  const losses = probabilityInputLosses({ ...request, softmaxTargets: targets.smoothed(), sigmoidTargets: targets.sigmoid() });
  arrays.crossEntropy.set(losses.softmax);
  arrays.sigmoid.set(losses.sigmoid);
  if (arrays.crossEntropyHard.length > 0) {
    arrays.crossEntropyHard.set(probabilityInputLosses({ ...request, softmaxTargets: targets.hard(), sigmoidTargets: targets.sigmoidHard() }).softmax);
  }
  if (input.indices) {
    for (let i = 0; i < input.samples; i++) {
      if (input.indices[i] >= 0) continue;
      arrays.crossEntropy[i] = 0;
      if (arrays.crossEntropyHard.length > 0) arrays.crossEntropyHard[i] = 0;
      arrays.sigmoid.fill(0, i * input.columns, (i + 1) * input.columns);
    }
  }
  diagnostics.note(
    'input-kind',
    'info',
    () => `The logits were read as ${kind}${kind === 'probabilities' ? ' (the softmax column shows each row divided by its sum)' : ''}: softmax loss ${losses.softmaxCall}; sigmoid loss ${losses.sigmoidCall}.`,
    'logits',
  );
}

type LazyField = 'oneHot' | 'smoothedLabels' | 'sigmoidTargets' | 'softmax' | 'logSoftmax' | 'sigmoidCrossEntropyHard' | 'gradients';

/** Placeholder until `defineLazy` replaces the field. */
const EMPTY_TENSOR: Tensor = { shape: [0], data: new Float64Array(0) };
const EMPTY_GRADIENTS: ClassificationReport['gradients'] = { softmax: EMPTY_TENSOR, sigmoid: EMPTY_TENSOR };

/**
 * The per-element arrays besides the losses (targets, softmax, log-softmax, the hard-target
 * sigmoid loss, gradients) cost a pass and an array each, and summaries never show them, so
 * they are computed on first read. The property stays enumerable: JSON.stringify,
 * structuredClone (postMessage) and object spread all read it, and it is computed once.
 */
function defineLazy<K extends LazyField>(report: ClassificationReport, key: K, compute: () => ClassificationReport[K]): void {
  Object.defineProperty(report, key, { enumerable: true, configurable: true, get: memo(compute) });
}

/** H(y') per sample into the kernel's array: closed form for hard targets, a pass of logs for soft ones. */
function labelEntropies(
  input: ClassificationInput,
  kernelInput: KernelInput,
  arrays: KernelArrays,
  options: ClassificationOptions,
  classCount: number,
  round: (v: number) => number,
): Float64Array {
  const out = arrays.labelEntropy;
  if (input.kind === 'indices' || input.kind === 'one-hot') {
    out.fill(smoothedOneHotEntropy(classCount, options.smoothing));
    if (input.indices) for (let i = 0; i < input.samples; i++) if (input.indices[i] < 0) out[i] = 0;
    return out;
  }
  smoothedLabelEntropies(kernelInput, round, out);
  return out;
}

function noteFindings(
  diagnostics: Diagnostics,
  input: KernelInput,
  arrays: KernelArrays,
  findings: KernelFindings,
  layout: SampleLayout,
  classCount: number,
  float32: boolean,
): void {
  const x = input.logits;
  const perRow = input.binary ? 1 : input.columns;
  for (const { row, status } of findings.specialRows) {
    const o = row * perRow;
    const sample = layout.sampleIndex(row);
    const find = (test: (v: number) => boolean) => {
      for (let j = 0; j < perRow; j++) if (test(x[o + j])) return j;
      return -1;
    };
    if (status === 'nan') {
      const j = find((v) => v !== v);
      const index = layout.logitIndex(row, j);
      diagnostics.note('non-finite-input', 'error', (n) => `logits${formatIndex(index)} is NaN${andMore(n, 'sample')}: every loss of its sample is NaN.`, 'logits', index);
      continue;
    }
    if (status === 'several-infinite' || status === 'all-negative-infinite') {
      const what = status === 'several-infinite' ? 'has more than one logit equal to +inf' : 'has only −inf logits';
      const why = status === 'several-infinite' ? '∞/∞' : '0/0';
      diagnostics.note(
        'indeterminate-softmax',
        'error',
        (n) => `Sample ${formatIndex(sample)} ${what}${andMore(n, 'sample')}: its softmax is ${why}, undefined, and its softmax losses are NaN.`,
        'logits',
        sample,
      );
    }
    // The fast loops note all-equal rows; a row they handed over (huge logits) is checked here.
    if (status === 'finite' && perRow > 1 && find((v) => v !== x[o]) < 0) noteUniform(findings, row);
    if (status === 'one-infinite') {
      const index = layout.logitIndex(row, find((v) => v === Infinity));
      diagnostics.note(
        'infinite-logit',
        'warning',
        (n) =>
          `logits${formatIndex(index)} = +inf${andMore(n, 'sample')}: its softmax row is taken as one-hot there (the limit); frameworks usually compute ∞ − ∞ = NaN instead.`,
        'logits',
        index,
      );
    }
    if (status !== 'several-infinite' && status !== 'all-negative-infinite') {
      const j = find((v) => v === -Infinity);
      if (j >= 0) {
        const index = layout.logitIndex(row, j);
        diagnostics.note(
          'negative-infinite-logit',
          'info',
          (n) =>
            `logits${formatIndex(index)} = −inf${andMore(n, 'sample')}: probability 0 for that class. It costs nothing unless its target is above 0, and then the loss is +inf.`,
          'logits',
          index,
        );
      }
    }
  }
  const generalRows = findings.specialRows.map((finding) => finding.row);
  // Float32 rows all take the general path and report only unusual softmax statuses, so all are read.
  const rowsToCheck = float32 ? Array.from({ length: input.samples }, (_, i) => i) : generalRows;
  noteNonFiniteResults(diagnostics, arrays, rowsToCheck, perRow, layout, input.binary);
  if (findings.probabilityRows > 0) {
    const n = findings.probabilityRows;
    diagnostics.note(
      'probabilities-as-logits',
      'warning',
      () =>
        `Row ${formatIndex(layout.sampleIndex(findings.firstProbabilityRow))} of the logits lies in [0, 1] and sums to 1${andMore(n, 'row')}: these look like probabilities. Softmax would be applied to them a second time; pass the raw scores, or use a probability-input loss (Keras from_logits=False).`,
      'logits',
      layout.sampleIndex(findings.firstProbabilityRow),
    );
  }
  if (findings.probabilityRows === 0 && allInUnitInterval(x)) {
    diagnostics.note(
      'probabilities-as-logits',
      'info',
      () =>
        'Every logit lies in [0, 1]: if these are sigmoid or softmax outputs, the losses here apply the activation a second time. Pass the raw scores, or use a probability-input loss (torch BCELoss, Keras from_logits=False).',
      'logits',
    );
  }
  if (findings.uniformRows > 0) {
    const n = findings.uniformRows;
    diagnostics.note(
      'uniform-logits',
      'info',
      () =>
        `All logits of sample ${formatIndex(layout.sampleIndex(findings.firstUniformRow))} are equal${andMore(n, 'sample')}: softmax is uniform 1/${classCount} and the hard-label loss is log ${classCount} = ${shortNumber(Math.log(classCount))}.`,
      'logits',
      layout.sampleIndex(findings.firstUniformRow),
    );
  }
}

/** Diagnostics that name an infinite or NaN input as the cause of a non-finite loss. */
const INPUT_CAUSES = ['non-finite-input', 'infinite-logit', 'negative-infinite-logit', 'indeterminate-softmax'];

/**
 * A loss, weighted loss or total that is ±inf although no input is infinite or NaN: a logit gap,
 * a weight times a loss, pos_weight inside the sigmoid loss, or a sum overflowed (float64, or
 * float32 in float32 mode); or a loss that is NaN from ∞ − ∞ with no error to say so. The
 * kernel's per-row checks look at the inputs and cannot see these.
 */
function noteOverflow(diagnostics: Diagnostics, report: ClassificationReport): void {
  // The sums and reductions add up every value and weighted value: when they are finite, so is
  // each term, and the arrays need no scan (the common case costs four comparisons).
  const { sum, reduced } = report;
  if (Number.isFinite(sum.softmaxCrossEntropy) && Number.isFinite(sum.sigmoidCrossEntropy) && Number.isFinite(reduced.softmaxCrossEntropy) && Number.isFinite(reduced.sigmoidCrossEntropy)) {
    return;
  }
  const losses = [
    { name: 'softmax', key: 'softmaxCrossEntropy', values: report.softmaxCrossEntropy, weighted: report.weighted?.softmaxCrossEntropy },
    { name: 'sigmoid', key: 'sigmoidCrossEntropy', values: report.sigmoidCrossEntropy.data, weighted: report.weighted?.sigmoidCrossEntropy.data },
  ] as const;
  const infinite = (v: number) => Math.abs(v) === Infinity;
  const overflowed = losses.filter(
    (loss) =>
      [report.mean[loss.key], report.sum[loss.key], report.reduced[loss.key]].some(infinite) ||
      loss.values.some(infinite) ||
      (loss.weighted?.some(infinite) ?? false),
  );
  const explained = () => diagnostics.list().some((d) => d.severity === 'error');
  // Targets far outside [0, 1] can meet huge logits as ∞ − ∞ inside one loss value.
  const undefinedValues = losses.filter((loss) => loss.values.some(Number.isNaN) || (loss.weighted?.some(Number.isNaN) ?? false));
  if (undefinedValues.length > 0 && !explained()) {
    const names = undefinedValues.map((loss) => loss.name).join(' and ');
    diagnostics.note(
      'non-finite-result',
      'error',
      () => `Some ${names} cross-entropy values are NaN: intermediate terms overflowed (∞ − ∞). The other diagnostics name the inputs outside their usual range.`,
    );
  }
  // An infinite or NaN input explains what follows from it, but only an error explains an inf.
  if (overflowed.length === 0 || (diagnostics.has(...INPUT_CAUSES) && explained())) return;
  const largest = report.options.float32 ? 'float32 (about 3.4e38)' : 'float64 (about 1.8e308)';
  const weighted = report.options.classWeights !== undefined || report.options.posWeight !== undefined;
  const names = overflowed.map((loss) => loss.name).join(' and ');
  diagnostics.note(
    'overflow',
    'error',
    () =>
      `The ${names} cross-entropy overflow${overflowed.length === 1 ? 's' : ''} to inf: ${weighted ? 'with the weights, ' : ''}a value or the sum of the values exceeds the largest ${largest}. Scale the logits${weighted ? ' or weights' : ''} down.`,
    weighted ? 'weights' : 'logits',
  );
}

/** True when every value is in [0, 1]; stops at the first that is not, so real logits cost a few reads. */
function allInUnitInterval(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!(x[i] >= 0 && x[i] <= 1)) return false;
  return true;
}

/**
 * Names the first non-finite loss value (NaN or ±inf), by sample or element index. Only rows the
 * general path computed can hold one (the fast loops check their results), so only those are read.
 */
function noteNonFiniteResults(diagnostics: Diagnostics, arrays: KernelArrays, rows: readonly number[], perRow: number, layout: SampleLayout, binary: boolean): void {
  let softmaxCount = 0;
  let softmaxFirst = -1;
  let sigmoidCount = 0;
  let sigmoidFirst = -1;
  for (const row of rows) {
    const loss = arrays.crossEntropy[row];
    if (loss - loss !== 0 && softmaxCount++ === 0) softmaxFirst = row;
    for (let e = row * perRow; e < (row + 1) * perRow; e++) {
      const v = arrays.sigmoid[e];
      if (v - v !== 0 && sigmoidCount++ === 0) sigmoidFirst = e;
    }
  }
  if (softmaxCount === 0 && sigmoidCount === 0) return;
  const parts: string[] = [];
  let index: number[] | undefined;
  if (softmaxCount > 0) {
    index = layout.sampleIndex(softmaxFirst);
    parts.push(`the softmax cross-entropy of sample ${formatIndex(index)} is ${shortNumber(arrays.crossEntropy[softmaxFirst])}${andMore(softmaxCount, 'sample')}`);
  }
  if (sigmoidCount > 0) {
    const row = Math.floor(sigmoidFirst / perRow);
    const element = binary ? layout.sampleIndex(row) : [...layout.sampleIndex(row), sigmoidFirst % perRow];
    index ??= element;
    parts.push(`the sigmoid cross-entropy of element ${formatIndex(element)} is ${shortNumber(arrays.sigmoid[sigmoidFirst])}${andMore(sigmoidCount, 'element')}`);
  }
  // Without an infinite or NaN input, the cause is overflow, which noteOverflow explains.
  const cause = diagnostics.has(...INPUT_CAUSES) ? ' The diagnostics above name the input that caused it.' : '';
  const message = `${parts.join('; ')}.${cause}`;
  diagnostics.note('non-finite-result', 'error', () => message.charAt(0).toUpperCase() + message.slice(1), undefined, index);
}

function additionalLosses(
  input: ClassificationInput,
  kernelInput: KernelInput,
  targets: Targets,
  softmax: Float64Array,
  logSoftmax: Float64Array,
  options: ClassificationOptions,
  classCount: number,
): AdditionalLoss[] {
  const { samples, columns, binary } = input;
  const alpha = options.focalAlpha ?? DEFAULT_FOCAL_ALPHA;
  const gamma = options.focalGamma ?? DEFAULT_FOCAL_GAMMA;
  const x = kernelInput.logits;
  const valid = samples - input.ignored;
  const counted = (values: Float64Array, perSample: number) => sumValues(values) / (valid * perSample);
  const sigmoidShape = binary ? [samples] : [samples, columns];
  const alphaText = alpha < 0 ? 'alpha=-1' : `alpha=${shortNumber(alpha)}`;
  const out: AdditionalLoss[] = [];

  const focal = sigmoidFocalRows(x, targets.sigmoid(), { alpha, gamma });
  if (input.indices) for (let i = 0; i < samples; i++) if (input.indices[i] < 0) focal.fill(0, i * columns, (i + 1) * columns);
  out.push({
    name: 'sigmoidFocal',
    title: 'Sigmoid focal loss',
    convention: `torchvision.ops.sigmoid_focal_loss(${alphaText}, gamma=${shortNumber(gamma)}) / optax.sigmoid_focal_loss`,
    formula: '\\ell = \\alpha_t (1 - p_t)^{\\gamma} \\left[\\max(x, 0) - x z + \\log(1 + e^{-|x|})\\right]',
    values: { shape: sigmoidShape, data: focal },
    mean: counted(focal, columns),
  });

  const hingeTargets = targets.sigmoidHard();
  const hinge = hingeRows(x, hingeTargets, samples, columns, false);
  const squared = hingeRows(x, hingeTargets, samples, columns, true);
  if (input.indices) {
    for (let i = 0; i < samples; i++) {
      if (input.indices[i] < 0) {
        hinge[i] = 0;
        squared[i] = 0;
      }
    }
  }
  out.push(
    {
      name: 'hinge',
      title: 'Hinge loss',
      convention: 'keras.losses.Hinge() (0/1 targets mapped to −1/+1)',
      formula: '\\ell = \\frac{1}{K} \\sum_j \\max(1 - y_j x_j, 0)',
      values: { shape: [samples], data: hinge },
      mean: counted(hinge, 1),
    },
    {
      name: 'squaredHinge',
      title: 'Squared hinge loss',
      convention: 'keras.losses.SquaredHinge()',
      formula: '\\ell = \\frac{1}{K} \\sum_j \\max(1 - y_j x_j, 0)^2',
      values: { shape: [samples], data: squared },
      mean: counted(squared, 1),
    },
  );

  if (!binary) {
    const categoricalFocal = categoricalFocalRows(logSoftmax, softmax, targets.smoothed(), samples, classCount, { alpha, gamma });
    out.push({
      name: 'categoricalFocal',
      title: 'Categorical focal loss',
      convention: `keras.losses.CategoricalFocalCrossentropy(${alpha < 0 ? 'alpha=1' : `alpha=${shortNumber(alpha)}`}, gamma=${shortNumber(gamma)}, from_logits=True${options.smoothing > 0 ? `, label_smoothing=${shortNumber(options.smoothing)}` : ''})`,
      formula: "\\ell = -\\sum_j \\alpha (1 - p_j)^{\\gamma} y'_j \\log p_j",
      values: { shape: [samples], data: categoricalFocal },
      mean: counted(categoricalFocal, 1),
    });
    const categoricalHinge = categoricalHingeRows(x, targets.hard(), samples, columns);
    if (input.indices) for (let i = 0; i < samples; i++) if (input.indices[i] < 0) categoricalHinge[i] = 0;
    out.push({
      name: 'categoricalHinge',
      title: 'Categorical hinge loss',
      convention: 'keras.losses.CategoricalHinge()',
      formula: '\\ell = \\max\\left(\\max_j (1 - y_j) x_j - \\sum_j y_j x_j + 1, 0\\right)',
      values: { shape: [samples], data: categoricalHinge },
      mean: counted(categoricalHinge, 1),
    });
    if (input.indices || input.kind === 'one-hot') {
      const indices = input.indices ?? oneHotIndices(targets.hard(), samples, columns);
      const multiMargin = multiMarginRows(x, indices, columns, options.classWeights ? { weights: options.classWeights } : {});
      out.push({
        name: 'multiMargin',
        title: 'Multi-class margin loss',
        convention: `torch.nn.MultiMarginLoss(p=1, margin=1${options.classWeights ? ', weight=w' : ''})`,
        formula: '\\ell = \\frac{1}{K} \\sum_{j \\ne y} w_y \\max(0, 1 - x_y + x_j)',
        values: { shape: [samples], data: multiMargin },
        mean: counted(multiMargin, 1),
      });
    }
  }

  const mse = meanSquaredErrorRows(softmax, targets.smoothed(), samples, classCount);
  if (input.indices) for (let i = 0; i < samples; i++) if (input.indices[i] < 0) mse[i] = 0;
  out.push({
    name: 'meanSquaredError',
    title: 'Mean squared error of the softmax',
    convention: 'keras.losses.MeanSquaredError()(targets, softmax(logits))',
    formula: "\\ell = \\frac{1}{K} \\sum_j (p_j - y'_j)^2",
    values: { shape: [samples], data: mse },
    mean: counted(mse, 1),
  });
  return out;
}

/** The same inputs under every dialect, side by side. */
export function compareDialects(logits: Tensor, labels: Tensor, options: Partial<ClassificationOptions> = {}): DialectComparison {
  const resolved = resolveOptions(options);
  const base = { ...resolved, additionalLosses: false, precisionDigits: undefined };
  const reports = DIALECTS.map((dialect) => analyzeClassification(logits, labels, { ...base, dialect }));
  const own = reports[DIALECTS.indexOf(resolved.dialect)];
  const probabilityInput = inUnitInterval(own);
  const dialects = reports.map((report, i) => dialectLosses(DIALECTS[i], report, probabilityInput));
  return { kind: 'dialect-comparison', options: resolved, dialects, diagnostics: own.diagnostics };
}

function inUnitInterval(report: ClassificationReport): boolean {
  return report.logits !== undefined && allInUnitInterval(report.logits.data);
}

function dialectLosses(dialect: Dialect, report: ClassificationReport, probabilityInput: boolean): DialectLosses {
  const binary = report.labelKind === 'binary';
  const ignored = report.labelKind === 'indices' ? countIgnored(report) : 0;
  const description = describeDialect(dialect, {
    options: report.options,
    kind: report.labelKind,
    binary,
    classCount: report.classCount,
    ignored,
  });
  const result: DialectLosses = {
    dialect,
    softmaxCall: description.softmaxCall,
    sigmoidCall: description.sigmoidCall,
    sigmoidSmoothing: binary ? 'binary' : dialectSigmoidSmoothing(dialect, report.options.sigmoidSmoothing),
    reduced: report.reduced,
    denominators: report.denominators ?? { softmaxCrossEntropy: NaN, sigmoidCrossEntropy: NaN },
    weighted: report.weighted ?? { softmaxCrossEntropy: report.softmaxCrossEntropy, sigmoidCrossEntropy: report.sigmoidCrossEntropy },
    notes: description.notes,
  };
  if (!probabilityInput || !report.logits) return result;
  const round = report.options.float32 ? fround : identity;
  const columns = binary ? 1 : report.classCount;
  const fromProbabilities = probabilityLosses(dialect, {
    samples: report.batchSize,
    columns,
    binary,
    p: report.logits.data,
    softmaxTargets: report.smoothedLabels.data,
    sigmoidTargets: report.sigmoidTargets.data,
    round,
  });
  if (!fromProbabilities) return result;
  const reduction = reduceForDialect({
    dialect,
    reduction: report.options.reduction,
    kind: report.labelKind,
    binary,
    samples: report.batchSize,
    columns,
    classCount: report.classCount,
    indices: report.labelKind === 'indices' ? indicesOf(report) : null,
    hard: () => report.oneHot.data,
    smoothed: () => report.smoothedLabels.data,
    logProbabilities: () => fromProbabilities.logProbabilities ?? report.logSoftmax.data,
    crossEntropy: fromProbabilities.softmax ?? new Float64Array(report.batchSize),
    sigmoid: fromProbabilities.sigmoid,
    classWeights: report.options.classWeights,
    round,
  });
  return {
    ...result,
    fromProbabilities: {
      ...(fromProbabilities.softmaxCall ? { softmaxCall: fromProbabilities.softmaxCall } : {}),
      sigmoidCall: fromProbabilities.sigmoidCall,
      ...(fromProbabilities.softmax ? { softmaxCrossEntropy: reduction.reduced.softmaxCrossEntropy } : {}),
      sigmoidCrossEntropy: reduction.reduced.sigmoidCrossEntropy,
    },
  };
}

/** Class index per sample from one-hot rows (−1 for an all-zero row: an ignored sample). */
function oneHotIndices(oneHot: Float64Array, samples: number, classes: number): Int32Array {
  const out = new Int32Array(samples);
  for (let i = 0; i < samples; i++) out[i] = oneHot.subarray(i * classes, (i + 1) * classes).indexOf(1);
  return out;
}

function indicesOf(report: ClassificationReport): Int32Array {
  return oneHotIndices(report.oneHot.data, report.batchSize, report.classCount);
}

function countIgnored(report: ClassificationReport): number {
  return indicesOf(report).filter((y) => y < 0).length;
}

/** Entropy, cross-entropy and KL divergence of two distributions over the same outcomes. */
export function analyzeDistributions(p: Tensor, q: Tensor): DistributionReport {
  const diagnostics = new Diagnostics();
  if (p.shape.length !== q.shape.length || p.shape.some((size, i) => size !== q.shape[i])) {
    throw new InputError(`q has shape ${formatShape(q.shape)} but p has shape ${formatShape(p.shape)}; they must match`, undefined, 'q');
  }
  const pn = readDistribution(p, 'p');
  const qn = readDistribution(q, 'q');
  const h = entropy(pn);
  const ce = crossEntropy(pn, qn);
  const kl = klDivergence(pn, qn);
  if (!Number.isFinite(ce)) {
    const first = pn.findIndex((v, i) => v > 0 && qn[i] === 0);
    diagnostics.note(
      'zero-probability',
      'warning',
      () => `q${formatIndex([first])} is 0 where p${formatIndex([first])} is not: the cross-entropy and KL divergence are infinite.`,
      'q',
      [first],
    );
  }
  return { kind: 'distributions', p: pn, q: qn, entropy: h, crossEntropy: ce, klDivergence: kl, diagnostics: diagnostics.list() };
}

/**
 * Checks one distribution. One that does not sum to 1 is an error rather than silently
 * normalised (scipy.stats.entropy normalises): a learner comparing H(p, q) by hand must see
 * that the input is not a distribution.
 */
function readDistribution(t: Tensor, name: 'p' | 'q'): Float64Array {
  if (t.data.length === 0) throw new InputError(`${name} holds no values`, undefined, name);
  if (t.shape.filter((size) => size > 1).length > 1) {
    throw new InputError(`${name} must be one distribution (a vector); got shape ${formatShape(t.shape)}`, undefined, name);
  }
  let sum = 0;
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (!Number.isFinite(v) || v < 0) {
      throw new InputError(`${name}${formatIndex([i])} = ${String(v)}: probabilities must be finite and ≥ 0`, undefined, name, i);
    }
    sum += v;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new InputError(`${name} sums to ${Number(sum.toPrecision(10))}, not 1 (within ${SUM_TOLERANCE.toExponential()}): divide it by its sum if that is what you mean`, undefined, name);
  }
  return Float64Array.from(t.data);
}

/** Bernoulli maximum likelihood of 0/1 outcomes, the binomial probability at θ and the log-likelihood curve. */
export function analyzeLikelihood(outcomes: Tensor, theta?: number): LikelihoodReport {
  const diagnostics = new Diagnostics();
  const { trials, successes } = countOutcomes(outcomes);
  if (theta !== undefined) validateTheta(theta);
  const mle = successes / trials;
  if (successes === 0 || successes === trials) {
    diagnostics.note(
      'mle-at-boundary',
      'info',
      () => `All ${trials} outcomes are ${successes === 0 ? '0' : '1'}: θ̂ = ${mle} sits on the boundary, where log L = 0 and the other end of the curve falls to −∞.`,
      'outcomes',
    );
  }
  return {
    kind: 'likelihood',
    trials,
    successes,
    mle,
    logLikelihood: bernoulliLogLikelihood(trials, successes, mle),
    ...(theta !== undefined ? { theta, probability: binomialProbability(trials, successes, theta) } : {}),
    curve: logLikelihoodCurve(trials, successes),
    diagnostics: diagnostics.list(),
  };
}
