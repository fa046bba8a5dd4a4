/**
 * One pass of the fused kernel over read inputs, and a dialect's reduction of its per-sample and
 * per-element values. analyzeClassification reduces one run for the selected dialect;
 * compareDialects reduces the same run for every dialect (a second run only where a dialect
 * smooths the sigmoid targets differently).
 */
import { InputError } from '../errors';
import type { ClassificationOptions, Dialect, InputKind, SigmoidSmoothing } from '../report/model';
import type { Tensor } from '../tensor';
import { dialectSigmoidSmoothing, reduceForDialect, type DialectReduction } from './dialect';
import { fround, runFloat32, toFloat32 } from './float32';
import { allocateArrays, logSoftmaxOf, newFindings, runFloat64, softmaxOf, type KernelArrays, type KernelFindings, type KernelInput } from './kernel';
import { kernelLogits, probabilityInputLosses } from './input-kind';
import { identity, smoothingConstants } from './label-smoothing';
import type { ClassificationInput } from './labels';
import { memo } from './memo';
import { lazyTargets, type Targets } from './targets';

export interface KernelRun {
  readonly kernelInput: KernelInput;
  readonly arrays: KernelArrays;
  readonly findings: KernelFindings;
  readonly targets: Targets;
  readonly softmax: () => Float64Array;
  readonly logSoftmax: () => Float64Array;
  /** K, or 2 for binary logits. */
  readonly classCount: number;
  readonly sigmoidSmoothing: SigmoidSmoothing;
  readonly posWeight: Float64Array | null;
  readonly round: (v: number) => number;
  /** For probability or log-probability inputs, the calls whose losses replaced the kernel's. */
  readonly probabilityCalls: { readonly softmaxCall: string; readonly sigmoidCall: string } | null;
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
      undefined,
      'pos_weight',
    );
  }
  return Float64Array.from(posWeight);
}

/** K, or 2 for one logit per sample; checks that the class weights match it. */
function classCountOf(input: ClassificationInput, options: ClassificationOptions): number {
  const classCount = input.binary ? 2 : input.columns;
  if (options.classWeights !== undefined && options.classWeights.length !== classCount) {
    throw new InputError(
      `${options.classWeights.length} class weights given for K = ${classCount} classes${input.binary ? ' (one logit per sample counts as 2 classes)' : ''}; give exactly one weight per class`,
      undefined,
      'weights',
      undefined,
      'class_weights',
    );
  }
  return classCount;
}

/** Runs the kernel for `dialect`'s smoothing of the sigmoid targets (the options' dialect unless given). */
export function runKernel(input: ClassificationInput, options: ClassificationOptions, dialect: Dialect = options.dialect): KernelRun {
  const { samples, columns, binary } = input;
  const classCount = classCountOf(input, options);
  const float32 = options.float32;
  const round = float32 ? fround : identity;
  const sigmoidSmoothing = dialectSigmoidSmoothing(dialect, options.sigmoidSmoothing);
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
  const probabilityCalls = inputKind === 'logits' ? null : useProbabilityInputLosses(input, inputKind, { ...options, dialect }, arrays, targets, round);
  const softmax = memo(() => softmaxOf(kernelInput, float32 ? 'all' : findings.specialRows.map((finding) => finding.row), round));
  return { kernelInput, arrays, findings, targets, softmax, logSoftmax, classCount, sigmoidSmoothing, posWeight, round, probabilityCalls };
}

/** Replaces the kernel's logit losses by the dialect's losses for probability or log-probability inputs (input-kind.ts). */
function useProbabilityInputLosses(
  input: ClassificationInput,
  kind: Exclude<InputKind, 'logits'>,
  options: ClassificationOptions,
  arrays: KernelArrays,
  targets: Targets,
  round: (v: number) => number,
): { softmaxCall: string; sigmoidCall: string } {
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
  return { softmaxCall: losses.softmaxCall, sigmoidCall: losses.sigmoidCall };
}

/**
 * What the dialect's sigmoid call returns without reduction, as a tensor: per element, or per
 * sample for Keras (BinaryCrossentropy averages over the classes).
 */
export function weightedSigmoidTensor(reduction: DialectReduction, input: ClassificationInput): Tensor {
  const perElement = reduction.weighted.sigmoid.length === input.samples * input.columns;
  const shape = perElement ? (input.binary ? [input.samples] : [input.samples, input.columns]) : [...input.layout.sampleShape];
  return { shape, data: reduction.weighted.sigmoid };
}

/** `dialect`'s weighting and reduction of the run's losses under the options' reduction and class weights. */
export function reduceRun(run: KernelRun, input: ClassificationInput, options: ClassificationOptions, dialect: Dialect = options.dialect): DialectReduction {
  return reduceForDialect({
    dialect,
    reduction: options.reduction,
    kind: input.kind,
    binary: input.binary,
    samples: input.samples,
    columns: input.columns,
    classCount: run.classCount,
    indices: input.indices,
    hard: run.targets.hard,
    smoothed: run.targets.smoothed,
    // For probability inputs, torch's class-term weights multiply the NLLLoss terms −log p themselves: the kernel's logits.
    logProbabilities: run.probabilityCalls ? () => run.kernelInput.logits : run.logSoftmax,
    crossEntropy: run.arrays.crossEntropy,
    sigmoid: run.arrays.sigmoid,
    classWeights: options.classWeights,
    round: run.round,
  });
}
