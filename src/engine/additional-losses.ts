/**
 * The losses beyond the two cross-entropies (focal, hinge, margin, MSE of the softmax), each as
 * one framework defines it, per sample (per element for the sigmoid focal loss) with ignored
 * samples at 0. Data only: titles, TeX and the framework call each reproduces are in
 * src/render/loss-titles.ts.
 */
import type { AdditionalLoss, ClassificationOptions } from '../report/model';
import { categoricalFocalRows, sigmoidFocalRows } from './focal-loss';
import { categoricalHingeRows, hingeRows, multiMarginRows } from './hinge';
import type { KernelInput } from './kernel';
import type { ClassificationInput } from './labels';
import { meanSquaredErrorRows } from './mse';
import { DEFAULT_FOCAL_ALPHA, DEFAULT_FOCAL_GAMMA } from './options';
import { sumValues } from './reductions';
import type { Targets } from './targets';

export function additionalLosses(
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
  const out: AdditionalLoss[] = [];

  const focal = sigmoidFocalRows(x, targets.sigmoid(), { alpha, gamma });
  if (input.indices) for (let i = 0; i < samples; i++) if (input.indices[i] < 0) focal.fill(0, i * columns, (i + 1) * columns);
  out.push({
    name: 'sigmoidFocal',
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
      values: { shape: [samples], data: hinge },
      mean: counted(hinge, 1),
    },
    {
      name: 'squaredHinge',
      values: { shape: [samples], data: squared },
      mean: counted(squared, 1),
    },
  );

  if (!binary) {
    const categoricalFocal = categoricalFocalRows(logSoftmax, softmax, targets.smoothed(), samples, classCount, { alpha, gamma });
    out.push({
      name: 'categoricalFocal',
      values: { shape: [samples], data: categoricalFocal },
      mean: counted(categoricalFocal, 1),
    });
    const categoricalHinge = categoricalHingeRows(x, targets.hard(), samples, columns);
    if (input.indices) for (let i = 0; i < samples; i++) if (input.indices[i] < 0) categoricalHinge[i] = 0;
    out.push({
      name: 'categoricalHinge',
      values: { shape: [samples], data: categoricalHinge },
      mean: counted(categoricalHinge, 1),
    });
    if (input.indices || input.kind === 'one-hot') {
      const indices = input.indices ?? oneHotIndices(targets.hard(), samples, columns);
      const multiMargin = multiMarginRows(x, indices, columns, options.classWeights ? { weights: options.classWeights } : {});
      out.push({
        name: 'multiMargin',
        values: { shape: [samples], data: multiMargin },
        mean: counted(multiMargin, 1),
      });
    }
  }

  const mse = meanSquaredErrorRows(softmax, targets.smoothed(), samples, classCount);
  if (input.indices) for (let i = 0; i < samples; i++) if (input.indices[i] < 0) mse[i] = 0;
  out.push({
    name: 'meanSquaredError',
    values: { shape: [samples], data: mse },
    mean: counted(mse, 1),
  });
  return out;
}

/** Class index per sample from one-hot rows (−1 for an all-zero row: an ignored sample). */
function oneHotIndices(oneHot: Float64Array, samples: number, classes: number): Int32Array {
  const out = new Int32Array(samples);
  for (let i = 0; i < samples; i++) out[i] = oneHot.subarray(i * classes, (i + 1) * classes).indexOf(1);
  return out;
}
