/**
 * mathjs used the obvious way: the logits as a DenseMatrix, element-wise work through `map`
 * with mathjs' own functions (what mathjs' error message for `exp(matrix)` recommends; a
 * one-argument callback, since `map(M, log)` would pass the index as log's base),
 * broadcasting arithmetic, and `sum`/`max` along dimension 1. Stable log-sum-exp, as anyone
 * who has met an overflow writes it.
 */
import { abs, add, dotMultiply, exp, log, log1p, map, matrix, max, mean, multiply, reshape, subtract, sum, zeros, type Matrix } from 'mathjs';
import type { LossOutputs, LossSettings } from './outputs';

export function mathjsLosses(rows: number[][], labels: Int32Array, settings: LossSettings): LossOutputs {
  const { samples: N, classes: K, epsilon } = settings;
  const logits = matrix(rows);
  const rowMax = reshape(max(logits, 1) as unknown as Matrix, [N, 1]);
  const shifted = subtract<Matrix>(logits, rowMax);
  const exponentials = map(shifted, (v: number) => exp(v));
  const logSum = reshape(
    map(sum(exponentials, 1) as unknown as Matrix, (v: number) => log(v)),
    [N, 1],
  );
  const logSoftmax = subtract<Matrix>(shifted, logSum);

  const oneHot = zeros(N, K) as Matrix;
  labels.forEach((label, i) => oneHot.set([i, label], 1));
  const smoothed = add(multiply(oneHot, 1 - epsilon), epsilon / K) as Matrix;
  const softmaxCrossEntropy = multiply(sum(dotMultiply(smoothed, logSoftmax), 1), -1) as unknown as Matrix;

  const sigmoidTargets = add(multiply(oneHot, 1 - epsilon), epsilon / 2) as Matrix;
  const relu = map(logits, (v: number) => max(v, 0));
  const softplus = map(logits, (v: number) => log1p(exp(-abs(v))));
  const sigmoidCrossEntropy = add<Matrix>(subtract(relu, dotMultiply(logits, sigmoidTargets)), softplus);

  const perSample = softmaxCrossEntropy.toArray() as number[];
  return {
    softmaxCrossEntropy: perSample,
    sigmoidCrossEntropy: (sigmoidCrossEntropy.toArray() as number[][]).flat(),
    softmaxMean: mean(perSample),
    sigmoidMean: mean(sigmoidCrossEntropy) as number,
  };
}
