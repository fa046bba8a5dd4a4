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
import type { Targets } from './targets';

/** The smoothing in force: softmax targets (ε/K, or ε/2 for binary) and sigmoid targets (ε/K or ε/2). */
export interface TargetConstants {
  readonly softmax: SmoothingConstants;
  readonly sigmoid: SmoothingConstants;
}

export interface KernelArrays {
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
  /** Sigmoid cross-entropy: [samples, K] ([samples] for binary). */
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

export function newFindings(): KernelFindings {
  return { specialRows: [], probabilityRows: 0, firstProbabilityRow: -1, uniformRows: 0, firstUniformRow: -1 };
}

/**
 * Allocates the outputs: the sigmoid loss per element and one buffer of per-sample values (one
 * allocation instead of five: allocation is most of the fixed cost for small batches).
 * Log-softmax is allocated only when `eagerLogSoftmax` (float32 mode rounds it per operation,
 * binary writes it in passing); otherwise `logSoftmaxOf` derives it when someone asks.
 */
export function allocateArrays(input: KernelInput, eagerLogSoftmax: boolean): KernelArrays {
  const { samples, columns, binary, constants } = input;
  const smoothing = constants.softmax.floor !== 0;
  const perSample = new Float64Array(samples * (smoothing ? 5 : 4));
  let at = 0;
  const row = () => perSample.subarray(at, (at += samples));
  return {
    logSoftmax: eagerLogSoftmax || binary ? new Float64Array(samples * (binary ? 2 : columns)) : null,
    logSumExp: row(),
    argmax: new Int32Array(samples),
    entropy: row(),
    crossEntropy: row(),
    crossEntropyHard: smoothing ? row() : new Float64Array(0),
    labelEntropy: row(),
    sigmoid: new Float64Array(samples * columns),
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

/** E[at + j] = e^{x_j − m}; returns Σ e^{d}, Σ d and Σ e^{d}·d with d = x − m (NaN if any logit is NaN). */
function exponentials(x: Float64Array, o: number, K: number, m: number, E: Float64Array, at: number): typeof rowSums {
  let sum = 0;
  let shift = 0;
  let expShift = 0;
  for (let j = 0; j < K; j++) {
    const d = x[o + j] - m;
    const e = Math.exp(d);
    E[at + j] = e;
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

/** Rows with class-index labels: targets are two constants, so no target is read or stored. */
function indexRows(input: KernelInput, indices: Int32Array, out: KernelArrays, findings: KernelFindings): void {
  const { samples, columns: K, logits: x, constants, posWeight } = input;
  const { keep, floor } = constants.softmax;
  const sigmoidOff = constants.sigmoid.floor;
  const sigmoidOn = constants.sigmoid.keep + constants.sigmoid.floor;
  const SIG = out.sigmoid;
  const E = scratchRows(K).p;
  const ceHard = floor !== 0 ? out.crossEntropyHard : out.crossEntropy;
  for (let i = 0; i < samples; i++) {
    const o = i * K;
    const y = indices[i];
    if (y < 0) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const m = rowMax(x, o, K);
    if (!(m >= -SHARED_EXP_LIMIT && m <= SHARED_EXP_LIMIT)) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const sums = exponentials(x, o, K, m, E, 0);
    const logSum = Math.log(sums.sum);
    const shiftY = x[o + y] - m;
    const entropy = logSum - sums.expShift * (1 / sums.sum);
    const loss = floor * (K * logSum - sums.shift) + keep * (logSum - shiftY);
    if (loss - loss !== 0 || entropy - entropy !== 0) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const expMax = Math.exp(m);
    if (posWeight) {
      for (let j = 0; j < K; j++) {
        const v = x[o + j];
        const softplus = Math.log1p(negativeAbsExp(v, E[j], expMax)) + (v < 0 ? -v : 0);
        SIG[o + j] = (1 - sigmoidOff) * v + (1 + (posWeight[j] - 1) * sigmoidOff) * softplus;
      }
      const v = x[o + y];
      const softplus = Math.log1p(Math.exp(v < 0 ? v : -v)) + (v < 0 ? -v : 0);
      SIG[o + y] = (1 - sigmoidOn) * v + (1 + (posWeight[y] - 1) * sigmoidOn) * softplus;
    } else {
      for (let j = 0; j < K; j++) {
        const v = x[o + j];
        const softplus = Math.log1p(negativeAbsExp(v, E[j], expMax));
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

/** Rows with dense labels (one-hot, multi-hot, probabilities): targets are computed per element from the labels. */
function denseRows(input: KernelInput, out: KernelArrays, findings: KernelFindings): void {
  const { samples, columns: K, logits: x, constants, posWeight } = input;
  const Y = input.labels as Float64Array;
  const { keep, floor } = constants.softmax;
  const smoothing = floor !== 0;
  const sigmoidKeep = constants.sigmoid.keep;
  const sigmoidFloor = constants.sigmoid.floor;
  const SIG = out.sigmoid;
  const E = scratchRows(K).p;
  const ceHard = smoothing ? out.crossEntropyHard : out.crossEntropy;
  for (let i = 0; i < samples; i++) {
    const o = i * K;
    const m = rowMax(x, o, K);
    if (!(m >= -SHARED_EXP_LIMIT && m <= SHARED_EXP_LIMIT)) {
      findings.specialRows.push({ row: i, status: generalRow(i, input, out, identity) });
      continue;
    }
    const sums = exponentials(x, o, K, m, E, 0);
    const logSum = Math.log(sums.sum);
    const expMax = Math.exp(m);
    let targetSum = 0;
    let targetShift = 0;
    let hardSum = 0;
    let hardShift = 0;
    for (let j = 0; j < K; j++) {
      const d = x[o + j] - m;
      const hardTarget = Y[o + j];
      const target = smoothing ? hardTarget * keep + floor : hardTarget;
      targetSum += target;
      targetShift += target * d;
      hardSum += hardTarget;
      hardShift += hardTarget * d;
    }
    if (posWeight) {
      for (let j = 0; j < K; j++) {
        const v = x[o + j];
        const softplus = Math.log1p(negativeAbsExp(v, E[j], expMax)) + (v < 0 ? -v : 0);
        const z = Y[o + j] * sigmoidKeep + sigmoidFloor;
        const p = posWeight[j];
        SIG[o + j] = (1 - z) * v + (1 + (p - 1) * z) * softplus;
      }
    } else {
      for (let j = 0; j < K; j++) {
        const v = x[o + j];
        const softplus = Math.log1p(negativeAbsExp(v, E[j], expMax));
        const relu = v > 0 ? v : 0;
        const z = Y[o + j] * sigmoidKeep + sigmoidFloor;
        SIG[o + j] = relu - v * z + softplus;
      }
    }
    const entropy = logSum - sums.expShift * (1 / sums.sum);
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
 * One categorical row by the general rules (any values, any rounding), with the row's targets
 * computed as targets.ts materialises them; it serves the float32 pass and the float64 rows the
 * fast loops declined.
 */
export function generalRow(i: number, input: KernelInput, out: KernelArrays, round: (v: number) => number): RowStatus {
  const { columns: K, logits: x, indices, labels, constants, posWeight } = input;
  const o = i * K;
  const rows = scratchRows(K);
  const ignored = indices !== null && indices[i] < 0;
  const softmaxSmoothing = constants.softmax.floor !== 0;
  const sigmoidSmoothing = constants.sigmoid.floor !== 0;
  for (let j = 0; j < K; j++) {
    const y = indices !== null ? (j === indices[i] ? 1 : 0) : (labels as Float64Array)[o + j];
    rows.hard[j] = y;
    rows.smoothed[j] = ignored ? 0 : softmaxSmoothing ? round(round(y * constants.softmax.keep) + constants.softmax.floor) : y;
    rows.sigmoid[j] = ignored ? 0 : sigmoidSmoothing ? round(round(y * constants.sigmoid.keep) + constants.sigmoid.floor) : y;
  }
  const row = softmaxRow(x, o, K, rows.p, rows.logP, 0, round);
  out.logSoftmax?.set(rows.logP, o);
  out.argmax[i] = row.argmax;
  out.logSumExp[i] = row.logSumExp;
  out.entropy[i] = entropyOfRow(rows.p, rows.logP, K, round);
  out.crossEntropy[i] = crossEntropyFromLogProbabilities(rows.smoothed, 0, rows.logP, 0, K, round);
  if (softmaxSmoothing) out.crossEntropyHard[i] = crossEntropyFromLogProbabilities(rows.hard, 0, rows.logP, 0, K, round);
  for (let j = 0; j < K; j++) {
    const weight = posWeight ? posWeight[j] : undefined;
    out.sigmoid[o + j] = ignored ? 0 : sigmoidCrossEntropyAt(x[o + j], rows.sigmoid[j], weight, round);
  }
  return row.status;
}

/** −Σ p·log p over a row, with 0·log 0 = 0. */
function entropyOfRow(p: Float64Array, logP: Float64Array, K: number, round: (v: number) => number): number {
  let h = 0;
  for (let j = 0; j < K; j++) {
    const pj = p[j];
    if (pj !== 0) h = round(h - round(pj * logP[j]));
  }
  return h;
}

interface ScratchRows {
  /** Exponentials, or a softmax row. */
  readonly p: Float64Array;
  readonly logP: Float64Array;
  readonly hard: Float64Array;
  readonly smoothed: Float64Array;
  readonly sigmoid: Float64Array;
}

let scratch: ScratchRows | undefined;
/** Rows up to this many classes keep their scratch between calls; longer ones would hold megabytes after the call. */
const KEPT_SCRATCH_CLASSES = 1 << 14;

/** Row-sized buffers for values the caller does not keep, reused across rows (and calls, for ordinary K). */
function scratchRows(K: number): ScratchRows {
  if (scratch && scratch.p.length === K) return scratch;
  const block = new Float64Array(5 * K);
  const part = (n: number) => block.subarray(n * K, (n + 1) * K);
  const rows = { p: part(0), logP: part(1), hard: part(2), smoothed: part(3), sigmoid: part(4) };
  scratch = K <= KEPT_SCRATCH_CLASSES ? rows : undefined;
  return rows;
}

/**
 * The softmax as [samples, K] ([samples, 2] for binary), recomputed operation for operation as the
 * pass computed it: the fast loops' e^{x−m} · (1 / Σ) for their rows, softmaxRow for the rows they
 * handed to the general path (`generalRows`; every row in float32 mode). Computed on first read:
 * a summary never prints it, and storing it would be one more [samples, K] array per call.
 */
export function softmaxOf(input: KernelInput, generalRows: readonly number[] | 'all', round: (v: number) => number): Float64Array {
  const { samples, columns: K, logits: x } = input;
  if (input.binary) {
    const P = new Float64Array(2 * samples);
    for (let i = 0; i < samples; i++) binarySoftmax(x[i], P, 2 * i, round);
    return P;
  }
  const P = new Float64Array(samples * K);
  const general = new Uint8Array(samples);
  if (generalRows === 'all') general.fill(1);
  else for (const row of generalRows) general[row] = 1;
  const rows = scratchRows(K);
  for (let i = 0; i < samples; i++) {
    const o = i * K;
    if (general[i]) {
      softmaxRow(x, o, K, rows.p, rows.logP, 0, round);
      P.set(rows.p, o);
      continue;
    }
    const sums = exponentials(x, o, K, rowMax(x, o, K), P, o);
    const inverse = 1 / sums.sum;
    for (let j = 0; j < K; j++) P[o + j] *= inverse;
  }
  return P;
}

/**
 * The sigmoid loss against the hard (unsmoothed) targets: the smoothed loss itself when no
 * smoothing applies, else computed element-wise on request (few views show it).
 */
export function sigmoidHardOf(input: KernelInput, out: KernelArrays, targets: Targets, round: (v: number) => number): Float64Array {
  // Unsmoothed sigmoid targets are the hard ones (targets.ts shares them): the loss is the same.
  if (input.constants.sigmoid.floor === 0) return out.sigmoid;
  const { logits: x, indices, posWeight } = input;
  const perRow = input.binary ? 1 : input.columns;
  const y = targets.sigmoidHard();
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

/** [1 − σ(x), σ(x)] into P at `o`: the softmax of the two-class logits [0, x]. */
function binarySoftmax(x: number, P: Float64Array, o: number, round: (v: number) => number): void {
  if (x !== x) {
    P[o] = P[o + 1] = NaN;
    return;
  }
  if (x === Infinity || x === -Infinity) {
    P[o] = x === Infinity ? 0 : 1;
    P[o + 1] = 1 - P[o];
    return;
  }
  const e = round(Math.exp(-Math.abs(x)));
  const denominator = round(1 + e);
  const small = round(e / denominator);
  const large = round(1 / denominator);
  P[o] = x >= 0 ? small : large;
  P[o + 1] = x >= 0 ? large : small;
}

/** Reused by `binaryRow` for the probabilities it needs but does not keep. */
const binaryPair = new Float64Array(2);

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
  const weight = input.posWeight ? input.posWeight[0] : undefined;
  out.sigmoid[i] = sigmoidCrossEntropyAt(x, zs, weight, round);
  out.crossEntropy[i] = weight === undefined ? out.sigmoid[i] : sigmoidCrossEntropyAt(x, zs, undefined, round);
  if (out.crossEntropyHard.length > 0) out.crossEntropyHard[i] = sigmoidCrossEntropyAt(x, z, undefined, round);
  out.argmax[i] = x > 0 ? 1 : 0;
  const logP = out.logSoftmax as Float64Array;
  if (x !== x) {
    logP.fill(NaN, o, o + 2);
    out.logSumExp[i] = NaN;
    out.entropy[i] = NaN;
    return 'nan';
  }
  if (x === Infinity || x === -Infinity) {
    const positive = x === Infinity ? 1 : 0;
    logP[o] = positive ? -Infinity : 0;
    logP[o + 1] = positive ? 0 : -Infinity;
    out.logSumExp[i] = positive ? Infinity : 0;
    out.entropy[i] = 0;
    return 'one-infinite';
  }
  const e = round(Math.exp(-Math.abs(x)));
  const softplusX = round((x > 0 ? x : 0) + round(Math.log1p(e)));
  binarySoftmax(x, binaryPair, 0, round);
  logP[o] = -softplusX;
  logP[o + 1] = round(x - softplusX);
  out.logSumExp[i] = softplusX;
  out.entropy[i] = round(softplusX - round(binaryPair[1] * x));
  return 'finite';
}
