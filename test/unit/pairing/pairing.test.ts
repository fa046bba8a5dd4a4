import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedLiteral } from '../../../src/literal';
import { findPartner, labelsFitLogits, orderPair, roleOf } from '../../../src/pairing/pairing';
import { tensor } from '../../../src/tensor';

let nextOffset = 0;
function literal(shape: number[], data: number[], name?: string): ParsedLiteral {
  const start = nextOffset;
  nextOffset += 100;
  return { tensor: tensor(shape, data), start, end: start + 50, name, integral: data.every(Number.isInteger) };
}

const seedLogits = () => literal([3, 3], [0.7, 1.2, 0.3, 0.4, 0.2, 0.9, 0.6, 0.3, 0.4], 'logits');
const seedLabels = () => literal([3], [1, 2, 0], 'labels');

test('roles come from conventional names first, then from values', () => {
  assert.equal(roleOf(literal([2], [0.5, 1.5], 'y_true')), 'labels');
  assert.equal(roleOf(literal([2], [1, 0], 'preds')), 'logits');
  assert.equal(roleOf(literal([2], [1, 0], 'self.targets')), 'labels');
  assert.equal(roleOf(literal([3], [1, 2, 0])), 'labels');
  assert.equal(roleOf(literal([2, 2], [0, 1, 1, 0])), 'labels');
  assert.equal(roleOf(literal([2, 2], [3, 1, 1, 0])), 'logits');
  assert.equal(roleOf(literal([2], [0.2, 0.8])), 'logits');
});

test('index labels fit logits without the class axis, in range', () => {
  const logits = tensor([3, 3], new Array(9).fill(0));
  assert.equal(labelsFitLogits(logits, tensor([3], [1, 2, 0])), true);
  assert.equal(labelsFitLogits(logits, tensor([3], [1, 3, 0])), false);
  assert.equal(labelsFitLogits(logits, tensor([2], [1, 2])), false);
  assert.equal(labelsFitLogits(logits, tensor([3, 3], new Array(9).fill(0))), true);
  assert.equal(labelsFitLogits(tensor([4], [0, 1, 2, 3]), tensor([4], [0, 1, 1, 0])), true);
});

test('the partner with a conventional name wins over a nearer unnamed one', () => {
  const logits = seedLogits();
  const unnamed = literal([3], [0, 0, 1]);
  const labels = seedLabels();
  const pair = findPartner(logits, [logits, unnamed, labels]);
  assert.equal(pair?.labels, labels);
});

test('among equally named partners the nearest wins', () => {
  const far = literal([3], [2, 2, 2], 'labels');
  nextOffset += 500;
  const logits = seedLogits();
  const near = seedLabels();
  assert.equal(findPartner(logits, [far, logits, near])?.labels, near);
  assert.equal(findPartner(logits, [near, logits, far].reverse())?.labels, near);
});

test('labels find their logits; shapes that do not fit are skipped', () => {
  const wrongShape = literal([2, 3], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 'logits');
  const logits = seedLogits();
  const labels = seedLabels();
  assert.equal(findPartner(labels, [wrongShape, logits, labels])?.logits, logits);
  assert.equal(findPartner(labels, [wrongShape, labels]), undefined);
});

test('two selected literals are ordered whatever the selection order', () => {
  const logits = seedLogits();
  const labels = seedLabels();
  assert.deepEqual(orderPair(labels, logits), { logits, labels });
  assert.deepEqual(orderPair(logits, labels), { logits, labels });
});
