/**
 * Framework conventions ("dialects") for the same logits and labels. What differs:
 *
 * | dialect | softmax CE call | sigmoid CE call | sigmoid smoothing | class weights | 'mean' divides by |
 * |---------|-----------------|-----------------|-------------------|---------------|-------------------|
 * | tf      | tf.nn.(sparse_)softmax_cross_entropy_with_logits + tf.reduce_mean | tf.nn.sigmoid_cross_entropy_with_logits (weighted_… with pos_weight) | none in tf.nn: applied as asked (`sigmoidSmoothing`), like the seed | per sample w[y_i] (softmax), per column w_c (sigmoid), multiplied in before reduce_mean | count of values |
 * | keras   | CategoricalCrossentropy / SparseCategoricalCrossentropy(from_logits=True) | BinaryCrossentropy(from_logits=True) | z(1−ε)+ε/2 (Keras' own) | class_weight: per sample w[argmax y_i] for both losses | count (sum_over_batch_size); ignore_class leaves ignored samples out |
 * | pytorch | CrossEntropyLoss(weight, ignore_index, label_smoothing) | BCEWithLogitsLoss(weight, pos_weight) | none in BCEWithLogits: applied as asked | softmax: w_c on every class term Σ_c w_c y'_c (−log p_c); sigmoid: w_c per column | softmax with index targets: Σ w_{y_i} over non-ignored samples; probability targets: N; sigmoid: element count |
 * | tfjs    | tf.losses.softmaxCrossEntropy(…, labelSmoothing) | tf.losses.sigmoidCrossEntropy(…, labelSmoothing) | z(1−ε)+ε/2 (tfjs' own) | weights broadcast like tf: w[y_i] per sample, w_c per column | Reduction.SUM_BY_NONZERO_WEIGHTS: count of nonzero weights (all values without weights) |
 * | optax   | softmax_cross_entropy(logits, smooth_labels(y, ε)) / …_with_integer_labels | sigmoid_binary_cross_entropy | none built in: applied as asked (smooth_labels is ε/K) | multiplied in per sample / per column | count (jnp.mean) |
 *
 * Softmax smoothing is y(1−ε)+ε/K everywhere (PyTorch's label_smoothing mixes with the uniform
 * distribution, which is the same). ignore_index exists only in PyTorch (and Keras' ignore_class);
 * other dialects are modelled as masking those samples out of the sum and the count.
 * pos_weight exists only in PyTorch and tf.nn.weighted_cross_entropy_with_logits; in the other
 * dialects it is applied the same way and a note says so.
 *
 * Probability inputs (`fromProbabilities`, only when every logit lies in [0, 1]):
 * - Keras from_logits=False: softmax CE divides each row by its sum, clips to [1e-7, 1 − 1e-7]
 *   (backend epsilon) and takes −Σ y log p; binary CE clips the same way and takes
 *   −(z log p + (1 − z) log(1 − p)). In float32, 1 − 1e-7 rounds to 1 − 2⁻²³.
 * - PyTorch BCELoss clamps each log at −100; NLLLoss on log p for the softmax side (no clamp).
 * - tf.compat.v1.losses.log_loss and tfjs losses.logLoss: −z log(p + 1e-7) − (1 − z) log(1 − p + 1e-7);
 *   log_loss (also tf's) casts its inputs to float32 and computes in float32 in either mode.
 * - optax has no probability-input cross-entropy.
 */
import type { ClassificationOptions, Dialect, LabelKind, LossTotals, Reduction, SigmoidSmoothing } from '../report/model';
import { shortNumber } from './format';
import { fround, toFloat32 } from './float32';
import { denominatorOf, sumValues, weightValues } from './reductions';
import { binaryCrossEntropyAt, KERAS_PROBABILITY_RULE, PYTORCH_PROBABILITY_RULE } from './binary-cross-entropy';
import { clipRange, KERAS_EPSILON } from './clipping';
import { logLossElement } from './log-loss';
import { crossEntropyFromLogProbabilities, crossEntropyOfProbabilities } from './softmax-cross-entropy';

/** Keras, tf.compat.v1.losses and tfjs always smooth sigmoid targets toward ½; the others smooth as the caller asks. */
export function dialectSigmoidSmoothing(dialect: Dialect, requested: SigmoidSmoothing): SigmoidSmoothing {
  return dialect === 'keras' || dialect === 'tfjs' || dialect === 'tf-v1' ? 'binary' : requested;
}

export interface DialectInput {
  readonly dialect: Dialect;
  readonly reduction: Reduction;
  readonly kind: LabelKind;
  readonly binary: boolean;
  readonly samples: number;
  /** Columns of the sigmoid loss: K, or 1 for binary. */
  readonly columns: number;
  /** K, or 2 for binary. */
  readonly classCount: number;
  readonly indices: Int32Array | null;
  /** [samples, classCount] hard targets (to find each sample's class), computed when needed. */
  readonly hard: () => Float64Array;
  /** [samples, classCount] softmax targets (for torch's per-class-term weights), computed when needed. */
  readonly smoothed: () => Float64Array;
  /** [samples, classCount] log-probabilities (for torch's per-class-term weights), computed when needed. */
  readonly logProbabilities: () => Float64Array;
  readonly crossEntropy: Float64Array;
  readonly sigmoid: Float64Array;
  readonly classWeights: readonly number[] | undefined;
  readonly round: (v: number) => number;
}

export interface DialectReduction {
  readonly reduced: LossTotals;
  readonly denominators: LossTotals;
  readonly weighted: { readonly softmax: Float64Array; readonly sigmoid: Float64Array };
}

/** Each sample's class for per-sample weights: its index, or the argmax of its hard target row; −1 if ignored. */
function sampleClasses(input: DialectInput): Int32Array {
  if (input.indices) return input.indices;
  const { samples, classCount: K } = input;
  const hard = input.hard();
  const out = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    let best = 0;
    for (let j = 1; j < K; j++) if (hard[i * K + j] > hard[i * K + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Dialects whose mean divides by the number of nonzero weights (tf.compat.v1.losses and tfjs: SUM_BY_NONZERO_WEIGHTS). */
function dividesByNonzeroWeights(dialect: Dialect): boolean {
  return dialect === 'tf-v1' || dialect === 'tfjs';
}

/**
 * Keras 3's masked mean (keras/src/losses/loss.py, apply_mask): each counted value is weighted
 * divide_no_nan(total, valid) and the sum divided by total, so the mean is Σ ℓ / valid, and 0 (not
 * NaN) when every value is masked. (Keras 3.0–3.12 divided by valid + 1e-7; the catalogue's
 * keras.ts follows 3.13 on.)
 */
function kerasMaskedWeights(counted: Uint8Array, sampleWeights: Float64Array | null, round: (v: number) => number): Float64Array {
  let valid = 0;
  for (let i = 0; i < counted.length; i++) valid += counted[i];
  const scale = valid === 0 ? 0 : round(counted.length / valid);
  return Float64Array.from(counted, (c, i) => (c === 0 ? 0 : sampleWeights === null ? scale : round(scale * sampleWeights[i])));
}

/**
 * tf.compat.v1.losses' compute_weighted_loss casts the losses and the weights to float32 whatever
 * their dtype and reduces in float32 (tensorflow/python/ops/losses/losses_impl.py), so its
 * weighting is float32 in float64 mode too.
 */
function castForDialect(input: DialectInput): DialectInput {
  if (input.dialect !== 'tf-v1' || input.round === fround) return input;
  return {
    ...input,
    crossEntropy: toFloat32(input.crossEntropy),
    sigmoid: toFloat32(input.sigmoid),
    classWeights: input.classWeights?.map(fround),
    round: fround,
  };
}

export function reduceForDialect(uncast: DialectInput): DialectReduction {
  const input = castForDialect(uncast);
  const { dialect, reduction, samples, classWeights, round } = input;
  // Each sample's class matters only for class weights and ignored samples (index labels).
  const classes = classWeights || input.indices ? sampleClasses(input) : null;
  let ignoredAny = false;
  if (classes) for (let i = 0; i < samples; i++) if (classes[i] < 0) ignoredAny = true;
  const counted = classes && ignoredAny ? Uint8Array.from(classes, (c) => (c >= 0 ? 1 : 0)) : null;
  const sampleWeights = classes && (classWeights || ignoredAny) ? Float64Array.from(classes, (c) => (c < 0 ? 0 : classWeights ? classWeights[c] : 1)) : null;
  const summing = reduction === 'sum';

  let softmaxValues: Float64Array;
  let softmaxDenominator: number;
  if (dialect === 'pytorch') {
    softmaxValues =
      classWeights && classes && !input.binary
        ? classTermWeighted(input, classWeights, classes)
        : weightValues(input.crossEntropy, sampleWeights, counted, round);
    const indexTargets = input.kind === 'indices';
    softmaxDenominator = denominatorOf(indexTargets ? 'weight-sum' : 'count', samples, indexTargets ? sampleWeights : null, counted, round);
  } else if (dividesByNonzeroWeights(dialect)) {
    softmaxValues = weightValues(input.crossEntropy, sampleWeights, null, round);
    softmaxDenominator = denominatorOf('nonzero-weights', samples, sampleWeights, null, round);
  } else if (dialect === 'keras' && counted && reduction === 'mean') {
    // ignore_class under sum_over_batch_size: the masked mean, Σ w·ℓ·total/(valid + ε) / total.
    const classWeightOnly = classWeights && classes ? Float64Array.from(classes, (c) => (c < 0 ? 0 : classWeights[c])) : null;
    softmaxValues = weightValues(input.crossEntropy, kerasMaskedWeights(counted, classWeightOnly, round), null, round);
    softmaxDenominator = samples;
  } else {
    softmaxValues = weightValues(input.crossEntropy, sampleWeights, counted, round);
    softmaxDenominator = denominatorOf('count', samples, null, counted, round);
  }

  const sigmoid = dialect === 'keras' ? kerasBinaryPerSample(input, classes, counted, classWeights) : elementSigmoid(input, classes, ignoredAny, classWeights);
  const sigmoidSum = sumValues(sigmoid.values, round);
  const softmaxSum = sumValues(softmaxValues, round);
  return {
    reduced: {
      softmaxCrossEntropy: summing ? softmaxSum : meanOf(dialect, softmaxSum, softmaxDenominator, round),
      sigmoidCrossEntropy: summing ? sigmoidSum : meanOf(dialect, sigmoidSum, sigmoid.denominator, round),
    },
    denominators: {
      softmaxCrossEntropy: summing ? 1 : softmaxDenominator,
      sigmoidCrossEntropy: summing ? 1 : sigmoid.denominator,
    },
    weighted: { softmax: softmaxValues, sigmoid: sigmoid.values },
  };
}

/**
 * sum / denominator, and a mean over a denominator of 0 as the framework computes it:
 * tf.compat.v1.losses' _safe_mean is div_no_nan, 0; everywhere else 0/0 = NaN. That includes torch
 * CrossEntropyLoss with label smoothing when Σ w[y_i] = 0: the smoothing term's sum is not 0, but
 * torch adds the two means, nll 0/0 = NaN and smooth s/0 (LossNLL.cpp,
 * cross_entropy_loss_label_smoothing), so NaN (PyTorch 1.13: weight [0.01, 0, 0.01], targets
 * [1, 1, 1], label_smoothing 0.1 gives nan).
 */
function meanOf(dialect: Dialect, sum: number, denominator: number, round: (v: number) => number): number {
  if (denominator === 0) return dialect === 'tf-v1' ? 0 : NaN;
  return round(sum / denominator);
}

interface SigmoidReduction {
  /** What the framework returns without reduction: per element, or per sample for Keras. */
  readonly values: Float64Array;
  readonly denominator: number;
}

/** Element-wise sigmoid losses: class weights per column (per sample for binary logits), then the dialect's denominator. */
function elementSigmoid(input: DialectInput, classes: Int32Array | null, ignoredAny: boolean, classWeights: readonly number[] | undefined): SigmoidReduction {
  const { dialect, samples, columns, round } = input;
  const elements = samples * columns;
  let elementWeights: Float64Array | null = null;
  let countedElements: Uint8Array | null = null;
  if (classes && (classWeights || ignoredAny)) {
    elementWeights = new Float64Array(elements);
    countedElements = ignoredAny ? new Uint8Array(elements) : null;
    for (let i = 0; i < samples; i++) {
      const c = classes[i];
      if (c < 0) continue;
      for (let j = 0; j < columns; j++) {
        elementWeights[i * columns + j] = !classWeights ? 1 : input.binary ? classWeights[c] : classWeights[j];
        if (countedElements) countedElements[i * columns + j] = 1;
      }
    }
  }
  const values = weightValues(input.sigmoid, elementWeights, countedElements, round);
  const nonzero = dividesByNonzeroWeights(dialect);
  const denominator = denominatorOf(nonzero ? 'nonzero-weights' : 'count', elements, nonzero ? elementWeights : null, nonzero ? null : countedElements, round);
  return { values, denominator };
}

/**
 * Keras BinaryCrossentropy returns one value per sample, the mean over the last axis; sample
 * weights (the sample's class weight) multiply those, and every reduction works on them
 * (reduction=None returns them, "sum" adds them).
 */
function kerasBinaryPerSample(
  input: DialectInput,
  classes: Int32Array | null,
  counted: Uint8Array | null,
  classWeights: readonly number[] | undefined,
): SigmoidReduction {
  const { samples, columns, round } = input;
  const means = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    let sum = 0;
    for (let j = 0; j < columns; j++) sum = round(sum + input.sigmoid[i * columns + j]);
    means[i] = columns === 1 ? sum : round(sum / columns);
  }
  const weights = classWeights && classes ? Float64Array.from(classes, (c) => (c < 0 ? 0 : classWeights[c])) : null;
  const values = weightValues(means, weights, counted, round);
  return { values, denominator: denominatorOf('count', samples, null, counted, round) };
}

/** torch CrossEntropyLoss(weight=w): Σ_c w_c·y'_c·(−log p_c) per sample (0 for ignored samples). */
function classTermWeighted(input: DialectInput, weights: readonly number[], classes: Int32Array): Float64Array {
  const { samples, classCount: K, round } = input;
  const smoothed = input.smoothed();
  const logProbabilities = input.logProbabilities();
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    if (classes[i] < 0) continue;
    let loss = 0;
    for (let j = 0; j < K; j++) {
      const target = smoothed[i * K + j];
      if (target !== 0) loss = round(loss + round(round(weights[j] * target) * -logProbabilities[i * K + j]));
    }
    out[i] = loss;
  }
  return out;
}

/** What the caller passed, for the call strings and notes. */
export interface CallContext {
  readonly options: ClassificationOptions;
  readonly kind: LabelKind;
  readonly binary: boolean;
  readonly classCount: number;
  readonly ignored: number;
}

export interface DialectDescription {
  readonly softmaxCall: string;
  readonly sigmoidCall: string;
  readonly notes: string[];
}

export const REDUCTION_NAMES: Record<Dialect, Record<Reduction, string>> = {
  tf: { mean: 'tf.reduce_mean', sum: 'tf.reduce_sum', none: '' },
  keras: { mean: 'reduction="sum_over_batch_size"', sum: 'reduction="sum"', none: 'reduction=None' },
  pytorch: { mean: "reduction='mean'", sum: "reduction='sum'", none: "reduction='none'" },
  'tf-v1': { mean: 'reduction=Reduction.SUM_BY_NONZERO_WEIGHTS', sum: 'reduction=Reduction.SUM', none: 'reduction=Reduction.NONE' },
  tfjs: { mean: 'Reduction.SUM_BY_NONZERO_WEIGHTS', sum: 'Reduction.SUM', none: 'Reduction.NONE' },
  optax: { mean: '.mean()', sum: '.sum()', none: '' },
};

/** The calls a user of each framework would write for these options, and what to know about them. */
export function describeDialect(dialect: Dialect, context: CallContext): DialectDescription {
  const { options, kind, binary, classCount, ignored } = context;
  const eps = options.smoothing;
  const smoothing = eps > 0;
  const indices = kind === 'indices';
  const weights = options.classWeights !== undefined;
  const posWeight = options.posWeight !== undefined;
  const reduction = REDUCTION_NAMES[dialect][options.reduction];
  const sigmoidSmoothing = dialectSigmoidSmoothing(dialect, options.sigmoidSmoothing);
  const notes: string[] = [];
  const epsText = shortNumber(eps);
  const spread = sigmoidSmoothing === 'binary' ? 2 : classCount;
  let softmaxCall: string;
  let sigmoidCall: string;
  switch (dialect) {
    case 'tf': {
      const sparse = indices && !smoothing;
      const core = sparse
        ? 'tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)'
        : `tf.nn.softmax_cross_entropy_with_logits(labels=${smoothing ? `y·(1−${epsText})+${epsText}/${classCount}` : 'y'}, logits)`;
      softmaxCall = wrapReduce(core, reduction, weights ? ' * tf.gather(w, labels)' : '');
      const sigmoidCore = posWeight
        ? 'tf.nn.weighted_cross_entropy_with_logits(labels, logits, pos_weight)'
        : 'tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)';
      sigmoidCall = wrapReduce(sigmoidCore, reduction, weights ? ' * w' : '');
      if (smoothing) notes.push(`tf.nn takes no smoothing argument: targets are smoothed by hand, ε/${spread} for the sigmoid loss as requested.`);
      break;
    }
    case 'keras': {
      const sparse = indices && !smoothing;
      softmaxCall = sparse
        ? `keras.losses.SparseCategoricalCrossentropy(from_logits=True${ignored > 0 ? `, ignore_class=${options.ignoreIndex}` : ''}, ${reduction})`
        : `keras.losses.CategoricalCrossentropy(from_logits=True${smoothing ? `, label_smoothing=${epsText}` : ''}, ${reduction})`;
      sigmoidCall = `keras.losses.BinaryCrossentropy(from_logits=True${smoothing ? `, label_smoothing=${epsText}` : ''}, ${reduction})`;
      if (smoothing && options.sigmoidSmoothing === 'classes' && !binary) {
        notes.push(`Keras smooths binary targets toward ½: z·(1−ε)+ε/2, not ε/${classCount}.`);
      }
      if (weights) notes.push('class_weight in fit() weights each sample by the weight of its (argmax) class, for both losses.');
      if (posWeight) notes.push('Keras has no pos_weight; it is applied here as tf.nn.weighted_cross_entropy_with_logits does.');
      if (indices && smoothing) notes.push('SparseCategoricalCrossentropy has no label_smoothing: the labels are one-hot encoded first.');
      break;
    }
    case 'pytorch': {
      const args = [
        weights ? 'weight=w' : '',
        options.ignoreIndex !== undefined && indices ? `ignore_index=${options.ignoreIndex}` : '',
        smoothing ? `label_smoothing=${epsText}` : '',
        reduction,
      ].filter(Boolean);
      softmaxCall = `torch.nn.CrossEntropyLoss(${args.join(', ')})`;
      sigmoidCall = `torch.nn.BCEWithLogitsLoss(${[weights ? 'weight=w' : '', posWeight ? 'pos_weight=p' : '', reduction].filter(Boolean).join(', ')})`;
      if (weights && indices && options.reduction === 'mean')
        notes.push('CrossEntropyLoss with class weights and index targets divides by Σ w[y_i], not by N.');
      if (weights && !indices && !binary) notes.push('With probability targets, CrossEntropyLoss weights each class term and divides by N.');
      if (weights && smoothing) notes.push('With label_smoothing, the class weights multiply every class term of the smoothed target.');
      if (smoothing) notes.push(`BCEWithLogitsLoss takes no smoothing argument: targets are smoothed by hand, ε/${spread} as requested.`);
      break;
    }
    case 'tf-v1': {
      const sparse = indices && !smoothing;
      softmaxCall = sparse
        ? `tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits${weights ? ', weights' : ''}, ${reduction})`
        : `tf.compat.v1.losses.softmax_cross_entropy(onehot_labels, logits${weights ? ', weights' : ''}${smoothing ? `, label_smoothing=${epsText}` : ''}, ${reduction})`;
      sigmoidCall = `tf.compat.v1.losses.sigmoid_cross_entropy(multi_class_labels, logits${weights ? ', weights' : ''}${smoothing ? `, label_smoothing=${epsText}` : ''}, ${reduction})`;
      if (smoothing && options.sigmoidSmoothing === 'classes' && !binary) {
        notes.push(`tf.compat.v1.losses.sigmoid_cross_entropy smooths toward ½: z·(1−ε)+ε/2, not ε/${classCount}.`);
      }
      if (options.reduction === 'mean') notes.push('SUM_BY_NONZERO_WEIGHTS divides by the number of nonzero weights, not by their sum.');
      if (posWeight) notes.push('tf.compat.v1.losses has no pos_weight; it is applied here as tf.nn.weighted_cross_entropy_with_logits does.');
      break;
    }
    case 'tfjs': {
      softmaxCall = `tf.losses.softmaxCrossEntropy(onehotLabels, logits${weights ? ', weights' : ''}${smoothing ? `, labelSmoothing=${epsText}` : ''}, ${reduction})`;
      sigmoidCall = `tf.losses.sigmoidCrossEntropy(multiClassLabels, logits${weights ? ', weights' : ''}${smoothing ? `, labelSmoothing=${epsText}` : ''}, ${reduction})`;
      if (smoothing && options.sigmoidSmoothing === 'classes' && !binary) {
        notes.push(`tfjs smooths sigmoid targets toward ½: z·(1−ε)+ε/2, not ε/${classCount}.`);
      }
      if (weights && options.reduction === 'mean') notes.push('SUM_BY_NONZERO_WEIGHTS divides by the number of nonzero weights, not by their sum.');
      if (posWeight) notes.push('tfjs has no pos_weight; it is applied here as tf.nn.weighted_cross_entropy_with_logits does.');
      break;
    }
    case 'optax': {
      const labelsText = smoothing ? `optax.smooth_labels(y, ${epsText})` : 'y';
      softmaxCall = `${indices && !smoothing ? 'optax.softmax_cross_entropy_with_integer_labels(logits, labels)' : `optax.softmax_cross_entropy(logits, ${labelsText})`}${reduction}`;
      sigmoidCall = `optax.sigmoid_binary_cross_entropy(logits, ${smoothing ? 'smoothed labels' : 'labels'})${reduction}`;
      if (posWeight) notes.push('optax has no pos_weight; it is applied here as tf.nn.weighted_cross_entropy_with_logits does.');
      break;
    }
  }
  if (ignored > 0 && dialect !== 'pytorch' && dialect !== 'keras') {
    notes.push(`${dialect} has no ignore_index: the ${ignored} ignored samples are masked out of the sum and the count.`);
  }
  return { softmaxCall, sigmoidCall, notes };
}

function wrapReduce(core: string, reduce: string, weighting: string): string {
  return reduce ? `${reduce}(${core}${weighting})` : `${core}${weighting}`;
}

/** The default epsilon of tf.compat.v1.losses.log_loss and tfjs losses.logLoss. */
const LOG_LOSS_EPSILON = 1e-7;

export interface ProbabilityInput {
  readonly samples: number;
  readonly columns: number;
  readonly binary: boolean;
  /** The logits, read as probabilities. */
  readonly p: Float64Array;
  /** Softmax targets for this dialect: [samples, columns] (not used for binary). */
  readonly softmaxTargets: Float64Array;
  /** Sigmoid targets for this dialect: [samples·columns]. */
  readonly sigmoidTargets: Float64Array;
  readonly round: (v: number) => number;
}

export interface ProbabilityLosses {
  readonly softmaxCall?: string;
  readonly sigmoidCall: string;
  /** Per sample, or null when the dialect has no probability-input softmax loss. */
  readonly softmax: Float64Array | null;
  /** Per element. */
  readonly sigmoid: Float64Array;
  /** log p per element for torch's class-term weights (softmax side), when softmax is present. */
  readonly logProbabilities: Float64Array | null;
}

/**
 * The dialect's probability-input losses, or null when it has none (optax), each from its loss
 * file: binary-cross-entropy.ts (Keras' clip, PyTorch's log clamp), softmax-cross-entropy.ts
 * (Keras' normalise-and-clip, PyTorch's NLL of log p) and log-loss.ts (tf and tfjs).
 */
export function probabilityLosses(dialect: Dialect, input: ProbabilityInput): ProbabilityLosses | null {
  const { p, samples, columns, binary, softmaxTargets: y, sigmoidTargets: z } = input;
  const round = input.round;
  const n = samples * columns;
  switch (dialect) {
    case 'keras': {
      const sigmoid = Float64Array.from(p, (q, i) => binaryCrossEntropyAt(q, z[i], KERAS_PROBABILITY_RULE, round));
      if (binary) return { sigmoidCall: 'keras.losses.BinaryCrossentropy(from_logits=False)', softmax: null, sigmoid, logProbabilities: null };
      const range = clipRange(KERAS_EPSILON, 1 - KERAS_EPSILON, round);
      const softmax = new Float64Array(samples);
      for (let i = 0; i < samples; i++) softmax[i] = crossEntropyOfProbabilities(y, i * columns, p, i * columns, columns, range, round);
      return {
        softmaxCall: 'keras.losses.CategoricalCrossentropy(from_logits=False)',
        sigmoidCall: 'keras.losses.BinaryCrossentropy(from_logits=False)',
        softmax,
        sigmoid,
        logProbabilities: null,
      };
    }
    case 'pytorch': {
      const sigmoid = Float64Array.from(p, (q, i) => binaryCrossEntropyAt(q, z[i], PYTORCH_PROBABILITY_RULE, round));
      if (binary) return { sigmoidCall: 'torch.nn.BCELoss()', softmax: null, sigmoid, logProbabilities: null };
      const logProbabilities = Float64Array.from(p, (q) => round(Math.log(q)));
      const softmax = new Float64Array(samples);
      for (let i = 0; i < samples; i++) softmax[i] = crossEntropyFromLogProbabilities(y, i * columns, logProbabilities, i * columns, columns, round);
      return { softmaxCall: 'torch.nn.NLLLoss()(torch.log(p), labels)', sigmoidCall: 'torch.nn.BCELoss()', softmax, sigmoid, logProbabilities };
    }
    case 'tf':
    case 'tf-v1':
    case 'tfjs': {
      // tf.compat.v1.losses.log_loss casts labels and predictions to float32 whatever their dtype (losses_impl.py).
      const r = dialect === 'tfjs' ? round : fround;
      const sigmoid = new Float64Array(n);
      for (let i = 0; i < n; i++) sigmoid[i] = logLossElement(r(z[i]), r(p[i]), r(LOG_LOSS_EPSILON), r);
      const sigmoidCall = dialect === 'tfjs' ? 'tf.losses.logLoss(labels, predictions)' : 'tf.compat.v1.losses.log_loss(labels, predictions)';
      return { sigmoidCall, softmax: null, sigmoid, logProbabilities: null };
    }
    case 'optax':
      return null;
  }
}
