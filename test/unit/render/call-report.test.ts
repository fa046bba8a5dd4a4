// A CallReport through every renderer, and --arg texts read by their parameters' types. Values:
// the seed x = [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]], y = [1, 2, 0] in a PyTorch 1.13 run:
// nn.CrossEntropyLoss(weight=torch.tensor([1, 2, 0.5]))(x, y) prints tensor(0.7745) and reduction='none'
// prints tensor([1.3994, 0.3717, 0.9398]); Σ w[y] = 2 + 0.5 + 1 = 3.5.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readArgumentText } from '../../../src/literal/argument-text';
import { splitByStage } from '../../../src/engine/calls/arguments';
import { evaluateCall, findCall } from '../../../src/engine/calls/catalogue';
import type { Parameter } from '../../../src/engine/calls/types';
import { InputError } from '../../../src/errors';
import { callJson, reportJson } from '../../../src/render/json';
import { callMarkdown, DEFAULT_MARKDOWN_OPTIONS } from '../../../src/render/markdown';
import { DEFAULT_TEXT_OPTIONS, reportText } from '../../../src/render/text';
import type { Tensor } from '../../../src/tensor';

const tensor = (values: number[], shape: number[]): Tensor => ({ shape, data: Float64Array.from(values) });
const X = tensor([0.7, 1.2, 0.3, 0.4, 0.2, 0.9, 0.6, 0.3, 0.4], [3, 3]);
const Y = tensor([1, 2, 0], [3]);

function weightedLoss(reduction: string) {
  const entry = findCall('torch.nn.CrossEntropyLoss');
  const { init, call } = splitByStage(entry, { input: X, target: Y, weight: tensor([1, 2, 0.5], [3]), reduction });
  return evaluateCall(entry, call, { init });
}

test('text: signature, the value as torch prints it, loss and weighted columns, the denominator', () => {
  const lines = reportText(weightedLoss('mean'), DEFAULT_TEXT_OPTIONS);
  assert.equal(lines[1], 'tensor(0.7745)');
  assert.ok(
    lines.some((l) => /^\s+sample\s+loss\s+weighted$/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /^reduction mean: .* ÷ 3\.5 = 0\.77454\d* \(÷ Σ weight\[target\] = 3\.5/.test(l)),
    lines.join('\n'),
  );
  assert.equal(reportText(weightedLoss('none'), DEFAULT_TEXT_OPTIONS)[1], 'tensor([1.3994, 0.3717, 0.9398])');
  assert.ok(!reportText(weightedLoss('mean'), { ...DEFAULT_TEXT_OPTIONS, summary: true }).some((l) => l.startsWith('per sample')));
});

test('JSON: reportJson routes a CallReport to callJson; a reduced value is a number, none an array', () => {
  const mean = reportJson(weightedLoss('mean'), { summary: false });
  assert.deepEqual(mean, callJson(weightedLoss('mean'), { summary: false }));
  assert.equal(typeof mean.value, 'number');
  assert.deepEqual(mean.reduction && Object.keys(mean.reduction), ['name', 'sum', 'denominator', 'divides']);
  const none = reportJson(weightedLoss('none'), { summary: false });
  assert.equal((none.value as number[]).length, 3);
  assert.equal(none.reduction, null);
});

test('Markdown: heading with the docs link, the call and the printed value in fences, per-sample table', () => {
  const markdown = callMarkdown(weightedLoss('mean'), DEFAULT_MARKDOWN_OPTIONS);
  assert.match(markdown, /^\*\*Loss Lens\*\* · `torch\.nn\.CrossEntropyLoss` · float32 · \[documentation\]\(https:\/\/pytorch\.org\//);
  assert.match(markdown, /```python\ntorch\.nn\.CrossEntropyLoss\(weight=\[1, 2, 0\.5\], .*\)\(input, target\)\n```/);
  assert.match(markdown, /```text\ntensor\(0\.7745\)\n```/);
  assert.match(markdown, /\| {2}\| loss \| weighted \|/);
  assert.match(markdown, /reduction `mean`: .* ÷ 3\.5 = 0\.77454/);
});

test('--arg texts are read by the type of the parameter they name', () => {
  const entry = findCall('torch.nn.functional.cross_entropy');
  const parameter = (name: string): Parameter => entry.parameters.find((p) => p.name === name)!;
  assert.equal(readArgumentText(parameter('reduction'), 'sum'), 'sum');
  assert.equal(readArgumentText(parameter('reduction'), "'sum'"), 'sum');
  assert.equal(readArgumentText(parameter('reduction'), 'Reduction.SUM'), 'Reduction.SUM'); // not a value: left for bindArguments to refuse
  assert.equal(readArgumentText({ ...parameter('reduction'), type: { kind: 'choice', values: ['SUM', 'MEAN'] } }, 'tf.losses.Reduction.SUM'), 'SUM');
  assert.equal(readArgumentText(parameter('label_smoothing'), '0.1'), 0.1);
  assert.equal(readArgumentText(parameter('label_smoothing'), 'inf'), Infinity);
  assert.equal(readArgumentText(parameter('size_average'), 'False'), false);
  assert.equal(readArgumentText(parameter('size_average'), 'true'), true);
  assert.equal(readArgumentText(parameter('weight'), 'None'), null);
  assert.equal(readArgumentText(parameter('weight'), 'null'), null);
  assert.equal(readArgumentText(parameter('input'), '2'), 2);
  assert.deepEqual(readArgumentText(parameter('input'), 'np.array([[1, 2]], dtype=np.float32)'), tensor([1, 2], [1, 2]));
  assert.equal(readArgumentText(undefined, 'anything'), 'anything');
  assert.throws(
    () => readArgumentText(parameter('input'), '[[1, 2],\n [3]]'),
    (error: unknown) => error instanceof InputError && error.argument === 'input' && error.location?.line === 2,
  );
});

test('readArgumentText: numbers may be arithmetic, and one that is not a number is placed in its text', () => {
  const parameter = (name: string) => findCall('torch.nn.functional.cross_entropy').parameters.find((p) => p.name === name);
  // 1/3 reads as a literal element does (src/literal's sandboxed arithmetic).
  assert.equal(readArgumentText(parameter('label_smoothing'), '1/3'), 1 / 3);
  assert.throws(
    () => readArgumentText(parameter('label_smoothing'), '0.1.2'),
    (error: unknown) => error instanceof InputError && error.argument === 'label_smoothing' && error.location?.line === 1,
  );
});
