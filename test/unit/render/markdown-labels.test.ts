// The hover markdown takes its words from MarkdownLabels (translated by the VS Code adapter);
// with none given it is the English of ENGLISH_MARKDOWN_LABELS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeClassification } from '../../../src/engine';
import { classificationMarkdown, ENGLISH_MARKDOWN_LABELS, type MarkdownLabels } from '../../../src/render/markdown';
import { SEED_LABELS, SEED_LOGITS } from '../engine/helpers';

const CHINESE: MarkdownLabels = {
  ...ENGLISH_MARKDOWN_LABELS,
  labels: '标签',
  softmaxArgmaxTrueClass: 'softmax（**粗体** = argmax，✓ = 真实类别）',
  softmaxCe: 'softmax 交叉熵',
  softmaxCeSmoothed: 'softmax 交叉熵，ε = {0}',
  sigmoidCeSmoothed: 'sigmoid 交叉熵，ε = {0}（{1}）',
  sigmoidCe: 'sigmoid 交叉熵',
  mean: '均值',
  sum: '求和',
  labelKindIndices: '类别索引',
};

const report = analyzeClassification(SEED_LOGITS, SEED_LABELS, { smoothing: 0.1 });
const options = { digits: 5, maxRows: 8, maxColumns: 10 };

test('without labels the hover markdown is English', () => {
  const text = classificationMarkdown(report, { logits: 'logits' }, options);
  assert.match(text, /^\*\*Loss Lens\*\* · logits `logits` `\[3, 3\]` · labels `\[3\]` \(indices\) · K = 3 · tf$/m);
  assert.match(text, /^\| {2}\| softmax CE \| softmax CE, ε = 0\.1 \|$/m);
  assert.match(text, /^sigmoid CE, ε = 0\.1 \(ε\/K\)$/m);
  assert.match(text, /^\| {2}\| mean \| sum \| tf mean \|$/m);
  assert.match(text, /^\| softmax CE \| 0\.82875 \| 2\.4863 \| 0\.82875 \|$/m);
});

test('given labels, every heading and column title uses them and the numbers stay', () => {
  const text = classificationMarkdown(report, { logits: 'logits' }, { ...options, labels: CHINESE });
  assert.match(text, /· 标签 `\[3\]` \(类别索引\) · K = 3/);
  assert.match(text, /^softmax（\*\*粗体\*\* = argmax，✓ = 真实类别）$/m);
  assert.match(text, /^\| {2}\| softmax 交叉熵 \| softmax 交叉熵，ε = 0\.1 \|$/m);
  assert.match(text, /^\| 0 \| 0\.69968 \| 0\.74634 \|$/m);
  assert.match(text, /^sigmoid 交叉熵，ε = 0\.1（ε\/K）$/m);
  assert.match(text, /^\| {2}\| 均值 \| 求和 \| tf 均值 \|$/m);
  assert.doesNotMatch(text, /softmax CE|sigmoid CE|\bmean\b|indices/);
});
