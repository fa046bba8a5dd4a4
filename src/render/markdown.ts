/**
 * Markdown for hovers and for "copy as Markdown": compact tables, numbers to the chosen
 * significant digits, big tensors cut to their first rows and columns.
 */
import type { ClassificationReport, Diagnostic } from '../report/model';
import { batchShapeOf } from '../report/shapes';
import type { LabelsSummary, LogitsSummary } from '../report/summaries';
import type { Tensor } from '../tensor';
import { formatNumber, formatShape } from './number-format';
import { rowsOf, sampleLabels } from './rows';

export interface MarkdownOptions {
  readonly digits: number;
  readonly maxRows: number;
  readonly maxColumns: number;
}

export const DEFAULT_MARKDOWN_OPTIONS: MarkdownOptions = { digits: 5, maxRows: 8, maxColumns: 10 };

/** Escapes text that came from the document so it cannot inject markdown, links or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/g, (c) => `\\${c}`);
}

interface Marks {
  /** Column to show in bold per row (the argmax). */
  readonly bold?: readonly number[];
  /** Column to underline-mark per row (the true class). */
  readonly marked?: readonly number[];
}

export function matrixTable(t: Tensor, options: MarkdownOptions, marks: Marks = {}): string {
  const view = rowsOf(t);
  const columns = Math.min(view.columnCount, options.maxColumns);
  const rows = Math.min(view.rowCount, options.maxRows);
  const columnsCut = view.columnCount > columns;
  const header = ['', ...Array.from({ length: columns }, (_, j) => String(j)), ...(columnsCut ? ['…'] : [])];
  const lines = [row(header), row(header.map((_, i) => (i === 0 ? ':--' : '--:')))];
  for (let i = 0; i < rows; i++) {
    const values = view.row(i);
    const cells = [view.rowLabel(i)];
    for (let j = 0; j < columns; j++) {
      let cell = formatNumber(values[j], options.digits);
      if (marks.marked?.[i] === j) cell = `${cell} ✓`;
      if (marks.bold?.[i] === j) cell = `**${cell}**`;
      cells.push(cell);
    }
    if (columnsCut) cells.push('…');
    lines.push(row(cells));
  }
  if (view.rowCount > rows) lines.push(row(['…', ...Array.from({ length: columns }, () => ''), ...(columnsCut ? [''] : [])]));
  return lines.join('\n');
}

/** Per-sample values as a one-row-per-sample table with a mean line. */
export function perSampleTable(
  batchShape: readonly number[],
  columns: readonly { title: string; values: Float64Array | readonly number[] }[],
  options: MarkdownOptions,
): string {
  const count = columns[0]?.values.length ?? 0;
  const labels = sampleLabels(batchShape, count);
  const rows = Math.min(count, options.maxRows);
  const lines = [row(['', ...columns.map((c) => c.title)]), row([':--', ...columns.map(() => '--:')])];
  for (let i = 0; i < rows; i++) {
    lines.push(row([labels[i], ...columns.map((c) => formatNumber(c.values[i], options.digits))]));
  }
  if (count > rows) lines.push(row(['…', ...columns.map(() => '')]));
  return lines.join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function diagnosticsList(diagnostics: readonly Diagnostic[]): string {
  const icon = { error: '$(error)', warning: '$(warning)', info: '$(info)' } as const;
  return diagnostics.map((d) => `${icon[d.severity]} ${escapeMarkdown(d.message)}`).join('  \n');
}

function heading(title: string, name: string | undefined, shape: readonly number[]): string {
  const named = name ? ` \`${name.replace(/`/g, "'")}\`` : '';
  return `**Loss Lens** · ${title}${named} · shape \`${formatShape(shape)}\``;
}

export function logitsMarkdown(summary: LogitsSummary, name: string | undefined, options: MarkdownOptions): string {
  const sections = [heading('logits', name, summary.shape)];
  if (summary.diagnostics.length) sections.push(diagnosticsList(summary.diagnostics));
  sections.push('softmax (**bold** = argmax)', matrixTable(summary.softmax, options, { bold: summary.argmax }));
  sections.push(
    perSampleTable(summary.shape.slice(0, -1), [
      { title: 'argmax', values: summary.argmax },
      { title: 'entropy (nats)', values: summary.entropy },
    ], options),
  );
  return sections.join('\n\n');
}

export function labelsMarkdown(summary: LabelsSummary, name: string | undefined, options: MarkdownOptions): string {
  const sections = [heading('labels', name, summary.shape), `K = ${summary.classCount} (max label + 1)`];
  if (summary.diagnostics.length) sections.push(diagnosticsList(summary.diagnostics));
  sections.push('one-hot', matrixTable(summary.oneHot, options));
  if (summary.smoothing > 0) {
    sections.push(
      `smoothed, ε = ${formatNumber(summary.smoothing, options.digits)}: y(1−ε) + ε/K`,
      matrixTable(summary.smoothedLabels, options),
    );
  }
  return sections.join('\n\n');
}

/** The full classification result: inputs, probabilities, both losses hard and smoothed. */
export function classificationMarkdown(
  report: ClassificationReport,
  names: { logits?: string; labels?: string },
  options: MarkdownOptions,
): string {
  const { digits } = options;
  const smoothing = report.options.smoothing;
  const smoothed = smoothing > 0;
  const trueClass = trueClasses(report);
  const logitsName = names.logits ? ` \`${names.logits.replace(/`/g, "'")}\`` : '';
  const labelsName = names.labels ? ` \`${names.labels.replace(/`/g, "'")}\`` : '';
  const sections = [
    `**Loss Lens** · logits${logitsName} \`${formatShape(report.logitsShape)}\` · labels${labelsName} \`${formatShape(report.labelsShape)}\` (${report.labelKind}) · K = ${report.classCount} · ${report.options.dialect}${report.options.float32 ? ' · float32' : ''}`,
  ];
  if (report.diagnostics.length) sections.push(diagnosticsList(report.diagnostics));
  sections.push('softmax (**bold** = argmax, ✓ = true class)', matrixTable(report.softmax, options, { bold: report.argmax, marked: trueClass }));
  const batchShape = batchShapeOf(report);
  const perSample = [{ title: 'softmax CE', values: report.softmaxCrossEntropyHard }];
  if (smoothed) perSample.push({ title: `softmax CE, ε = ${formatNumber(smoothing, digits)}`, values: report.softmaxCrossEntropy });
  sections.push(perSampleTable(batchShape, perSample, options));
  sections.push('sigmoid CE' + (smoothed ? `, ε = ${formatNumber(smoothing, digits)} (${report.options.sigmoidSmoothing === 'binary' ? 'ε/2' : 'ε/K'})` : ''), matrixTable(report.sigmoidCrossEntropy, options));
  sections.push(reductionsTable(report, options));
  return sections.join('\n\n');
}

function reductionsTable(report: ClassificationReport, options: MarkdownOptions): string {
  const f = (x: number) => formatNumber(x, options.digits);
  const label = report.options.reduction === 'none' ? 'mean' : report.options.reduction;
  const lines = [
    row(['', 'mean', 'sum', `${report.options.dialect} ${label}`]),
    row([':--', '--:', '--:', '--:']),
    row(['softmax CE', f(report.mean.softmaxCrossEntropy), f(report.sum.softmaxCrossEntropy), f(report.reduced.softmaxCrossEntropy)]),
    row(['sigmoid CE', f(report.mean.sigmoidCrossEntropy), f(report.sum.sigmoidCrossEntropy), f(report.reduced.sigmoidCrossEntropy)]),
  ];
  return lines.join('\n');
}

/** The true class of each sample, for marking: the argmax of its hard label row. */
export function trueClasses(report: ClassificationReport): number[] {
  const view = rowsOf(report.oneHot);
  const classes: number[] = [];
  for (let i = 0; i < view.rowCount; i++) {
    const values = view.row(i);
    let best = 0;
    for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
    classes.push(best);
  }
  return classes;
}
