/**
 * Number text for the calculator. Cells use the same short form as the hovers (significant
 * digits from `lossLens.precision`); tooltips and derivations use the shortest text that
 * reads back to the exact float64, so nothing is hidden from a user who hovers.
 */
import { formatNumber } from '../render/number-format';
import type { CalculatorStrings } from '../vscode/calculator/strings';
import type { Dialect, LabelKind, Reduction } from '../report/model';

export function short(value: number, digits: number): string {
  return formatNumber(value, digits);
}

/** Shortest round-trip text of a float64 ("0.6996759812098481"). */
export function exact(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

/** Shortest text that rounds back to the same float32 ("0.69967604"). */
export function exactFloat32(value: number): string {
  if (!Number.isFinite(value)) return exact(value);
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = target.toPrecision(digits);
    if (Math.fround(Number(candidate)) === target) return String(Number(candidate));
  }
  return String(target);
}

export function dialectName(strings: CalculatorStrings, dialect: Dialect): string {
  switch (dialect) {
    case 'tf':
      return strings.dialectTf;
    case 'keras':
      return strings.dialectKeras;
    case 'pytorch':
      return strings.dialectPytorch;
    case 'tf-v1':
      return strings.dialectTfV1;
    case 'tfjs':
      return strings.dialectTfjs;
    case 'optax':
      return strings.dialectOptax;
  }
}

export function reductionName(strings: CalculatorStrings, reduction: Reduction): string {
  switch (reduction) {
    case 'none':
      return strings.reductionNone;
    case 'mean':
      return strings.reductionMean;
    case 'sum':
      return strings.reductionSum;
  }
}

export function labelKindName(strings: CalculatorStrings, kind: LabelKind): string {
  switch (kind) {
    case 'indices':
      return strings.labelKindIndices;
    case 'one-hot':
      return strings.labelKindOneHot;
    case 'multi-hot':
      return strings.labelKindMultiHot;
    case 'probabilities':
      return strings.labelKindProbabilities;
    case 'binary':
      return strings.labelKindBinary;
  }
}
