/**
 * What a hover shows for a literal that has no partner: logits alone (softmax and its
 * entropy) or labels alone (one-hot and smoothed). Paired literals get a full
 * ClassificationReport instead.
 */
import type { Tensor } from '../tensor';
import type { Diagnostic } from './model';

export interface LogitsSummary {
  readonly kind: 'logits';
  readonly shape: readonly number[];
  readonly softmax: Tensor;
  readonly argmax: readonly number[];
  readonly entropy: Float64Array;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LabelsSummary {
  readonly kind: 'labels';
  readonly shape: readonly number[];
  /** K used for one-hot: max(label) + 1, since there are no logits to take it from. */
  readonly classCount: number;
  readonly oneHot: Tensor;
  readonly smoothing: number;
  readonly smoothedLabels: Tensor;
  readonly diagnostics: readonly Diagnostic[];
}
