import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatNumber, formatShape } from '../../../src/render/number-format';

test('significant digits without trailing zeros', () => {
  assert.equal(formatNumber(0.6996759812098481, 5), '0.69968');
  assert.equal(formatNumber(1.0798527155521245, 8), '1.0798527');
  assert.equal(formatNumber(0.5, 5), '0.5');
  assert.equal(formatNumber(2, 5), '2');
  assert.equal(formatNumber(13.333333, 5), '13.333');
  assert.equal(formatNumber(-0.0333333, 3), '-0.0333');
});

test('exponent form for tiny and huge magnitudes', () => {
  assert.equal(formatNumber(4.5399929762484854e-5, 5), '4.54e-5');
  assert.equal(formatNumber(1e-300, 3), '1e-300');
  assert.equal(formatNumber(1.2345e12, 5), '1.2345e12');
  assert.equal(formatNumber(123456, 5), '1.2346e5');
  assert.equal(formatNumber(12345, 5), '12345');
});

test('non-finite values and signed zero are spelled out', () => {
  assert.equal(formatNumber(NaN, 5), 'nan');
  assert.equal(formatNumber(Infinity, 5), 'inf');
  assert.equal(formatNumber(-Infinity, 5), '-inf');
  assert.equal(formatNumber(-0, 5), '-0');
  assert.equal(formatNumber(0, 5), '0');
});

test('formatted value is within half a unit of the last digit', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.integer({ min: 1, max: 17 }), (x, digits) => {
      const shown = Number(formatNumber(x, digits));
      if (x === 0) return shown === 0;
      return Math.abs(shown - x) <= Math.abs(x) * 10 ** (1 - digits);
    }),
    { numRuns: 2000 },
  );
});

test('shapes print like NumPy', () => {
  assert.equal(formatShape([3, 3]), '[3, 3]');
  assert.equal(formatShape([]), '[]');
});
