/**
 * The target arrays the report shows — one-hot (hard) targets, smoothed softmax targets and
 * sigmoid targets — materialised on first read. The kernel never stores them: each target is
 * y·keep + floor of a hard target it already has (an index, or a label value), so it computes
 * them inline, and a summary (CLI `--summary`, the worker's large selections) never pays for
 * three [samples, K] arrays it does not print.
 *
 * Values are what the kernel used, operation for operation: y' = round(round(y·keep) + floor),
 * 0 for an ignored sample (index −1). Arrays are shared where two hold the same numbers (no
 * smoothing: smoothed = hard; sigmoid smoothing equal to softmax smoothing: sigmoid = smoothed).
 */
import { xLogX } from './entropy';
import type { SmoothingConstants } from './label-smoothing';
import { memo } from './memo';
import type { KernelInput } from './kernel';

export interface Targets {
  /** One-hot / hard targets: [samples, K] ([samples, 2] as [1 − z, z] for binary). */
  readonly hard: () => Float64Array;
  /** Softmax targets after smoothing; `hard()` itself when ε = 0. */
  readonly smoothed: () => Float64Array;
  /** Sigmoid targets: [samples, K] ([samples] for binary); shares `smoothed()` or the hard targets when equal. */
  readonly sigmoid: () => Float64Array;
  /** Hard sigmoid targets: `hard()` for categorical, the labels themselves for binary. */
  readonly sigmoidHard: () => Float64Array;
}

function sameConstants(a: SmoothingConstants, b: SmoothingConstants): boolean {
  return a.keep === b.keep && a.floor === b.floor;
}

/** y·keep + floor element-wise, rounded as the kernel rounds; rows of ignored samples stay 0. */
function smoothEach(hard: Float64Array, c: SmoothingConstants, input: KernelInput, round: (v: number) => number): Float64Array {
  const out = new Float64Array(hard.length);
  for (let e = 0; e < hard.length; e++) out[e] = round(round(hard[e] * c.keep) + c.floor);
  const { indices, columns } = input;
  if (indices) for (let i = 0; i < input.samples; i++) if (indices[i] < 0) out.fill(0, i * columns, (i + 1) * columns);
  return out;
}

/** [1 − z, z] per sample from the binary targets z. */
function binaryPairs(z: Float64Array, round: (v: number) => number): Float64Array {
  const out = new Float64Array(2 * z.length);
  for (let i = 0; i < z.length; i++) {
    out[2 * i] = round(1 - z[i]);
    out[2 * i + 1] = z[i];
  }
  return out;
}

export function lazyTargets(input: KernelInput, round: (v: number) => number): Targets {
  const { samples, columns, binary, indices, labels, constants } = input;
  const softmaxSmoothing = constants.softmax.floor !== 0;
  const sigmoidSmoothing = constants.sigmoid.floor !== 0;

  if (binary) {
    const z = labels as Float64Array;
    const sigmoid = sigmoidSmoothing ? memo(() => smoothEach(z, constants.sigmoid, input, round)) : () => z;
    const hard = memo(() => binaryPairs(z, round));
    const smoothed = softmaxSmoothing ? memo(() => binaryPairs(smoothEach(z, constants.softmax, input, round), round)) : hard;
    return { hard, smoothed, sigmoid, sigmoidHard: () => z };
  }

  const hard = indices
    ? memo(() => {
        const out = new Float64Array(samples * columns);
        for (let i = 0; i < samples; i++) if (indices[i] >= 0) out[i * columns + indices[i]] = 1;
        return out;
      })
    : () => labels as Float64Array;
  const smoothed = softmaxSmoothing ? memo(() => smoothEach(hard(), constants.softmax, input, round)) : hard;
  let sigmoid: () => Float64Array;
  if (!sigmoidSmoothing) sigmoid = hard;
  else if (sameConstants(constants.sigmoid, constants.softmax)) sigmoid = smoothed;
  else sigmoid = memo(() => smoothEach(hard(), constants.sigmoid, input, round));
  return { hard, smoothed, sigmoid, sigmoidHard: hard };
}

/**
 * H(y') of each sample's softmax target row for dense labels (soft, multi-hot, binary), from the
 * labels as the rows would hold them: the same numbers as the entropies of `smoothed()`, without
 * building that [samples, K] array for a summary.
 */
export function smoothedLabelEntropies(input: KernelInput, round: (v: number) => number, out: Float64Array): void {
  const { samples, columns, binary, constants } = input;
  const y = input.labels as Float64Array;
  const { keep, floor } = constants.softmax;
  const smooth = floor !== 0 ? (v: number) => round(round(v * keep) + floor) : (v: number) => v;
  for (let i = 0; i < samples; i++) {
    let h = 0;
    if (binary) {
      const z = smooth(y[i]);
      h -= xLogX(round(1 - z));
      h -= xLogX(z);
    } else {
      for (let j = 0; j < columns; j++) h -= xLogX(smooth(y[i * columns + j]));
    }
    out[i] = h;
  }
}
