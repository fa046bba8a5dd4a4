/**
 * PyTorch 1.13 loss calls (torch.nn.functional and the torch.nn modules that wrap them). Input
 * layout [N, C, d1, …] (classes at dimension 1; [C] unbatched); everything in float32 unless the
 * tensors are float64. Formulas follow aten/src/ATen/native/LossNLL.cpp and Loss.cpp.
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import type { Diagnostics } from '../diagnostics';
import { formatIndex, formatShape, shortNumber } from '../format';
import { unravel } from '../layout';
import { binaryCrossEntropyAt, PYTORCH_PROBABILITY_RULE } from '../binary-cross-entropy';
import { multiMarginSum } from '../hinge';
import { klDivTerm } from '../kl-divergence';
import { squaredError } from '../mse';
import { negativeLogLikelihoodRows, smoothingTermRow } from '../negative-log-likelihood';
import { denominatorOf, reduceWeighted, sumValues } from '../reductions';
import { sigmoidCrossEntropyTorch } from '../sigmoid-cross-entropy';
import { jointShape, broadcastWeights } from '../weights';
import { logSoftmaxRows, weightedCrossEntropyRow } from '../softmax-cross-entropy';
import { classRows, type ClassRows, noteNaNLoss, readValues, sameShape } from './views';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext, LossFamily, Parameter } from './types';

const TORCH_DOCS = 'https://pytorch.org/docs/1.13/generated/';
const FLOAT32 = 'float32 tensors: log_softmax, the products and the reduction in float32 (sums are vectorised, so the last digit can differ by an ulp).';

export const REDUCTION: Parameter = {
  name: 'reduction',
  type: { kind: 'choice', values: ['none', 'mean', 'sum'] },
  default: 'mean',
  description: "'none': one loss per sample; 'mean': the weighted mean; 'sum': the sum.",
};

/** Deprecated, but still in the positional order: `reduce=False` means 'none', `size_average=False` 'sum'. */
const SIZE_AVERAGE: Parameter = {
  name: 'size_average',
  type: { kind: 'boolean' },
  default: null,
  description: "Deprecated: False sums instead of averaging (use reduction='sum').",
};
const REDUCE: Parameter = {
  name: 'reduce',
  type: { kind: 'boolean' },
  default: null,
  description: "Deprecated: False returns one loss per sample (use reduction='none').",
};

/**
 * The reduction in force: `reduction`, unless a deprecated flag was given (torch's
 * legacy_get_string, which then warns; the warning becomes an info diagnostic).
 */
function torchReduction(args: BoundArguments, diagnostics?: Diagnostics): string {
  if (!legacyFlagsGiven(args)) return args.choice('reduction');
  const sizeAverage = args.values.get('size_average') ?? null;
  const reduce = args.values.get('reduce') ?? null;
  const reduction = reduce === false ? 'none' : sizeAverage === false ? 'sum' : 'mean';
  diagnostics?.note(
    'deprecated-reduction-flags',
    'info',
    () => `size_average and reduce are deprecated: PyTorch warns and reads them as reduction='${reduction}' (the reduction argument is not used).`,
  );
  return reduction;
}

/** Whether the deprecated size_average/reduce flags decide the reduction. */
function legacyFlagsGiven(args: BoundArguments): boolean {
  return (args.values.get('size_average') ?? null) !== null || (args.values.get('reduce') ?? null) !== null;
}

const CLASS_WEIGHT: Parameter = { name: 'weight', type: { kind: 'tensor' }, default: null, description: 'A weight per class, shape [C].' };
const IGNORE_INDEX: Parameter = {
  name: 'ignore_index',
  type: { kind: 'integer' },
  default: -100,
  description: 'Index targets equal to this are left out of the loss and of the mean’s denominator.',
};

const CROSS_ENTROPY_OPTIONS: readonly Parameter[] = [
  CLASS_WEIGHT,
  SIZE_AVERAGE,
  IGNORE_INDEX,
  REDUCE,
  REDUCTION,
  {
    name: 'label_smoothing',
    type: { kind: 'number', min: 0, max: 1 },
    default: 0,
    description: 'ε: the target becomes (1 − ε)·y + ε/C.',
  },
];

/**
 * Class indices of a torch index target, −1 where the target equals `ignoreIndex`. The ignore
 * check comes first, so an ignore_index that is also a valid class (ignore_index=1) is ignored.
 */
function torchClassIndices(target: Tensor, classes: number, ignoreIndex: number | null): Int32Array {
  const out = new Int32Array(target.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = target.data[i];
    if (ignoreIndex !== null && v === ignoreIndex) {
      out[i] = -1;
    } else if (Number.isInteger(v) && v >= 0 && v < classes) {
      out[i] = v;
    } else {
      const where = `target${formatIndex(unravel(i, target.shape))} = ${shortNumber(v)}`;
      const why = Number.isInteger(v)
        ? `is out of bounds: class indices run from 0 to ${classes - 1} (C = ${classes})${ignoreIndex !== null ? ` or equal ignore_index = ${ignoreIndex}` : ''}`
        : 'is not an integer class index (index targets are int64; a target of the input’s shape would be class probabilities)';
      throw new InputError(`${where} ${why}`, undefined, 'labels', i, 'target');
    }
  }
  return out;
}

/** The per-class weight tensor, checked to hold C finite values. */
function classWeights(args: BoundArguments, classes: number, float32: boolean): Float64Array | null {
  const weight = args.optionalTensor('weight');
  if (weight === null) return null;
  if (weight.data.length !== classes || weight.shape.length !== 1) {
    throw new InputError(
      `weight has shape [${weight.shape.join(', ')}]; it needs one value per class, shape [${classes}]`,
      undefined,
      'weights',
      undefined,
      'weight',
    );
  }
  const bad = weight.data.findIndex((w) => !Number.isFinite(w));
  if (bad >= 0) throw new InputError(`weight[${bad}] = ${shortNumber(weight.data[bad])} is not finite`, undefined, 'weights', bad, 'weight');
  return readValues(weight, float32);
}

/**
 * F.cross_entropy, LossNLL.cpp:
 * - index targets: nll_i = −w[y_i]·log p_{i,y_i} (0 when ignored); with ε > 0,
 *   ℓ_i = (1 − ε)·nll_i + ε/C·smooth_i, smooth_i = −Σ_c w_c·log p_{i,c};
 *   'mean' divides both by Σ w[y_i] over the targets not ignored (their count without weights;
 *   checked against PyTorch 1.13 with ignored targets);
 * - probability targets (the input's shape): y' = (1 − ε)·y + ε/C, ℓ_i = −Σ_c w_c·y'_c·log p_{i,c},
 *   'mean' divides by N (the number of samples, numel / C).
 */
function crossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const rows = classRows(args.tensor('input'), 'torch', 'input', float32);
  const target = args.tensor('target');
  const weights = classWeights(args, rows.classes, float32);
  const epsilon = round(args.number('label_smoothing'));
  const reduction = torchReduction(args, context.diagnostics);
  const logP = logSoftmaxRows(rows.data, rows.samples, rows.classes, round);
  if (sameShape(target.shape, rows.shape)) return probabilityTargets(rows, target, logP, weights, epsilon, reduction, context);
  if (!sameShape(target.shape, rows.sampleShape)) {
    throw new InputError(
      `target has shape [${target.shape.join(', ')}]; for input of shape [${rows.shape.join(', ')}] it must be [${rows.sampleShape.join(', ')}] (class indices) or [${rows.shape.join(', ')}] (class probabilities)`,
      undefined,
      'labels',
      undefined,
      'target',
    );
  }
  const indices = torchClassIndices(target, rows.classes, args.number('ignore_index'));
  const { samples, classes } = rows;
  // The NLL term is negative-log-likelihood.ts's; label smoothing adds ε/C·smooth_i per sample.
  const nllRows = negativeLogLikelihoodRows(logP, classes, indices, weights, round);
  const nll = nllRows.weighted;
  const smooth = new Float64Array(samples);
  const losses = epsilon > 0 ? new Float64Array(samples) : nllRows.losses;
  const weighted = epsilon > 0 ? new Float64Array(samples) : nll;
  const counted = nllRows.counted.reduce((a, b) => a + b, 0);
  const weightSum = denominatorOf('weight-sum', samples, nllRows.sampleWeights, nllRows.counted, round);
  const keep = round(1 - epsilon);
  const spread = round(epsilon / classes);
  for (let i = 0; epsilon > 0 && i < samples; i++) {
    if (indices[i] < 0) continue;
    const term = smoothingTermRow(logP, i * classes, classes, weights, round);
    smooth[i] = term.weighted;
    losses[i] = round(round(keep * nllRows.losses[i]) + round(spread * term.plain));
    weighted[i] = round(round(keep * nll[i]) + round(spread * smooth[i]));
  }
  const shape = rows.sampleShape;
  const tensor = (data: Float64Array): Tensor => ({ shape: [...shape], data });
  noteNaN(weighted, shape, context);
  if (reduction === 'none') return { value: tensor(weighted), losses: tensor(losses), weighted: tensor(weighted), reduction: null };
  const nllSum = sumValues(nll, round);
  const smoothSum = sumValues(smooth, round);
  const denominator = weights === null ? counted : weightSum;
  const divides =
    weights === null
      ? `the ${counted} target${counted === 1 ? '' : 's'} not ignored`
      : `Σ weight[target] = ${shortNumber(weightSum)} over the ${counted} target${counted === 1 ? '' : 's'} not ignored`;
  const sum = epsilon > 0 ? round(round(keep * nllSum) + round(spread * smoothSum)) : nllSum;
  let value = sum;
  if (reduction === 'mean') {
    value = epsilon > 0 ? round(round(keep * round(nllSum / denominator)) + round(spread * round(smoothSum / denominator))) : round(nllSum / denominator);
    if (denominator === 0) noteEmptyWeightedMean(counted, context);
  }
  return {
    value: { shape: [], data: Float64Array.of(value) },
    losses: tensor(losses),
    weighted: tensor(weighted),
    reduction: { name: reduction, sum, denominator: reduction === 'sum' ? 1 : denominator, divides: reduction === 'sum' ? 'nothing (a sum)' : divides },
  };
}

function probabilityTargets(
  rows: ClassRows,
  target: Tensor,
  logP: Float64Array,
  weights: Float64Array | null,
  epsilon: number,
  reduction: string,
  context: ComputeContext,
): CallOutcome {
  const { round, float32 } = context;
  const { samples, classes } = rows;
  const y = classRows(target, 'torch', 'target', float32).data;
  const smoothed = epsilon > 0 ? Float64Array.from(y, (v) => round(round(v * round(1 - epsilon)) + round(epsilon / classes))) : y;
  const losses = new Float64Array(samples);
  const weighted = weights === null ? losses : new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    losses[i] = weightedCrossEntropyRow(smoothed, i * classes, logP, i * classes, classes, null, true, round);
    if (weights !== null) weighted[i] = weightedCrossEntropyRow(smoothed, i * classes, logP, i * classes, classes, weights, true, round);
  }
  const shape = rows.sampleShape;
  const tensor = (data: Float64Array): Tensor => ({ shape: [...shape], data });
  noteNaN(weighted, shape, context);
  if (reduction === 'none') return { value: tensor(weighted), losses: tensor(losses), weighted: tensor(weighted), reduction: null };
  const sum = sumValues(weighted, round);
  const denominator = reduction === 'sum' ? 1 : samples;
  return {
    value: { shape: [], data: Float64Array.of(reduction === 'sum' ? sum : round(sum / samples)) },
    losses: tensor(losses),
    weighted: tensor(weighted),
    reduction: { name: reduction, sum, denominator, divides: reduction === 'sum' ? 'nothing (a sum)' : `the ${samples} samples (probability targets)` },
  };
}

/** A class's parameters: the options to the constructor, the tensors to the call. */
function moduleParameters(options: readonly Parameter[], tensors: readonly Parameter[]): Parameter[] {
  return [...options.map((p) => ({ ...p, stage: 'init' as const })), ...tensors.map((p) => ({ ...p, stage: 'call' as const }))];
}

function scalar(value: number): Tensor {
  return { shape: [], data: Float64Array.of(value) };
}

/**
 * An element-wise loss reduced as torch's apply_loss_reduction does: 'none' returns `weighted`,
 * 'sum' its sum, 'mean' the sum over the number of elements; `batch` is kl_div's batchmean divisor.
 */
export function elementwiseOutcome(
  shape: readonly number[],
  losses: Float64Array,
  weighted: Float64Array,
  reduction: string,
  context: ComputeContext,
  batch = 1,
): CallOutcome {
  const tensor = (data: Float64Array): Tensor => ({ shape: [...shape], data });
  noteNaN(weighted, shape, context);
  if (reduction === 'none') return { value: tensor(weighted), losses: tensor(losses), weighted: tensor(weighted), reduction: null };
  const denominator = reduction === 'sum' ? 1 : reduction === 'batchmean' ? batch : 'all';
  const reduced = reduceWeighted(weighted, null, null, denominator, context.round);
  if (reduction !== 'sum' && reduced.denominator === 0) {
    context.diagnostics.note('empty-mean', 'warning', () => `The input holds no elements: the ${reduction} divides 0 by 0 and PyTorch returns nan.`, 'logits');
  }
  const divides =
    reduction === 'sum'
      ? 'nothing (a sum)'
      : reduction === 'batchmean'
        ? `the batch size input.size(0) = ${batch}`
        : `all ${weighted.length} element${weighted.length === 1 ? '' : 's'}`;
  return {
    value: scalar(reduction === 'sum' ? reduced.sum : reduced.mean),
    losses: tensor(losses),
    weighted: tensor(weighted),
    reduction: { name: reduction, sum: reduced.sum, denominator: reduced.denominator, divides },
  };
}

/** PyTorch returns NaN where the formula meets one (a NaN input, ∞ − ∞, the log of a negative target): say so. */
/** A 'mean' whose denominator (the count, or Σ weight[target], of the targets not ignored) is 0. */
function noteEmptyWeightedMean(counted: number, context: ComputeContext): void {
  context.diagnostics.note(
    'empty-mean',
    'warning',
    () =>
      counted === 0
        ? 'Every target equals ignore_index: the mean divides 0 by 0 and PyTorch returns nan.'
        : 'The weights of the targets not ignored sum to 0: the mean divides by 0 and PyTorch returns nan.',
    'labels',
  );
}

/** PyTorch returns NaN there; the diagnostic says so. */
function noteNaN(values: Float64Array, shape: readonly number[], context: ComputeContext): void {
  noteNaNLoss(values, shape, context, "PyTorch computes nan there (a NaN or infinite input, or a target outside the formula's domain).");
}

/** `name`'s tensor broadcast to `shape` (element-wise weights, pos_weight), or null when not given. */
function broadcastOption(args: BoundArguments, name: string, shape: readonly number[], what: string, float32: boolean): Float64Array | null {
  const tensor = args.optionalTensor(name);
  return tensor === null ? null : readValues({ shape, data: broadcastWeights(tensor, shape, name, what) }, float32);
}

function targetShapeError(target: Tensor, input: Tensor, call: string, torchSays: string): InputError {
  return new InputError(
    `target has shape ${formatShape(target.shape)}; ${call} needs the input's shape ${formatShape(input.shape)} (PyTorch raises ValueError: ${torchSays})`,
    undefined,
    'labels',
    undefined,
    'target',
  );
}

/** input and target broadcast together, as torch's element-wise operations do. */
function broadcastPair(input: Tensor, target: Tensor, float32: boolean): { shape: number[]; x: Float64Array; y: Float64Array } {
  const shape = jointShape(input.shape, target.shape);
  if (shape === null) {
    throw new InputError(
      `target of shape ${formatShape(target.shape)} does not broadcast with input of shape ${formatShape(input.shape)}: each axis, aligned from the last, must be 1 or match`,
      undefined,
      'labels',
      undefined,
      'target',
    );
  }
  const x = readValues({ shape, data: broadcastWeights(input, shape, 'input', 'the broadcast shape', 'logits') }, float32);
  const y = readValues({ shape, data: broadcastWeights(target, shape, 'target', 'the broadcast shape', 'labels') }, float32);
  return { shape, x, y };
}

/**
 * F.nll_loss, LossNLL.cpp: input holds log-probabilities [N, C], [C] or [N, C, d1, …] and the
 * target class indices; ℓ_i = −w[y_i]·input[i, y_i], 0 when ignored; 'mean' divides Σ ℓ_i by
 * Σ w[y_i] over the targets not ignored (their count without weights), so 0/0 = nan when all are.
 */
function nllLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const input = args.tensor('input');
  const rows = classRows(input, 'torch', 'input', float32);
  const target = args.tensor('target');
  if (!sameShape(target.shape, rows.sampleShape)) {
    throw new InputError(
      `target has shape ${formatShape(target.shape)}; for input of shape ${formatShape(rows.shape)} it must be ${formatShape(rows.sampleShape)}: one class index per sample`,
      undefined,
      'labels',
      undefined,
      'target',
    );
  }
  const weights = classWeights(args, rows.classes, float32);
  const reduction = torchReduction(args, context.diagnostics);
  const indices = torchClassIndices(target, rows.classes, args.number('ignore_index'));
  const positive = rows.data.findIndex((v) => v > 0);
  if (positive >= 0) {
    context.diagnostics.note(
      'not-log-probabilities',
      'info',
      () =>
        `input holds ${shortNumber(input.data[positive])} > 0, which is no log-probability: nll_loss expects log_softmax output (cross_entropy takes logits).`,
      'logits',
    );
  }
  const nll = negativeLogLikelihoodRows(rows.data, rows.classes, indices, weights, round);
  const tensor = (data: Float64Array): Tensor => ({ shape: [...rows.sampleShape], data });
  noteNaN(nll.weighted, rows.sampleShape, context);
  if (reduction === 'none') return { value: tensor(nll.weighted), losses: tensor(nll.losses), weighted: tensor(nll.weighted), reduction: null };
  const reduced = reduceWeighted(nll.losses, nll.sampleWeights, nll.counted, weights === null ? 'count' : 'weight-sum', round);
  const counted = nll.counted.reduce((a, b) => a + b, 0);
  if (reduction === 'mean' && reduced.denominator === 0) noteEmptyWeightedMean(counted, context);
  const targets = `target${counted === 1 ? '' : 's'}`;
  return {
    value: scalar(reduction === 'sum' ? reduced.sum : reduced.mean),
    losses: tensor(nll.losses),
    weighted: tensor(nll.weighted),
    reduction: {
      name: reduction,
      sum: reduced.sum,
      denominator: reduction === 'sum' ? 1 : reduced.denominator,
      divides:
        reduction === 'sum'
          ? 'nothing (a sum)'
          : weights === null
            ? `the ${counted} ${targets} not ignored`
            : `Σ weight[target] = ${shortNumber(reduced.denominator)} over the ${counted} ${targets} not ignored`,
    },
  };
}

/**
 * F.binary_cross_entropy, Loss.cpp: input holds probabilities (torch raises unless every one is
 * in [0, 1]); ℓ = (z − 1)·max(log(1 − p), −100) − z·max(log p, −100), times `weight` broadcast to
 * the input's shape.
 */
function binaryCrossEntropy(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const input = args.tensor('input');
  const target = args.tensor('target');
  if (!sameShape(target.shape, input.shape)) {
    throw targetShapeError(target, input, 'binary_cross_entropy', 'Using a target size that is different to the input size is deprecated');
  }
  const p = readValues(input, float32);
  const z = readValues(target, float32);
  const bad = p.findIndex((v) => !(v >= 0 && v <= 1));
  if (bad >= 0) {
    throw new InputError(
      `input${formatIndex(unravel(bad, input.shape))} = ${shortNumber(p[bad])} is not a probability: binary_cross_entropy needs every input in [0, 1] (PyTorch raises "all elements of input should be between 0 and 1"); for logits use binary_cross_entropy_with_logits`,
      undefined,
      'logits',
      bad,
      'input',
    );
  }
  const outside = z.findIndex((v) => !(v >= 0 && v <= 1));
  if (outside >= 0) {
    context.diagnostics.note(
      'target-outside-unit-interval',
      'warning',
      () =>
        `target${formatIndex(unravel(outside, target.shape))} = ${shortNumber(z[outside])} is outside [0, 1]; PyTorch 1.13 does not check it and computes the formula anyway.`,
      'labels',
    );
  }
  const losses = Float64Array.from(p, (v, i) => binaryCrossEntropyAt(v, z[i], PYTORCH_PROBABILITY_RULE, round));
  const weight = broadcastOption(args, 'weight', input.shape, 'the element-wise losses', float32);
  const weighted = weight === null ? losses : Float64Array.from(losses, (l, i) => round(l * weight[i]));
  return elementwiseOutcome(input.shape, losses, weighted, torchReduction(args, context.diagnostics), context);
}

/**
 * F.binary_cross_entropy_with_logits, Loss.cpp: the sigmoid cross-entropy in PyTorch's form
 * (sigmoid-cross-entropy.ts), pos_weight broadcast to the input's shape (shape [C] weighs the
 * last axis), then times `weight` broadcast likewise.
 */
function binaryCrossEntropyWithLogits(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const input = args.tensor('input');
  const target = args.tensor('target');
  if (!sameShape(target.shape, input.shape)) {
    throw targetShapeError(target, input, 'binary_cross_entropy_with_logits', 'Target size must be the same as input size');
  }
  const x = readValues(input, float32);
  const z = readValues(target, float32);
  const posWeight = broadcastOption(args, 'pos_weight', input.shape, 'the targets', float32);
  const losses = Float64Array.from(x, (v, i) => sigmoidCrossEntropyTorch(v, z[i], posWeight === null ? undefined : posWeight[i], round));
  const weight = broadcastOption(args, 'weight', input.shape, 'the element-wise losses', float32);
  const weighted = weight === null ? losses : Float64Array.from(losses, (l, i) => round(l * weight[i]));
  return elementwiseOutcome(input.shape, losses, weighted, torchReduction(args, context.diagnostics), context);
}

/**
 * F.kl_div: point-wise xlogy(y, y) − y·x (or e^y·(y − x) with log_target), input and target
 * broadcast together; 'mean' divides by the number of elements (torch warns that this is not the
 * KL divergence's mean), 'batchmean' the sum by input.size(0).
 */
function klDiv(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const input = args.tensor('input');
  const { shape, x, y } = broadcastPair(input, args.tensor('target'), float32);
  const logTarget = args.boolean('log_target');
  const values = Float64Array.from(x, (v, i) => klDivTerm(v, y[i], logTarget, round));
  const reduction = torchReduction(args, context.diagnostics);
  if (reduction === 'mean' && !legacyFlagsGiven(args)) {
    context.diagnostics.note(
      'kl-div-mean',
      'info',
      () =>
        "PyTorch warns: reduction 'mean' divides the total loss by both the batch size and the support size; 'batchmean' divides only by the batch size, and aligns with the KL div math definition.",
    );
  }
  // batchmean on a 0-d input is the plain sum (kl_div divides only when input.dim() != 0).
  const batch = input.shape.length === 0 ? 1 : input.shape[0];
  const outcome = elementwiseOutcome(shape, values, values, reduction, context, batch);
  if (!legacyFlagsGiven(args) || args.choice('reduction') !== 'batchmean' || batch === 1) return outcome;
  // F.kl_div divides by input.size(0) whenever reduction='batchmean' was passed, also after the
  // deprecated flags chose the reduction (checked against PyTorch 1.13: size_average=False gives sum / N).
  const value: Tensor = { shape: [...outcome.value.shape], data: outcome.value.data.map((v) => round(v / batch)) };
  if (outcome.reduction === null) return { ...outcome, value };
  const { denominator, divides } = outcome.reduction;
  return {
    ...outcome,
    value,
    reduction: { ...outcome.reduction, denominator: denominator * batch, divides: `${divides}, then input.size(0) = ${batch} (batchmean)` },
  };
}

/**
 * F.multi_margin_loss, LossMultiMargin.cpp: input [N, C] or [C], target one class per sample;
 * ℓ_i = Σ_{j≠y} w[y]·max(0, margin − x_y + x_j)^p / C; the reductions sum the row sums in double,
 * then divide by N ('mean') and by C.
 */
function multiMarginLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const { round, float32 } = context;
  const input = args.tensor('input');
  if (input.shape.length > 2 || input.data.length === 0) {
    throw new InputError(
      `input has shape ${formatShape(input.shape)}; multi_margin_loss takes a non-empty vector [C] or matrix [N, C]`,
      undefined,
      'logits',
      undefined,
      'input',
    );
  }
  const classes = input.shape.length === 0 ? 1 : input.shape[input.shape.length - 1];
  const samples = input.shape.length === 2 ? input.shape[0] : 1;
  const target = args.tensor('target');
  if (target.shape.length > 1 || target.data.length !== samples) {
    throw new InputError(
      `target has shape ${formatShape(target.shape)}; for input of shape ${formatShape(input.shape)} it needs ${samples} class ${samples === 1 ? 'index' : 'indices'} (PyTorch: inconsistent target size)`,
      undefined,
      'labels',
      undefined,
      'target',
    );
  }
  const power = args.number('p');
  if (power !== 1 && power !== 2)
    throw new InputError(`p = ${power}; multi_margin_loss supports only p == 1 and p == 2`, undefined, 'arguments', undefined, 'p');
  const x = readValues(input, float32);
  const indices = torchClassIndices(target, classes, null);
  const margin = round(args.number('margin'));
  const weights = classWeights(args, classes, float32);
  const losses = new Float64Array(samples);
  const weighted = weights === null ? losses : new Float64Array(samples);
  let total = 0;
  for (let i = 0; i < samples; i++) {
    const y = indices[i];
    const plain = multiMarginSum(x, i * classes, y, classes, margin, power, 1, round);
    const sum = weights === null ? plain : multiMarginSum(x, i * classes, y, classes, margin, power, weights[y], round);
    losses[i] = round(plain / classes);
    if (weights !== null) weighted[i] = round(sum / classes);
    total += sum;
  }
  const reduction = torchReduction(args, context.diagnostics);
  const shape = target.shape.length > 0 ? [samples] : [];
  const tensor = (data: Float64Array): Tensor => ({ shape: [...shape], data });
  noteNaN(weighted, shape, context);
  if (reduction === 'none') return { value: tensor(weighted), losses: tensor(losses), weighted: tensor(weighted), reduction: null };
  const sum = round(total / classes);
  return {
    value: scalar(reduction === 'sum' ? sum : round(total / samples / classes)),
    losses: tensor(losses),
    weighted: tensor(weighted),
    reduction: {
      name: reduction,
      sum,
      denominator: reduction === 'sum' ? 1 : samples,
      divides: reduction === 'sum' ? 'nothing (a sum)' : `the ${samples} sample${samples === 1 ? '' : 's'} (weights do not enter the denominator)`,
    },
  };
}

/** F.mse_loss: (x − y)² element-wise after broadcasting input and target (torch warns when their shapes differ). */
function mseLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const input = args.tensor('input');
  const target = args.tensor('target');
  const { shape, x, y } = broadcastPair(input, target, context.float32);
  if (!sameShape(input.shape, target.shape)) {
    context.diagnostics.note(
      'broadcast-target',
      'warning',
      () =>
        `PyTorch warns: target size ${formatShape(target.shape)} differs from input size ${formatShape(input.shape)}; both are broadcast to ${formatShape(shape)}, which is likely not what you meant.`,
      'labels',
    );
  }
  const values = Float64Array.from(x, (v, i) => squaredError(v, y[i], context.round));
  return elementwiseOutcome(shape, values, values, torchReduction(args, context.diagnostics), context);
}

const INPUT: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Logits, [N, C], [C] or [N, C, d1, …].' };
const TARGET: Parameter = {
  name: 'target',
  type: { kind: 'tensor' },
  description: 'Class indices ([N], [] or [N, d1, …]) or class probabilities (the input’s shape).',
};

const ELEMENTWISE_FLOAT32 =
  'float32 tensors: every element-wise operation in float32, then the reduction in float32 (sums are vectorised, so the last digit can differ by an ulp).';
const MULTI_MARGIN_FLOAT32 =
  'float32 tensors: each row’s sum in float32; the reductions add the row sums in double (the CPU kernel’s accumulator) and round once.';

const NLL_OPTIONS: readonly Parameter[] = [CLASS_WEIGHT, SIZE_AVERAGE, IGNORE_INDEX, REDUCE, REDUCTION];
const LOG_PROBABILITIES: Parameter = {
  name: 'input',
  type: { kind: 'tensor' },
  description: 'Log-probabilities (log_softmax output), [N, C], [C] or [N, C, d1, …].',
};
const INDEX_TARGET: Parameter = { name: 'target', type: { kind: 'tensor' }, description: 'Class indices, [N], [] or [N, d1, …].' };

const ELEMENT_WEIGHT: Parameter = {
  name: 'weight',
  type: { kind: 'tensor' },
  default: null,
  description: 'A weight per element, broadcast to the input’s shape (a [C] weight weighs the last axis).',
};
const BCE_OPTIONS: readonly Parameter[] = [ELEMENT_WEIGHT, SIZE_AVERAGE, REDUCE, REDUCTION];
const BCE_WITH_LOGITS_OPTIONS: readonly Parameter[] = [
  ...BCE_OPTIONS,
  {
    name: 'pos_weight',
    type: { kind: 'tensor' },
    default: null,
    description: 'A weight on the positive term, broadcast to the input’s shape: one per class along the last axis, shape [C].',
  },
];
const PROBABILITIES: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Probabilities in [0, 1], any shape.' };
const BINARY_LOGITS: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Logits, any shape.' };
const BINARY_TARGET: Parameter = { name: 'target', type: { kind: 'tensor' }, description: 'Targets in [0, 1], the input’s shape.' };

const KL_OPTIONS: readonly Parameter[] = [
  SIZE_AVERAGE,
  REDUCE,
  {
    name: 'reduction',
    type: { kind: 'choice', values: ['none', 'batchmean', 'sum', 'mean'] },
    default: 'mean',
    description: "'none': point-wise; 'batchmean': the sum over input.size(0); 'sum': the sum; 'mean': the mean over every element.",
  },
  { name: 'log_target', type: { kind: 'boolean' }, default: false, description: 'The target holds log-probabilities.' },
];
const KL_INPUT: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Log-probabilities log q, any shape.' };
const KL_TARGET: Parameter = {
  name: 'target',
  type: { kind: 'tensor' },
  description: 'Probabilities p (log p with log_target=True), broadcast with the input.',
};

const MULTI_MARGIN_OPTIONS: readonly Parameter[] = [
  { name: 'p', type: { kind: 'integer' }, default: 1, description: 'The power of each margin violation: 1 or 2.' },
  { name: 'margin', type: { kind: 'number' }, default: 1, description: 'The margin the target’s score must beat every other score by.' },
  { ...CLASS_WEIGHT, description: 'A weight per class, shape [C]: each sample’s terms are scaled by the weight of its target.' },
  SIZE_AVERAGE,
  REDUCE,
  REDUCTION,
];
const MARGIN_INPUT: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Scores, [N, C] or [C].' };
const MARGIN_TARGET: Parameter = { name: 'target', type: { kind: 'tensor' }, description: 'Class indices, [N] (or [] / [1] for a [C] input).' };

const REGRESSION_INPUT: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Predictions, any shape.' };
const REGRESSION_TARGET: Parameter = {
  name: 'target',
  type: { kind: 'tensor' },
  description: 'Targets, the input’s shape (other shapes are broadcast, with a warning).',
};

interface FunctionAndModule {
  /** `cross_entropy`: the function in torch.nn.functional. */
  readonly function: string;
  /** `CrossEntropyLoss`: the module in torch.nn. */
  readonly module: string;
  readonly family: LossFamily;
  readonly summary: string;
  /** (input, target) in order. */
  readonly tensors: readonly Parameter[];
  /** The options after them in the function, the constructor's in the module, in PyTorch's order. */
  readonly options: readonly Parameter[];
  readonly float32: string;
  readonly compute: CallEntry['compute'];
}

/** A torch.nn.functional call and the torch.nn module that wraps it: the same computation, the options moved to the constructor. */
function functionAndModule(call: FunctionAndModule): CallEntry[] {
  const common = { framework: 'pytorch', language: 'python', family: call.family, float32: call.float32, compute: call.compute } as const;
  return [
    {
      ...common,
      id: `torch.nn.functional.${call.function}`,
      form: 'function',
      summary: call.summary,
      docs: `${TORCH_DOCS}torch.nn.functional.${call.function}.html`,
      parameters: [...call.tensors, ...call.options],
    },
    {
      ...common,
      id: `torch.nn.${call.module}`,
      form: 'class',
      summary: `The module form of F.${call.function}: options to the constructor, (input, target) to the call.`,
      docs: `${TORCH_DOCS}torch.nn.${call.module}.html`,
      parameters: moduleParameters(call.options, call.tensors),
    },
  ];
}

export const PYTORCH_CALLS: readonly CallEntry[] = [
  ...functionAndModule({
    function: 'cross_entropy',
    module: 'CrossEntropyLoss',
    family: 'softmax-cross-entropy',
    summary: 'Softmax cross-entropy of logits against class indices or class probabilities.',
    tensors: [INPUT, TARGET],
    options: CROSS_ENTROPY_OPTIONS,
    float32: FLOAT32,
    compute: crossEntropy,
  }),
  ...functionAndModule({
    function: 'nll_loss',
    module: 'NLLLoss',
    family: 'negative-log-likelihood',
    summary: 'Negative log-likelihood of log-probabilities (log_softmax output) against class indices.',
    tensors: [LOG_PROBABILITIES, INDEX_TARGET],
    options: NLL_OPTIONS,
    float32: ELEMENTWISE_FLOAT32,
    compute: nllLoss,
  }),
  ...functionAndModule({
    function: 'binary_cross_entropy',
    module: 'BCELoss',
    family: 'binary-cross-entropy',
    summary: 'Binary cross-entropy of probabilities, each log clamped at −100, times an element-wise weight.',
    tensors: [PROBABILITIES, BINARY_TARGET],
    options: BCE_OPTIONS,
    float32: ELEMENTWISE_FLOAT32,
    compute: binaryCrossEntropy,
  }),
  ...functionAndModule({
    function: 'binary_cross_entropy_with_logits',
    module: 'BCEWithLogitsLoss',
    family: 'sigmoid-cross-entropy',
    summary: 'Sigmoid cross-entropy of logits, with a positive-class weight per class and an element-wise weight.',
    tensors: [BINARY_LOGITS, BINARY_TARGET],
    options: BCE_WITH_LOGITS_OPTIONS,
    float32: ELEMENTWISE_FLOAT32,
    compute: binaryCrossEntropyWithLogits,
  }),
  ...functionAndModule({
    function: 'kl_div',
    module: 'KLDivLoss',
    family: 'kl-divergence',
    summary: 'Point-wise KL divergence terms of a log-probability input from a target distribution, reduced.',
    tensors: [KL_INPUT, KL_TARGET],
    options: KL_OPTIONS,
    float32: ELEMENTWISE_FLOAT32,
    compute: klDiv,
  }),
  ...functionAndModule({
    function: 'multi_margin_loss',
    module: 'MultiMarginLoss',
    family: 'margin',
    summary: 'Multi-class hinge loss of scores against class indices: Σ_{j≠y} w[y]·max(0, margin − x_y + x_j)^p / C.',
    tensors: [MARGIN_INPUT, MARGIN_TARGET],
    options: MULTI_MARGIN_OPTIONS,
    float32: MULTI_MARGIN_FLOAT32,
    compute: multiMarginLoss,
  }),
  ...functionAndModule({
    function: 'mse_loss',
    module: 'MSELoss',
    family: 'squared-error',
    summary: 'Squared error (input − target)² element-wise, after broadcasting the two, reduced.',
    tensors: [REGRESSION_INPUT, REGRESSION_TARGET],
    options: [SIZE_AVERAGE, REDUCE, REDUCTION],
    float32: ELEMENTWISE_FLOAT32,
    compute: mseLoss,
  }),
];
