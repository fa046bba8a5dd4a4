/**
 * Plain-text tables: the CLI's default output and the comment "Insert Result" writes into a
 * document. Lines only, no trailing spaces, so a comment prefix can go in front of each.
 */
import type { CallReport, ClassificationReport, Diagnostic, DistributionReport, LikelihoodReport, Report } from '../report/model';
import { batchShapeOf } from '../report/shapes';
import type { Tensor } from '../tensor';
import { frameworkPrint, printStyleOf } from './framework-print';
import { formatNumber, formatShape } from './number-format';
import { rowsOf, sampleLabels } from './rows';

export interface TextOptions {
  readonly digits: number;
  /** Leave out per-element and per-sample tables. */
  readonly summary: boolean;
  /** Rows shown per table before "… n more rows". */
  readonly maxRows: number;
}

export const DEFAULT_TEXT_OPTIONS: TextOptions = { digits: 8, summary: false, maxRows: 20 };

function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function matrixLines(title: string, t: Tensor, options: TextOptions): string[] {
  const view = rowsOf(t);
  const shown = Math.min(view.rowCount, options.maxRows);
  const rows: string[][] = [];
  for (let i = 0; i < shown; i++) {
    rows.push([view.rowLabel(i), ...Array.from(view.row(i), (v) => formatNumber(v, options.digits))]);
  }
  const header = ['', ...Array.from({ length: view.columnCount }, (_, j) => String(j))];
  const lines = [`${title} ${formatShape(t.shape)}`, ...alignedTable(header, rows).map((l) => `  ${l}`)];
  if (view.rowCount > shown) lines.push(`  … ${view.rowCount - shown} more rows`);
  return lines;
}

function perSampleLines(batchShape: readonly number[], columns: readonly { title: string; values: ArrayLike<number> }[], options: TextOptions): string[] {
  const count = columns[0].values.length;
  const labels = sampleLabels(batchShape, count);
  const shown = Math.min(count, options.maxRows);
  const rows = Array.from({ length: shown }, (_, i) => [labels[i], ...columns.map((c) => formatNumber(c.values[i], options.digits))]);
  const lines = alignedTable(['sample', ...columns.map((c) => c.title)], rows).map((l) => `  ${l}`);
  if (count > shown) lines.push(`  … ${count - shown} more samples`);
  return lines;
}

export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity}: ${d.message}`);
}

export function classificationText(report: ClassificationReport, options: TextOptions): string[] {
  const f = (x: number) => formatNumber(x, options.digits);
  const o = report.options;
  const lines = [
    `Loss Lens: logits ${formatShape(report.logitsShape)}, labels ${formatShape(report.labelsShape)} (${report.labelKind}), K = ${report.classCount}`,
    `dialect ${o.dialect}, ε = ${f(o.smoothing)}${o.smoothing > 0 ? ` (sigmoid: ${o.sigmoidSmoothing === 'binary' ? 'ε/2' : 'ε/K'})` : ''}, reduction ${o.reduction}${o.float32 ? ', float32' : ''}`,
  ];
  lines.push(...diagnosticLines(report.diagnostics));
  if (!options.summary) {
    lines.push(...matrixLines('one-hot', report.oneHot, options));
    if (o.smoothing > 0) lines.push(...matrixLines('smoothed labels y(1−ε)+ε/K', report.smoothedLabels, options));
    lines.push(...matrixLines('softmax', report.softmax, options));
    const columns = [
      { title: 'argmax', values: report.argmax },
      { title: 'softmax CE', values: report.softmaxCrossEntropyHard },
    ];
    if (o.smoothing > 0) columns.push({ title: 'softmax CE (smoothed)', values: report.softmaxCrossEntropy });
    lines.push('per sample', ...perSampleLines(batchShapeOf(report), columns, options));
    lines.push(...matrixLines(o.smoothing > 0 ? 'sigmoid CE (smoothed)' : 'sigmoid CE', report.sigmoidCrossEntropy, options));
    if (o.reduction === 'none' && report.weighted) {
      lines.push(`${o.dialect} with reduction none returns (weights and masks applied)`);
      lines.push(...perSampleLines(batchShapeOf(report), [{ title: 'softmax CE', values: report.weighted.softmaxCrossEntropy }], options));
      lines.push(...matrixLines('sigmoid CE', report.weighted.sigmoidCrossEntropy, options));
    }
  }
  const reducedTitle = `${o.dialect} ${o.reduction === 'none' ? 'mean' : o.reduction}`;
  lines.push(
    ...alignedTable(
      ['', 'mean', 'sum', reducedTitle],
      [
        ['softmax CE', f(report.mean.softmaxCrossEntropy), f(report.sum.softmaxCrossEntropy), f(report.reduced.softmaxCrossEntropy)],
        ['sigmoid CE', f(report.mean.sigmoidCrossEntropy), f(report.sum.sigmoidCrossEntropy), f(report.reduced.sigmoidCrossEntropy)],
      ],
    ),
  );
  if (report.precision) {
    lines.push(`BigNumber check (${report.precision.digits} digits): max relative error of float64 ${report.precision.maxRelativeError.toExponential(2)}`);
    report.precision.softmaxCrossEntropy.forEach((v, i) => lines.push(`  softmax CE[${i}] = ${v}`));
  }
  return lines;
}

function distributionText(report: DistributionReport, options: TextOptions): string[] {
  const f = (x: number) => formatNumber(x, options.digits);
  if (report.rows === 1) {
    return [
      `H(p)     = ${f(report.entropy)} nats`,
      `H(p, q)  = ${f(report.crossEntropy)} nats`,
      `KL(p‖q)  = ${f(report.klDivergence)} nats  (= H(p, q) − H(p))`,
      ...diagnosticLines(report.diagnostics),
    ];
  }
  const lines = [
    `${report.rows} rows of ${report.outcomes} outcomes (rows used as given: normalization none), in nats`,
    `mean H(p)     = ${f(report.entropy)}`,
    `mean H(p, q)  = ${f(report.crossEntropy)}`,
    `mean KL(p‖q)  = ${f(report.klDivergence)}  (= H(p, q) − H(p))`,
  ];
  if (!options.summary) {
    const { entropy, crossEntropy, klDivergence } = report.perRow;
    const shown = Math.min(report.rows, options.maxRows);
    const rows = Array.from({ length: shown }, (_, i) => [String(i), f(entropy[i]), f(crossEntropy[i]), f(klDivergence[i])]);
    lines.push(...alignedTable(['row', 'H(p)', 'H(p, q)', 'KL(p‖q)'], rows).map((l) => `  ${l}`));
    if (report.rows > shown) lines.push(`  … ${report.rows - shown} more rows`);
  }
  return [...lines, ...diagnosticLines(report.diagnostics)];
}

export function likelihoodText(report: LikelihoodReport, options: TextOptions): string[] {
  const f = (x: number) => formatNumber(x, options.digits);
  const lines = [
    `${report.successes} successes in ${report.trials} trials`,
    `θ̂ (maximum likelihood) = ${f(report.mle)}`,
    `log L(θ̂) = ${f(report.logLikelihood)}`,
  ];
  if (report.theta !== undefined && report.probability !== undefined) {
    lines.push(`P(${report.successes} of ${report.trials} | θ = ${f(report.theta)}) = ${f(report.probability)}`);
  }
  return [...lines, ...diagnosticLines(report.diagnostics)];
}

/** One line on how a call's reduction divided: `reduction mean: 3.771 ÷ 3 = 1.257 (÷ the 3 targets not ignored)`. */
function callReductionLine(report: CallReport, digits: number): string | undefined {
  const reduction = report.reduction;
  if (!reduction || report.value.shape.length !== 0) return undefined;
  const f = (x: number) => formatNumber(x, digits);
  return `reduction ${reduction.name}: ${f(reduction.sum)} ÷ ${f(reduction.denominator)} = ${f(report.value.data[0])} (÷ ${reduction.divides})`;
}

/** The per-sample columns of a call: the losses, and the weighted ones when weights or masks changed them. */
function callColumns(report: CallReport): { title: string; values: Float64Array }[] {
  const columns = [{ title: 'loss', values: report.losses.data }];
  const changed = report.weighted.data.some((v, i) => !Object.is(v, report.losses.data[i]));
  if (changed) columns.push({ title: 'weighted', values: report.weighted.data });
  return columns;
}

/**
 * A catalogue call: the call with every argument, what it returns printed as its framework prints
 * it, the loss of each sample, and how the reduction divided.
 */
export function callText(report: CallReport, options: TextOptions): string[] {
  const lines = [report.signature, frameworkPrint(report.value, printStyleOf(report.framework), report.float32)];
  lines.push(report.float32 ? 'computed in float32, as the framework does by default' : 'computed in float64');
  lines.push(...diagnosticLines(report.diagnostics));
  if (!options.summary && report.losses.data.length > 0) {
    const sampleShape = report.losses.shape.length === 0 ? [1] : report.losses.shape;
    lines.push(`per sample ${formatShape(report.losses.shape)}`, ...perSampleLines(sampleShape, callColumns(report), options));
  }
  const reduction = callReductionLine(report, options.digits);
  if (reduction) lines.push(reduction);
  lines.push(`docs: ${report.docs}`);
  return lines;
}

export function reportText(report: Report, options: TextOptions): string[] {
  switch (report.kind) {
    case 'classification':
      return classificationText(report, options);
    case 'distributions':
      return distributionText(report, options);
    case 'likelihood':
      return likelihoodText(report, options);
    case 'call':
      return callText(report, options);
  }
}
