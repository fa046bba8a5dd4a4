// The snippet corpus: real loss snippets from the frameworks' own docs and tests
// (test/fixtures/code/snippets/manifest.json). Each test opens the snippet as written, hovers the
// manifest's target and compares with the manifest's expectation: the documented output (docstring
// or published test, cited in `source`/`url`) or, for PyTorch, a torch 1.13 run recorded in
// pytorch/outputs-torch-1.13.json, within the manifest's tolerance.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyse, offsetOf } from './helpers';
import { expectedNumber, SNIPPET_DIRECTORY, SNIPPETS } from './snippet-manifest';

/**
 * The manifest's tolerance is relative, and (its tolerance notes say) a test's absolute tolerance is
 * expressed relative to the smallest nonzero expected value: so each element may differ by
 * tolerance × max(|expected|, smallest nonzero |expected|).
 */
function assertMatches(actual: readonly number[], expected: readonly number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, expected ${expected.length}`);
  const finite = expected.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const floor = finite.length > 0 ? Math.min(...finite) : 1;
  expected.forEach((e, i) => {
    const a = actual[i];
    if (Number.isNaN(e)) return assert.ok(Number.isNaN(a), `${what}[${i}]: ${a}, expected NaN`);
    if (!Number.isFinite(e)) return assert.equal(a, e, `${what}[${i}]`);
    const allowed = tolerance * Math.max(Math.abs(e), floor);
    assert.ok(Math.abs(a - e) <= allowed, `${what}[${i}]: ${a}, expected ${e} ± ${allowed}`);
  });
}

/** What an unresolved reason must say for the manifest's reason word ("random", "unsupported operation"). */
const REASON_WORDS: Readonly<Record<string, RegExp>> = {
  random: /draws random numbers/,
  unsupported: /not an operation Loss Lens follows|not followed|not something Loss Lens follows/,
};

describe('snippet corpus (manifest.json)', () => {
  it('holds at least a dozen snippets per framework', () => {
    // The bar: "for each framework at least a dozen real snippets".
    const counts = new Map<string, number>();
    for (const entry of SNIPPETS) counts.set(entry.framework, (counts.get(entry.framework) ?? 0) + 1);
    for (const framework of ['pytorch', 'keras', 'tensorflow', 'optax', 'tfjs']) assert.ok((counts.get(framework) ?? 0) >= 12, framework);
  });

  for (const entry of SNIPPETS) {
    it(`${entry.file} — ${entry.source}`, () => {
      const text = readFileSync(join(SNIPPET_DIRECTORY, entry.file), 'utf8');
      const analysis = analyse(text, entry.file.endsWith('.js') ? 'javascript' : 'python');
      const site = analysis.siteAt(offsetOf(text, entry.target) + 1);
      assert.ok(site, `no loss call found at ${JSON.stringify(entry.target)}`);
      assert.equal(site.kind, 'loss-call');
      // The call the manifest names is the catalogue entry the reader resolved through the imports.
      assert.equal(site.entry?.id, entry.call);
      const result = analysis.result(site);
      if (entry.unresolved) {
        assert.equal(result.status, 'unresolved', `expected unresolved (${entry.unresolved.reason}); got ${result.status}`);
        if (result.status !== 'unresolved') return;
        const word = entry.unresolved.reason.split(/[\s(]/)[0];
        assert.match(result.reason, REASON_WORDS[word] ?? new RegExp(word), `reason: ${result.reason}`);
        // The operations the manifest names in parentheses: the reason names one of them (the
        // reader may follow more than the manifest assumed, e.g. jnp.arange(...).reshape).
        const named = /\((.*)\)/.exec(entry.unresolved.reason)?.[1].split(/,\s*/) ?? [];
        if (named.length > 0)
          assert.ok(
            named.some((name) => result.reason.includes(name.replace(/\(.*$/, ''))),
            `reason ${result.reason} names none of ${named.join(', ')}`,
          );
        // The place it points at is the operation itself, in the file.
        assert.ok(result.span.from >= 0 && result.span.to <= text.length && result.span.from < result.span.to);
        return;
      }
      assert.equal(result.status, 'loss', result.status === 'unresolved' ? result.reason : result.status === 'error' ? result.message : result.status);
      if (result.status !== 'loss') return;
      assert.equal(result.evaluation.report.call, entry.call);
      const value = result.evaluation.report.value;
      assert.deepEqual([...value.shape], [...entry.shape], 'shape');
      assertMatches(Array.from(value.data), (entry.expected ?? []).map(expectedNumber), entry.tolerance ?? 0, entry.file);
    });
  }
});
