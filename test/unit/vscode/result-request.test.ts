import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseResultRequest } from '../../../src/vscode/result-request';

test('a well-formed request keeps its fields', () => {
  const request = parseResultRequest({
    logits: '[[1, 2]]',
    labels: '[0]',
    options: { smoothing: 0.1, dialect: 'keras', float32: true, classWeights: [1, 2] },
    target: { uri: 'file:///a.py', line: 3, version: 7 },
    format: 'json',
  });
  assert.deepEqual(request, {
    logits: '[[1, 2]]',
    labels: '[0]',
    options: { smoothing: 0.1, dialect: 'keras', float32: true, classWeights: [1, 2] },
    target: { uri: 'file:///a.py', line: 3, version: 7 },
    format: 'json',
  });
});

test('bad option values are dropped, not trusted', () => {
  const request = parseResultRequest({
    logits: '[1]',
    labels: '[0]',
    options: { smoothing: 1.5, dialect: 'caffe', precisionDigits: 1e9, posWeight: ['x'], constructor: 'x' },
    format: 'exe',
  });
  assert.deepEqual(request, { logits: '[1]', labels: '[0]', options: {} });
});

test('anything without two literal strings is not a request', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      const request = parseResultRequest(value);
      return request === undefined || (typeof request.logits === 'string' && typeof request.labels === 'string');
    }),
    { numRuns: 3000 },
  );
  assert.equal(parseResultRequest({ logits: 1, labels: '[0]' }), undefined);
  assert.equal(parseResultRequest(null), undefined);
});
