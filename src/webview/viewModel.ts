/**
 * Turns a classification report (as it arrives over the wire) into what the Results tab
 * shows: heatmap tables with per-cell text, tooltip, accessible label, marks and the
 * derivation a click asks for; the reductions table; the diagnostics list. DOM-free, so it is
 * unit-tested directly.
 */
import type { Diagnostic, DiagnosticSeverity } from '../report/model';
import type { DerivableQuantity, PlainClassificationReport, PlainDistributionReport, PlainLikelihoodReport } from '../vscode/calculator/protocol';
import type { CalculatorStrings } from '../vscode/calculator/strings';
import { scaleExtent, type ScaleKind } from './colors';
import { dialectName, exact, labelKindName, reductionName, short } from './format';
import { fill } from './text';

export interface PlainTensor {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export interface DeriveTarget {
  readonly quantity: DerivableQuantity;
  readonly index: readonly number[];
}

export interface HeatCell {
  readonly value: number;
  /** Short text in the cell. */
  readonly text: string;
  /** Tooltip: the exact value and the marks. */
  readonly title: string;
  readonly ariaLabel: string;
  readonly argmax: boolean;
  readonly trueClass: boolean;
  readonly target?: DeriveTarget;
}

export type TableId = 'softmax' | 'oneHot' | 'smoothed' | 'sigmoidTargets' | 'sigmoidCe' | 'softmaxCe' | 'gradient' | 'distributions' | 'callWeighted';

export interface HeatTable {
  readonly id: TableId;
  readonly caption: string;
  readonly columnHeaders: readonly string[];
  readonly rowHeaders: readonly string[];
  readonly rows: readonly (readonly HeatCell[])[];
  readonly scale: ScaleKind;
  /** What `magnitude` and `signed` scales divide by. */
  readonly extent: number;
  /** Set when rows or columns were left out to keep the page usable. */
  readonly truncation?: string;
}

export interface TextCell {
  readonly text: string;
  readonly title: string;
}

export interface ReductionsView {
  readonly columnHeaders: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly TextCell[] }[];
}

export interface DiagnosticItem {
  readonly severity: DiagnosticSeverity;
  readonly severityLabel: string;
  readonly message: string;
  readonly code: string;
  /** Table and cell to jump to, when the diagnostic points at one element. */
  readonly cell?: { readonly table: TableId; readonly row: number; readonly column: number };
}

export interface PrecisionView {
  readonly heading: string;
  readonly maxError: string;
  readonly columnHeaders: readonly string[];
  readonly rows: readonly { readonly label: string; readonly float64: TextCell; readonly bigNumber: string }[];
}

export interface ClassificationView {
  readonly summary: string;
  readonly tables: readonly HeatTable[];
  readonly reductions: ReductionsView;
  readonly diagnostics: readonly DiagnosticItem[];
  readonly precision?: PrecisionView;
}

/** Caps that keep a huge literal from freezing the panel; the tables say what was left out. */
export const MAX_ROWS = 100;
export const MAX_COLUMNS = 50;

interface Grid {
  readonly rows: number;
  readonly columns: number;
  readonly at: (row: number, column: number) => number;
}

/** Rank 0 is 1×1, rank 1 a column, higher ranks flatten every axis but the last into rows. */
export function asGrid(tensor: PlainTensor): Grid {
  const { shape, data } = tensor;
  const columns = shape.length >= 2 ? shape[shape.length - 1] : 1;
  const rows = columns === 0 ? 0 : data.length / columns;
  return { rows, columns, at: (row, column) => data[row * columns + column] };
}

function gridEquals(a: PlainTensor, b: PlainTensor): boolean {
  return a.data.length === b.data.length && a.data.every((value, i) => Object.is(value, b.data[i]));
}

interface CellMarks {
  readonly argmax: boolean;
  readonly trueClass: boolean;
}

export interface TableSpec {
  readonly id: TableId;
  readonly caption: string;
  readonly scale: ScaleKind;
  readonly columnHeaders: readonly string[];
  readonly rowCount: number;
  readonly value: (row: number, column: number) => number;
  readonly marks?: (row: number, column: number) => CellMarks;
  readonly target?: (row: number, column: number) => DeriveTarget | undefined;
  /** Per-column label for the accessible name ("class 1", "CE vs targets"). */
  readonly columnName: (column: number) => string;
  /** Row header and accessible row name; "sample i" when left out. */
  readonly rowName?: (row: number) => string;
}

export function buildClassificationView(report: PlainClassificationReport, strings: CalculatorStrings, digits: number): ClassificationView {
  const { options } = report;
  const softmax = asGrid(report.softmax);
  const oneHot = asGrid(report.oneHot);
  const classColumns = Array.from({ length: softmax.columns }, (_, c) => fill(strings.columnClass, c));
  const className = (column: number) => fill(strings.columnClass, column);
  const hasTrueClass = report.labelKind === 'indices' || report.labelKind === 'one-hot' || report.labelKind === 'multi-hot';
  const marks = (row: number, column: number): CellMarks => ({
    argmax: report.argmax[row] === column,
    trueClass: hasTrueClass && oneHot.columns === softmax.columns && oneHot.at(row, column) === 1,
  });
  const trueOnly = (row: number, column: number): CellMarks => ({ argmax: false, trueClass: marks(row, column).trueClass });

  const specs: TableSpec[] = [];
  if (softmax.rows > 0 && softmax.columns > 0) {
    specs.push({
      id: 'softmax',
      caption: strings.tableSoftmax,
      scale: 'probability',
      columnHeaders: classColumns,
      rowCount: softmax.rows,
      value: softmax.at,
      marks,
      target: (row, column) => ({ quantity: 'softmax', index: [row, column] }),
      columnName: className,
    });
  }
  specs.push({
    id: 'oneHot',
    caption: strings.tableOneHot,
    scale: 'probability',
    columnHeaders: Array.from({ length: oneHot.columns }, (_, c) => fill(strings.columnClass, c)),
    rowCount: oneHot.rows,
    value: oneHot.at,
    marks: trueOnly,
    columnName: className,
  });
  if (!gridEquals(report.smoothedLabels, report.oneHot)) {
    const smoothed = asGrid(report.smoothedLabels);
    specs.push({
      id: 'smoothed',
      caption: fill(strings.tableSmoothed, short(options.smoothing, digits)),
      scale: 'probability',
      columnHeaders: Array.from({ length: smoothed.columns }, (_, c) => fill(strings.columnClass, c)),
      rowCount: smoothed.rows,
      value: smoothed.at,
      marks: trueOnly,
      target: (row, column) => ({ quantity: 'smoothedLabel', index: [row, column] }),
      columnName: className,
    });
  }
  if (!gridEquals(report.sigmoidTargets, report.smoothedLabels)) {
    const targets = asGrid(report.sigmoidTargets);
    specs.push({
      id: 'sigmoidTargets',
      caption: strings.tableSigmoidTargets,
      scale: 'probability',
      columnHeaders: Array.from({ length: targets.columns }, (_, c) => fill(strings.columnClass, c)),
      rowCount: targets.rows,
      value: targets.at,
      marks: trueOnly,
      columnName: className,
    });
  }
  const sigmoid = asGrid(report.sigmoidCrossEntropy);
  const sigmoidIsRowwise = report.sigmoidCrossEntropy.shape.length < 2;
  specs.push({
    id: 'sigmoidCe',
    caption: strings.tableSigmoidCe,
    scale: 'magnitude',
    columnHeaders: sigmoidIsRowwise ? [strings.sigmoidCe] : Array.from({ length: sigmoid.columns }, (_, c) => fill(strings.columnClass, c)),
    rowCount: sigmoid.rows,
    value: sigmoid.at,
    marks: sigmoidIsRowwise ? undefined : trueOnly,
    target: (row, column) => ({ quantity: 'sigmoidCrossEntropy', index: sigmoidIsRowwise ? [row] : [row, column] }),
    columnName: sigmoidIsRowwise ? () => strings.sigmoidCe : className,
  });
  const perSample: { header: string; values: readonly number[] }[] = [{ header: strings.columnCe, values: report.softmaxCrossEntropy }];
  if (!report.softmaxCrossEntropyHard.every((value, i) => Object.is(value, report.softmaxCrossEntropy[i]))) {
    perSample.push({ header: strings.columnCeHard, values: report.softmaxCrossEntropyHard });
  }
  perSample.push({ header: strings.columnEntropy, values: report.entropy });
  specs.push({
    id: 'softmaxCe',
    caption: strings.tableSoftmaxCe,
    scale: 'magnitude',
    columnHeaders: perSample.map((column) => column.header),
    rowCount: report.softmaxCrossEntropy.length,
    value: (row, column) => perSample[column].values[row],
    target: (row) => ({ quantity: 'softmaxCrossEntropy', index: [row] }),
    columnName: (column) => perSample[column].header,
  });
  const gradient = asGrid(report.gradients.softmax);
  if (gradient.rows > 0 && gradient.columns > 0) {
    specs.push({
      id: 'gradient',
      caption: strings.tableGradient,
      scale: 'signed',
      columnHeaders: Array.from({ length: gradient.columns }, (_, c) => fill(strings.columnClass, c)),
      rowCount: gradient.rows,
      value: gradient.at,
      marks: trueOnly,
      target: (row) => ({ quantity: 'softmaxCrossEntropy', index: [row] }),
      columnName: className,
    });
  }

  const tables = specs.map((spec) => buildTable(spec, strings, digits));
  return {
    summary: fill(
      strings.summary,
      report.batchSize,
      report.classCount,
      labelKindName(strings, report.labelKind),
      fill(strings.reductionDialect, dialectName(strings, options.dialect), reductionName(strings, options.reduction)),
    ),
    tables,
    reductions: buildReductions(report, strings, digits),
    diagnostics: report.diagnostics.map((diagnostic) => diagnosticItem(diagnostic, strings, tables)),
    ...(report.precision ? { precision: buildPrecision(report, strings, digits) } : {}),
  };
}

export function buildTable(spec: TableSpec, strings: CalculatorStrings, digits: number): HeatTable {
  const rowCount = Math.min(spec.rowCount, MAX_ROWS);
  const columnCount = Math.min(spec.columnHeaders.length, MAX_COLUMNS);
  const rowName = spec.rowName ?? ((row: number) => fill(strings.rowSample, row));
  const rows: HeatCell[][] = [];
  const shown: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    const cells: HeatCell[] = [];
    for (let column = 0; column < columnCount; column++) {
      const value = spec.value(row, column);
      shown.push(value);
      const cellMarks = spec.marks?.(row, column) ?? { argmax: false, trueClass: false };
      const markText = [cellMarks.argmax ? strings.markArgmax : '', cellMarks.trueClass ? strings.markTrueClass : ''].filter(Boolean).join(', ');
      const text = short(value, digits);
      const spoken = markText ? `${text} (${markText})` : text;
      const target = spec.target?.(row, column);
      cells.push({
        value,
        text,
        title: markText ? `${exact(value)} (${markText})` : exact(value),
        ariaLabel: fill(strings.cellLabel, spec.caption, rowName(row), spec.columnName(column), spoken),
        argmax: cellMarks.argmax,
        trueClass: cellMarks.trueClass,
        ...(target ? { target } : {}),
      });
    }
    rows.push(cells);
  }
  const truncated = rowCount < spec.rowCount || columnCount < spec.columnHeaders.length;
  return {
    id: spec.id,
    caption: spec.caption,
    columnHeaders: spec.columnHeaders.slice(0, columnCount),
    rowHeaders: Array.from({ length: rowCount }, (_, row) => rowName(row)),
    rows,
    scale: spec.scale,
    extent: spec.scale === 'probability' ? 1 : scaleExtent(shown),
    ...(truncated ? { truncation: fill(strings.truncated, rowCount, spec.rowCount, columnCount, spec.columnHeaders.length) } : {}),
  };
}

export function textCell(value: number, digits: number): TextCell {
  return { text: short(value, digits), title: exact(value) };
}

function buildReductions(report: PlainClassificationReport, strings: CalculatorStrings, digits: number): ReductionsView {
  const { options } = report;
  return {
    columnHeaders: [
      strings.reductionQuantity,
      strings.reductionUnweightedMean,
      strings.reductionUnweightedSum,
      fill(strings.reductionDialect, dialectName(strings, options.dialect), reductionName(strings, options.reduction)),
    ],
    rows: [
      {
        label: strings.softmaxCe,
        cells: [report.mean.softmaxCrossEntropy, report.sum.softmaxCrossEntropy, report.reduced.softmaxCrossEntropy].map((v) => textCell(v, digits)),
      },
      {
        label: strings.sigmoidCe,
        cells: [report.mean.sigmoidCrossEntropy, report.sum.sigmoidCrossEntropy, report.reduced.sigmoidCrossEntropy].map((v) => textCell(v, digits)),
      },
    ],
  };
}

function severityLabel(strings: CalculatorStrings, severity: DiagnosticSeverity): string {
  return severity === 'error' ? strings.severityError : severity === 'warning' ? strings.severityWarning : strings.severityInfo;
}

export function diagnosticItem(diagnostic: Diagnostic, strings: CalculatorStrings, tables: readonly HeatTable[]): DiagnosticItem {
  const base = {
    severity: diagnostic.severity,
    severityLabel: severityLabel(strings, diagnostic.severity),
    message: diagnostic.message,
    code: diagnostic.code,
  };
  // `index` is in the user's layout (N-D, class axis anywhere); the tables show the [samples, K] view, so `cell` places it.
  const cell = diagnostic.cell;
  if (!cell || cell.length === 0) return base;
  const tableId: TableId = diagnostic.input === 'labels' ? 'oneHot' : 'softmax';
  const table = tables.find((t) => t.id === tableId);
  const [row, column = 0] = cell;
  if (!table || row >= table.rows.length || column >= (table.rows[row]?.length ?? 0)) return base;
  return { ...base, cell: { table: tableId, row, column } };
}

function buildPrecision(report: PlainClassificationReport, strings: CalculatorStrings, digits: number): PrecisionView {
  const precision = report.precision!;
  const rows = precision.softmaxCrossEntropy.slice(0, MAX_ROWS).map((bigNumber, row) => ({
    label: `${strings.softmaxCe}, ${fill(strings.rowSample, row)}`,
    float64: textCell(report.softmaxCrossEntropy[row], 17),
    bigNumber,
  }));
  return {
    heading: fill(strings.precisionHeading, precision.digits),
    maxError: fill(strings.precisionMaxError, short(precision.maxRelativeError, Math.min(digits, 3))),
    columnHeaders: [strings.reductionQuantity, strings.columnFloat64, strings.columnBigNumber],
    rows,
  };
}

/** A labelled number in a definition list (the theory tabs' results). */
export interface Figure {
  readonly label: string;
  readonly text: string;
  readonly title: string;
}

export function figure(label: string, value: number, digits: number, template?: string): Figure {
  const text = short(value, digits);
  return { label, text: template ? fill(template, text) : text, title: exact(value) };
}

export interface DistributionsView {
  readonly figures: readonly Figure[];
  readonly table: HeatTable;
  readonly diagnostics: readonly DiagnosticItem[];
}

/** p and q row by row (p, q for one pair; p[0], q[0], p[1], … for batches), with the entropies' means as figures. */
export function buildDistributionsView(report: PlainDistributionReport, strings: CalculatorStrings, digits: number): DistributionsView {
  const pairs = report.rows;
  const columns = report.outcomes;
  const rowOf = (row: number) => ({ pair: Math.floor(row / 2), values: row % 2 === 0 ? report.p : report.q });
  const names = [strings.rowP, strings.rowQ];
  const table = buildTable(
    {
      id: 'distributions',
      caption: strings.tableDistributions,
      scale: 'probability',
      columnHeaders: Array.from({ length: columns }, (_, c) => fill(strings.columnClass, c)),
      rowCount: 2 * pairs,
      value: (row, column) => {
        const { pair, values } = rowOf(row);
        return values[pair * columns + column] ?? NaN;
      },
      columnName: (column) => fill(strings.columnClass, column),
      rowName: (row) => (pairs === 1 ? names[row] : `${names[row % 2]}[${Math.floor(row / 2)}]`),
    },
    strings,
    digits,
  );
  return {
    figures: [
      figure(strings.entropy, report.entropy, digits, strings.nats),
      figure(strings.crossEntropy, report.crossEntropy, digits, strings.nats),
      figure(strings.klDivergence, report.klDivergence, digits, strings.nats),
    ],
    table,
    diagnostics: report.diagnostics.map((d) => distributionDiagnostic(d, strings, table)),
  };
}

/** A diagnostic's cell [row, outcome] of p or q, as the row of that input in the interleaved p/q table. */
function distributionDiagnostic(diagnostic: Diagnostic, strings: CalculatorStrings, table: HeatTable): DiagnosticItem {
  const item = diagnosticItem({ ...diagnostic, cell: undefined }, strings, []);
  const cell = diagnostic.cell;
  if (!cell || (diagnostic.input !== 'p' && diagnostic.input !== 'q')) return item;
  const [pair, column = 0] = cell;
  const row = 2 * pair + (diagnostic.input === 'q' ? 1 : 0);
  if (row >= table.rows.length || column >= (table.rows[row]?.length ?? 0)) return item;
  return { ...item, cell: { table: 'distributions', row, column } };
}

export interface LikelihoodView {
  readonly figures: readonly Figure[];
  readonly diagnostics: readonly DiagnosticItem[];
}

export function buildLikelihoodView(report: PlainLikelihoodReport, strings: CalculatorStrings, digits: number): LikelihoodView {
  const figures: Figure[] = [
    { label: strings.trials, text: String(report.trials), title: String(report.trials) },
    { label: strings.successes, text: String(report.successes), title: String(report.successes) },
    figure(strings.mle, report.mle, digits),
    figure(strings.logLikelihood, report.logLikelihood, digits),
  ];
  if (report.theta !== undefined && report.probability !== undefined) {
    figures.push(figure(fill(strings.binomial, report.successes, report.trials, short(report.theta, digits)), report.probability, digits));
  }
  return { figures, diagnostics: report.diagnostics.map((d) => diagnosticItem(d, strings, [])) };
}
