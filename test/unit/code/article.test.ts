// The source article's TF 1.x script (test/fixtures/code/article_script.py), opened as it is.
// Expected values: the article's printed output, as recorded in /work/shared/seed/README.md
// ("The printed reference output"): logits [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]],
// labels [1, 2, 0], depth 3, eps 0.1, float32 results.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SiteResult } from '../../../src/code/analysis';
import { analyse, applyEdits, assertUlps, offsetOf, resultOf, siteOf } from './helpers';

const TEXT = readFileSync(join(__dirname, '../../fixtures/code/article_script.py'), 'utf8');

/** seed README: "sigmoid cross-entropy on the smoothed labels". */
const ARTICLE_SIGMOID = [1.0798527, 0.34328249, 0.84435523, 0.89968193, 0.7914722, 0.40115389, 0.47748795, 0.84435523, 0.89968193];
/** seed README: "softmax cross-entropy on the hard one-hot labels". */
const ARTICLE_SOFTMAX = [0.69967604, 0.74342006, 0.93983102];
/** seed README: "smoothed labels: 0.03333334 on the off classes, 0.93333334 on the true class" (labels [1, 2, 0]). */
const OFF = 0.03333334;
const ON = 0.93333334;
const ARTICLE_SMOOTHED = [OFF, ON, OFF, OFF, OFF, ON, ON, OFF, OFF];

function values(result: SiteResult): { data: number[]; shape: number[]; dtype: string } {
  if (result.status === 'loss')
    return {
      data: Array.from(result.evaluation.report.value.data),
      shape: [...result.evaluation.report.value.shape],
      dtype: result.evaluation.report.float32 ? 'float32' : 'float64',
    };
  if (result.status === 'value') return { data: Array.from(result.value.tensor.data), shape: [...result.value.tensor.shape], dtype: result.value.dtype };
  assert.fail(result.status === 'unresolved' ? `unresolved: ${result.reason}` : `error: ${result.message}`);
}

describe('the article script', () => {
  const analysis = analyse(TEXT);

  it('parses without syntax errors', () => {
    assert.deepEqual(analysis.source.program.syntaxErrors, []);
  });

  it('tf.nn.sigmoid_cross_entropy_with_logits reproduces the article’s printed values (float32, within 1 ulp)', () => {
    const site = siteOf(analysis, 'tf.nn.sigmoid_cross_entropy_with_logits(');
    assert.equal(site.entry?.id, 'tf.nn.sigmoid_cross_entropy_with_logits');
    const { data, shape, dtype } = values(analysis.result(site));
    assert.deepEqual(shape, [3, 3]);
    assert.equal(dtype, 'float32');
    assertUlps(data, ARTICLE_SIGMOID, 1, 'sigmoid cross-entropy');
  });

  it('tf.nn.softmax_cross_entropy_with_logits reproduces the article’s printed values (float32, within 1 ulp)', () => {
    const site = siteOf(analysis, 'tf.nn.softmax_cross_entropy_with_logits(');
    assert.equal(site.entry?.id, 'tf.nn.softmax_cross_entropy_with_logits');
    const { data, shape, dtype } = values(analysis.result(site));
    assert.deepEqual(shape, [3]);
    assert.equal(dtype, 'float32');
    assertUlps(data, ARTICLE_SOFTMAX, 1, 'softmax cross-entropy');
  });

  it('the script’s label_smoothing(labels) evaluates to the article’s smoothed labels', () => {
    const site = siteOf(analysis, 'label_smoothing(labels)');
    assert.equal(site.kind, 'user-function');
    const { data, shape, dtype } = values(analysis.result(site));
    assert.deepEqual(shape, [3, 3]);
    assert.equal(dtype, 'float32');
    // 0.9·1 + 0.1/3 and 0.1/3 in float32, printed by the article as 0.93333334 / 0.03333334.
    assertUlps(data, ARTICLE_SMOOTHED, 1, 'smoothed labels');
    assert.equal(data[1], Math.fround(0.93333334));
  });

  it('the script’s own softmax_cross_entropy(...) agrees with the API to ≤ 2 float32 ulps', () => {
    const custom = values(resultOf(analysis, 'softmax_cross_entropy(labels=labels'));
    const api = values(resultOf(analysis, 'tf.nn.softmax_cross_entropy_with_logits('));
    assert.deepEqual(custom.shape, api.shape);
    assertUlps(custom.data, api.data, 2, 'custom vs API softmax');
    assertUlps(custom.data, ARTICLE_SOFTMAX, 2, 'custom vs article softmax');
  });

  it('the script’s own sigmoid_cross_entropy(...) agrees with the API to ≤ 2 float32 ulps', () => {
    const custom = values(resultOf(analysis, 'sigmoid_cross_entropy(labels=smooth_labels'));
    const api = values(resultOf(analysis, 'tf.nn.sigmoid_cross_entropy_with_logits('));
    assert.deepEqual(custom.shape, api.shape);
    assertUlps(custom.data, api.data, 2, 'custom vs API sigmoid');
  });

  it('hovering an assigned name where it is assigned finds its call', () => {
    const call = siteOf(analysis, 'tf.nn.sigmoid_cross_entropy_with_logits(');
    assert.equal(siteOf(analysis, 'loss_sigmoid = '), call);
    assert.equal(siteOf(analysis, 'custom_softmax_loss = '), siteOf(analysis, 'softmax_cross_entropy(labels=labels'));
  });

  it('hovering an assigned name where it is used finds its call', () => {
    const call = siteOf(analysis, 'tf.nn.sigmoid_cross_entropy_with_logits(');
    assert.equal(call.assignedTo?.name, 'loss_sigmoid');
    // In `assert loss_sigmoid.eval().all() == …` and `print("…", loss_sigmoid.eval())`.
    assert.equal(siteOf(analysis, 'loss_sigmoid.eval().all()'), call);
    assert.equal(siteOf(analysis, 'loss_sigmoid.eval())'), call);
    const custom = siteOf(analysis, 'softmax_cross_entropy(labels=labels');
    assert.equal(custom.kind, 'user-function');
    assert.equal(custom.assignedTo?.name, 'custom_softmax_loss');
    assert.equal(siteOf(analysis, 'custom_softmax_loss.eval())'), custom);
  });

  it('hovering the name inside a print(...) line finds the same site', () => {
    for (const [line, name, call] of [
      ['print("softmax cross entropy loss with api', 'loss_softmax', 'tf.nn.softmax_cross_entropy_with_logits('],
      ['print("sigmoid cross entropy loss with custom', 'custom_sigmoid_loss', 'sigmoid_cross_entropy(labels=smooth_labels'],
      ['print("smooth label', 'smooth_labels', 'label_smoothing(labels)'],
    ] as const) {
      const inside = TEXT.indexOf(`${name}.eval()`, offsetOf(TEXT, line));
      assert.ok(inside > 0);
      assert.equal(analysis.siteAt(inside + 1), siteOf(analysis, call), name);
    }
  });

  it('hovering the print keyword of `print("…", loss_sigmoid.eval())` finds the loss call', () => {
    const at = offsetOf(TEXT, 'print("sigmoid cross entropy loss with api');
    assert.equal(analysis.siteAt(at + 1), siteOf(analysis, 'tf.nn.sigmoid_cross_entropy_with_logits('));
  });

  it('flags both `assert a.all() == b.all()` as comparing two booleans, with a fix comparing the arrays', () => {
    const problems = analysis.problems().filter((p) => p.code === 'assert-compares-booleans');
    assert.equal(problems.length, 2);
    const pairs = [
      ['loss_sigmoid.eval()', 'custom_sigmoid_loss.eval()'],
      ['softmax_predict.eval()', 'custom_softmax_loss.eval()'],
    ];
    problems.forEach((problem, i) => {
      const [a, b] = pairs[i];
      assert.equal(TEXT.slice(problem.span.from, problem.span.to), `${a}.all() == ${b}.all()`);
      assert.equal(problem.severity, 'warning');
      assert.ok(problem.fix, 'a fix');
      const fixed = applyEdits(TEXT, problem.fix.edits);
      assert.ok(fixed.includes(`assert (${a} == ${b}).all()\n`), fixed);
      assert.equal(fixed.length, TEXT.length - `${a}.all() == ${b}.all()`.length + `(${a} == ${b}).all()`.length);
    });
    // Only those two: the script's loss calls themselves are fine.
    assert.deepEqual(
      analysis.problems().map((p) => p.code),
      ['assert-compares-booleans', 'assert-compares-booleans'],
    );
  });
});
