/**
 * Insert as Assertion, checked by the frameworks themselves: each resolvable PyTorch snippet of the
 * corpus gets the assertion Loss Lens writes, and the file runs under the real PyTorch 1.13
 * (Debian's /usr/bin/python3) without the assertion failing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertionEdits } from '../../../src/code/assertion';
import { applyEdits, analyse, offsetOf } from './helpers';
import { SNIPPET_DIRECTORY, SNIPPETS, type SnippetEntry } from './snippet-manifest';

const RESOLVABLE = SNIPPETS.filter((s) => s.expected !== null);
const PYTHON = '/usr/bin/python3';
const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { timeout: 60_000 }).status === 0;

function withAssertion(snippet: SnippetEntry): { text: string; framework: string } {
  const text = readFileSync(join(SNIPPET_DIRECTORY, snippet.file), 'utf8');
  const analysis = analyse(text, snippet.file.endsWith('.js') ? 'javascript' : 'python');
  const site = analysis.siteAt(offsetOf(text, snippet.target) + 1);
  assert.ok(site, `${snippet.file}: no call at ${snippet.target}`);
  const result = analysis.result(site);
  assert.equal(result.status, 'loss', `${snippet.file}: ${JSON.stringify(result.status === 'loss' ? '' : result)}`);
  if (result.status !== 'loss') return { text, framework: '' };
  return { text: applyEdits(text, assertionEdits(analysis, result)), framework: result.evaluation.entry.framework };
}

describe('Insert as Assertion', () => {
  it('writes each framework’s own helper', () => {
    const helper: Record<string, RegExp> = {
      pytorch: /\ntorch\.testing\.assert_close\(.+, torch\.tensor\(.+\), rtol=1e-5, atol=1e-6\)/,
      keras: /\nnp\.testing\.assert_allclose\(/,
      tensorflow: /\ntf\.debugging\.assert_near\(/,
      optax: /\nnp\.testing\.assert_allclose\(/,
      tfjs: /\n(expect\(.+\.dataSync\(\)\[0\]\)\.toBeCloseTo\(|Array\.from\(.+\.dataSync\(\)\)\.forEach)/,
    };
    for (const snippet of RESOLVABLE) {
      // By the framework of the call (tf.keras.losses in a TensorFlow file is Keras's).
      const { text, framework } = withAssertion(snippet);
      assert.match(text, helper[framework === 'torchvision' ? 'pytorch' : framework], snippet.file);
    }
  });

  it(
    'PyTorch 1.13 runs every resolvable PyTorch snippet with the inserted assertion and it holds',
    { skip: hasTorch ? false : `no torch for ${PYTHON}` },
    () => {
      const pytorch = RESOLVABLE.filter((s) => s.framework === 'pytorch');
      assert.ok(pytorch.length >= 12);
      // One Python process for all of them: each snippet runs in its own namespace.
      const programs = pytorch.map((s) => ({ file: s.file, source: withAssertion(s).text }));
      const driver = `import json, sys\nfailures = []\nfor p in json.load(sys.stdin):\n    try:\n        exec(compile(p['source'], p['file'], 'exec'), {'__name__': '__main__'})\n    except Exception as e:\n        failures.append(p['file'] + ': ' + repr(e))\nprint(json.dumps(failures))\n`;
      const run = spawnSync(PYTHON, ['-c', driver], { input: JSON.stringify(programs), encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, run.stderr);
      const failures = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as string[];
      assert.deepEqual(failures, []);
    },
  );
});
