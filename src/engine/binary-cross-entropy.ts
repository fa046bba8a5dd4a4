/**
 * Binary cross-entropy of a probability p against a target z ∈ [0, 1], element-wise:
 *   ℓ = −(z·log p' + (1 − z)·log(1 − p')),  p' = clip(p, low, high)
 * Keras (keras/src/backend/tensorflow/nn.py binary_crossentropy, from_logits=False) clips p to
 * [1e-7, 1 − 1e-7] and computes in this order: bce = z·log p'; bce += (1 − z)·log(1 − p'); −bce.
 * From logits the stable sigmoid form in sigmoid-cross-entropy.ts applies instead.
 */
import { clip, type ClipRange } from './clipping';
import { identity } from './label-smoothing';

/** `round` is Math.fround in float32 mode, applied after each operation. */
export function clippedBinaryCrossEntropy(z: number, p: number, range: ClipRange, round: (v: number) => number = identity): number {
  const clipped = clip(p, range);
  const positive = round(z * round(Math.log(clipped)));
  const negative = round(round(1 - z) * round(Math.log(round(1 - clipped))));
  return -round(positive + negative);
}
