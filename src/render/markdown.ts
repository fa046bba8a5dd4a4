/**
 * Markdown for hovers and for "copy as Markdown": compact tables, numbers to the chosen
 * significant digits, big tensors cut to their first rows and columns.
 */
import type { CallReport, ClassificationReport, Diagnostic, LabelKind } from '../report/model';
import { batchShapeOf } from '../report/shapes';
import type { LabelsSummary, LogitsSummary } from '../report/summaries';
import type { Tensor } from '../tensor';
import { frameworkPrint, printStyleOf } from './framework-print';
import { formatNumber, formatShape } from './number-format';
import { rowsOf, sampleLabels } from './rows';

/**
 * The words of the hover tables. The renderer knows no language: the VS Code adapter passes
 * translated labels (src/vscode/markdown-labels.ts); everything else gets these English ones.
 * `{0}`, `{1}` are filled in order.
 */
export const ENGLISH_MARKDOWN_LABELS = {
  logits: 'logits',
  labels: 'labels',
  shape: 'shape',
  classCount: 'K = {0} (max label + 1)',
  softmaxArgmax: 'softmax (**bold** = argmax)',
  softmaxArgmaxTrueClass: 'softmax (**bold** = argmax, ✓ = true class)',
  argmax: 'argmax',
  entropyNats: 'entropy (nats)',
  oneHot: 'one-hot',
  smoothed: 'smoothed, ε = {0}: y(1−ε) + ε/K',
  softmaxCe: 'softmax CE',
  softmaxCeSmoothed: 'softmax CE, ε = {0}',
  sigmoidCe: 'sigmoid CE',
  sigmoidCeSmoothed: 'sigmoid CE, ε = {0} ({1})',
  mean: 'mean',
  sum: 'sum',
  labelKindIndices: 'indices',
  labelKindOneHot: 'one-hot',
  labelKindMultiHot: 'multi-hot',
  labelKindProbabilities: 'probabilities',
  labelKindBinary: 'binary',
  callLoss: 'loss',
  callWeighted: 'weighted',
  callReduction: 'reduction {0}: {1} ÷ {2} = {3} (÷ {4})',
  callDocumentation: 'documentation',
  callFloat64: 'float64',
} as const;

export type MarkdownLabels = { readonly [K in keyof typeof ENGLISH_MARKDOWN_LABELS]: string };

export interface MarkdownOptions {
  readonly digits: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  /** Default: ENGLISH_MARKDOWN_LABELS. */
  readonly labels?: MarkdownLabels;
}

export const DEFAULT_MARKDOWN_OPTIONS: MarkdownOptions = { digits: 5, maxRows: 8, maxColumns: 10 };

function fill(template: string, ...values: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : match));
}

function labelKindName(kind: LabelKind, labels: MarkdownLabels): string {
  switch (kind) {
    case 'indices':
      return labels.labelKindIndices;
    case 'one-hot':
      return labels.labelKindOneHot;
    case 'multi-hot':
      return labels.labelKindMultiHot;
    case 'probabilities':
      return labels.labelKindProbabilities;
    case 'binary':
      return labels.labelKindBinary;
  }
}

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

function heading(title: string, name: string | undefined, shape: readonly number[], labels: MarkdownLabels): string {
  const named = name ? ` \`${name.replace(/`/g, "'")}\`` : '';
  return `**Loss Lens** · ${title}${named} · ${labels.shape} \`${formatShape(shape)}\``;
}

export function logitsMarkdown(summary: LogitsSummary, name: string | undefined, options: MarkdownOptions): string {
  const labels = options.labels ?? ENGLISH_MARKDOWN_LABELS;
  const sections = [heading(labels.logits, name, summary.shape, labels)];
  if (summary.diagnostics.length) sections.push(diagnosticsList(summary.diagnostics));
  sections.push(labels.softmaxArgmax, matrixTable(summary.softmax, options, { bold: summary.argmax }));
  sections.push(
    perSampleTable(
      summary.shape.slice(0, -1),
      [
        { title: labels.argmax, values: summary.argmax },
        { title: labels.entropyNats, values: summary.entropy },
      ],
      options,
    ),
  );
  return sections.join('\n\n');
}

export function labelsMarkdown(summary: LabelsSummary, name: string | undefined, options: MarkdownOptions): string {
  const labels = options.labels ?? ENGLISH_MARKDOWN_LABELS;
  const sections = [heading(labels.labels, name, summary.shape, labels), fill(labels.classCount, summary.classCount)];
  if (summary.diagnostics.length) sections.push(diagnosticsList(summary.diagnostics));
  sections.push(labels.oneHot, matrixTable(summary.oneHot, options));
  if (summary.smoothing > 0) {
    sections.push(fill(labels.smoothed, formatNumber(summary.smoothing, options.digits)), matrixTable(summary.smoothedLabels, options));
  }
  return sections.join('\n\n');
}

/** The full classification result: inputs, probabilities, both losses hard and smoothed. */
export function classificationMarkdown(report: ClassificationReport, names: { logits?: string; labels?: string }, options: MarkdownOptions): string {
  const { digits } = options;
  const labels = options.labels ?? ENGLISH_MARKDOWN_LABELS;
  const smoothing = report.options.smoothing;
  const smoothed = smoothing > 0;
  const trueClass = trueClasses(report);
  const logitsName = names.logits ? ` \`${names.logits.replace(/`/g, "'")}\`` : '';
  const labelsName = names.labels ? ` \`${names.labels.replace(/`/g, "'")}\`` : '';
  const sections = [
    `**Loss Lens** · ${labels.logits}${logitsName} \`${formatShape(report.logitsShape)}\` · ${labels.labels}${labelsName} \`${formatShape(report.labelsShape)}\` (${labelKindName(report.labelKind, labels)}) · K = ${report.classCount} · ${report.options.dialect}${report.options.float32 ? ' · float32' : ''}`,
  ];
  if (report.diagnostics.length) sections.push(diagnosticsList(report.diagnostics));
  sections.push(labels.softmaxArgmaxTrueClass, matrixTable(report.softmax, options, { bold: report.argmax, marked: trueClass }));
  const batchShape = batchShapeOf(report);
  const perSample = [{ title: labels.softmaxCe, values: report.softmaxCrossEntropyHard }];
  if (smoothed) perSample.push({ title: fill(labels.softmaxCeSmoothed, formatNumber(smoothing, digits)), values: report.softmaxCrossEntropy });
  sections.push(perSampleTable(batchShape, perSample, options));
  const sigmoidTitle = smoothed
    ? fill(labels.sigmoidCeSmoothed, formatNumber(smoothing, digits), report.options.sigmoidSmoothing === 'binary' ? 'ε/2' : 'ε/K')
    : labels.sigmoidCe;
  sections.push(sigmoidTitle, matrixTable(report.sigmoidCrossEntropy, options));
  sections.push(reductionsTable(report, options, labels));
  return sections.join('\n\n');
}

function reductionsTable(report: ClassificationReport, options: MarkdownOptions, labels: MarkdownLabels): string {
  const f = (x: number) => formatNumber(x, options.digits);
  const reduction = report.options.reduction === 'sum' ? labels.sum : labels.mean;
  const lines = [
    row(['', labels.mean, labels.sum, `${report.options.dialect} ${reduction}`]),
    row([':--', '--:', '--:', '--:']),
    row([labels.softmaxCe, f(report.mean.softmaxCrossEntropy), f(report.sum.softmaxCrossEntropy), f(report.reduced.softmaxCrossEntropy)]),
    row([labels.sigmoidCe, f(report.mean.sigmoidCrossEntropy), f(report.sum.sigmoidCrossEntropy), f(report.reduced.sigmoidCrossEntropy)]),
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

/**
 * A catalogue call's result for the calculator and "copy as Markdown": the call with every
 * argument, its value as the framework prints it, the per-sample losses and the reduction.
 */
export function callMarkdown(report: CallReport, options: MarkdownOptions): string {
  const labels = options.labels ?? ENGLISH_MARKDOWN_LABELS;
  const f = (x: number) => formatNumber(x, options.digits);
  const language = report.framework === 'tfjs' ? 'javascript' : 'python';
  const sections = [
    `**Loss Lens** · \`${report.call}\` · ${report.float32 ? 'float32' : labels.callFloat64} · [${labels.callDocumentation}](${report.docs})`,
    fence(report.signature, language),
    fence(frameworkPrint(report.value, printStyleOf(report.framework), report.float32), 'text'),
  ];
  if (report.diagnostics.length) sections.push(diagnosticsList(report.diagnostics));
  if (report.losses.data.length > 0) {
    const columns = [{ title: labels.callLoss, values: report.losses.data }];
    if (report.weighted.data.some((v, i) => !Object.is(v, report.losses.data[i]))) columns.push({ title: labels.callWeighted, values: report.weighted.data });
    sections.push(perSampleTable(report.losses.shape.length === 0 ? [1] : report.losses.shape, columns, options));
  }
  const reduction = report.reduction;
  if (reduction && report.value.shape.length === 0) {
    sections.push(
      fill(
        labels.callReduction,
        `\`${reduction.name}\``,
        f(reduction.sum),
        f(reduction.denominator),
        f(report.value.data[0]),
        escapeMarkdown(reduction.divides),
      ),
    );
  }
  return sections.join('\n\n');
}

/** A fenced code block whose fence is longer than any run of backticks inside. */
function fence(text: string, language: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}
