/**
 * Entropy H(p), cross-entropy H(p, q) and KL(p‖q) of each row of p against the matching row of q
 * (see entropy.ts and kl-divergence.ts for the formulas), and their means over the rows.
 *
 * Layout: the last axis holds the outcomes; every axis before it counts rows, as
 * `scipy.stats.entropy(p, q, axis=-1)` reads them. p and q have the same shape, or one of them is
 * a single row that is compared with every row of the other (NumPy broadcasting of one row).
 *
 * Normalisation (`normalization: 'none'` in the report): rows are used as given, and a row that
 * does not sum to 1 is refused rather than silently rescaled, so a learner comparing H(p, q) by
 * hand sees that the input is not a distribution. The frameworks disagree here, and the error
 * says how: scipy.stats.entropy divides each row by its sum; torch.nn.functional.kl_div and
 * optax.kl_divergence use the values as given; keras.losses.KLDivergence clips both to [1e-7, 1]
 * without rescaling.
 */
import { InputError } from '../errors';
import type { DistributionReport } from '../report/model';
import type { Tensor } from '../tensor';
import { andMore, Diagnostics } from './diagnostics';
import { crossEntropy, entropy } from './entropy';
import { formatIndex, formatShape } from './format';
import { klDivergence } from './kl-divergence';
import { SUM_TOLERANCE } from './labels';
import { unravel } from './layout';

/** What each framework does with a row that does not sum to 1, for the error that refuses one. */
export const UNNORMALIZED_CONVENTIONS =
  'scipy.stats.entropy divides each row by its sum; torch.nn.functional.kl_div and optax.kl_divergence use the values as given; keras.losses.KLDivergence clips them to [1e-7, 1]';

interface Rows {
  readonly data: Float64Array;
  readonly rows: number;
  readonly outcomes: number;
}

/** Entropy, cross-entropy and KL divergence of each row of p against the matching row of q. */
export function analyzeDistributions(p: Tensor, q: Tensor): DistributionReport {
  const diagnostics = new Diagnostics();
  const pOutcomes = outcomesOf(p);
  const qOutcomes = outcomesOf(q);
  const pRowCount = rowsOf(p, pOutcomes);
  const qRowCount = rowsOf(q, qOutcomes);
  if (pOutcomes !== qOutcomes || !(sameShape(p.shape, q.shape) || pRowCount === 1 || qRowCount === 1)) {
    throw new InputError(
      `q has shape ${formatShape(q.shape)} but p has shape ${formatShape(p.shape)}; they must match (or one of them be a single row of the same length)`,
      undefined,
      'q',
    );
  }
  const pRows = readDistributions(p, 'p');
  const qRows = readDistributions(q, 'q');
  const rows = Math.max(pRows.rows, qRows.rows);
  const K = pRows.outcomes;
  const pn = broadcastRows(pRows, rows);
  const qn = broadcastRows(qRows, rows);
  const perRow = { entropy: new Float64Array(rows), crossEntropy: new Float64Array(rows), klDivergence: new Float64Array(rows) };
  for (let r = 0; r < rows; r++) {
    const pr = pn.subarray(r * K, (r + 1) * K);
    const qr = qn.subarray(r * K, (r + 1) * K);
    perRow.entropy[r] = entropy(pr);
    perRow.crossEntropy[r] = crossEntropy(pr, qr);
    perRow.klDivergence[r] = klDivergence(pr, qr);
    if (!Number.isFinite(perRow.crossEntropy[r])) {
      const j = pr.findIndex((v, i) => v > 0 && qr[i] === 0);
      const qIndex = unravel((qRows.rows === 1 ? 0 : r) * K + j, q.shape.length === 0 ? [1] : q.shape);
      const pIndex = unravel((pRows.rows === 1 ? 0 : r) * K + j, p.shape.length === 0 ? [1] : p.shape);
      diagnostics.note(
        'zero-probability',
        'warning',
        (n) => `q${formatIndex(qIndex)} is 0 where p${formatIndex(pIndex)} is not${andMore(n, 'row')}: the cross-entropy and KL divergence are infinite.`,
        'q',
        qIndex,
        [r, j],
      );
    }
  }
  return {
    kind: 'distributions',
    rows,
    outcomes: K,
    normalization: 'none',
    p: pn,
    q: qn,
    entropy: meanOf(perRow.entropy),
    crossEntropy: meanOf(perRow.crossEntropy),
    klDivergence: meanOf(perRow.klDivergence),
    perRow,
    diagnostics: diagnostics.list(),
  };
}

/** Length of the last axis (1 for a scalar). */
function outcomesOf(t: Tensor): number {
  return t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
}

function rowsOf(t: Tensor, outcomes: number): number {
  return outcomes === 0 ? 0 : t.data.length / outcomes;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function broadcastRows(t: Rows, rows: number): Float64Array {
  if (t.rows === rows) return t.data;
  const out = new Float64Array(rows * t.outcomes);
  for (let r = 0; r < rows; r++) out.set(t.data, r * t.outcomes);
  return out;
}

/** Checks each row of one input: finite, ≥ 0, summing to 1. */
function readDistributions(t: Tensor, name: 'p' | 'q'): Rows {
  if (t.data.length === 0) throw new InputError(`${name} holds no values`, undefined, name);
  const shape = t.shape.length === 0 ? [1] : t.shape;
  const outcomes = outcomesOf(t);
  const rows = rowsOf(t, outcomes);
  const indexOf = (flat: number) => (shape.length === 1 ? [flat] : unravel(flat, shape));
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < outcomes; j++) {
      const flat = r * outcomes + j;
      const v = t.data[flat];
      if (!Number.isFinite(v) || v < 0) {
        throw new InputError(`${name}${formatIndex(indexOf(flat))} = ${String(v)}: probabilities must be finite and ≥ 0`, undefined, name, flat);
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      const which = shape.length === 1 ? name : `${name}${formatIndex(unravel(r, shape.slice(0, -1)))}`;
      throw new InputError(
        `${which} sums to ${Number(sum.toPrecision(10))}, not 1 (within ${SUM_TOLERANCE.toExponential()}): divide it by its sum if that is what you mean. Loss Lens does not normalise; ${UNNORMALIZED_CONVENTIONS}.`,
        undefined,
        name,
      );
    }
  }
  return { data: Float64Array.from(t.data), rows, outcomes };
}
