/**
 * PyTorch 1.13 loss calls (torch.nn.functional and the torch.nn modules that wrap them). Input
 * layout [N, C, d1, …] (classes at dimension 1; [C] unbatched); everything in float32 unless the
 * tensors are float64. Formulas follow aten/src/ATen/native/LossNLL.cpp and Loss.cpp.
 */
import { InputError } from '../../errors';
import type { Tensor } from '../../tensor';
import { formatIndex, shortNumber } from '../format';
import { unravel } from '../layout';
import { sumValues } from '../reductions';
import { logSoftmaxRows, weightedCrossEntropyRow } from '../softmax-cross-entropy';
import { classRows, readValues, sameShape, type ClassRows } from './views';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext, Parameter } from './types';

const TORCH_DOCS = 'https://pytorch.org/docs/1.13/generated/';
const FLOAT32 = 'float32 tensors: log_softmax, the products and the reduction in float32 (sums are vectorised, so the last digit can differ by an ulp).';

const REDUCTION: Parameter = {
  name: 'reduction',
  type: { kind: 'choice', values: ['none', 'mean', 'sum'] },
  default: 'mean',
  description: "'none': one loss per sample; 'mean': the weighted mean; 'sum': the sum.",
};

/** Deprecated, but still in the positional order: `reduce=False` means 'none', `size_average=False` 'sum'. */
export const SIZE_AVERAGE: Parameter = {
  name: 'size_average',
  type: { kind: 'boolean' },
  default: null,
  description: "Deprecated: False sums instead of averaging (use reduction='sum').",
};
export const REDUCE: Parameter = {
  name: 'reduce',
  type: { kind: 'boolean' },
  default: null,
  description: "Deprecated: False returns one loss per sample (use reduction='none').",
};

/** The reduction in force: `reduction`, unless a deprecated flag was given (torch's legacy_get_string). */
export function torchReduction(args: BoundArguments): string {
  const sizeAverage = args.values.get('size_average');
  const reduce = args.values.get('reduce');
  if (sizeAverage === null && reduce === null) return args.choice('reduction');
  if (reduce === false) return 'none';
  return sizeAverage === false ? 'sum' : 'mean';
}

const CROSS_ENTROPY_OPTIONS: readonly Parameter[] = [
  { name: 'weight', type: { kind: 'tensor' }, default: null, description: 'A weight per class, shape [C].' },
  SIZE_AVERAGE,
  {
    name: 'ignore_index',
    type: { kind: 'integer' },
    default: -100,
    description: 'Index targets equal to this are left out of the loss and of the mean’s denominator.',
  },
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
export function torchClassIndices(target: Tensor, classes: number, ignoreIndex: number | null): Int32Array {
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
  const reduction = torchReduction(args);
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
  const nll = new Float64Array(samples);
  const smooth = new Float64Array(samples);
  const losses = new Float64Array(samples);
  const weighted = new Float64Array(samples);
  let weightSum = 0;
  let counted = 0;
  const keep = round(1 - epsilon);
  const spread = round(epsilon / classes);
  for (let i = 0; i < samples; i++) {
    const y = indices[i];
    if (y < 0) continue;
    counted++;
    const w = weights === null ? 1 : weights[y];
    weightSum = round(weightSum + w);
    const logPy = logP[i * classes + y];
    nll[i] = weights === null ? -logPy : -round(w * logPy);
    let plain = -logPy;
    if (epsilon > 0) {
      let smoothPlain = 0;
      let smoothWeighted = 0;
      for (let c = 0; c < classes; c++) {
        const l = logP[i * classes + c];
        smoothPlain = round(smoothPlain - l);
        smoothWeighted = weights === null ? smoothPlain : round(smoothWeighted - round(l * weights[c]));
      }
      smooth[i] = smoothWeighted;
      plain = round(round(keep * plain) + round(spread * smoothPlain));
    }
    losses[i] = plain;
    weighted[i] = epsilon > 0 ? round(round(keep * nll[i]) + round(spread * smooth[i])) : nll[i];
  }
  const shape = rows.sampleShape;
  const tensor = (data: Float64Array): Tensor => ({ shape: [...shape], data });
  if (reduction === 'none') return { value: tensor(weighted), losses: tensor(losses), weighted: tensor(weighted), reduction: null };
  const nllSum = sumValues(nll, round);
  const smoothSum = sumValues(smooth, round);
  const denominator = weights === null ? counted : weightSum;
  const divides =
    weights === null
      ? `the ${counted} target${counted === 1 ? '' : 's'} not ignored`
      : `Σ weight[target] = ${shortNumber(weightSum)} over the ${counted} target${counted === 1 ? '' : 's'} not ignored`;
  let value: number;
  let sum: number;
  if (reduction === 'sum') {
    sum = epsilon > 0 ? round(round(keep * nllSum) + round(spread * smoothSum)) : nllSum;
    value = sum;
  } else {
    sum = epsilon > 0 ? round(round(keep * nllSum) + round(spread * smoothSum)) : nllSum;
    value =
      epsilon > 0
        ? round(round(keep * round(nllSum / denominator)) + round(spread * round(smoothSum / denominator)))
        : round(nllSum / denominator);
    if (counted === 0) context.diagnostics.note('empty-mean', 'warning', () => 'Every target equals ignore_index: the mean divides 0 by 0 and PyTorch returns nan.', 'labels');
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

const INPUT: Parameter = { name: 'input', type: { kind: 'tensor' }, description: 'Logits, [N, C], [C] or [N, C, d1, …].' };
const TARGET: Parameter = {
  name: 'target',
  type: { kind: 'tensor' },
  description: 'Class indices ([N], [] or [N, d1, …]) or class probabilities (the input’s shape).',
};

export const PYTORCH_CALLS: readonly CallEntry[] = [
  {
    id: 'torch.nn.functional.cross_entropy',
    framework: 'pytorch',
    language: 'python',
    form: 'function',
    family: 'softmax-cross-entropy',
    summary: 'Softmax cross-entropy of logits against class indices or class probabilities.',
    docs: `${TORCH_DOCS}torch.nn.functional.cross_entropy.html`,
    parameters: [INPUT, TARGET, ...CROSS_ENTROPY_OPTIONS],
    float32: FLOAT32,
    compute: crossEntropy,
  },
  {
    id: 'torch.nn.CrossEntropyLoss',
    framework: 'pytorch',
    language: 'python',
    form: 'class',
    family: 'softmax-cross-entropy',
    summary: 'The module form of F.cross_entropy: options to the constructor, (input, target) to the call.',
    docs: `${TORCH_DOCS}torch.nn.CrossEntropyLoss.html`,
    parameters: [...CROSS_ENTROPY_OPTIONS.map((p) => ({ ...p, stage: 'init' as const })), { ...INPUT, stage: 'call' }, { ...TARGET, stage: 'call' }],
    float32: FLOAT32,
    compute: crossEntropy,
  },
];
