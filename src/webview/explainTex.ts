/**
 * TeX for the parts of an explanation the host sends as numbers: the cross-entropy
 * decomposition and the gradient row. The derivation steps arrive as TeX already.
 */
import type { DerivationResult } from '../vscode/calculator/protocol';
import { short } from './format';

function texNumber(value: number, digits: number): string {
  if (Number.isNaN(value)) return '\\mathrm{NaN}';
  if (!Number.isFinite(value)) return value > 0 ? '\\infty' : '-\\infty';
  const text = short(value, digits);
  const [mantissa, exponent] = text.split('e');
  return exponent === undefined ? mantissa : `${mantissa}\\times 10^{${Number(exponent)}}`;
}

export function decompositionTex(decomposition: NonNullable<DerivationResult['decomposition']>, digits: number): string {
  const { entropy, klDivergence, crossEntropy } = decomposition;
  return (
    `H(y, p) = H(y) + \\mathrm{KL}(y \\,\\|\\, p) = ` +
    `${texNumber(entropy, digits)} + ${texNumber(klDivergence, digits)} = ${texNumber(crossEntropy, digits)}`
  );
}

export function gradientTex(result: DerivationResult, digits: number): string | undefined {
  const gradient = result.gradient;
  if (!gradient || gradient.length === 0) return undefined;
  const values = gradient.map((g) => texNumber(g, digits)).join(',\\ ');
  return result.derivation.loss === 'sigmoidCrossEntropy'
    ? `\\frac{\\partial L}{\\partial x} = \\sigma(x) - z = ${values}`
    : `\\frac{\\partial L}{\\partial x} = p - y = \\left[${values}\\right]`;
}
