import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { analyzeDistributions } from '../../../src/engine';
import { klDivergence } from '../../../src/engine/kl-divergence';
import { assertClose, t } from './helpers';

describe('KL divergence', () => {
  it('matches scipy.stats.entropy(pk, qk)', () => {
    // scipy/scipy scipy/stats/_entropy.py docstring: D(fair ‖ biased coin) = 0.7369655941662062 bits.
    assertClose(klDivergence([0.5, 0.5], [0.9, 0.1], 2), 0.7369655941662062, 1e-15);
  });

  it('matches optax.kl_divergence', () => {
    // google-deepmind/optax optax/losses/_classification_test.py, KLDivergenceTest: exp(log_ps) as p... the
    // test's arguments are log-predictions and targets: KL(targets ‖ exp(log_ps)) = [0.8875577, 0.7592807].
    const logPs = [
      [-2.9957, -3.5066, -3.912, -1.204, -0.6931, -2.3026],
      [-1.6094, -1.6094, -1.6094, -2.3026, -1.8971, -1.8971],
    ];
    const qs = [
      [0.2, 0.2, 0.2, 0.1, 0.15, 0.15],
      [0.05, 0.03, 0.02, 0.3, 0.5, 0.0],
    ];
    // optax computes Σ targets·(log targets − log_predictions) without renormalising the rounded log-probabilities.
    const expected = [0.8875577, 0.7592807];
    qs.forEach((q, row) => {
      const d = q.reduce((acc, qi, i) => acc + (qi === 0 ? 0 : qi * (Math.log(qi) - logPs[row][i])), 0);
      assertClose(d, expected[row], 1e-4);
      assertClose(klDivergence(q, logPs[row].map(Math.exp)), expected[row], 1e-4);
    });
  });

  it('is ≥ 0 and 0 only for equal distributions', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }), (raw) => {
        const total = raw.reduce((a, b) => a + b, 0);
        const p = raw.map((v) => v / total);
        const q = [...p].reverse();
        assert.ok(klDivergence(p, q) >= -1e-15);
        assert.equal(klDivergence(p, p), 0);
      }),
      { numRuns: 100 },
    );
  });

  it('is infinite where q has no mass that p has, with a diagnostic', () => {
    assert.equal(klDivergence([0.5, 0.5], [1, 0]), Infinity);
    assert.equal(klDivergence([1, 0], [0.5, 0.5]), Math.LN2);
    const report = analyzeDistributions(t([2], [0.5, 0.5]), t([2], [1, 0]));
    assert.equal(report.klDivergence, Infinity);
    assert.equal(report.diagnostics[0].code, 'zero-probability');
    assert.deepEqual(report.diagnostics[0].index, [1]);
  });

  it('matches scipy on normalised inputs (scipy.stats.entropy([.5, .5], [.9, .1], base=2))', () => {
    const report = analyzeDistributions(t([2], [0.5, 0.5]), t([2], [0.9, 0.1]));
    assertClose(report.klDivergence / Math.LN2, 0.7369655941662062, 1e-15);
    assert.deepEqual(report.diagnostics, []);
  });

  it('rejects negative, non-finite, empty and mismatched inputs', () => {
    const rejects = (p: number[], q: number[], input: string, pattern: RegExp, pShape = [p.length], qShape = [q.length]) =>
      assert.throws(
        () => analyzeDistributions(t(pShape, p), t(qShape, q)),
        (error: unknown) => error instanceof InputError && error.input === input && pattern.test(error.message),
      );
    rejects([0.5, -0.5], [0.5, 0.5], 'p', /p\[1\] = -0.5/);
    rejects([0.5, 0.5], [NaN, 0.5], 'q', /q\[0\] = NaN/);
    rejects([0.5, 0.5], [0.2, 0.3, 0.5], 'q', /shape \[3\] but p has shape \[2\]/);
    rejects([0, 0], [0.5, 0.5], 'p', /sums to 0, not 1/);
    rejects([1, 1], [0.5, 0.5], 'p', /p sums to 2, not 1 \(within 1e-6\)/);
    rejects([0.5, 0.5], [0.5, 0.5 + 2e-6], 'q', /q sums to 1\.000002, not 1/);
    // Rows broadcast only when the shapes match or one side is a single row (batches: distributions.test.ts).
    rejects([0.25, 0.75, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 'q', /shape \[3, 2\] but p has shape \[2, 2\]/, [2, 2], [3, 2]);
  });
});
