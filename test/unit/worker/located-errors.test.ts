// Engine errors from a large selection point at the element they name, in document offsets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLargeSelection } from '../../../src/worker/jobs';

const OPTIONS = { smoothing: 0 };

test('a label out of range is located at that label, however the selection is placed in the document', () => {
  const text = 'logits = [[1.0, 2.0],\n          [3.0, 4.0]]\nlabels = [0,\n          7]\n';
  const result = runLargeSelection({ source: { kind: 'text', selections: [{ text, baseOffset: 500 }] }, options: OPTIONS, digits: 5 });
  assert.ok(!result.ok && !result.fileChanged);
  assert.equal(result.input, 'labels');
  assert.match(result.message, /^labels\[1\] = 7 is out of range/);
  assert.equal(result.offset, 500 + text.indexOf('7]'));
});

test('an error about the whole input points at the start of its literal', () => {
  const text = 'logits = [[1.0, 2.0]]\nlabels = [0, 1, 0]\n';
  const result = runLargeSelection({ source: { kind: 'text', selections: [{ text, baseOffset: 0 }] }, options: OPTIONS, digits: 5 });
  assert.ok(!result.ok && !result.fileChanged);
  assert.match(result.message, /^labels shape \[3\] does not fit logits shape \[1, 2\]/);
  assert.equal(result.offset, text.indexOf('[0, 1, 0]'));
});
