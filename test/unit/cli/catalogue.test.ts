// The bad-input catalogue through the built CLI (dist/cli.js; npm test builds first): exit 2
// with one JSON error naming the input, line and column; computed-through inputs exit 0 with
// their diagnostics; accepted spellings give the same JSON as plain ASCII.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CATALOGUE, inputsOf, type BadInputCase } from '../catalogue/bad-input';
import type { DiagnosticOutput, ErrorOutput } from './output';

const CLI = join(__dirname, '../../../dist/cli.js');
/** Linux caps one argument at 128 KiB; longer literals go through @file, as users would pass them. */
const LONGEST_ARGUMENT = 100_000;
const directory = mkdtempSync(join(tmpdir(), 'loss-lens-catalogue-'));

function literalArgument(name: string, text: string): string {
  if (text.length <= LONGEST_ARGUMENT) return text;
  const path = join(directory, `${name}.txt`);
  writeFileSync(path, text);
  return `@${path}`;
}

function argumentsOf(testCase: BadInputCase, ascii?: { logits: string; labels: string }): string[] {
  const inputs = ascii ?? inputsOf(testCase);
  const args = Object.entries(inputs).flatMap(([name, text]) => [`--${name}`, literalArgument(name, text)]);
  if (testCase.options?.smoothing !== undefined) args.push('--smoothing', testCase.options.smoothing);
  if (testCase.options?.classWeights !== undefined) args.push('--class-weights', testCase.options.classWeights);
  return [...args, '--json'];
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bad-input catalogue: CLI', () => {
  for (const testCase of CATALOGUE) {
    test(testCase.name, () => {
      const result = run(argumentsOf(testCase));
      const outcome = testCase.outcome;
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /, 'no stack trace');
      if ('error' in outcome) {
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.equal(result.stderr, '');
        const { error } = JSON.parse(result.stdout) as { error: ErrorOutput };
        assert.match(error.message, outcome.error.message);
        assert.equal(error.input, outcome.error.input);
        // A flag's value is not a text with lines: ε has no position on the command line.
        const where = outcome.error.input === 'smoothing' ? [null, null] : [outcome.error.line, outcome.error.column];
        assert.deepEqual([error.line, error.column], where);
      } else if ('diagnostics' in outcome) {
        assert.equal(result.status, 0, result.stdout + result.stderr);
        const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: DiagnosticOutput[] };
        for (const want of outcome.diagnostics) {
          const found = diagnostics.find((d) => d.code === want.code && (want.input === undefined || d.input === want.input));
          assert.ok(found, `no ${want.code} in ${JSON.stringify(diagnostics)}`);
          assert.equal(found.severity, want.severity);
          if (want.index) assert.deepEqual(found.index, want.index);
        }
      } else {
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.equal(result.stdout, run(argumentsOf(testCase, outcome.sameAs)).stdout);
      }
    });
  }

  test('without --json the error goes to stderr as one line with the input, line and column', () => {
    const result = run(['--logits', '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]', '--labels', '[1,\n 3]']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      "loss-lens: labels, line 2, column 2: labels[1] = 3 is out of range: class indices run from 0 to 2 (K = 3 from the logits' class axis)\n",
    );
  });

  test('a negative number after an option is its value, not another option', () => {
    const ignored = run(['--logits', '[[1, 2], [3, 4]]', '--labels', '[1, -100]', '--ignore-index', '-100', '--summary', '--json']);
    assert.equal(ignored.status, 0, ignored.stdout);
    assert.equal((JSON.parse(ignored.stdout) as { diagnostics: DiagnosticOutput[] }).diagnostics[0].code, 'ignored-samples');
    const theta = run(['--outcomes', '[1, 0]', '--theta', '-0.5', '--json']);
    assert.equal(theta.status, 2);
    assert.equal((JSON.parse(theta.stdout) as { error: ErrorOutput }).error.message, '--theta must be in [0, 1], got -0.5.');
  });
});
