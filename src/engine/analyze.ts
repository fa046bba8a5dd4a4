/**
 * The classification orchestrator: reads the inputs, runs the fused kernel (float64 or float32),
 * applies the selected dialect's weighting and reduction, and gathers diagnostics, gradients,
 * optional extra losses and the BigNumber precision check into the report model the surfaces
 * render. The diagnostics' prose is in findings.ts, the dialect comparison in compare.ts.
 */
import type { ClassificationOptions, ClassificationReport, PrecisionCheck } from '../report/model';
import type { Tensor } from '../tensor';
import { additionalLosses } from './additional-losses';
import { Diagnostics } from './diagnostics';
import { noteEmptyMeans, noteFindings, noteOverflow } from './findings';
import { softmaxGradient, sigmoidGradient } from './gradients';
import { sigmoidHardOf, type KernelArrays, type KernelInput } from './kernel';
import { readClassificationInput, type ClassificationInput } from './labels';
import { memo } from './memo';
import { precisionElementLimit, resolveOptions } from './options';
import type { PrecisionInput } from './precision';
import { sumValues } from './reductions';
import { reduceRun, runKernel, weightedSigmoidTensor } from './run';
import { smoothedLabelEntropies } from './targets';
import { smoothedOneHotEntropy } from './entropy';

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

function buildReport(input: ClassificationInput, options: ClassificationOptions, diagnostics: Diagnostics): ClassificationReport {
  const { samples, columns, binary } = input;
  const run = runKernel(input, options);
  const { kernelInput, arrays, findings, targets, softmax, logSoftmax, classCount, round } = run;
  // The kernel's findings describe logits; for other inputs it ran on log p, and the values were checked when read.
  if (!run.probabilityCalls) noteFindings(diagnostics, kernelInput, arrays, findings, input.layout, classCount, options.float32);
  if (run.probabilityCalls) {
    const { softmaxCall, sigmoidCall } = run.probabilityCalls;
    const kind = options.input ?? 'logits';
    diagnostics.note(
      'input-kind',
      'info',
      () =>
        `The logits were read as ${kind}${kind === 'probabilities' ? ' (the softmax column shows each row divided by its sum)' : ''}: softmax loss ${softmaxCall}; sigmoid loss ${sigmoidCall}.`,
      'logits',
    );
  }

  const valid = samples - input.ignored;
  const softmaxSum = sumValues(arrays.crossEntropy, round);
  const sigmoidSum = sumValues(arrays.sigmoid, round);
  const dialectReduction = reduceRun(run, input, options);
  noteEmptyMeans(diagnostics, valid, options, dialectReduction.denominators);

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
      sigmoidCrossEntropy: weightedSigmoidTensor(dialectReduction, input),
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
        sigmoidSpread: binary || run.sigmoidSmoothing === 'binary' ? 2 : classCount,
        posWeight: run.posWeight,
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
