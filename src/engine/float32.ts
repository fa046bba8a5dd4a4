/**
 * Float32 mode: the numbers TensorFlow and PyTorch print for float32 tensors. Inputs are rounded
 * to float32 first; then every operation's result is rounded (Math.fround), in the order
 * TensorFlow's kernels apply them:
 * - softmax (Eigen SoftmaxFunctor): e_j = exp(x_j − m), p_j = e_j · (1 / Σ e);
 * - softmax cross-entropy (XentFunctor): Σ_j y_j · (log Σ e − (x_j − m));
 * - sigmoid cross-entropy: (max(x, 0) − x·z) + log1p(exp(−|x|));
 * - smoothing: y·(1 − ε) + ε/K with 1 − ε and ε/K rounded first;
 * - sums: sequential float32 additions.
 * exp, log and log1p are the float64 functions of the float32 argument, rounded once, so each is
 * within half a float32 ulp of the exact value; Eigen's float32 approximations can differ by one
 * ulp more, and vectorised sums may add in another order, so agreement is to an ulp or two.
 */
import { binaryRow, generalRow, noteProbabilityRow, noteUniform, type KernelArrays, type KernelFindings, type KernelInput } from './kernel';

export const fround = Math.fround;

export function toFloat32(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fround(values[i]);
  return out;
}

/** Every row through the general path with float32 rounding; `input` must already hold float32 values. */
export function runFloat32(input: KernelInput, out: KernelArrays, findings: KernelFindings): void {
  const { samples, columns: K, logits: x } = input;
  for (let i = 0; i < samples; i++) {
    const status = input.binary ? binaryRow(i, input, out, fround) : generalRow(i, input, out, fround);
    if (status !== 'finite') {
      findings.specialRows.push({ row: i, status });
      continue;
    }
    if (input.binary) continue;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let j = 0; j < K; j++) {
      const v = x[i * K + j];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    if (min === max) noteUniform(findings, i);
    if (max <= 1 && min >= 0) noteProbabilityRow(findings, x, i * K, K, sum);
  }
}

/** How many float32 values lie between a and b (0 when equal), for comparing with printed output. */
export function float32UlpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(8));
  const ordered = (v: number) => {
    view.setFloat32(0, v);
    const bits = view.getInt32(0);
    return bits < 0 ? -(bits & 0x7fffffff) : bits;
  };
  return Math.abs(ordered(a) - ordered(b));
}
