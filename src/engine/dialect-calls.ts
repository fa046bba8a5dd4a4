/**
 * Which catalogue calls each dialect models (dialect.ts computes them; this names them): the
 * softmax and sigmoid cross-entropy on logits, the probability-input losses used when
 * `input = probabilities`, and what the dialect's `mean` divides by. The README's dialect table
 * is generated from this mapping (scripts/docs/catalogue.ts), and a unit test checks every id
 * against `CALLS` and every entry against what `describeDialect`, `probabilityLosses` and the
 * dialect reduction actually do.
 */
import type { Dialect } from '../report/model';

/**
 * What a `mean` divides by: the number of samples, of elements (samples × K), the sum of the
 * class weights of the non-ignored index targets (PyTorch), or the number of nonzero weights
 * (`SUM_BY_NONZERO_WEIGHTS`; every value when there are no weights).
 */
export type MeanDivisor = 'samples' | 'elements' | 'target-weight-sum' | 'nonzero-weights';

export interface DialectCalls {
  /** Softmax cross-entropy on logits: with index labels, and with one-hot or probability targets. */
  readonly softmax: { readonly indices: string; readonly targets: string };
  readonly sigmoid: string;
  /** With `input = probabilities`; null where the framework has no such call (Loss Lens writes −Σ y·log p by hand). */
  readonly probabilities: { readonly softmax: string | null; readonly sigmoid: string | null };
  readonly meanDivides: { readonly softmax: { readonly indices: MeanDivisor; readonly targets: MeanDivisor }; readonly sigmoid: MeanDivisor };
}

export const DIALECT_CALLS: Readonly<Record<Dialect, DialectCalls>> = {
  tf: {
    softmax: { indices: 'tf.nn.sparse_softmax_cross_entropy_with_logits', targets: 'tf.nn.softmax_cross_entropy_with_logits' },
    sigmoid: 'tf.nn.sigmoid_cross_entropy_with_logits',
    probabilities: { softmax: null, sigmoid: 'tf.compat.v1.losses.log_loss' },
    meanDivides: { softmax: { indices: 'samples', targets: 'samples' }, sigmoid: 'elements' },
  },
  'tf-v1': {
    softmax: { indices: 'tf.compat.v1.losses.sparse_softmax_cross_entropy', targets: 'tf.compat.v1.losses.softmax_cross_entropy' },
    sigmoid: 'tf.compat.v1.losses.sigmoid_cross_entropy',
    probabilities: { softmax: null, sigmoid: 'tf.compat.v1.losses.log_loss' },
    meanDivides: { softmax: { indices: 'nonzero-weights', targets: 'nonzero-weights' }, sigmoid: 'nonzero-weights' },
  },
  keras: {
    softmax: { indices: 'keras.losses.SparseCategoricalCrossentropy', targets: 'keras.losses.CategoricalCrossentropy' },
    sigmoid: 'keras.losses.BinaryCrossentropy',
    probabilities: { softmax: 'keras.losses.CategoricalCrossentropy', sigmoid: 'keras.losses.BinaryCrossentropy' },
    // BinaryCrossentropy returns one value per sample (the mean over the last axis), and sum_over_batch_size divides those.
    meanDivides: { softmax: { indices: 'samples', targets: 'samples' }, sigmoid: 'samples' },
  },
  pytorch: {
    softmax: { indices: 'torch.nn.CrossEntropyLoss', targets: 'torch.nn.CrossEntropyLoss' },
    sigmoid: 'torch.nn.BCEWithLogitsLoss',
    probabilities: { softmax: 'torch.nn.NLLLoss', sigmoid: 'torch.nn.BCELoss' },
    meanDivides: { softmax: { indices: 'target-weight-sum', targets: 'samples' }, sigmoid: 'elements' },
  },
  tfjs: {
    softmax: { indices: 'tf.losses.softmaxCrossEntropy', targets: 'tf.losses.softmaxCrossEntropy' },
    sigmoid: 'tf.losses.sigmoidCrossEntropy',
    probabilities: { softmax: null, sigmoid: 'tf.losses.logLoss' },
    meanDivides: { softmax: { indices: 'nonzero-weights', targets: 'nonzero-weights' }, sigmoid: 'nonzero-weights' },
  },
  optax: {
    softmax: { indices: 'optax.softmax_cross_entropy_with_integer_labels', targets: 'optax.softmax_cross_entropy' },
    sigmoid: 'optax.sigmoid_binary_cross_entropy',
    probabilities: { softmax: null, sigmoid: null },
    meanDivides: { softmax: { indices: 'samples', targets: 'samples' }, sigmoid: 'elements' },
  },
};
