/**
 * The loss engine: pure functions over shaped Float64Arrays, no editor dependencies. The
 * orchestrators build the report model; the single-loss functions are exported for callers that
 * need one quantity.
 */
import { installPrecisionCheck } from './analyze';

// Precision mode needs mathjs BigNumber, loaded on first use so that the engine's float64 path
// (and the extension's activation) never parses mathjs; the build ships it as a separate file.
let loadedPrecision: typeof import('./precision') | undefined;
installPrecisionCheck((input) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as explained above; an import would load it at start-up
  loadedPrecision ??= require('./precision') as typeof import('./precision');
  return loadedPrecision.precisionCheck(input);
});

export { analyzeClassification } from './analyze';
export { compareDialects } from './compare';
export { analyzeDistributions } from './distributions';
export { analyzeLikelihood } from './likelihood';
export { derive } from './derivation';
export { resolveOptions, DEFAULT_OPTIONS, precisionElementLimit } from './options';
export { softmax, logSoftmax, logSumExp } from './softmax';
export { oneHot } from './one-hot';
export { smoothLabels, smoothBinaryLabels } from './label-smoothing';
export { softmaxCrossEntropy, sparseSoftmaxCrossEntropy } from './softmax-cross-entropy';
export { sigmoidCrossEntropy, sigmoidCrossEntropyAt, sigmoid } from './sigmoid-cross-entropy';
export { sigmoidFocalLoss, categoricalFocalLoss, type FocalOptions } from './focal-loss';
export { entropy, crossEntropy, smoothedOneHotEntropy, rowEntropies } from './entropy';
export { klDivergence } from './kl-divergence';
export { meanSquaredError } from './mse';
export { hinge, squaredHinge, categoricalHinge, multiMargin, type MultiMarginOptions } from './hinge';
export { bernoulliLogLikelihood, binomialProbability, countOutcomes, logLikelihoodCurve } from './likelihood';
export { softmaxGradient, sigmoidGradient } from './gradients';
export { dialectSigmoidSmoothing } from './dialect';
export { reduceWeighted, type Denominator } from './reductions';
export { float32UlpDistance } from './float32';
