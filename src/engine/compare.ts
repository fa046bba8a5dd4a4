/**
 * The same inputs under every dialect, side by side. The inputs are read once; the kernel runs
 * once (twice when the dialects smooth the sigmoid targets differently: Keras and tfjs toward ½),
 * and each dialect's weighting and reduction is applied to those per-sample and per-element
 * values. When every logit lies in [0, 1], each dialect's probability-input losses are computed
 * on the same numbers read as probabilities.
 */
import type { ClassificationOptions, Dialect, DialectComparison, DialectLosses } from '../report/model';
import { DIALECTS } from '../report/model';
import type { Tensor } from '../tensor';
import { describeDialect, dialectSigmoidSmoothing, probabilityLosses, reduceForDialect } from './dialect';
import { Diagnostics } from './diagnostics';
import { allInUnitInterval, noteEmptyMeans, noteFindings, noteOverflow } from './findings';
import { readClassificationInput, type ClassificationInput } from './labels';
import { resolveOptions } from './options';
import { sumValues } from './reductions';
import { reduceRun, runKernel, weightedSigmoidTensor, type KernelRun } from './run';

export function compareDialects(logits: Tensor, labels: Tensor, options: Partial<ClassificationOptions> = {}): DialectComparison {
  const resolved = resolveOptions(options);
  const base: ClassificationOptions = { ...resolved, additionalLosses: false, precisionDigits: undefined };
  const diagnostics = new Diagnostics();
  const input = readClassificationInput(logits, labels, base, diagnostics);
  const runs = new Map<string, KernelRun>();
  const runFor = (dialect: Dialect): KernelRun => {
    const key = sigmoidSpreadKey(input, base, dialect);
    let run = runs.get(key);
    if (!run) {
      run = runKernel(input, base, dialect);
      runs.set(key, run);
    }
    return run;
  };
  const own = runFor(resolved.dialect);
  noteRunDiagnostics(diagnostics, input, { ...base, dialect: resolved.dialect }, own);
  const probabilityInput = allInUnitInterval(own.kernelInput.logits);
  const dialects = DIALECTS.map((dialect) => dialectLosses(dialect, input, { ...base, dialect }, runFor(dialect), probabilityInput));
  return { kind: 'dialect-comparison', options: resolved, dialects, diagnostics: diagnostics.list() };
}

/** Runs whose sigmoid targets are smoothed alike give the same numbers; the key says which. */
function sigmoidSpreadKey(input: ClassificationInput, options: ClassificationOptions, dialect: Dialect): string {
  // Probability inputs take each dialect's own probability-input losses: a run per dialect.
  if ((options.input ?? 'logits') !== 'logits') return dialect;
  return input.binary || options.smoothing === 0 ? 'unsmoothed' : dialectSigmoidSmoothing(dialect, options.sigmoidSmoothing);
}

/** The diagnostics analyzeClassification notes for the options' own dialect, from the same run. */
function noteRunDiagnostics(diagnostics: Diagnostics, input: ClassificationInput, options: ClassificationOptions, run: KernelRun): void {
  const { arrays, round } = run;
  noteFindings(diagnostics, run.kernelInput, arrays, run.findings, input.layout, run.classCount, options.float32);
  const reduction = reduceRun(run, input, options);
  const valid = input.samples - input.ignored;
  noteEmptyMeans(diagnostics, valid, options, reduction.denominators);
  const softmaxSum = sumValues(arrays.crossEntropy, round);
  const sigmoidSum = sumValues(arrays.sigmoid, round);
  const sigmoidShape = input.binary ? [input.samples] : [input.samples, input.columns];
  noteOverflow(diagnostics, {
    options,
    mean: { softmaxCrossEntropy: round(softmaxSum / valid), sigmoidCrossEntropy: round(sigmoidSum / (valid * input.columns)) },
    sum: { softmaxCrossEntropy: softmaxSum, sigmoidCrossEntropy: sigmoidSum },
    reduced: reduction.reduced,
    softmaxCrossEntropy: arrays.crossEntropy,
    sigmoidCrossEntropy: { shape: sigmoidShape, data: arrays.sigmoid },
    weighted: {
      softmaxCrossEntropy: reduction.weighted.softmax,
      sigmoidCrossEntropy: weightedSigmoidTensor(reduction, input),
    },
  });
}

function dialectLosses(dialect: Dialect, input: ClassificationInput, options: ClassificationOptions, run: KernelRun, probabilityInput: boolean): DialectLosses {
  const { binary, samples } = input;
  const description = describeDialect(dialect, { options, kind: input.kind, binary, classCount: run.classCount, ignored: input.ignored });
  const reduction = reduceRun(run, input, options);
  const result: DialectLosses = {
    dialect,
    softmaxCall: description.softmaxCall,
    sigmoidCall: description.sigmoidCall,
    sigmoidSmoothing: binary ? 'binary' : dialectSigmoidSmoothing(dialect, options.sigmoidSmoothing),
    reduced: reduction.reduced,
    denominators: reduction.denominators,
    weighted: { softmaxCrossEntropy: reduction.weighted.softmax, sigmoidCrossEntropy: weightedSigmoidTensor(reduction, input) },
    notes: description.notes,
  };
  if (!probabilityInput) return result;
  const fromProbabilities = probabilityLosses(dialect, {
    samples,
    columns: input.columns,
    binary,
    p: run.kernelInput.logits,
    softmaxTargets: run.targets.smoothed(),
    sigmoidTargets: run.targets.sigmoid(),
    round: run.round,
  });
  if (!fromProbabilities) return result;
  const probabilityReduction = reduceForDialect({
    dialect,
    reduction: options.reduction,
    kind: input.kind,
    binary,
    samples,
    columns: input.columns,
    classCount: run.classCount,
    indices: input.indices,
    hard: run.targets.hard,
    smoothed: run.targets.smoothed,
    logProbabilities: () => fromProbabilities.logProbabilities ?? run.logSoftmax(),
    crossEntropy: fromProbabilities.softmax ?? new Float64Array(samples),
    sigmoid: fromProbabilities.sigmoid,
    classWeights: options.classWeights,
    round: run.round,
  });
  return {
    ...result,
    fromProbabilities: {
      ...(fromProbabilities.softmaxCall ? { softmaxCall: fromProbabilities.softmaxCall } : {}),
      sigmoidCall: fromProbabilities.sigmoidCall,
      ...(fromProbabilities.softmax ? { softmaxCrossEntropy: probabilityReduction.reduced.softmaxCrossEntropy } : {}),
      sigmoidCrossEntropy: probabilityReduction.reduced.sigmoidCrossEntropy,
    },
  };
}
