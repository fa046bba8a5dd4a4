import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWire, encodeWire, toPlain } from '../../../src/vscode/calculator/wire';

describe('wire encoding', () => {
  it('turns typed arrays into number arrays', () => {
    const plain = toPlain({ t: { shape: [2], data: Float64Array.from([0.5, 1.5]) }, list: [Float64Array.from([3])] });
    assert.deepEqual(plain, { t: { shape: [2], data: [0.5, 1.5] }, list: [[3]] });
    assert.ok(Array.isArray(plain.t.data));
  });

  it('carries Infinity, -Infinity and NaN through JSON', () => {
    const message = { losses: Float64Array.from([Infinity, 0.25, NaN]), total: -Infinity, nested: [{ x: NaN }] };
    const roundTripped = decodeWire(JSON.parse(JSON.stringify(encodeWire(message)))) as {
      losses: number[];
      total: number;
      nested: { x: number }[];
    };
    assert.equal(roundTripped.losses[0], Infinity);
    assert.equal(roundTripped.losses[1], 0.25);
    assert.ok(Number.isNaN(roundTripped.losses[2]));
    assert.equal(roundTripped.total, -Infinity);
    assert.ok(Number.isNaN(roundTripped.nested[0].x));
  });

  it('leaves ordinary objects, strings and finite numbers alone', () => {
    const message = { type: 'evaluated', id: 3, text: '$nonFinite', values: [1, -0.5], flag: true, none: null };
    assert.deepEqual(decodeWire(JSON.parse(JSON.stringify(encodeWire(message)))), message);
  });
});
