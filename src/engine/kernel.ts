/**
 * The fused per-row pass behind analyzeClassification: softmax, entropy, one-hot, smoothed
 * targets, softmax cross-entropy (smoothed and hard) and sigmoid cross-entropy in one sweep over
 * the logits, a few short loops per row (maximum, exponentials, the rest) while
 * the row sits in cache. Each element costs one Math.exp and one Math.log1p: the sigmoid's
 * e^{−|x|} is derived from the softmax's e^{x − m} (see SHARED_EXP_LIMIT).
 *
 * The float64 loops are plain typed-array code; branches that depend on the options are taken
 * once per row where it matters. Rows the fast loops cannot finish (an infinite or NaN logit,
 * |max| beyond the shared-exponential range, an ignored sample, a non-finite result) are handed to
 * `generalRow`, which follows the special-value rules of softmax.ts and sigmoid-cross-entropy.ts.
 * Float32 mode runs every row through `generalRow` with Math.fround (see float32.ts). Log-softmax
 * (float64) and the hard-target sigmoid loss are left to `logSoftmaxOf` and `sigmoidHardOf`,
 * which run only when someone reads them.
 *
 * Formulas (y' = y·keep + floor, d_j = x_j − m, S = Σ e^{d_j}):
 *   log softmax_j = d_j − log S,  entropy = log S − Σ e^{d_j}·d_j / S,
 *   CE(index y) = floor·(K·log S − Σ d_j) + keep·(log S − d_y),  CE(dense) = Σy'·log S − Σ y'·d,
 *   sigmoid CE = max(x, 0) − x·z + log1p(e^{−|x|}).
 */
import { crossEntropyFromLogProbabilities } from './softmax-cross-entropy';
import { identity, type SmoothingConstants } from './label-smoothing';
import { sigmoidCrossEntropyAt } from './sigmoid-cross-entropy';
import { softmaxRow, type RowStatus } from './softmax';

/** The smoothing in force: softmax targets (ε/K, or ε/2 for binary) and sigmoid targets (ε/K or ε/2). */
export interface TargetConstants {
  readonly softmax: SmoothingConstants;
  readonly sigmoid: SmoothingConstants;
}

export interface KernelArrays {
  /** One-hot / hard targets: [samples, K] ([samples, 2] as [1 − z, z] for binary). */
  readonly hard: Float64Array;
  /** Softmax targets after smoothing; the same array as `hard` when ε = 0. */
  readonly smoothed: Float64Array;
  /** Sigmoid targets: [samples, K] ([samples] for binary); shares `smoothed` or `hard` when equal. */
  readonly sigmoidTargets: Float64Array;
  /** Hard sigmoid targets: `hard` for categorical, the labels themselves for binary. */
  readonly sigmoidHardTargets: Float64Array;
  readonly softmax: Float64Array;
  /** Null in float64 mode for class logits: derived on demand by `logSoftmaxOf`. */
  readonly logSoftmax: Float64Array | null;
  readonly logSumExp: Float64Array;
  readonly argmax: Int32Array;
  readonly entropy: Float64Array;
  readonly crossEntropy: Float64Array;
  /** Empty when ε = 0 (then it equals `crossEntropy`). */
  readonly crossEntropyHard: Float64Array;
  /** H of each target row; left for the caller to fill. */
  readonly labelEntropy: Float64Array;
  readonly sigmoid: Float64Array;
}

export interface RowFinding {
  readonly row: number;
  readonly status: RowStatus;
}

/** What the pass noticed, for diagnostics. */
export interface KernelFindings {
  /** Rows whose softmax needed the special-value rules (status ≠ finite), in row order. */
  readonly specialRows: RowFinding[];
  /** Rows of logits inside [0, 1] that sum to 1: probabilities passed as logits? */
  probabilityRows: number;
  firstProbabilityRow: number;
  /** Rows whose logits are all equal (uniform softmax). */
  uniformRows: number;
  firstUniformRow: number;
}

export interface KernelInput {
  readonly samples: number;
  /** K of the logits (1 for binary). */
  readonly columns: number;
  readonly binary: boolean;
  readonly logits: Float64Array;
  readonly indices: Int32Array | null;
  readonly labels: Float64Array | null;
  readonly constants: TargetConstants;
  /** One positive-class weight per column, or null for the plain sigmoid loss. */
  readonly posWeight: Float64Array | null;
}

const PROBABILITY_ROW_TOLERANCE = 1e-6;
/** Elements up to which the [samples, K] outputs share one buffer. */
const SHARED_BUFFER_LIMIT = 1 << 17;

export function newFindings(): KernelFindings {
  return { specialRows: [], probabilityRows: 0, firstProbabilityRow: -1, uniformRows: 0, firstUniformRow: -1 };
}

function sameConstants(a: SmoothingConstants, b: SmoothingConstants): boolean {
  return a.keep === b.keep && a.floor === b.floor;
}

/**
 * Allocates the outputs, sharing arrays wherever two of them hold the same numbers. Log-softmax
 * is allocated only when `eagerLogSoftmax` (float32 mode rounds it per operation, binary writes
 * it in passing); otherwise `logSoftmaxOf` derives it when someone asks. For small batches the
 * arrays are views into two buffers (one for [samples, K] data, one per sample): allocation is
 * most of the fixed cost there.
 */
export function allocateArrays(input: KernelInput, eagerLogSoftmax: boolean): KernelArrays {
  const { samples, columns, binary, constants, labels } = input;
  const size = samples * (binary ? 2 : columns);
  const sigmoidSize = binary ? samples : size;
  const smoothing = constants.softmax.floor !== 0;
  const sigmoidSmoothing = constants.sigmoid.floor !== 0;
  const ownHard = binary || labels === null;
  const sigmoidShares = binary ? !sigmoidSmoothing : !sigmoidSmoothing || sameConstants(constants.sigmoid, constants.softmax);
  const ownLogSoftmax = eagerLogSoftmax || binary;
  const blockSize =
    (ownHard ? size : 0) + (smoothing ? size : 0) + (sigmoidShares ? 0 : sigmoidSize) + size + (ownLogSoftmax ? size : 0) + sigmoidSize;
  // Small outputs share one buffer (one allocation instead of several); large ones get their
  // own, since a single huge buffer measured slower to allocate and fill than several 8 MB ones.
  const block = blockSize <= SHARED_BUFFER_LIMIT ? new Float64Array(blockSize) : null;
  let used = 0;
  const take = (length: number) => (block ? block.subarray(used, (used += length)) : new Float64Array(length));

  const hard = ownHard ? take(size) : (labels as Float64Array);
  const smoothed = smoothing ? take(size) : hard;
  const sigmoidHardTargets = binary ? (labels as Float64Array) : hard;
  let sigmoidTargets: Float64Array;
  if (!sigmoidShares) sigmoidTargets = take(sigmoidSize);
  else if (binary || !sigmoidSmoothing) sigmoidTargets = sigmoidHardTargets;
  else sigmoidTargets = smoothed;
  const softmax = take(size);
  const logSoftmax = ownLogSoftmax ? take(size) : null;
  const sigmoid = take(sigmoidSize);

  const perSample = new Float64Array(samples * (smoothing ? 5 : 4));
  let at = 0;
  const row = () => perSample.subarray(at, (at += samples));
  return {
    hard,
    smoothed,
    sigmoidTargets,
    sigmoidHardTargets,
    softmax,
    logSoftmax,
    logSumExp: row(),
    argmax: new Int32Array(samples),
    entropy: row(),
    crossEntropy: row(),
    crossEntropyHard: smoothing ? row() : new Float64Array(0),
    labelEntropy: row(),
    sigmoid,
  };
}

/** Float64 pass over every row; fills `out` and `findings`. */
export function runFloat64(input: KernelInput, out: KernelArrays, findings: KernelFindings): void {
  if (input.binary) {
    for (let i = 0; i < input.samples; i++) {
      const status = binaryRow(i, input, out, identity);
      const loss = out.sigmoid[i] + out.crossEntropy[i];
      if (status !== 'finite' || loss - loss !== 0) findings.specialRows.push({ row: i, status });
    }
    return;
  }
  if (input.indices) indexRows(input, input.indices, out, findings);
  else denseRows(input, out, findings);
}

/**
 * Logits up to this size in magnitude let the softmax exponential serve the sigmoid loss too:
 * e^{−|x|} = min(e^{x−m}·e^{m}, 1 / (e^{x−m}·e^{m})) with e^{m} finite. Rows beyond it take the
 * general path. The derived e^{−|x|} carries the rounding of x − m, a relative error below
 * |x − m|·2⁻⁵³ (about 1e-14 for logit gaps of 100).
 */
const SHARED_EXP_LIMIT = 700;
/** Below this the derived e^{−|x|} has lost precision (or underflowed) and is recomputed. */
const TINY = 1e-290;

function rowMax(x: Float64Array, o: number, K: number): number {
  let m = x[o];
  for (let j = 1; j < K; j++) {
    const v = x[o + j];
    if (v > m) m = v;
  }
  return m;
}

function argmaxOf(x: Float64Array, o: number, K: number, m: number): number {
  for (let j = 0; j < K; j++) if (x[o + j] === m) return j;
  return 0;
}

/** Reused result of `exponentials`, so the row loop allocates nothing. */
const rowSums = { sum: 0, shift: 0, expShift: 0 };

/** P[j] = e^{x_j − m}; returns Σ e^{d}, Σ d and Σ e^{d}·d with d = x − m (NaN if any logit is NaN). */
function exponentials(x: Float64Array, o: number, K: number, m: number, P: Float64Array): typeof rowSums {
  let sum = 0;
  let shift = 0;
  let expShift = 0;
  for (let j = 0; j < K; j++) {
    const d = x[o + j] - m;
    const e = Math.exp(d);
    P[o + j] = e;
    sum += e;
    shift += d;
    expShift += e * d;
  }
  rowSums.sum = sum;
  rowSums.shift = shift;
  rowSums.expShift = expShift;
  return rowSums;
}

/** e^{−|v|} from the unnormalised softmax term e = e^{v−m} and e^{m}. */
function negativeAbsExp(v: number, e: number, expMax: number): number {
  const ev = e * expMax;
  const t = ev < 1 ? ev : 1 / ev;
  return t > TINY ? t : Math.exp(v < 0 ? v : -v);
}

/** Rows with class-index labels: targets are two constants, so no label array is read. */
function indexRows(input: KernelInput, indices: Int32Array, out: KernelArrays, findings: KernelFindings): void {
  const { samples, columns: K, logits: x, constants, posWeight } = input;
  const { keep, floor } = constants.softmax;
  const sigmoidOff = constants.sigmoid.floor;
  const sigmoidOn = constants.sigmoid.keep + constants.sigmoid.floor;
  const onValue = keep + floor;
  const { hard, smoothed, sigmoidTargets: T, softmax: P, logSoftmax: LP, sigmoid: SIG } = out;
  const fillSmoothed = smoothed !== hard;
  const fillSigmoidTargets = T !== hard && T !== smoothed;
  const ceHard = fillSmoothed ? out.crossEntropyHard : out.crossEntropy;
  for (let i = 0; i < samples; i++) {
    const o = i * K;
    const y = indices[i];
    if (y < 0) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    hard[o + y] = 1;
    // Plain loops: for short rows they beat TypedArray#fill's call overhead, for long ones they match it.
    if (fillSmoothed) {
      for (let j = 0; j < K; j++) smoothed[o + j] = floor;
      smoothed[o + y] = onValue;
    }
    if (fillSigmoidTargets) {
      for (let j = 0; j < K; j++) T[o + j] = sigmoidOff;
      T[o + y] = sigmoidOn;
    }
    const m = rowMax(x, o, K);
    if (!(m >= -SHARED_EXP_LIMIT && m <= SHARED_EXP_LIMIT)) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const sums = exponentials(x, o, K, m, P);
    const logSum = Math.log(sums.sum);
    const inverse = 1 / sums.sum;
    const shiftY = x[o + y] - m;
    const entropy = logSum - sums.expShift * inverse;
    const loss = floor * (K * logSum - sums.shift) + keep * (logSum - shiftY);
    if (loss - loss !== 0 || entropy - entropy !== 0) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const expMax = Math.exp(m);
    if (posWeight) {
      for (let j = 0; j < K; j++) {
        const e = P[o + j];
        P[o + j] = e * inverse;
        const v = x[o + j];
        if (LP) LP[o + j] = v - m - logSum;
        const softplus = Math.log1p(negativeAbsExp(v, e, expMax)) + (v < 0 ? -v : 0);
        SIG[o + j] = (1 - sigmoidOff) * v + (1 + (posWeight[j] - 1) * sigmoidOff) * softplus;
      }
      const v = x[o + y];
      const softplus = Math.log1p(Math.exp(v < 0 ? v : -v)) + (v < 0 ? -v : 0);
      SIG[o + y] = (1 - sigmoidOn) * v + (1 + (posWeight[y] - 1) * sigmoidOn) * softplus;
    } else {
      for (let j = 0; j < K; j++) {
        const e = P[o + j];
        P[o + j] = e * inverse;
        const v = x[o + j];
        if (LP) LP[o + j] = v - m - logSum;
        const softplus = Math.log1p(negativeAbsExp(v, e, expMax));
        const relu = v > 0 ? v : 0;
        SIG[o + j] = relu - v * sigmoidOff + softplus;
      }
      const v = x[o + y];
      const softplus = Math.log1p(Math.exp(v < 0 ? v : -v));
      const relu = v > 0 ? v : 0;
      SIG[o + y] = relu - v * sigmoidOn + softplus;
    }
    out.argmax[i] = argmaxOf(x, o, K, m);
    out.logSumExp[i] = m + logSum;
    out.entropy[i] = entropy;
    out.crossEntropy[i] = loss;
    ceHard[i] = logSum - shiftY;
    if (sums.sum === K) noteUniform(findings, i);
    if (m <= 1 && m >= 0) noteProbabilityRow(findings, x, o, K, sums.shift + K * m);
  }
}

/** Rows with dense labels (one-hot, multi-hot, probabilities): targets are read per element. */
function denseRows(input: KernelInput, out: KernelArrays, findings: KernelFindings): void {
  const { samples, columns: K, logits: x, constants, posWeight } = input;
  const { keep, floor } = constants.softmax;
  const sigmoidKeep = constants.sigmoid.keep;
  const sigmoidFloor = constants.sigmoid.floor;
  const { hard: Y, smoothed, sigmoidTargets: T, softmax: P, logSoftmax: LP, sigmoid: SIG } = out;
  const fillSmoothed = smoothed !== Y;
  const fillSigmoidTargets = T !== Y && T !== smoothed;
  const ceHard = fillSmoothed ? out.crossEntropyHard : out.crossEntropy;
  for (let i = 0; i < samples; i++) {
    const o = i * K;
    const m = rowMax(x, o, K);
    if (!(m >= -SHARED_EXP_LIMIT && m <= SHARED_EXP_LIMIT)) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const sums = exponentials(x, o, K, m, P);
    const logSum = Math.log(sums.sum);
    const inverse = 1 / sums.sum;
    const expMax = Math.exp(m);
    let targetSum = 0;
    let targetShift = 0;
    let hardSum = 0;
    let hardShift = 0;
    for (let j = 0; j < K; j++) {
      const e = P[o + j];
      P[o + j] = e * inverse;
      const d = x[o + j] - m;
      if (LP) LP[o + j] = d - logSum;
      const hardTarget = Y[o + j];
      const target = fillSmoothed ? hardTarget * keep + floor : hardTarget;
      if (fillSmoothed) smoothed[o + j] = target;
      targetSum += target;
      targetShift += target * d;
      hardSum += hardTarget;
      hardShift += hardTarget * d;
    }
    if (posWeight) {
      for (let j = 0; j < K; j++) {
        const v = x[o + j];
        const softplus = Math.log1p(negativeAbsExp(v, P[o + j] * sums.sum, expMax)) + (v < 0 ? -v : 0);
        const hardTarget = Y[o + j];
        const z = fillSigmoidTargets ? (T[o + j] = hardTarget * sigmoidKeep + sigmoidFloor) : T[o + j];
        const p = posWeight[j];
        SIG[o + j] = (1 - z) * v + (1 + (p - 1) * z) * softplus;
      }
    } else {
      for (let j = 0; j < K; j++) {
        const v = x[o + j];
        const softplus = Math.log1p(negativeAbsExp(v, P[o + j] * sums.sum, expMax));
        const relu = v > 0 ? v : 0;
        const hardTarget = Y[o + j];
        const z = fillSigmoidTargets ? (T[o + j] = hardTarget * sigmoidKeep + sigmoidFloor) : T[o + j];
        SIG[o + j] = relu - v * z + softplus;
      }
    }
    const entropy = logSum - sums.expShift * inverse;
    const loss = targetSum * logSum - targetShift;
    const hardLoss = hardSum * logSum - hardShift;
    if (loss - loss !== 0 || hardLoss - hardLoss !== 0 || entropy - entropy !== 0) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    out.argmax[i] = argmaxOf(x, o, K, m);
    out.logSumExp[i] = m + logSum;
    out.entropy[i] = entropy;
    out.crossEntropy[i] = loss;
    ceHard[i] = hardLoss;
    if (sums.sum === K) noteUniform(findings, i);
    if (m <= 1 && m >= 0) noteProbabilityRow(findings, x, o, K, sums.shift + K * m);
  }
}

/** Records a row whose logits are all equal (uniform softmax). */
export function noteUniform(findings: KernelFindings, row: number): void {
  if (findings.uniformRows++ === 0) findings.firstUniformRow = row;
}

/** Counts the row if its logits lie in [0, 1] and sum to 1 (only called when max ∈ [0, 1]). */
export function noteProbabilityRow(findings: KernelFindings, x: Float64Array, o: number, K: number, rowSum: number): void {
  if (Math.abs(rowSum - 1) > PROBABILITY_ROW_TOLERANCE) return;
  for (let j = 0; j < K; j++) if (x[o + j] < 0) return;
  if (findings.probabilityRows++ === 0) findings.firstProbabilityRow = o / K;
}

/**
 * One categorical row by the general rules (any values, any rounding). Fills the row's targets
 * too, so it serves the float32 pass and the float64 rows the fast loops declined.
 */
export function generalRow(i: number, input: KernelInput, out: KernelArrays, round: (v: number) => number): RowStatus {
  const { columns: K, logits: x, indices, constants, posWeight } = input;
  const o = i * K;
  const { hard, smoothed, sigmoidTargets: T, sigmoid: SIG } = out;
  const ignored = indices !== null && indices[i] < 0;
  if (indices !== null) {
    hard.fill(0, o, o + K);
    if (!ignored) hard[o + indices[i]] = 1;
  }
  for (let j = 0; j < K; j++) {
    const y = hard[o + j];
    if (smoothed !== hard) smoothed[o + j] = ignored ? 0 : round(round(y * constants.softmax.keep) + constants.softmax.floor);
    if (T !== hard && T !== smoothed) T[o + j] = ignored ? 0 : round(round(y * constants.sigmoid.keep) + constants.sigmoid.floor);
  }
  const logP = out.logSoftmax ?? scratchRow(K);
  const at = out.logSoftmax ? o : 0;
  const row = softmaxRow(x, o, K, out.softmax, logP, at, round);
  out.argmax[i] = row.argmax;
  out.logSumExp[i] = row.logSumExp;
  out.entropy[i] = entropyOfRow(out.softmax, o, logP, at, K, round);
  const ceHard = smoothed !== hard ? out.crossEntropyHard : out.crossEntropy;
  out.crossEntropy[i] = crossEntropyFromLogProbabilities(smoothed, o, logP, at, K, round);
  ceHard[i] = smoothed !== hard ? crossEntropyFromLogProbabilities(hard, o, logP, at, K, round) : out.crossEntropy[i];
  for (let j = 0; j < K; j++) {
    const weight = posWeight ? posWeight[j] : undefined;
    SIG[o + j] = ignored ? 0 : sigmoidCrossEntropyAt(x[o + j], T[o + j], weight, round);
  }
  return row.status;
}

/** −Σ p·log p over a row, with 0·log 0 = 0. */
function entropyOfRow(p: Float64Array, pOffset: number, logP: Float64Array, logOffset: number, K: number, round: (v: number) => number): number {
  let h = 0;
  for (let j = 0; j < K; j++) {
    const pj = p[pOffset + j];
    if (pj !== 0) h = round(h - round(pj * logP[logOffset + j]));
  }
  return h;
}

let scratch = new Float64Array(0);

/** A row-sized buffer for log-probabilities the caller does not keep. */
function scratchRow(K: number): Float64Array {
  if (scratch.length < K) scratch = new Float64Array(K);
  return scratch;
}

/**
 * The sigmoid loss against the hard (unsmoothed) targets: the smoothed loss itself when no
 * smoothing applies, else computed element-wise on request (few views show it).
 */
export function sigmoidHardOf(input: KernelInput, out: KernelArrays, round: (v: number) => number): Float64Array {
  if (out.sigmoidTargets === out.sigmoidHardTargets) return out.sigmoid;
  const { logits: x, indices, posWeight } = input;
  const perRow = input.binary ? 1 : input.columns;
  const y = out.sigmoidHardTargets;
  const loss = new Float64Array(x.length);
  for (let e = 0; e < x.length; e++) {
    if (indices !== null && indices[Math.floor(e / perRow)] < 0) continue;
    loss[e] = sigmoidCrossEntropyAt(x[e], y[e], posWeight ? posWeight[e % perRow] : undefined, round);
  }
  return loss;
}

/**
 * The log-softmax as [samples, K]: x − logsumexp(x) per finite row, the special-value rules of
 * softmax.ts for the others. Returns the kernel's own array when it already holds one.
 */
export function logSoftmaxOf(input: KernelInput, out: KernelArrays): Float64Array {
  if (out.logSoftmax) return out.logSoftmax;
  const { samples, columns: K, logits: x } = input;
  const logP = new Float64Array(samples * K);
  const p = new Float64Array(K);
  for (let i = 0; i < samples; i++) {
    const o = i * K;
    const lse = out.logSumExp[i];
    if (lse - lse === 0) for (let j = 0; j < K; j++) logP[o + j] = x[o + j] - lse;
    else softmaxRow(x, o, K, p, logP, o);
  }
  return logP;
}

/**
 * One binary sample: the logit x stands for the two-class logits [0, x], so softmax is
 * [1 − σ(x), σ(x)], log-sum-exp is softplus(x) and the two-class softmax cross-entropy equals
 * the sigmoid cross-entropy (without pos_weight, which only the sigmoid loss has).
 */
export function binaryRow(i: number, input: KernelInput, out: KernelArrays, round: (v: number) => number): RowStatus {
  const x = input.logits[i];
  const z = (input.labels as Float64Array)[i];
  const { keep, floor } = input.constants.softmax;
  const zs = round(round(z * keep) + floor);
  const o = 2 * i;
  out.hard[o] = round(1 - z);
  out.hard[o + 1] = z;
  if (out.smoothed !== out.hard) {
    out.smoothed[o] = round(1 - zs);
    out.smoothed[o + 1] = zs;
  }
  if (out.sigmoidTargets !== out.sigmoidHardTargets) out.sigmoidTargets[i] = zs;
  const weight = input.posWeight ? input.posWeight[0] : undefined;
  out.sigmoid[i] = sigmoidCrossEntropyAt(x, zs, weight, round);
  out.crossEntropy[i] = weight === undefined ? out.sigmoid[i] : sigmoidCrossEntropyAt(x, zs, undefined, round);
  if (out.crossEntropyHard.length > 0) out.crossEntropyHard[i] = sigmoidCrossEntropyAt(x, z, undefined, round);
  out.argmax[i] = x > 0 ? 1 : 0;
  if (x !== x) {
    out.softmax.fill(NaN, o, o + 2);
    (out.logSoftmax as Float64Array).fill(NaN, o, o + 2);
    out.logSumExp[i] = NaN;
    out.entropy[i] = NaN;
    return 'nan';
  }
  if (x === Infinity || x === -Infinity) {
    const positive = x === Infinity ? 1 : 0;
    out.softmax[o] = 1 - positive;
    out.softmax[o + 1] = positive;
    const logP = out.logSoftmax as Float64Array;
    logP[o] = positive ? -Infinity : 0;
    logP[o + 1] = positive ? 0 : -Infinity;
    out.logSumExp[i] = positive ? Infinity : 0;
    out.entropy[i] = 0;
    return 'one-infinite';
  }
  const e = round(Math.exp(-Math.abs(x)));
  const denominator = round(1 + e);
  const small = round(e / denominator);
  const large = round(1 / denominator);
  const softplusX = round((x > 0 ? x : 0) + round(Math.log1p(e)));
  out.softmax[o] = x >= 0 ? small : large;
  out.softmax[o + 1] = x >= 0 ? large : small;
  const logP = out.logSoftmax as Float64Array;
  logP[o] = -softplusX;
  logP[o + 1] = round(x - softplusX);
  out.logSumExp[i] = softplusX;
  out.entropy[i] = round(softplusX - round(out.softmax[o + 1] * x));
  return 'finite';
}
