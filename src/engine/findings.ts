/**
 * The diagnostics a classification run notes after the kernel: what its findings say about the
 * logits, non-finite results, empty or zero-weight means, and overflow. Each names the element in
 * the user's layout (`index`) and in the [samples, K] view (`cell`).
 */
import type { ClassificationOptions, ClassificationReport, LossTotals } from '../report/model';
import { andMore, type Diagnostics } from './diagnostics';
import { formatIndex, shortNumber } from './format';
import { noteUniform, type KernelArrays, type KernelFindings, type KernelInput } from './kernel';
import type { SampleLayout } from './layout';

/** What overflow checking reads of a run: its totals, its per-sample and per-element values, and the options that explain them. */
export type ReducedLosses = Pick<ClassificationReport, 'options' | 'mean' | 'sum' | 'reduced' | 'softmaxCrossEntropy' | 'sigmoidCrossEntropy' | 'weighted'>;

/** A mean over no samples, or over weights that are all 0: NaN, said once. */
export function noteEmptyMeans(diagnostics: Diagnostics, valid: number, options: ClassificationOptions, denominators: LossTotals): void {
  if (valid === 0) {
    diagnostics.note(
      'empty-mean',
      'warning',
      () => 'Every sample is ignored: the means divide 0 by 0, which is NaN (0 in Keras ignore_class and tf.compat.v1.losses, which use divide_no_nan).',
      'labels',
    );
  }
  if (valid > 0 && options.reduction !== 'sum' && (denominators.softmaxCrossEntropy === 0 || denominators.sigmoidCrossEntropy === 0)) {
    diagnostics.note(
      'zero-denominator',
      'warning',
      () => `Every counted value has weight 0, so ${options.dialect}'s weighted mean divides by 0: ${options.dialect === 'tf-v1' ? '0 (div_no_nan)' : 'NaN'}.`,
      'weights',
    );
  }
}

/** Diagnostics from the kernel's findings: special logits, probabilities passed as logits, uniform rows, non-finite results. */
export function noteFindings(
  diagnostics: Diagnostics,
  input: KernelInput,
  arrays: KernelArrays,
  findings: KernelFindings,
  layout: SampleLayout,
  classCount: number,
  float32: boolean,
): void {
  const x = input.logits;
  const perRow = input.binary ? 1 : input.columns;
  const cellOf = (row: number, column: number) => (input.binary ? [row] : [row, column]);
  for (const { row, status } of findings.specialRows) {
    const o = row * perRow;
    const sample = layout.sampleIndex(row);
    const find = (test: (v: number) => boolean) => {
      for (let j = 0; j < perRow; j++) if (test(x[o + j])) return j;
      return -1;
    };
    if (status === 'nan') {
      const j = find((v) => v !== v);
      const index = layout.logitIndex(row, j);
      diagnostics.note(
        'non-finite-input',
        'error',
        (n) => `logits${formatIndex(index)} is NaN${andMore(n, 'sample')}: every loss of its sample is NaN.`,
        'logits',
        index,
        cellOf(row, j),
      );
      continue;
    }
    if (status === 'several-infinite' || status === 'all-negative-infinite') {
      const what = status === 'several-infinite' ? 'has more than one logit equal to +inf' : 'has only −inf logits';
      const why = status === 'several-infinite' ? '∞/∞' : '0/0';
      diagnostics.note(
        'indeterminate-softmax',
        'error',
        (n) => `Sample ${formatIndex(sample)} ${what}${andMore(n, 'sample')}: its softmax is ${why}, undefined, and its softmax losses are NaN.`,
        'logits',
        sample,
        [row],
      );
    }
    // The fast loops note all-equal rows; a row they handed over (huge logits) is checked here.
    if (status === 'finite' && perRow > 1 && find((v) => v !== x[o]) < 0) noteUniform(findings, row);
    if (status === 'one-infinite') {
      const j = find((v) => v === Infinity);
      const index = layout.logitIndex(row, j);
      diagnostics.note(
        'infinite-logit',
        'warning',
        (n) =>
          `logits${formatIndex(index)} = +inf${andMore(n, 'sample')}: its softmax row is taken as one-hot there (the limit); frameworks usually compute ∞ − ∞ = NaN instead.`,
        'logits',
        index,
        cellOf(row, j),
      );
    }
    if (status !== 'several-infinite' && status !== 'all-negative-infinite') {
      const j = find((v) => v === -Infinity);
      if (j >= 0) {
        const index = layout.logitIndex(row, j);
        diagnostics.note(
          'negative-infinite-logit',
          'info',
          (n) =>
            `logits${formatIndex(index)} = −inf${andMore(n, 'sample')}: probability 0 for that class. It costs nothing unless its target is above 0, and then the loss is +inf.`,
          'logits',
          index,
          cellOf(row, j),
        );
      }
    }
  }
  const generalRows = findings.specialRows.map((finding) => finding.row);
  // Float32 rows all take the general path and report only unusual softmax statuses, so all are read.
  const rowsToCheck = float32 ? Array.from({ length: input.samples }, (_, i) => i) : generalRows;
  noteNonFiniteResults(diagnostics, arrays, rowsToCheck, perRow, layout, input.binary);
  if (findings.probabilityRows > 0) {
    const n = findings.probabilityRows;
    diagnostics.note(
      'probabilities-as-logits',
      'warning',
      () =>
        `Row ${formatIndex(layout.sampleIndex(findings.firstProbabilityRow))} of the logits lies in [0, 1] and sums to 1${andMore(n, 'row')}: these look like probabilities. Softmax would be applied to them a second time; pass the raw scores, or use a probability-input loss (Keras from_logits=False).`,
      'logits',
      layout.sampleIndex(findings.firstProbabilityRow),
      [findings.firstProbabilityRow],
    );
  }
  if (findings.probabilityRows === 0 && allInUnitInterval(x)) {
    diagnostics.note(
      'probabilities-as-logits',
      'info',
      () =>
        'Every logit lies in [0, 1]: if these are sigmoid or softmax outputs, the losses here apply the activation a second time. Pass the raw scores, or use a probability-input loss (torch BCELoss, Keras from_logits=False).',
      'logits',
    );
  }
  if (findings.uniformRows > 0) {
    const n = findings.uniformRows;
    diagnostics.note(
      'uniform-logits',
      'info',
      () =>
        `All logits of sample ${formatIndex(layout.sampleIndex(findings.firstUniformRow))} are equal${andMore(n, 'sample')}: softmax is uniform 1/${classCount} and the hard-label loss is log ${classCount} = ${shortNumber(Math.log(classCount))}.`,
      'logits',
      layout.sampleIndex(findings.firstUniformRow),
      [findings.firstUniformRow],
    );
  }
}

/** Diagnostics that name an infinite or NaN input as the cause of a non-finite loss. */
const INPUT_CAUSES = ['non-finite-input', 'infinite-logit', 'negative-infinite-logit', 'indeterminate-softmax'];

/**
 * A loss, weighted loss or total that is ±inf although no input is infinite or NaN: a logit gap,
 * a weight times a loss, pos_weight inside the sigmoid loss, or a sum overflowed (float64, or
 * float32 in float32 mode); or a loss that is NaN from ∞ − ∞ with no error to say so. The
 * kernel's per-row checks look at the inputs and cannot see these.
 */
export function noteOverflow(diagnostics: Diagnostics, report: ReducedLosses): void {
  // The sums and reductions add up every value and weighted value: when they are finite, so is
  // each term, and the arrays need no scan (the common case costs four comparisons).
  const { sum, reduced } = report;
  if (
    Number.isFinite(sum.softmaxCrossEntropy) &&
    Number.isFinite(sum.sigmoidCrossEntropy) &&
    Number.isFinite(reduced.softmaxCrossEntropy) &&
    Number.isFinite(reduced.sigmoidCrossEntropy)
  ) {
    return;
  }
  const losses = [
    { name: 'softmax', key: 'softmaxCrossEntropy', values: report.softmaxCrossEntropy, weighted: report.weighted?.softmaxCrossEntropy },
    { name: 'sigmoid', key: 'sigmoidCrossEntropy', values: report.sigmoidCrossEntropy.data, weighted: report.weighted?.sigmoidCrossEntropy.data },
  ] as const;
  const infinite = (v: number) => Math.abs(v) === Infinity;
  const overflowed = losses.filter(
    (loss) =>
      [report.mean[loss.key], report.sum[loss.key], report.reduced[loss.key]].some(infinite) ||
      loss.values.some(infinite) ||
      (loss.weighted?.some(infinite) ?? false),
  );
  const explained = () => diagnostics.list().some((d) => d.severity === 'error');
  // Targets far outside [0, 1] can meet huge logits as ∞ − ∞ inside one loss value.
  const undefinedValues = losses.filter((loss) => loss.values.some(Number.isNaN) || (loss.weighted?.some(Number.isNaN) ?? false));
  if (undefinedValues.length > 0 && !explained()) {
    const names = undefinedValues.map((loss) => loss.name).join(' and ');
    diagnostics.note(
      'non-finite-result',
      'error',
      () =>
        `Some ${names} cross-entropy values are NaN: intermediate terms overflowed (∞ − ∞). The other diagnostics name the inputs outside their usual range.`,
    );
  }
  // An infinite or NaN input explains what follows from it, but only an error explains an inf.
  if (overflowed.length === 0 || (diagnostics.has(...INPUT_CAUSES) && explained())) return;
  const largest = report.options.float32 ? 'float32 (about 3.4e38)' : 'float64 (about 1.8e308)';
  const weighted = report.options.classWeights !== undefined || report.options.posWeight !== undefined;
  const names = overflowed.map((loss) => loss.name).join(' and ');
  diagnostics.note(
    'overflow',
    'error',
    () =>
      `The ${names} cross-entropy overflow${overflowed.length === 1 ? 's' : ''} to inf: ${weighted ? 'with the weights, ' : ''}a value or the sum of the values exceeds the largest ${largest}. Scale the logits${weighted ? ' or weights' : ''} down.`,
    weighted ? 'weights' : 'logits',
  );
}

/** True when every value is in [0, 1]; stops at the first that is not, so real logits cost a few reads. */
export function allInUnitInterval(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!(x[i] >= 0 && x[i] <= 1)) return false;
  return true;
}

/**
 * Names the first non-finite loss value (NaN or ±inf), by sample or element index. Only rows the
 * general path computed can hold one (the fast loops check their results), so only those are read.
 */
function noteNonFiniteResults(
  diagnostics: Diagnostics,
  arrays: KernelArrays,
  rows: readonly number[],
  perRow: number,
  layout: SampleLayout,
  binary: boolean,
): void {
  let softmaxCount = 0;
  let softmaxFirst = -1;
  let sigmoidCount = 0;
  let sigmoidFirst = -1;
  for (const row of rows) {
    const loss = arrays.crossEntropy[row];
    if (loss - loss !== 0 && softmaxCount++ === 0) softmaxFirst = row;
    for (let e = row * perRow; e < (row + 1) * perRow; e++) {
      const v = arrays.sigmoid[e];
      if (v - v !== 0 && sigmoidCount++ === 0) sigmoidFirst = e;
    }
  }
  if (softmaxCount === 0 && sigmoidCount === 0) return;
  const parts: string[] = [];
  let index: number[] | undefined;
  let cell: number[] | undefined;
  if (softmaxCount > 0) {
    index = layout.sampleIndex(softmaxFirst);
    cell = [softmaxFirst];
    parts.push(
      `the softmax cross-entropy of sample ${formatIndex(index)} is ${shortNumber(arrays.crossEntropy[softmaxFirst])}${andMore(softmaxCount, 'sample')}`,
    );
  }
  if (sigmoidCount > 0) {
    const row = Math.floor(sigmoidFirst / perRow);
    const element = binary ? layout.sampleIndex(row) : [...layout.sampleIndex(row), sigmoidFirst % perRow];
    index ??= element;
    cell ??= binary ? [row] : [row, sigmoidFirst % perRow];
    parts.push(
      `the sigmoid cross-entropy of element ${formatIndex(element)} is ${shortNumber(arrays.sigmoid[sigmoidFirst])}${andMore(sigmoidCount, 'element')}`,
    );
  }
  // Without an infinite or NaN input, the cause is overflow, which noteOverflow explains.
  const cause = diagnostics.has(...INPUT_CAUSES) ? ' The diagnostics above name the input that caused it.' : '';
  const message = `${parts.join('; ')}.${cause}`;
  diagnostics.note('non-finite-result', 'error', () => message.charAt(0).toUpperCase() + message.slice(1), undefined, index, cell);
}
