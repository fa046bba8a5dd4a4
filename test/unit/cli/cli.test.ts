// The CLI contract, exercised on the built bundle (npm test builds before the unit tests).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run, runJson as runCliJson } from './run-cli';
import type { ClassificationOutput, DistributionOutput, ErrorOutput, LikelihoodOutput } from './output';

const SEED_LOGITS = '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]]';

function runJson<Output = ClassificationOutput>(...args: string[]): Output {
  return runCliJson<Output>(...args);
}

function close(actual: number[], expected: number[], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tolerance, `[${i}] ${v} vs ${expected[i]}`));
}

test('the seed example: every contract key, in the input shape', () => {
  const out = runJson('--logits', SEED_LOGITS, '--labels', '[1, 2, 0]', '--smoothing', '0.1');
  assert.deepEqual(out.oneHot, [
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ]);
  close(out.smoothedLabels[0], [0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3], 1e-15);
  close(out.softmax[0], [0.30129182030897, 0.4967462328313597, 0.20196194685967037], 1e-15);
  close(out.softmaxCrossEntropy, [0.7463426478765146, 0.78342003714231, 0.9564977275111267], 1e-14);
  close(out.sigmoidCrossEntropy[0], [1.0798527155521245, 0.34328246733803125, 0.8443552444685272], 1e-14);
  close([out.mean.softmaxCrossEntropy], [(0.7463426478765146 + 0.78342003714231 + 0.9564977275111267) / 3], 1e-14);
  const sigmoidSum = [
    1.0798527155521245, 0.34328246733803125, 0.8443552444685272, 0.8996819190666193, 0.7914722027149251, 0.40115387473208775, 0.4774879504858857,
    0.8443552444685272, 0.8996819190666193,
  ].reduce((a, b) => a + b);
  close([out.sum.sigmoidCrossEntropy, out.mean.sigmoidCrossEntropy], [sigmoidSum, sigmoidSum / 9], 1e-14);
  assert.deepEqual(out.diagnostics, []);
});

test('ε defaults to 0, as in the frameworks', () => {
  const out = runJson('--logits', SEED_LOGITS, '--labels', '[1, 2, 0]');
  close(out.softmaxCrossEntropy, [0.6996759812098479, 0.74342003714231, 0.9398310608444601], 1e-14);
  assert.deepEqual(out.smoothedLabels, out.oneHot);
});

test("--float32 reproduces the seed's printed TensorFlow output", () => {
  const out = runJson('--logits', SEED_LOGITS, '--labels', '[1, 2, 0]', '--smoothing', '0.1', '--float32');
  // The printed values are rounded for display; the float32 results are within 2 ulps of them.
  const ulp = (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 23);
  const within2Ulps = (actual: number, printed: number) => assert.ok(Math.abs(actual - printed) <= 2 * ulp(printed), `${actual} vs ${printed}`);
  within2Ulps(out.sigmoidCrossEntropy[0][0], 1.0798527);
  within2Ulps(out.sigmoidCrossEntropy[1][1], 0.7914722);
  within2Ulps(out.smoothedLabels[0][0], 0.03333334);
  within2Ulps(out.smoothedLabels[0][1], 0.93333334);
  within2Ulps(out.softmaxCrossEntropyHard[2], 0.93983102);
});

test('literals are read from @files, and --summary leaves out per-element arrays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loss-lens-cli-'));
  writeFileSync(join(dir, 'logits.py'), `logits = np.array(${SEED_LOGITS}, dtype=np.float32)\n`);
  writeFileSync(join(dir, 'labels.json'), '[1, 2, 0]');
  const out = runJson('--logits', `@${join(dir, 'logits.py')}`, '--labels', `@${join(dir, 'labels.json')}`, '--summary');
  assert.equal(out.softmax, undefined);
  assert.equal(out.sigmoidCrossEntropy, undefined);
  close([out.mean.softmaxCrossEntropy], [(0.6996759812098479 + 0.74342003714231 + 0.9398310608444601) / 3], 1e-14);
});

test('distributions: entropy, cross-entropy and KL in nats', () => {
  const out = runJson<DistributionOutput>('--p', '[0.5, 0.5]', '--q', '[0.9, 0.1]');
  close(
    [out.entropy, out.crossEntropy, out.klDivergence],
    [Math.LN2, -0.5 * Math.log(0.9) - 0.5 * Math.log(0.1), -0.5 * Math.log(0.9) - 0.5 * Math.log(0.1) - Math.LN2],
    1e-15,
  );
});

test('distributions on rows: --p [N, K] against one row of --q, per row and the means', () => {
  // SciPy 1.10.1: scipy.stats.entropy([[.5, .5], [.9, .1]], np.broadcast_to([.25, .75], (2, 2)), axis=-1) = [0.14384104, 0.95135016]
  const out = runJson<DistributionOutput>('--p', '[[0.5, 0.5], [0.9, 0.1]]', '--q', '[0.25, 0.75]');
  assert.equal(out.rows, 2);
  assert.equal(out.normalization, 'none');
  close(out.perRow.klDivergence, [0.14384104, 0.95135016], 1e-8);
  close([out.klDivergence], [(0.14384104 + 0.95135016) / 2], 1e-8);
});

test("Bernoulli MLE: the article's coin, with the probability at θ = 0.6 it meant", () => {
  const out = runJson<LikelihoodOutput>('--outcomes', '[1,1,0,1,0,1,1,0,1,0]', '--theta', '0.6');
  assert.equal(out.mle, 0.6);
  close([out.probability, out.logLikelihood], [210 * 0.6 ** 6 * 0.4 ** 4, 6 * Math.log(0.6) + 4 * Math.log(0.4)], 1e-12);
});

test('bad input: exit 2, a JSON error with line and column, no stack trace', () => {
  const ragged = run('--logits', '[[0.7, 1.2],\n [0.3]]', '--labels', '[1, 0]', '--json');
  assert.equal(ragged.status, 2);
  const { error } = JSON.parse(ragged.stdout) as { error: ErrorOutput };
  assert.equal(error.line, 2);
  assert.equal(error.input, 'logits');
  assert.match(error.message, /row 2 has 1 element, expected 2/);
  assert.equal(ragged.stderr, '');

  for (const args of [
    ['--logits', SEED_LOGITS, '--labels', '[1, 2, 0]', '--smoothing', '1'],
    ['--logits', SEED_LOGITS, '--labels', '[1, 2, 3]'],
    ['--logits', SEED_LOGITS, '--labels', '[1, 2]'],
    ['--p', '[0.5, 0.6]', '--q', '[0.5, 0.5]'],
    ['--p', '[-0.5, 1.5]', '--q', '[0.5, 0.5]'],
    ['--logits', '@/nonexistent/file', '--labels', '[0]'],
    ['--bogus'],
  ]) {
    const result = run(...args, '--json');
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}`);
    const parsed = JSON.parse(result.stdout) as { error: ErrorOutput };
    assert.equal(typeof parsed.error.message, 'string');
    assert.ok('line' in parsed.error && 'column' in parsed.error);
    assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /);
  }
  const text = run('--logits', '[[1, 2]', '--labels', '[0]');
  assert.equal(text.status, 2);
  assert.match(text.stderr, /^loss-lens: logits, line 1, column \d+: /);
});

test('--help and --version', () => {
  assert.match(run('--help').stdout, /^Usage:/);
  assert.match(run('--version').stdout, /^\d+\.\d+\.\d+\n$/);
});
