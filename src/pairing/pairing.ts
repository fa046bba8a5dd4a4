/**
 * Decides which literal in a document is the logits and which the labels, so a hover or a
 * one-literal selection can be completed into a loss without asking.
 */
import type { ParsedLiteral } from '../literal';
import type { Tensor } from '../tensor';

export type LiteralRole = 'logits' | 'labels';

const LABEL_NAMES = new Set(['labels', 'label', 'targets', 'target', 'y', 'y_true', 'gt']);
const LOGIT_NAMES = new Set(['logits', 'scores', 'outputs', 'preds', 'y_pred']);

/** The last component of a name, lower-cased: `self.labels` and `batch["labels"]` both say labels. */
function baseName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const parts = name.split(/[.\s]/);
  return parts[parts.length - 1].toLowerCase();
}

export function roleFromName(name: string | undefined): LiteralRole | undefined {
  const base = baseName(name);
  if (base === undefined) return undefined;
  if (LABEL_NAMES.has(base)) return 'labels';
  if (LOGIT_NAMES.has(base)) return 'logits';
  return undefined;
}

function isOneHotOrMultiHot(t: Tensor): boolean {
  return t.shape.length >= 2 && t.data.every((v) => v === 0 || v === 1);
}

/**
 * The role a literal plays: its name when conventional, else its values. Integers are
 * class indices (or one-hot rows); anything fractional is a score.
 */
export function roleOf(literal: ParsedLiteral): LiteralRole {
  const named = roleFromName(literal.name);
  if (named) return named;
  const t = literal.tensor;
  if (literal.integral && (t.shape.length === 1 || isOneHotOrMultiHot(t))) return 'labels';
  return 'logits';
}

/**
 * Whether labels can go with logits: index labels have the logits' shape without its last
 * (class) axis and values in [0, K); dense labels (one-hot, probabilities, multi-hot) have the
 * logits' shape. Binary logits (one per sample, rank 1) take targets of the same shape.
 */
export function labelsFitLogits(logits: Tensor, labels: Tensor): boolean {
  const ls = logits.shape;
  const ys = labels.shape;
  if (ls.length === 0) return false;
  if (sameShape(ls, ys)) return true;
  if (ys.length !== ls.length - 1 || !sameShape(ls.slice(0, -1), ys)) return false;
  const classes = ls[ls.length - 1];
  return labels.data.every((v) => Number.isInteger(v) && v >= 0 && v < classes);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

export interface Pair {
  readonly logits: ParsedLiteral;
  readonly labels: ParsedLiteral;
}

/**
 * Finds the partner of `target` among `candidates` (all literals of the document, in order):
 * a literal of the other role whose shape fits, preferring one with a conventional name, then
 * the nearest one.
 */
export function findPartner(target: ParsedLiteral, candidates: readonly ParsedLiteral[]): Pair | undefined {
  const role = roleOf(target);
  let best: { pair: Pair; named: boolean; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.start === target.start && candidate.end === target.end) continue;
    const pair = role === 'logits' ? { logits: target, labels: candidate } : { logits: candidate, labels: target };
    if (roleOf(candidate) === role || !labelsFitLogits(pair.logits.tensor, pair.labels.tensor)) continue;
    const named = roleFromName(candidate.name) !== undefined;
    const distance = candidate.start > target.start ? candidate.start - target.end : target.start - candidate.end;
    if (!best || (named && !best.named) || (named === best.named && distance < best.distance)) {
      best = { pair, named, distance };
    }
  }
  return best?.pair;
}

/**
 * Orders two literals as logits and labels, whichever order they were selected in. Falls back
 * to source order when both look alike.
 */
export function orderPair(first: ParsedLiteral, second: ParsedLiteral): Pair {
  const firstRole = roleOf(first);
  const secondRole = roleOf(second);
  if (firstRole === 'labels' && secondRole !== 'labels') return { logits: second, labels: first };
  if (firstRole === secondRole && labelsFitLogits(second.tensor, first.tensor) && !labelsFitLogits(first.tensor, second.tensor)) {
    return { logits: second, labels: first };
  }
  return { logits: first, labels: second };
}
