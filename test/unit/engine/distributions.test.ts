// --p/--q on batches of rows: per-row entropy, cross-entropy and KL and their means; unnormalised rows refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDistributions } from '../../../src/engine';
import { InputError } from '../../../src/errors';
import { distributionJson } from '../../../src/render/json';
import { assertAllClose, assertClose, t } from './helpers';

describe('analyzeDistributions on rows', () => {
  const p = t([3, 2], [0.5, 0.5, 0.9, 0.1, 0.2, 0.8]);

  it('gives each row its H(p) and KL(p‖q) as scipy does, and their means', () => {
    // SciPy 1.10.1 (/usr/bin/python3): p = [[.5, .5], [.9, .1], [.2, .8]], q = [[.9, .1], [.5, .5], [.2, .8]]
    // scipy.stats.entropy(p, axis=-1) = [0.69314718, 0.32508297, 0.50040242]
    // scipy.stats.entropy(p, q, axis=-1) = [0.51082562, 0.36806421, 0]
    const report = analyzeDistributions(p, t([3, 2], [0.9, 0.1, 0.5, 0.5, 0.2, 0.8]));
    assert.equal(report.rows, 3);
    assert.equal(report.outcomes, 2);
    assert.equal(report.normalization, 'none');
    assertAllClose(report.perRow.entropy, [0.69314718, 0.32508297, 0.50040242], 1e-8);
    assertAllClose(report.perRow.klDivergence, [0.51082562, 0.36806421, 0], 1e-8);
    // H(p, q) = H(p) + KL(p‖q), row by row.
    assertAllClose(report.perRow.crossEntropy, [0.69314718 + 0.51082562, 0.32508297 + 0.36806421, 0.50040242], 1e-8);
    assertClose(report.entropy, (0.69314718 + 0.32508297 + 0.50040242) / 3, 1e-8);
    assertClose(report.klDivergence, (0.51082562 + 0.36806421) / 3, 1e-8);
    assertClose(report.crossEntropy, report.entropy + report.klDivergence, 1e-15);
  });

  it('compares one row of q with every row of p (and one row of p with every row of q)', () => {
    // SciPy 1.10.1: scipy.stats.entropy(p, np.broadcast_to([.25, .75], p.shape), axis=-1) = [0.14384104, 0.95135016, 0.00700211]
    const report = analyzeDistributions(p, t([2], [0.25, 0.75]));
    assert.equal(report.rows, 3);
    assertAllClose(report.perRow.klDivergence, [0.14384104, 0.95135016, 0.00700211], 1e-8);
    assert.deepEqual(Array.from(report.q), [0.25, 0.75, 0.25, 0.75, 0.25, 0.75]);
    const reversed = analyzeDistributions(t([1, 2], [0.5, 0.5]), t([3, 2], [0.9, 0.1, 0.5, 0.5, 0.2, 0.8]));
    // KL([.5, .5]‖[.2, .8]) = ½ log(.5/.2) + ½ log(.5/.8) (derivation).
    assertAllClose(reversed.perRow.klDivergence, [0.51082562, 0, 0.5 * Math.log(2.5) + 0.5 * Math.log(0.625)], 1e-8);
  });

  it('keeps one pair as it was: the per-row values are the values', () => {
    // scipy.stats.entropy([.5, .5], [.9, .1], base=2) = 0.7369655941662062 (kl-divergence.test.ts).
    const report = analyzeDistributions(t([2], [0.5, 0.5]), t([2], [0.9, 0.1]));
    assert.equal(report.rows, 1);
    assertClose(report.klDivergence / Math.LN2, 0.7369655941662062, 1e-15);
    assert.deepEqual(Array.from(report.perRow.klDivergence), [report.klDivergence]);
  });

  it('names the row and element where q is 0 and p is not, in the input layout and as a table cell', () => {
    const report = analyzeDistributions(t([2, 2], [0.5, 0.5, 0.5, 0.5]), t([2, 2], [0.5, 0.5, 1, 0]));
    assert.equal(report.perRow.crossEntropy[1], Infinity);
    const [zero] = report.diagnostics;
    assert.equal(zero.code, 'zero-probability');
    assert.deepEqual(zero.index, [1, 1]);
    assert.deepEqual(zero.cell, [1, 1]);
    assert.match(zero.message, /^q\[1, 1\] is 0 where p\[1, 1\] is not/);
    assert.equal(distributionJson(report).crossEntropy, null);
  });

  it('refuses a row that does not sum to 1 and says what each framework would do', () => {
    // scipy.stats.entropy normalises: entropy([1, 1], [.25, .75]) = 0.14384103622589042 (SciPy 1.10.1), the same as for [.5, .5].
    assert.throws(
      () => analyzeDistributions(t([2, 2], [0.5, 0.5, 1, 1]), t([2], [0.25, 0.75])),
      (error: unknown) =>
        error instanceof InputError &&
        error.input === 'p' &&
        /^p\[1\] sums to 2, not 1/.test(error.message) &&
        /scipy\.stats\.entropy divides each row by its sum/.test(error.message) &&
        /torch\.nn\.functional\.kl_div and optax\.kl_divergence use the values as given/.test(error.message) &&
        /keras\.losses\.KLDivergence clips them to \[1e-7, 1\]/.test(error.message),
    );
    assert.throws(
      () => analyzeDistributions(t([2, 2], [0.5, 0.5, 0.5, 0.5]), t([2, 3], [0.2, 0.3, 0.5, 0.2, 0.3, 0.5])),
      /q has shape \[2, 3\] but p has shape \[2, 2\]/,
    );
  });

  it('writes the per-row values and the normalisation into the CLI JSON', () => {
    const json = distributionJson(analyzeDistributions(p, t([2], [0.25, 0.75])));
    assert.equal(json.rows, 3);
    assert.equal(json.normalization, 'none');
    const perRow = json.perRow as { klDivergence: number[] };
    assertAllClose(perRow.klDivergence, [0.14384104, 0.95135016, 0.00700211], 1e-8);
  });
});
