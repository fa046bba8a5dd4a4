/**
 * The floor: the same losses as plain Float64Array loops, the textbook stable formulas written
 * straightforwardly (one pass per row while it sits in cache, log-sum-exp shifted by the row
 * maximum, max(x, 0) − x·z + log1p(e^{−|x|}), no allocation beyond the outputs). It takes two
 * exps per logit; an implementation that derives e^{−|x|} from the softmax term e^{x−m} needs one,
 * so it can beat this floor.
 *
 * `floorLosses` materialises what the issue lists: one-hot, both smoothed targets (ε/K for
 * softmax, ε/2 for sigmoid), the per-sample softmax CE, the element-wise sigmoid CE and the
 * reductions. `floorReport` additionally fills every array a ClassificationReport carries
 * (softmax, log-softmax, log-sum-exp, argmax, entropy, hard-label losses, both gradients), so the
 * engine can also be compared with a floor doing the same amount of work.
 */
import type { LossOutputs, LossSettings } from './outputs';

export interface FloorLosses extends LossOutputs {
  readonly oneHot: Float64Array;
  readonly smoothed: Float64Array;
  readonly sigmoidTargets: Float64Array;
  readonly softmaxCrossEntropy: Float64Array;
  readonly sigmoidCrossEntropy: Float64Array;
  readonly softmaxSum: number;
  readonly sigmoidSum: number;
}

export function floorLosses(x: Float64Array, labels: Int32Array, settings: LossSettings): FloorLosses {
  const { samples: N, classes: K, epsilon } = settings;
  const keep = 1 - epsilon;
  const softmaxFloor = epsilon / K;
  const sigmoidFloor = epsilon / 2;
  const oneHot = new Float64Array(N * K);
  const smoothed = new Float64Array(N * K);
  const sigmoidTargets = new Float64Array(N * K);
  const softmaxCrossEntropy = new Float64Array(N);
  const sigmoidCrossEntropy = new Float64Array(N * K);
  let softmaxSum = 0;
  let sigmoidSum = 0;
  for (let i = 0; i < N; i++) {
    const o = i * K;
    oneHot[o + labels[i]] = 1;
    let m = -Infinity;
    for (let j = 0; j < K; j++) if (x[o + j] > m) m = x[o + j];
    let s = 0;
    for (let j = 0; j < K; j++) s += Math.exp(x[o + j] - m);
    const logSumExp = m + Math.log(s);
    let ce = 0;
    let rowSigmoid = 0;
    for (let j = 0; j < K; j++) {
      const v = x[o + j];
      const y = oneHot[o + j];
      const target = y * keep + softmaxFloor;
      const z = y * keep + sigmoidFloor;
      smoothed[o + j] = target;
      sigmoidTargets[o + j] = z;
      ce += target * (logSumExp - v);
      const loss = (v > 0 ? v : 0) - v * z + Math.log1p(Math.exp(v < 0 ? v : -v));
      sigmoidCrossEntropy[o + j] = loss;
      rowSigmoid += loss;
    }
    softmaxCrossEntropy[i] = ce;
    softmaxSum += ce;
    sigmoidSum += rowSigmoid;
  }
  return {
    oneHot,
    smoothed,
    sigmoidTargets,
    softmaxCrossEntropy,
    sigmoidCrossEntropy,
    softmaxSum,
    sigmoidSum,
    softmaxMean: softmaxSum / N,
    sigmoidMean: sigmoidSum / (N * K),
  };
}

export interface FloorReport extends FloorLosses {
  readonly softmax: Float64Array;
  readonly logSoftmax: Float64Array;
  readonly logSumExp: Float64Array;
  readonly argmax: Int32Array;
  readonly entropy: Float64Array;
  readonly softmaxCrossEntropyHard: Float64Array;
  readonly sigmoidCrossEntropyHard: Float64Array;
  readonly softmaxGradient: Float64Array;
  readonly sigmoidGradient: Float64Array;
}

export function floorReport(x: Float64Array, labels: Int32Array, settings: LossSettings): FloorReport {
  const { samples: N, classes: K, epsilon } = settings;
  const keep = 1 - epsilon;
  const softmaxFloor = epsilon / K;
  const sigmoidFloor = epsilon / 2;
  const size = N * K;
  const oneHot = new Float64Array(size);
  const smoothed = new Float64Array(size);
  const sigmoidTargets = new Float64Array(size);
  const softmax = new Float64Array(size);
  const logSoftmax = new Float64Array(size);
  const logSumExp = new Float64Array(N);
  const argmax = new Int32Array(N);
  const entropy = new Float64Array(N);
  const softmaxCrossEntropy = new Float64Array(N);
  const softmaxCrossEntropyHard = new Float64Array(N);
  const sigmoidCrossEntropy = new Float64Array(size);
  const sigmoidCrossEntropyHard = new Float64Array(size);
  const softmaxGradient = new Float64Array(size);
  const sigmoidGradient = new Float64Array(size);
  let softmaxSum = 0;
  let sigmoidSum = 0;
  for (let i = 0; i < N; i++) {
    const o = i * K;
    const label = labels[i];
    oneHot[o + label] = 1;
    let m = x[o];
    let best = 0;
    for (let j = 1; j < K; j++) {
      if (x[o + j] > m) {
        m = x[o + j];
        best = j;
      }
    }
    let s = 0;
    for (let j = 0; j < K; j++) {
      const e = Math.exp(x[o + j] - m);
      softmax[o + j] = e;
      s += e;
    }
    const logS = Math.log(s);
    const inverse = 1 / s;
    let h = 0;
    let ce = 0;
    let rowSigmoid = 0;
    for (let j = 0; j < K; j++) {
      const v = x[o + j];
      const y = oneHot[o + j];
      const p = softmax[o + j] * inverse;
      const logP = v - m - logS;
      const target = y * keep + softmaxFloor;
      const z = y * keep + sigmoidFloor;
      softmax[o + j] = p;
      logSoftmax[o + j] = logP;
      smoothed[o + j] = target;
      sigmoidTargets[o + j] = z;
      h -= p * logP;
      ce -= target * logP;
      softmaxGradient[o + j] = p - target;
      const e = Math.exp(v < 0 ? v : -v);
      const softplus = Math.log1p(e);
      const relu = v > 0 ? v : 0;
      const loss = relu - v * z + softplus;
      sigmoidCrossEntropy[o + j] = loss;
      sigmoidCrossEntropyHard[o + j] = relu - v * y + softplus;
      const sigma = v >= 0 ? 1 / (1 + e) : e / (1 + e);
      sigmoidGradient[o + j] = sigma - z;
      rowSigmoid += loss;
    }
    logSumExp[i] = m + logS;
    argmax[i] = best;
    entropy[i] = h;
    softmaxCrossEntropy[i] = ce;
    softmaxCrossEntropyHard[i] = -logSoftmax[o + label];
    softmaxSum += ce;
    sigmoidSum += rowSigmoid;
  }
  return {
    oneHot,
    smoothed,
    sigmoidTargets,
    softmax,
    logSoftmax,
    logSumExp,
    argmax,
    entropy,
    softmaxCrossEntropy,
    softmaxCrossEntropyHard,
    sigmoidCrossEntropy,
    sigmoidCrossEntropyHard,
    softmaxGradient,
    sigmoidGradient,
    softmaxSum,
    sigmoidSum,
    softmaxMean: softmaxSum / N,
    sigmoidMean: sigmoidSum / size,
  };
}
