/**
 * "Copy as NumPy / PyTorch": the results as Python source that recreates them, every number
 * at full float64 precision (shortest round-trip form), non-finite values spelled so the
 * framework reads them back.
 */
import type { ClassificationReport } from '../report/model';
import { batchShapeOf } from '../report/shapes';
import { type Nested, type Tensor, toNested } from '../tensor';

export type CodeFlavour = 'numpy' | 'pytorch';

function pythonNumber(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (x === Infinity) return 'float("inf")';
  if (x === -Infinity) return '-float("inf")';
  if (Object.is(x, -0)) return '-0.0';
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function pythonList(t: Tensor): string {
  const write = (value: Nested): string => (typeof value === 'number' ? pythonNumber(value) : `[${value.map(write).join(', ')}]`);
  return write(toNested(t));
}

export function classificationCode(report: ClassificationReport, flavour: CodeFlavour): string {
  const wrap = (t: Tensor) => (flavour === 'numpy' ? `np.array(${pythonList(t)})` : `torch.tensor(${pythonList(t)}, dtype=torch.float64)`);
  const batchShape = batchShapeOf(report);
  const perSample = (values: Float64Array) => wrap({ shape: batchShape, data: values });
  const o = report.options;
  const lines = [
    flavour === 'numpy' ? 'import numpy as np' : 'import torch',
    '',
    `# Loss Lens: dialect ${o.dialect}, label smoothing ε = ${o.smoothing}${o.float32 ? ', float32 arithmetic' : ''}`,
    `one_hot = ${wrap(report.oneHot)}`,
    `smoothed_labels = ${wrap(report.smoothedLabels)}`,
    `softmax = ${wrap(report.softmax)}`,
    `softmax_cross_entropy = ${perSample(report.softmaxCrossEntropy)}`,
  ];
  if (o.smoothing > 0) lines.push(`softmax_cross_entropy_hard = ${perSample(report.softmaxCrossEntropyHard)}`);
  lines.push(
    `sigmoid_cross_entropy = ${wrap(report.sigmoidCrossEntropy)}`,
    `softmax_cross_entropy_mean = ${pythonNumber(report.mean.softmaxCrossEntropy)}`,
    `sigmoid_cross_entropy_mean = ${pythonNumber(report.mean.sigmoidCrossEntropy)}`,
  );
  return `${lines.join('\n')}\n`;
}
