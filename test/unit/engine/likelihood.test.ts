import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/errors';
import { analyzeLikelihood } from '../../../src/engine';
import { bernoulliLogLikelihood, binomialProbability, logLikelihoodCurve } from '../../../src/engine/likelihood';
import { assertClose, t } from './helpers';

const coin = t([10], [1, 0, 1, 1, 0, 1, 0, 1, 1, 0]);

describe('maximum likelihood', () => {
  it('solves the seed coin example: 10 tosses, 6 heads', () => {
    const report = analyzeLikelihood(coin, 0.6);
    assert.equal(report.trials, 10);
    assert.equal(report.successes, 6);
    assert.equal(report.mle, 0.6);
    // P(6 | θ = 0.6) = C(10, 6)·0.6⁶·0.4⁴ = 210 · 0.046656 · 0.0256 ≈ 0.2508.
    assertClose(report.probability ?? NaN, 210 * 0.6 ** 6 * 0.4 ** 4, 1e-15);
    assertClose(report.probability ?? NaN, 0.2508, 1e-3);
    assertClose(report.logLikelihood, 6 * Math.log(0.6) + 4 * Math.log(0.4), 1e-15);
  });

  it('gives P(6 | θ = 0.5) = 210/1024, the value the article’s eq. 1-3 names but does not compute', () => {
    assert.equal(binomialProbability(10, 6, 0.5), 0.205078125);
    assert.equal(analyzeLikelihood(coin, 0.5).probability, 0.205078125);
  });

  it('peaks at θ̂ on the log-likelihood curve', () => {
    const { theta, logLikelihood } = logLikelihoodCurve(10, 6);
    assert.equal(theta.length, 99);
    let best = 0;
    for (let i = 1; i < theta.length; i++) if (logLikelihood[i] > logLikelihood[best]) best = i;
    assertClose(theta[best], 0.6, 1e-12);
    assert.ok(theta[0] > 0 && theta[98] < 1);
  });

  it('stays finite for long sequences and handles the boundary', () => {
    assertClose(binomialProbability(2000, 1000, 0.5), 0.017839, 1e-4);
    assert.equal(bernoulliLogLikelihood(5, 0, 0), 0);
    const allHeads = analyzeLikelihood(t([4], [1, 1, 1, 1]));
    assert.equal(allHeads.mle, 1);
    assert.equal(allHeads.logLikelihood, 0);
    assert.equal(allHeads.diagnostics[0].code, 'mle-at-boundary');
    assert.equal(allHeads.theta, undefined);
  });

  it('rejects outcomes that are not 0/1 and θ outside [0, 1]', () => {
    assert.throws(
      () => analyzeLikelihood(t([2, 2], [1, 0, 2, 1])),
      (error: unknown) => error instanceof InputError && error.input === 'outcomes' && /outcomes\[1, 0\] = 2/.test(error.message),
    );
    assert.throws(
      () => analyzeLikelihood(coin, 1.5),
      (error: unknown) => error instanceof InputError && error.input === 'theta',
    );
    assert.throws(() => analyzeLikelihood(t([0], [])), InputError);
  });
});
