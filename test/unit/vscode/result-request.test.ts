import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseLiteralReference, parseResultRequest } from '../../../src/vscode/result-request';

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

test("a hover link's literal reference names a document version and offset ranges, nothing else", () => {
  const source = { uri: 'file:///a.py', version: 4 };
  assert.deepEqual(parseLiteralReference({ source, logits: [9, 33], labels: [43, 49], extra: 'x' }), { source, logits: [9, 33], labels: [43, 49] });
  assert.deepEqual(parseLiteralReference({ source, labels: [0, 6] }), { source, labels: [0, 6] });
  assert.equal(parseLiteralReference({ source }), undefined, 'no literal named');
  assert.equal(parseLiteralReference({ source, logits: [5, 2] }), undefined, 'end before start');
  assert.equal(parseLiteralReference({ source, logits: [-1, 2] }), undefined, 'negative offset');
  assert.equal(parseLiteralReference({ source, logits: [0, 1.5] }), undefined, 'fractional offset');
  assert.equal(parseLiteralReference({ source, logits: [0, 4], labels: [9, 'x'] }), undefined, 'one range malformed');
  assert.equal(parseLiteralReference({ source: { uri: 'file:///a.py', version: '4' }, logits: [0, 1] }), undefined, 'version not a number');
  assert.equal(parseLiteralReference({ logits: '[1]', labels: '[0]' }), undefined, 'a text request is not a reference');
  fc.assert(
    fc.property(fc.anything(), (value) => {
      const reference = parseLiteralReference(value);
      return reference === undefined || (typeof reference.source.uri === 'string' && (reference.logits ?? reference.labels) !== undefined);
    }),
    { numRuns: 2000 },
  );
});
