/**
 * What a hovered literal means: a full classification report when the document holds its
 * partner, else a summary of the literal alone (softmax for logits, one-hot for labels).
 */
import { analyzeClassification, oneHot, rowEntropies, smoothLabels, softmax } from '../engine';
import { formatIndex } from '../engine/format';
import { unravel } from '../engine/layout';
import { InputError } from '../errors';
import type { ParsedLiteral } from '../literal';
import type { ClassificationOptions, ClassificationReport, Diagnostic } from '../report/model';
import type { LabelsSummary, LogitsSummary } from '../report/summaries';
import type { Tensor } from '../tensor';
import { findPartner, roleOf } from './pairing';

export type LiteralDescription =
  | { readonly kind: 'pair'; readonly report: ClassificationReport; readonly logits: ParsedLiteral; readonly labels: ParsedLiteral }
  | { readonly kind: 'logits'; readonly summary: LogitsSummary; readonly literal: ParsedLiteral }
  | { readonly kind: 'labels'; readonly summary: LabelsSummary; readonly literal: ParsedLiteral };

export function describeLiteral(literal: ParsedLiteral, documentLiterals: readonly ParsedLiteral[], options: ClassificationOptions): LiteralDescription {
  const pair = findPartner(literal, documentLiterals);
  if (pair) {
    const report = analyzeClassification(pair.logits.tensor, pair.labels.tensor, options);
    return { kind: 'pair', report, logits: pair.logits, labels: pair.labels };
  }
  return roleOf(literal) === 'labels'
    ? { kind: 'labels', summary: summarizeLabels(literal.tensor, options.smoothing), literal }
    : { kind: 'logits', summary: summarizeLogits(literal.tensor), literal };
}

export function summarizeLogits(logits: Tensor): LogitsSummary {
  const probabilities = softmax(logits);
  const classes = logits.shape.length === 0 ? 1 : logits.shape[logits.shape.length - 1];
  const rows = classes === 0 ? 0 : logits.data.length / classes;
  const argmax: number[] = [];
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (probabilities.data[i * classes + j] > probabilities.data[i * classes + best]) best = j;
    argmax.push(best);
  }
  return {
    kind: 'logits',
    shape: logits.shape,
    softmax: probabilities,
    argmax,
    entropy: rowEntropies(probabilities.data, rows, classes),
    diagnostics: probabilityRowDiagnostics(logits, rows, classes),
  };
}

/** Rows that are already distributions were probably meant as probabilities, not logits. */
function probabilityRowDiagnostics(logits: Tensor, rows: number, classes: number): Diagnostic[] {
  if (classes < 2) return [];
  let count = 0;
  let first = -1;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    let inUnitInterval = true;
    for (let j = 0; j < classes; j++) {
      const v = logits.data[i * classes + j];
      sum += v;
      if (!(v >= 0 && v <= 1)) inUnitInterval = false;
    }
    if (inUnitInterval && Math.abs(sum - 1) <= 1e-6) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (count === 0) return [];
  const rowsText = count === rows ? 'Every row' : `${count} of ${rows} rows (first: row ${first})`;
  return [
    {
      severity: 'warning',
      code: 'probabilities-as-logits',
      message: `${rowsText} already sums to 1 with entries in [0, 1]: these look like probabilities, not logits. Softmax of probabilities flattens them; pass logits, or take log first.`,
      input: 'logits',
      index: [first],
    },
  ];
}

/** Labels without logits: K can only be max(label) + 1, and the hover says so. */
/** Most values a lone-labels summary builds (N·K for its one-hot and smoothed rows). */
export const MAX_SUMMARY_VALUES = 10_000_000;

export function summarizeLabels(labels: Tensor, smoothing: number): LabelsSummary {
  const isIndexVector = !(labels.shape.length >= 2 && labels.data.every((v) => v === 0 || v === 1));
  let hard: Tensor;
  let classes: number;
  if (isIndexVector) {
    let largest = 0;
    let largestAt = 0;
    for (let i = 0; i < labels.data.length; i++) {
      if (labels.data[i] > largest) {
        largest = labels.data[i];
        largestAt = i;
      }
    }
    classes = Number.isInteger(largest) ? largest + 1 : 1;
    // K = max + 1 is only a guess without logits; a huge label would make rows of billions.
    if (classes * labels.data.length > MAX_SUMMARY_VALUES) {
      throw new InputError(
        `labels${formatIndex(unravel(largestAt, labels.shape))} = ${largest} would make K = ${classes} classes, too many for one-hot rows (${MAX_SUMMARY_VALUES} values at most); class indices are small whole numbers`,
        undefined,
        'labels',
        largestAt,
      );
    }
    hard = oneHot(labels, classes);
  } else {
    classes = labels.shape[labels.shape.length - 1];
    hard = labels;
  }
  return {
    kind: 'labels',
    shape: labels.shape,
    classCount: classes,
    oneHot: hard,
    smoothing,
    smoothedLabels: smoothLabels(hard, smoothing),
    diagnostics: [],
  };
}
