/**
 * Bernoulli maximum likelihood (the seed article's section 1). For i.i.d. outcomes x_i ∈ {0, 1}
 * with P(x = 1) = θ and k successes in n trials:
 *   L(θ) = Π_i θ^{x_i}·(1 − θ)^{1 − x_i} = θ^k·(1 − θ)^{n − k}
 *   log L(θ) = k·log θ + (n − k)·log(1 − θ),  maximised at θ̂ = k / n.
 * One maximises the product of the probabilities (equivalently the sum of their logs), not a
 * product of logs as the seed's eq. 1-11 writes. The probability of the observed count is the
 * binomial P(k | n, θ) = C(n, k)·θ^k·(1 − θ)^{n − k}: for 10 tosses with 6 heads θ̂ = 0.6,
 * P(6 | θ = 0.6) ≈ 0.2508 and P(6 | θ = 0.5) = 210/1024 = 0.205078125 (the seed's eq. 1-3 writes
 * P(6; 0.5) but computes with 0.6). Conventions: 0·log 0 = 0 and 0⁰ = 1.
 */
import { InputError } from '../errors';
import type { LikelihoodReport } from '../report/model';
import type { Tensor } from '../tensor';
import { Diagnostics } from './diagnostics';
import { describeValue, formatIndex } from './format';
import { unravel } from './layout';

export interface OutcomeCounts {
  readonly trials: number;
  readonly successes: number;
}

/** Counts 0/1 outcomes; anything else is an InputError naming the first offending element. */
export function countOutcomes(outcomes: Tensor): OutcomeCounts {
  if (outcomes.data.length === 0) throw new InputError('outcomes hold no values; give a list of 0/1 results', undefined, 'outcomes');
  let successes = 0;
  for (let i = 0; i < outcomes.data.length; i++) {
    const v = outcomes.data[i];
    if (v === 1) successes++;
    else if (v !== 0) {
      throw new InputError(`outcomes${formatIndex(unravel(i, outcomes.shape))} = ${String(v)}: each outcome must be 0 or 1`, undefined, 'outcomes', i);
    }
  }
  return { trials: outcomes.data.length, successes };
}

export function validateTheta(theta: number): void {
  if (!Number.isFinite(theta) || theta < 0 || theta > 1) {
    throw new InputError(`θ must be a probability in [0, 1]; got ${describeValue(theta)}`, undefined, 'theta');
  }
}

/** k·log θ with 0·log 0 = 0. */
function countLog(count: number, probability: number): number {
  return count === 0 ? 0 : count * Math.log(probability);
}

export function bernoulliLogLikelihood(trials: number, successes: number, theta: number): number {
  return countLog(successes, theta) + countLog(trials - successes, 1 - theta);
}

/** log C(n, k) as a sum of logs of ratios, exact enough for any n the engine sees. */
export function logBinomialCoefficient(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let sum = 0;
  for (let i = 1; i <= m; i++) sum += Math.log((n - m + i) / i);
  return sum;
}

/** C(n, k) exactly while it fits in a double's integers, else +∞. */
function binomialCoefficient(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= m; i++) {
    c = (c * (n - m + i)) / i;
    if (c > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return c;
}

/** P(k successes in n trials | θ) = C(n, k)·θ^k·(1 − θ)^{n − k}. */
export function binomialProbability(trials: number, successes: number, theta: number): number {
  const coefficient = binomialCoefficient(trials, successes);
  const powers = Math.pow(theta, successes) * Math.pow(1 - theta, trials - successes);
  if (Number.isFinite(coefficient) && powers > 1e-290) return coefficient * powers;
  return Math.exp(logBinomialCoefficient(trials, successes) + bernoulliLogLikelihood(trials, successes, theta));
}

/** log L(θ) at θ = i / (points + 1), i = 1..points: the open interval (0, 1). */
export function logLikelihoodCurve(trials: number, successes: number, points = 99): { theta: Float64Array; logLikelihood: Float64Array } {
  const theta = new Float64Array(points);
  const logLikelihood = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    theta[i] = (i + 1) / (points + 1);
    logLikelihood[i] = bernoulliLogLikelihood(trials, successes, theta[i]);
  }
  return { theta, logLikelihood };
}

/** Bernoulli maximum likelihood of 0/1 outcomes, the binomial probability at θ and the log-likelihood curve. */
export function analyzeLikelihood(outcomes: Tensor, theta?: number): LikelihoodReport {
  const diagnostics = new Diagnostics();
  const { trials, successes } = countOutcomes(outcomes);
  if (theta !== undefined) validateTheta(theta);
  const mle = successes / trials;
  if (successes === 0 || successes === trials) {
    diagnostics.note(
      'mle-at-boundary',
      'info',
      () =>
        `All ${trials} outcomes are ${successes === 0 ? '0' : '1'}: θ̂ = ${mle} sits on the boundary, where log L = 0 and the other end of the curve falls to −∞.`,
      'outcomes',
    );
  }
  return {
    kind: 'likelihood',
    trials,
    successes,
    mle,
    logLikelihood: bernoulliLogLikelihood(trials, successes, mle),
    ...(theta !== undefined ? { theta, probability: binomialProbability(trials, successes, theta) } : {}),
    curve: logLikelihoodCurve(trials, successes),
    diagnostics: diagnostics.list(),
  };
}
