/**
 * Negative log-likelihood of log-probabilities, one class index per sample:
 *   ℓ_i = −w[y_i]·log p_{i, y_i},  0 for a sample whose target is ignored
 * torch.nn.functional.nll_loss / torch.nn.NLLLoss (and cross_entropy after its log_softmax),
 * aten/src/ATen/native/LossNLL.cpp: the weighted term is −(log p · w), one float product, and
 * the mean divides Σ ℓ_i by Σ w[y_i] over the samples not ignored (their count without weights).
 */
import { identity } from './label-smoothing';

export interface NegativeLogLikelihoodRows {
  /** −log p_{i, y_i} (0 where ignored): the loss before class weights. */
  readonly losses: Float64Array;
  /** −w[y_i]·log p_{i, y_i}: what reduction 'none' returns. */
  readonly weighted: Float64Array;
  /** w[y_i] per sample, for the weighted mean's denominator; null without class weights. */
  readonly sampleWeights: Float64Array | null;
  /** 1 where the sample counts, 0 where its target was ignored. */
  readonly counted: Uint8Array;
}

/**
 * `logP` is [samples, classes] (classes last); `indices` holds a class per sample, −1 where the
 * target is ignored; `classWeights` one weight per class or null. `round` is Math.fround in
 * float32 mode.
 */
export function negativeLogLikelihoodRows(
  logP: Float64Array,
  classes: number,
  indices: Int32Array,
  classWeights: Float64Array | null,
  round: (v: number) => number = identity,
): NegativeLogLikelihoodRows {
  const samples = indices.length;
  const losses = new Float64Array(samples);
  const weighted = classWeights === null ? losses : new Float64Array(samples);
  const sampleWeights = classWeights === null ? null : new Float64Array(samples);
  const counted = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) {
    const y = indices[i];
    if (y < 0) continue;
    counted[i] = 1;
    const logPy = logP[i * classes + y];
    losses[i] = -logPy;
    if (classWeights !== null && sampleWeights !== null) {
      sampleWeights[i] = classWeights[y];
      weighted[i] = -round(logPy * classWeights[y]);
    }
  }
  return { losses, weighted, sampleWeights, counted };
}

/**
 * The label-smoothing term of torch's cross_entropy for one sample (LossNLL.cpp,
 * cross_entropy_loss_label_smoothing): −Σ_c log p_c, and −Σ_c w_c·log p_c with class weights,
 * summed in class order. The loss is then (1 − ε)·nll + ε/C·smooth.
 */
export function smoothingTermRow(
  logP: Float64Array,
  offset: number,
  classes: number,
  classWeights: Float64Array | null,
  round: (v: number) => number = identity,
): { readonly plain: number; readonly weighted: number } {
  let plain = 0;
  let weighted = 0;
  for (let c = 0; c < classes; c++) {
    const l = logP[offset + c];
    plain = round(plain - l);
    weighted = classWeights === null ? plain : round(weighted - round(l * classWeights[c]));
  }
  return { plain, weighted };
}
