/**
 * Worked derivations as data: each step gives the formula in TeX, the same with this element's
 * numbers substituted, and the value — what the seed article's eqs. 2-3 and 2-5 try to show, but
 * with the code's logits and the stable forms. For the seed's row 0 (logits [0.7, 1.2, 0.3],
 * label 1): log-sum-exp = 1.8995…, log softmax_1 = 1.2 − 1.8995… = −0.69968, p_1 = 0.49675 and
 * the loss 0.69968 (the article writes log(0.479) and 0.699165); for element (0, 0) of the sigmoid
 * loss with ε = 0.1: z = 0.0333…, max(0.7, 0) − 0.7·z + log(1 + e^{−0.7}) = 1.0798527….
 */
import { InputError } from '../errors';
import type { ClassificationReport, Derivation, DerivationStep } from '../report/model';
import { dialectSigmoidSmoothing } from './dialect';
import { formatIndex, texNumber } from './format';

const MAX_TERMS_SHOWN = 6;
const DERIVABLE: readonly Derivation['loss'][] = ['softmaxCrossEntropy', 'sigmoidCrossEntropy', 'softmax', 'smoothedLabel'];

function step(description: string, formula: string, substituted: string, value: number): DerivationStep {
  return { description, formula, substituted, value };
}

/** `first + … + last` of a long sum, for readable TeX. */
function joinTerms(terms: string[], separator: string): string {
  if (terms.length <= MAX_TERMS_SHOWN) return terms.join(separator);
  return [...terms.slice(0, MAX_TERMS_SHOWN - 2), '\\cdots', terms[terms.length - 1]].join(separator);
}

interface RowView {
  /** The row's logits (for binary: the two-class logits [0, x]). */
  readonly x: number[];
  readonly classes: number;
}

function rowOf(report: ClassificationReport, row: number): RowView {
  const logits = report.logits;
  if (!logits) throw new InputError('this report carries no logits to derive from', undefined, 'options');
  if (report.labelKind === 'binary') return { x: [0, logits.data[row]], classes: 2 };
  const K = report.classCount;
  return { x: Array.from(logits.data.subarray(row * K, (row + 1) * K)), classes: K };
}

function checkIndex(report: ClassificationReport, index: readonly number[], wantsColumn: boolean): { row: number; column: number } {
  const columns = report.labelKind === 'binary' ? (wantsColumn ? 2 : 1) : report.classCount;
  const row = index[0];
  const column = wantsColumn ? (index.length > 1 ? index[1] : report.labelKind === 'binary' ? 1 : NaN) : 0;
  const validRow = Number.isInteger(row) && row >= 0 && row < report.batchSize;
  const validColumn = !wantsColumn || (Number.isInteger(column) && column >= 0 && column < columns);
  if (!validRow || !validColumn || index.length > (wantsColumn ? 2 : 1)) {
    const expected = wantsColumn
      ? `[row, class] with row in 0..${report.batchSize - 1} and class in 0..${columns - 1}`
      : `[row] with row in 0..${report.batchSize - 1}`;
    throw new InputError(`cannot derive element ${formatIndex(index)}: expected ${expected}`, undefined, 'options');
  }
  return { row, column };
}

/** Steps to log Σ e^{x_j}, shared by the softmax and softmax CE derivations. */
function logSumExpSteps(view: RowView, row: number, binary: boolean): { steps: DerivationStep[]; m: number; lse: number } {
  const { x } = view;
  const m = Math.max(...x);
  let sum = 0;
  for (const v of x) sum += Math.exp(v - m);
  const lse = m + Math.log(sum);
  const rowName = binary ? `sample ${row} (two-class logits [0, x])` : `row ${row}`;
  const steps = [
    step(
      `Largest logit of ${rowName}`,
      'm = \\max_j x_j',
      `m = \\max(${joinTerms(
        x.map((v) => texNumber(v)),
        ', ',
      )})`,
      m,
    ),
    step(
      'Log-sum-exp, shifted by m so no exponential overflows',
      '\\log\\sum_j e^{x_j} = m + \\log\\sum_j e^{x_j - m}',
      `${texNumber(m)} + \\log\\left(${joinTerms(
        x.map((v) => `e^{${texNumber(v)} - ${texNumber(m, true)}}`),
        ' + ',
      )}\\right)`,
      lse,
    ),
  ];
  return { steps, m, lse };
}

function softmaxCrossEntropySteps(report: ClassificationReport, row: number): DerivationStep[] {
  const view = rowOf(report, row);
  const binary = report.labelKind === 'binary';
  const { steps, lse } = logSumExpSteps(view, row, binary);
  const K = view.classes;
  const targets = Array.from(report.smoothedLabels.data.subarray(row * K, (row + 1) * K));
  const hardTargets = Array.from(report.oneHot.data.subarray(row * K, (row + 1) * K));
  const oneHot = targets.every((t) => t === 0 || t === 1) && targets.filter((t) => t === 1).length === 1;
  if (oneHot) {
    const y = targets.indexOf(1);
    const logP = view.x[y] - lse;
    steps.push(
      step(`Log-probability of the true class y = ${y}`, '\\log p_y = x_y - \\log\\sum_j e^{x_j}', `${texNumber(view.x[y])} - ${texNumber(lse, true)}`, logP),
      step('Its probability', 'p_y = e^{\\log p_y}', `e^{${texNumber(logP)}}`, Math.exp(logP)),
      step('Cross-entropy against the one-hot label', '\\ell = -\\log p_y', `-(${texNumber(logP)})`, -logP),
    );
    return steps;
  }
  const eps = report.options.smoothing;
  if (eps > 0) {
    const spread = binary ? 2 : K;
    steps.push(
      step(
        `Smoothed targets of row ${row}`,
        `y'_j = y_j(1 - \\varepsilon) + \\varepsilon / ${binary ? 2 : 'K'}`,
        `y' = (${joinTerms(
          hardTargets.map((y) => `${texNumber(y)}(1 - ${texNumber(eps)}) + ${texNumber(eps)}/${spread}`),
          ',\\; ',
        )})`,
        targets.reduce((a, b) => a + b, 0),
      ),
    );
  }
  let loss = 0;
  const terms: string[] = [];
  view.x.forEach((v, j) => {
    if (targets[j] === 0) return;
    loss += targets[j] * (lse - v);
    terms.push(`${texNumber(targets[j])}\\,(${texNumber(lse)} - ${texNumber(v, true)})`);
  });
  steps.push(
    step(
      'Cross-entropy: target-weighted negative log-probabilities',
      "\\ell = \\sum_j y'_j \\left(\\log\\sum_k e^{x_k} - x_j\\right)",
      terms.length > 0 ? joinTerms(terms, ' + ') : '0',
      loss,
    ),
  );
  return steps;
}

function sigmoidCrossEntropySteps(report: ClassificationReport, row: number, column: number): DerivationStep[] {
  const logits = report.logits;
  if (!logits) throw new InputError('this report carries no logits to derive from', undefined, 'options');
  const binary = report.labelKind === 'binary';
  const e = binary ? row : row * report.classCount + column;
  const x = logits.data[e];
  const z = report.sigmoidTargets.data[e];
  const y = binary ? report.oneHot.data[2 * row + 1] : report.oneHot.data[e];
  const eps = report.options.smoothing;
  const steps: DerivationStep[] = [];
  if (eps > 0) {
    const spread = binary || dialectSigmoidSmoothing(report.options.dialect, report.options.sigmoidSmoothing) === 'binary' ? 2 : report.classCount;
    steps.push(
      step(
        `Smoothed target (ε spread over ${spread} ${spread === 2 ? 'outcomes' : 'classes'})`,
        `z = y(1 - \\varepsilon) + \\varepsilon / ${spread === 2 ? '2' : 'K'}`,
        `${texNumber(y)}\\,(1 - ${texNumber(eps)}) + ${texNumber(eps)} / ${spread}`,
        z,
      ),
    );
  } else {
    steps.push(step('Target', 'z = y', `z = ${texNumber(y)}`, z));
  }
  const softplusAbs = Math.log1p(Math.exp(-Math.abs(x)));
  steps.push(step('Softplus of −|x|, never overflows', '\\log(1 + e^{-|x|})', `\\log(1 + e^{-${texNumber(Math.abs(x))}})`, softplusAbs));
  const posWeight = report.options.posWeight;
  const p = posWeight === undefined ? undefined : typeof posWeight === 'number' ? posWeight : posWeight[binary ? 0 : column];
  if (p === undefined) {
    const relu = Math.max(x, 0);
    steps.push(
      step('Positive part of the logit', '\\max(x, 0)', `\\max(${texNumber(x)}, 0)`, relu),
      step('Logit times target', 'x z', `${texNumber(x)} \\times ${texNumber(z)}`, x * z),
      step(
        'Sigmoid cross-entropy, stable form',
        '\\ell = \\max(x, 0) - x z + \\log(1 + e^{-|x|})',
        `${texNumber(relu)} - ${texNumber(x * z, true)} + ${texNumber(softplusAbs)}`,
        relu - x * z + softplusAbs,
      ),
    );
  } else {
    const softplusNegative = softplusAbs + Math.max(-x, 0);
    const coefficient = 1 + (p - 1) * z;
    steps.push(
      step(
        'log(1 + e^{−x})',
        '\\log(1 + e^{-x}) = \\log(1 + e^{-|x|}) + \\max(-x, 0)',
        `${texNumber(softplusAbs)} + ${texNumber(Math.max(-x, 0))}`,
        softplusNegative,
      ),
      step('pos_weight factor', '1 + (p - 1) z', `1 + (${texNumber(p)} - 1) \\times ${texNumber(z)}`, coefficient),
      step(
        'Weighted sigmoid cross-entropy (torch BCEWithLogitsLoss pos_weight)',
        '\\ell = (1 - z) x + (1 + (p - 1) z) \\log(1 + e^{-x})',
        `(1 - ${texNumber(z)}) \\times ${texNumber(x, true)} + ${texNumber(coefficient)} \\times ${texNumber(softplusNegative)}`,
        (1 - z) * x + coefficient * softplusNegative,
      ),
    );
  }
  return steps;
}

function softmaxSteps(report: ClassificationReport, row: number, column: number): DerivationStep[] {
  const view = rowOf(report, row);
  const { steps, lse } = logSumExpSteps(view, row, report.labelKind === 'binary');
  const x = view.x[column];
  steps.push(
    step(`Log-probability of class ${column}`, '\\log p_j = x_j - \\log\\sum_k e^{x_k}', `${texNumber(x)} - ${texNumber(lse, true)}`, x - lse),
    step(`Softmax of class ${column}`, 'p_j = e^{x_j - \\log\\sum_k e^{x_k}}', `e^{${texNumber(x - lse)}}`, Math.exp(x - lse)),
  );
  return steps;
}

function smoothedLabelSteps(report: ClassificationReport, row: number, column: number): DerivationStep[] {
  const binary = report.labelKind === 'binary';
  const K = report.classCount;
  const y = report.oneHot.data[row * K + column];
  const eps = report.options.smoothing;
  const spread = binary ? 2 : K;
  return [
    step(
      `Label smoothing of class ${column} (ε spread over ${spread} classes)`,
      `y' = y(1 - \\varepsilon) + \\varepsilon / ${binary ? 2 : 'K'}`,
      `${texNumber(y)}\\,(1 - ${texNumber(eps)}) + ${texNumber(eps)} / ${spread}`,
      y * (1 - eps) + eps / spread,
    ),
  ];
}

function isIgnored(report: ClassificationReport, row: number): boolean {
  if (report.labelKind !== 'indices' || report.options.ignoreIndex === undefined) return false;
  const K = report.classCount;
  for (let j = 0; j < K; j++) if (report.oneHot.data[row * K + j] !== 0) return false;
  return true;
}

/** A step-by-step derivation of one value of `report`; `index` is [row] or [row, class]. */
export function derive(report: ClassificationReport, loss: Derivation['loss'], index: number[]): Derivation {
  if (!DERIVABLE.includes(loss)) {
    throw new InputError(`cannot derive ${JSON.stringify(loss)}: choose one of ${DERIVABLE.join(', ')}`, undefined, 'options');
  }
  const elementWise = loss !== 'softmaxCrossEntropy';
  const { row, column } = checkIndex(report, index, elementWise);
  let steps: DerivationStep[];
  let title: string;
  let result: number;
  if (isIgnored(report, row) && (loss === 'softmaxCrossEntropy' || loss === 'sigmoidCrossEntropy')) {
    steps = [step(`Sample ${row} has label ignore_index = ${report.options.ignoreIndex}`, '\\ell = 0', '0', 0)];
    return { loss, index: [...index], title: `Sample ${row} is ignored`, steps, result: 0 };
  }
  switch (loss) {
    case 'softmaxCrossEntropy':
      steps = softmaxCrossEntropySteps(report, row);
      title = `Softmax cross-entropy of sample ${row}`;
      result = report.softmaxCrossEntropy[row];
      break;
    case 'sigmoidCrossEntropy':
      steps = sigmoidCrossEntropySteps(report, row, column);
      title = report.labelKind === 'binary' ? `Sigmoid cross-entropy of sample ${row}` : `Sigmoid cross-entropy of element (${row}, ${column})`;
      result = report.sigmoidCrossEntropy.data[report.labelKind === 'binary' ? row : row * report.classCount + column];
      break;
    case 'softmax':
      steps = softmaxSteps(report, row, column);
      title = `Softmax probability of class ${column} in sample ${row}`;
      result = report.softmax.data[row * report.classCount + column];
      break;
    case 'smoothedLabel':
      steps = smoothedLabelSteps(report, row, column);
      title = `Smoothed label of class ${column} in sample ${row}`;
      result = report.smoothedLabels.data[row * report.classCount + column];
      break;
  }
  return { loss, index: [...index], title, steps, result };
}
