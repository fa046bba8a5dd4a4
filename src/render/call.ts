/**
 * A framework call's result (a catalogue `CallReport`) as text lines for "Insert as comment",
 * and as NumPy / PyTorch source, JSON and Markdown for "Copy". Every format starts from the
 * call with each default filled in, so a pasted result says exactly what was computed.
 */
import type { CallReport } from '../report/model';
import type { Tensor } from '../tensor';
import { pythonList, type CodeFlavour } from './code';
import { diagnosticsJson, nested, type Json } from './json';
import { escapeMarkdown, matrixTable, perSampleTable } from './markdown';
import { formatNumber, formatShape } from './number-format';
import { diagnosticLines, matrixLines } from './text';

function dtype(report: CallReport): string {
  return report.float32 ? 'float32' : 'float64';
}

function isScalar(t: Tensor): boolean {
  return t.shape.length === 0;
}

function reductionLine(report: CallReport, f: (x: number) => string): string | undefined {
  const r = report.reduction;
  if (!r) return undefined;
  return `reduction ${r.name}: sum ${f(r.sum)} / ${f(r.denominator)} (${r.divides})`;
}

export function callText(report: CallReport, digits: number, maxRows = 20): string[] {
  const f = (x: number) => formatNumber(x, digits);
  const value = report.value;
  const lines = [`Loss Lens: ${report.signature}`];
  lines.push(isScalar(value) ? `value = ${f(value.data[0])} (${dtype(report)})` : `value: shape ${formatShape(value.shape)} (${dtype(report)})`);
  const reduction = reductionLine(report, f);
  if (reduction) lines.push(reduction);
  lines.push(...matrixLines('weighted', report.weighted, { digits, summary: false, maxRows }));
  lines.push(...diagnosticLines(report.diagnostics));
  return lines;
}

export function callJson(report: CallReport): { [key: string]: Json } {
  const r = report.reduction;
  return {
    call: report.call,
    framework: report.framework,
    signature: report.signature,
    docs: report.docs,
    dtype: dtype(report),
    arguments: report.arguments.map((a) => ({ name: a.name, value: a.text, source: a.source })),
    value: nested(report.value),
    losses: nested(report.losses),
    weighted: nested(report.weighted),
    reduction: r ? { name: r.name, sum: Number.isFinite(r.sum) ? r.sum : null, denominator: r.denominator, divides: r.divides } : null,
    diagnostics: diagnosticsJson(report.diagnostics),
  };
}

export function callCode(report: CallReport, flavour: CodeFlavour): string {
  const wrap = (t: Tensor) =>
    flavour === 'numpy' ? `np.array(${pythonList(t)}, dtype=np.${dtype(report)})` : `torch.tensor(${pythonList(t)}, dtype=torch.${dtype(report)})`;
  const lines = [
    flavour === 'numpy' ? 'import numpy as np' : 'import torch',
    '',
    `# Loss Lens: ${report.signature}`,
    `value = ${wrap(report.value)}`,
    `losses = ${wrap(report.losses)}`,
    `weighted = ${wrap(report.weighted)}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function callMarkdown(report: CallReport, digits: number): string {
  const f = (x: number) => formatNumber(x, digits);
  const value = report.value;
  const sections = [
    `**Loss Lens** · \`${report.signature.replace(/`/g, "'")}\` (${dtype(report)})`,
    isScalar(value) ? `value = **${f(value.data[0])}**` : `value: shape \`${formatShape(value.shape)}\``,
    callMarkdownBreakdown(report, digits),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** The reduction, the per-sample (or per-element) losses and the diagnostics of a call, as markdown. */
export function callMarkdownBreakdown(report: CallReport, digits: number, limits = { maxRows: Infinity, maxColumns: Infinity }): string {
  const f = (x: number) => formatNumber(x, digits);
  const sections: string[] = [];
  const reduction = reductionLine(report, f);
  if (reduction) sections.push(escapeMarkdown(reduction));
  const tables = { digits, ...limits };
  if (report.weighted.shape.length <= 1 && report.losses.data.length === report.weighted.data.length) {
    sections.push(
      perSampleTable(
        report.weighted.shape,
        [
          { title: 'loss', values: report.losses.data },
          { title: 'weighted', values: report.weighted.data },
        ],
        tables,
      ),
    );
  } else {
    sections.push(matrixTable(report.weighted, tables));
  }
  if (report.diagnostics.length > 0) sections.push(report.diagnostics.map((d) => `- ${d.severity}: ${escapeMarkdown(d.message)}`).join('\n'));
  return sections.join('\n\n');
}
