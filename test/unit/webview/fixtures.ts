/**
 * A classification report for the article's example (logits [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9],
 * [0.6, 0.3, 0.4]], labels [1, 2, 0], ε = 0.1), built here with the textbook formulas so the
 * webview's view-model tests do not depend on the engine.
 */
import type { ClassificationOptions } from '../../../src/report/model';
import type { PlainClassificationReport } from '../../../src/vscode/calculator/protocol';
import { CALCULATOR_STRINGS, type CalculatorStrings } from '../../../src/vscode/calculator/strings';

export const strings: CalculatorStrings = CALCULATOR_STRINGS;

export const SEED_LOGITS = [
  [0.7, 1.2, 0.3],
  [0.4, 0.2, 0.9],
  [0.6, 0.3, 0.4],
];
export const SEED_LABELS = [1, 2, 0];

export function seedReport(overrides: Partial<ClassificationOptions> = {}): PlainClassificationReport {
  const options: ClassificationOptions = {
    smoothing: 0.1,
    sigmoidSmoothing: 'classes',
    dialect: 'tf',
    reduction: 'mean',
    classAxis: 'last',
    float32: false,
    ...overrides,
  };
  const K = 3;
  const eps = options.smoothing;
  const oneHot = SEED_LABELS.map((label) => [0, 1, 2].map((c) => (c === label ? 1 : 0)));
  const smoothed = oneHot.map((row) => row.map((y) => y * (1 - eps) + eps / K));
  const softmax = SEED_LOGITS.map((row) => {
    const max = Math.max(...row);
    const exps = row.map((x) => Math.exp(x - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  });
  const logSoftmax = SEED_LOGITS.map((row) => {
    const max = Math.max(...row);
    const logSumExp = max + Math.log(row.reduce((acc, x) => acc + Math.exp(x - max), 0));
    return row.map((x) => x - logSumExp);
  });
  const ce = (targets: number[][]) => targets.map((row, i) => -row.reduce((acc, y, c) => acc + y * logSoftmax[i][c], 0));
  const sigmoidCe = (targets: number[][]) =>
    SEED_LOGITS.map((row, i) => row.map((x, c) => Math.max(x, 0) - x * targets[i][c] + Math.log1p(Math.exp(-Math.abs(x)))));
  const sig = sigmoidCe(smoothed);
  const sigHard = sigmoidCe(oneHot);
  const softCe = ce(smoothed);
  const hardCe = ce(oneHot);
  const flat = (m: number[][]) => m.flat();
  const tensor = (m: number[][]) => ({ shape: [3, 3], data: flat(m) });
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    kind: 'classification',
    options,
    logitsShape: [3, 3],
    labelsShape: [3],
    batchSize: 3,
    classCount: K,
    labelKind: 'indices',
    oneHot: tensor(oneHot),
    smoothedLabels: tensor(smoothed),
    sigmoidTargets: tensor(smoothed),
    softmax: tensor(softmax),
    logSoftmax: tensor(logSoftmax),
    argmax: softmax.map((row) => row.indexOf(Math.max(...row))),
    entropy: softmax.map((row) => -row.reduce((acc, p) => acc + p * Math.log(p), 0)),
    softmaxCrossEntropy: softCe,
    softmaxCrossEntropyHard: hardCe,
    sigmoidCrossEntropy: tensor(sig),
    sigmoidCrossEntropyHard: tensor(sigHard),
    mean: { softmaxCrossEntropy: mean(softCe), sigmoidCrossEntropy: mean(flat(sig)) },
    sum: { softmaxCrossEntropy: sum(softCe), sigmoidCrossEntropy: sum(flat(sig)) },
    reduced: { softmaxCrossEntropy: mean(softCe), sigmoidCrossEntropy: mean(flat(sig)) },
    gradients: {
      softmax: tensor(softmax.map((row, i) => row.map((p, c) => p - smoothed[i][c]))),
      sigmoid: tensor(SEED_LOGITS.map((row, i) => row.map((x, c) => 1 / (1 + Math.exp(-x)) - smoothed[i][c]))),
    },
    diagnostics: [],
  };
}
