import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLargeSelection } from '../../../src/worker/jobs';

const SOURCE = 'import numpy as np\nlabels = [1, 2, 0]\nlogits = [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]]\n';
const OPTIONS = { smoothing: 0 };

test('a selection sent as text is summarised, literals in either order', () => {
  const result = runLargeSelection({ source: { kind: 'text', selections: [{ text: SOURCE, baseOffset: 10 }] }, options: OPTIONS, digits: 5 });
  assert.ok(result.ok);
  assert.equal(result.lines[0], 'Loss Lens: logits [3, 3], labels [3] (indices), K = 3');
  assert.equal((result.json.mean as { softmaxCrossEntropy: number }).softmaxCrossEntropy, (0.6996759812098479 + 0.74342003714231 + 0.9398310608444601) / 3);
  assert.equal(result.json.softmax, undefined, 'summaries carry no per-element arrays');
  assert.equal(result.labels.start, 10 + SOURCE.indexOf('[1, 2, 0]'));
});

test('a saved file is read by the worker; a file that differs from the editor asks for the text', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'loss-lens-job-')), 'seed.py');
  writeFileSync(path, `\uFEFF${SOURCE}`);
  const ranges = [{ start: 0, end: SOURCE.length }];
  const read = runLargeSelection({ source: { kind: 'file', path, documentLength: SOURCE.length, ranges }, options: OPTIONS, digits: 5 });
  assert.ok(read.ok);
  const changed = runLargeSelection({ source: { kind: 'file', path, documentLength: SOURCE.length + 1, ranges }, options: OPTIONS, digits: 5 });
  assert.deepEqual(changed, { ok: false, fileChanged: true });
});

test('problems come back with document offsets', () => {
  const ragged = 'logits = [[1.0, 2.0], [3.0]]\nlabels = [0, 1]\n';
  const result = runLargeSelection({ source: { kind: 'text', selections: [{ text: ragged, baseOffset: 100 }] }, options: OPTIONS, digits: 5 });
  assert.ok(!result.ok && !result.fileChanged);
  assert.equal(result.message, 'row 2 has 1 element, expected 2');
  assert.equal(result.offset, 100 + ragged.indexOf('[3.0]'));

  const outOfRange = runLargeSelection({
    source: { kind: 'text', selections: [{ text: 'logits = [[1.0, 2.0]]\nlabels = [0.5]', baseOffset: 0 }] },
    options: OPTIONS,
    digits: 5,
  });
  assert.ok(!outOfRange.ok && !outOfRange.fileChanged);
  assert.equal(outOfRange.input, 'labels');

  const one = runLargeSelection({ source: { kind: 'text', selections: [{ text: '[1, 2]', baseOffset: 0 }] }, options: OPTIONS, digits: 5 });
  assert.ok(!one.ok && !one.fileChanged);
  assert.match(one.message, /select exactly two/);
});
