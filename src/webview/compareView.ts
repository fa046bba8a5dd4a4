/**
 * The Compare tab's tables: one column per dialect with cells that differ from the selected
 * dialect flagged, and per-sample losses in float64, float32 and BigNumber with the digits
 * that agree with the BigNumber value told apart from those that do not.
 */
import type { Dialect } from '../report/model';
import type { Comparison, DialectResult } from '../vscode/calculator/protocol';
import type { CalculatorStrings } from '../vscode/calculator/strings';
import { dialectName, exact, exactFloat32, short } from './format';
import { fill } from './text';

export interface CompareCell {
  readonly text: string;
  readonly title: string;
  readonly differs: boolean;
  readonly ariaLabel: string;
}

export interface DialectTable {
  readonly columnHeaders: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly CompareCell[] }[];
}

/** Equal up to float64 noise; NaN equals NaN and infinities equal themselves. */
export function sameValue(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

const MAX_COMPARE_ROWS = 60;

export function buildDialectTable(comparison: Comparison, selected: Dialect, strings: CalculatorStrings, digits: number): DialectTable {
  const results = comparison.dialects;
  const reference = results.find((r) => r.dialect === selected) ?? results[0];
  const names = results.map((r) => dialectName(strings, r.dialect));
  const referenceName = reference ? dialectName(strings, reference.dialect) : '';
  const numericRow = (label: string, pick: (r: DialectResult) => number | undefined) => ({
    label,
    cells: results.map((result, i) => {
      const value = pick(result);
      if (value === undefined) return { text: '', title: '', differs: false, ariaLabel: `${label}, ${names[i]}` };
      const referenceValue = reference ? pick(reference) : undefined;
      const differs = referenceValue !== undefined && !sameValue(value, referenceValue);
      const spoken = differs ? `${short(value, digits)}, ${fill(strings.compareDiffers, referenceName)}` : short(value, digits);
      return { text: short(value, digits), title: exact(value), differs, ariaLabel: `${label}, ${names[i]}: ${spoken}` };
    }),
  });
  const rows = [
    numericRow(strings.compareReducedSoftmax, (r) => r.reduced.softmaxCrossEntropy),
    numericRow(strings.compareReducedSigmoid, (r) => r.reduced.sigmoidCrossEntropy),
    {
      label: strings.compareSigmoidSmoothing,
      cells: results.map((result, i) => {
        const text = result.sigmoidSmoothing === 'binary' ? strings.compareSmoothingBinary : strings.compareSmoothingClasses;
        const differs = reference !== undefined && result.sigmoidSmoothing !== reference.sigmoidSmoothing;
        return { text, title: text, differs, ariaLabel: `${strings.compareSigmoidSmoothing}, ${names[i]}: ${text}` };
      }),
    },
  ];
  const samples = Math.min(reference?.softmaxCrossEntropy.length ?? 0, MAX_COMPARE_ROWS);
  for (let row = 0; row < samples; row++) {
    rows.push(numericRow(fill(strings.compareSampleSoftmax, fill(strings.rowSample, row)), (r) => r.softmaxCrossEntropy[row]));
  }
  const shape = reference?.sigmoidShape ?? [];
  const columns = shape.length >= 2 ? shape[shape.length - 1] : 1;
  const elements = Math.min(reference?.sigmoidCrossEntropy.length ?? 0, MAX_COMPARE_ROWS);
  for (let i = 0; i < elements; i++) {
    const where = columns > 1 ? `[${Math.floor(i / columns)}, ${i % columns}]` : `[${i}]`;
    rows.push(numericRow(fill(strings.compareElementSigmoid, where), (r) => r.sigmoidCrossEntropy[i]));
  }
  return { columnHeaders: [strings.compareQuantity, ...names], rows };
}

interface DecimalDigits {
  readonly negative: boolean;
  /** Significant digits, no leading zeros ("69967598..."). */
  readonly digits: string;
  /** Position of the decimal point relative to the first significant digit. */
  readonly exponent: number;
}

/** Reads "0.0069967", "-1.5e-7", "12.5" into sign, significant digits and exponent. */
export function decimalDigits(value: string): DecimalDigits | undefined {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(value.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(leading).replace(/0+$/, '');
  if (digits === '') return { negative: sign === '-', digits: '', exponent: 0 };
  return { negative: sign === '-', digits, exponent: whole.length - leading + Number(exponentText) };
}

export interface DigitSplit {
  /** Leading part of the text whose significant digits agree with the reference. */
  readonly agree: string;
  readonly rest: string;
  readonly correctDigits: number;
}

/** Splits `candidate` where its significant digits first disagree with `reference`. */
export function splitAtDisagreement(candidate: string, reference: string): DigitSplit {
  const a = decimalDigits(candidate);
  const b = decimalDigits(reference);
  if (!a || !b || a.negative !== b.negative || a.exponent !== b.exponent) {
    return { agree: '', rest: candidate, correctDigits: 0 };
  }
  let same = 0;
  while (same < a.digits.length && a.digits[same] === (b.digits[same] ?? '0')) same++;
  if (same === a.digits.length) return { agree: candidate, rest: '', correctDigits: same };
  let seen = 0;
  let started = false;
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate[i];
    if (c === 'e' || c === 'E') break;
    if (c >= '0' && c <= '9') {
      if (c !== '0') started = true;
      if (started) {
        if (seen === same) return { agree: candidate.slice(0, i), rest: candidate.slice(i), correctDigits: same };
        seen++;
      }
    }
  }
  return { agree: candidate, rest: '', correctDigits: same };
}

export interface PrecisionCell {
  readonly split: DigitSplit;
  readonly title: string;
}

export interface PrecisionTable {
  readonly heading: string;
  readonly columnHeaders: readonly string[];
  readonly rows: readonly {
    readonly label: string;
    readonly float64: PrecisionCell;
    readonly float32: PrecisionCell;
    readonly bigNumber: string;
  }[];
}

export function buildPrecisionTable(comparison: Comparison, strings: CalculatorStrings): PrecisionTable {
  const cell = (text: string, reference: string): PrecisionCell => {
    const split = splitAtDisagreement(text, reference);
    return { split, title: fill(strings.correctDigits, split.correctDigits) };
  };
  return {
    heading: fill(strings.precisionCompareHeading, comparison.precisionDigits),
    columnHeaders: [strings.compareQuantity, strings.columnFloat64, strings.columnFloat32, strings.columnBigNumber],
    rows: comparison.precision.slice(0, MAX_COMPARE_ROWS).map((row) => {
      const where = row.index.length > 1 ? `[${row.index.join(', ')}]` : fill(strings.rowSample, row.index[0] ?? 0);
      const label = row.quantity === 'softmaxCrossEntropy' ? fill(strings.compareSampleSoftmax, where) : fill(strings.compareElementSigmoid, where);
      return {
        label,
        float64: cell(exact(row.float64), row.bigNumber),
        float32: cell(exactFloat32(row.float32), row.bigNumber),
        bigNumber: row.bigNumber,
      };
    }),
  };
}
