import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { likelihoodSeries } from '../../../src/webview/chartData';
import { buildDialectTable, buildPrecisionTable, decimalDigits, sameValue, splitAtDisagreement } from '../../../src/webview/compareView';
import { markProblem, offsetOf } from '../../../src/webview/errorMark';
import { decompositionTex, gradientTex } from '../../../src/webview/explainTex';
import { exact, exactFloat32 } from '../../../src/webview/format';
import { moveInGrid } from '../../../src/webview/grid';
import { LatestRequest } from '../../../src/webview/requests';
import { fill } from '../../../src/webview/text';
import type { Comparison, DialectResult } from '../../../src/vscode/calculator/protocol';
import { strings } from './fixtures';

describe('fill', () => {
  it('replaces numbered placeholders and leaves missing ones', () => {
    assert.equal(fill('Line {0}, column {1}: {2}', 2, 5, 'bad'), 'Line 2, column 5: bad');
    assert.equal(fill('{1}{0}{1}', 'a', 'b'), 'bab');
    assert.equal(fill('{0} {3}', 'x'), 'x {3}');
  });
});

describe('moveInGrid', () => {
  const rows = [3, 3, 2];
  it('moves with arrows and stops at the edges', () => {
    assert.deepEqual(moveInGrid({ row: 0, column: 0 }, 'ArrowRight', rows), { row: 0, column: 1 });
    assert.deepEqual(moveInGrid({ row: 0, column: 2 }, 'ArrowRight', rows), { row: 0, column: 2 });
    assert.deepEqual(moveInGrid({ row: 0, column: 0 }, 'ArrowUp', rows), { row: 0, column: 0 });
    assert.deepEqual(moveInGrid({ row: 1, column: 2 }, 'ArrowDown', rows), { row: 2, column: 1 });
  });
  it('jumps with Home, End, Ctrl+Home/End and pages', () => {
    assert.deepEqual(moveInGrid({ row: 1, column: 1 }, 'Home', rows), { row: 1, column: 0 });
    assert.deepEqual(moveInGrid({ row: 1, column: 0 }, 'End', rows), { row: 1, column: 2 });
    assert.deepEqual(moveInGrid({ row: 1, column: 1 }, 'End', rows, true), { row: 2, column: 1 });
    assert.deepEqual(moveInGrid({ row: 2, column: 1 }, 'Home', rows, true), { row: 0, column: 0 });
    assert.deepEqual(moveInGrid({ row: 0, column: 1 }, 'PageDown', rows), { row: 2, column: 1 });
    assert.equal(moveInGrid({ row: 0, column: 0 }, 'Tab', rows), undefined);
    assert.equal(moveInGrid({ row: 0, column: 0 }, 'ArrowDown', []), undefined);
  });
});

describe('markProblem', () => {
  it('marks the whole token at the error', () => {
    const text = '[[1, 2],\n [3, 4x5]]';
    const marked = markProblem(text, { input: 'logits', message: 'bad number', line: 2, column: 6 })!;
    assert.deepEqual(marked, { before: '[[1, 2],\n [3, ', marked: '4x5', after: ']]', offset: 14 });
  });
  it('marks a single punctuation character', () => {
    assert.deepEqual(markProblem('[1, , 2]', { input: 'labels', message: 'empty', offset: 4 }), { before: '[1, ', marked: ',', after: ' 2]', offset: 4 });
  });
  it('marks a space at the end of the text or of a line', () => {
    assert.deepEqual(markProblem('[1, 2', { input: 'labels', message: 'unclosed', line: 1, column: 6 }), {
      before: '[1, 2',
      marked: ' ',
      after: '',
      offset: 5,
    });
    assert.deepEqual(markProblem('[1,\r\n2', { input: 'labels', message: 'x', line: 1, column: 4 }), { before: '[1,', marked: ' ', after: '\r\n2', offset: 3 });
  });
  it('has nothing to mark without a location', () => {
    assert.equal(markProblem('[1]', { input: 'labels', message: 'shape mismatch' }), undefined);
  });
  it('counts CRLF and CR as one line break, as locate does', () => {
    assert.equal(offsetOf('a\r\nb\rc\nd', 4, 1), 7);
    assert.equal(offsetOf('ab', 1, 10), 2);
  });
});

describe('float text', () => {
  it('prints shortest round-trip float64 and float32 values', () => {
    assert.equal(exact(0.6996759812098481), '0.6996759812098481');
    assert.equal(exact(-Infinity), '-Infinity');
    // The float32 nearest to float64 CE is 0.69967598 (7.7e-9 off), whose shortest text is 0.699676.
    assert.equal(exactFloat32(0.6996759812098481), '0.699676');
    assert.equal(exactFloat32(Math.fround(0.69967604)), '0.69967604');
    assert.equal(exactFloat32(0.1), '0.1');
  });
});

describe('digit agreement', () => {
  it('reads significant digits and exponent', () => {
    assert.deepEqual(decimalDigits('0.0069967'), { negative: false, digits: '69967', exponent: -2 });
    assert.deepEqual(decimalDigits('-1.5e-7'), { negative: true, digits: '15', exponent: -6 });
    assert.deepEqual(decimalDigits('12.50'), { negative: false, digits: '125', exponent: 2 });
    assert.equal(decimalDigits('abc'), undefined);
  });
  it('splits where the digits first disagree with the BigNumber value', () => {
    const big = '0.69967598120984806004';
    assert.deepEqual(splitAtDisagreement('0.6996759812098481', big), { agree: '0.699675981209848', rest: '1', correctDigits: 15 });
    assert.deepEqual(splitAtDisagreement('0.69967604', big), { agree: '0.69967', rest: '604', correctDigits: 5 });
    assert.deepEqual(splitAtDisagreement('0.5', '0.50000'), { agree: '0.5', rest: '', correctDigits: 1 });
    assert.deepEqual(splitAtDisagreement('1.0798527', '1.07985271555'), { agree: '1.0798527', rest: '', correctDigits: 8 });
    assert.deepEqual(splitAtDisagreement('0.9', '1.1'), { agree: '', rest: '0.9', correctDigits: 0 });
  });
});

function dialect(name: DialectResult['dialect'], softmax: number, sigmoid: number, smoothing: DialectResult['sigmoidSmoothing']): DialectResult {
  return {
    dialect: name,
    reduced: { softmaxCrossEntropy: softmax, sigmoidCrossEntropy: sigmoid },
    softmaxCrossEntropy: [softmax, softmax],
    sigmoidCrossEntropy: [sigmoid, sigmoid, sigmoid, sigmoid],
    sigmoidShape: [2, 2],
    sigmoidSmoothing: smoothing,
    softmaxCall: `${name}.softmax()`,
    sigmoidCall: `${name}.sigmoid()`,
    notes: [],
  };
}

describe('dialect comparison', () => {
  const comparison: Comparison = {
    dialects: [dialect('tf', 0.5, 0.7, 'classes'), dialect('keras', 0.5 + 1e-15, 0.71, 'binary'), dialect('pytorch', 0.5, 0.7, 'classes')],
    precisionDigits: 30,
    precision: [
      { quantity: 'softmaxCrossEntropy', index: [0], float64: 0.6996759812098481, float32: 0.6996760368347168, bigNumber: '0.699675981209848060042' },
    ],
  };

  it('treats float64 noise as equal and real differences as different', () => {
    assert.ok(sameValue(0.5, 0.5 + 1e-15));
    assert.ok(!sameValue(0.7, 0.71));
    assert.ok(sameValue(NaN, NaN));
    assert.ok(sameValue(Infinity, Infinity));
    assert.ok(!sameValue(Infinity, 1));
  });

  it('highlights what differs from the selected dialect', () => {
    const table = buildDialectTable(comparison, 'pytorch', strings, 4);
    assert.deepEqual(table.columnHeaders, ['Quantity', 'TensorFlow (tf.nn)', 'Keras', 'PyTorch']);
    const byLabel = (label: string) => table.rows.find((r) => r.label === label)!;
    assert.deepEqual(
      byLabel('softmax CE, reduced').cells.map((c) => c.differs),
      [false, false, false],
    );
    assert.deepEqual(
      byLabel('sigmoid CE, reduced').cells.map((c) => c.differs),
      [false, true, false],
    );
    assert.equal(byLabel('sigmoid CE, reduced').cells[1].ariaLabel, 'sigmoid CE, reduced, Keras: 0.71, differs from PyTorch');
    assert.deepEqual(
      byLabel('sigmoid smoothing').cells.map((c) => c.differs),
      [false, true, false],
    );
    assert.equal(byLabel('sigmoid CE, [1, 1]').cells[1].text, '0.71');
    assert.equal(table.rows.length, 3 + 2 + 4);
  });

  it('shows float64 and float32 digits against BigNumber', () => {
    const table = buildPrecisionTable(comparison, strings);
    assert.equal(table.heading, 'float64, float32 and BigNumber (30 digits)');
    const row = table.rows[0];
    assert.equal(row.label, 'softmax CE, sample 0');
    assert.deepEqual(row.float64.split, { agree: '0.699675981209848', rest: '1', correctDigits: 15 });
    assert.deepEqual(row.float32.split, { agree: '0.69967', rest: '604', correctDigits: 5 });
    assert.equal(row.float32.title, '5 correct significant digits');
  });
});

describe('likelihoodSeries', () => {
  it('inserts θ̂ and θ into the grid as points on the curve', () => {
    const series = likelihoodSeries({
      kind: 'likelihood',
      trials: 10,
      successes: 6,
      mle: 0.6,
      logLikelihood: -6.73,
      theta: 0.45,
      probability: 0.16,
      curve: { theta: [0, 0.4, 0.5, 0.6, 1], logLikelihood: [-Infinity, -7, -6.9, -6.73, -Infinity] },
      diagnostics: [],
    });
    assert.deepEqual(series.x, [0, 0.4, 0.45, 0.5, 0.6, 1]);
    assert.deepEqual(series.curve, [null, -7, -6.95, -6.9, -6.73, null]);
    assert.deepEqual(series.mle, [null, null, null, null, -6.73, null]);
    assert.deepEqual(series.theta, [null, null, -6.95, null, null, null]);
  });
});

describe('explanation TeX', () => {
  it('writes CE = H(y) + KL with the numbers', () => {
    assert.equal(
      decompositionTex({ entropy: 0.28, klDivergence: 0.5, crossEntropy: 0.78 }, 4),
      'H(y, p) = H(y) + \\mathrm{KL}(y \\,\\|\\, p) = 0.28 + 0.5 = 0.78',
    );
  });
  it('writes the gradient row, and TeX for tiny and infinite numbers', () => {
    const derivation = { loss: 'softmaxCrossEntropy' as const, index: [0], title: 't', steps: [], result: 0 };
    assert.equal(
      gradientTex({ derivation, gradient: [0.3, -0.5, 2e-9] }, 3),
      '\\frac{\\partial L}{\\partial x} = p - y = \\left[0.3,\\ -0.5,\\ 2\\times 10^{-9}\\right]',
    );
    assert.equal(
      gradientTex({ derivation: { ...derivation, loss: 'sigmoidCrossEntropy' }, gradient: [Infinity] }, 3),
      '\\frac{\\partial L}{\\partial x} = \\sigma(x) - z = \\infty',
    );
    assert.equal(gradientTex({ derivation }, 3), undefined);
  });
});

describe('LatestRequest', () => {
  it('gives ids unique across kinds and only the newest counts', () => {
    const a = new LatestRequest();
    const b = new LatestRequest();
    const first = a.next();
    const other = b.next();
    const second = a.next();
    assert.notEqual(first, other);
    assert.ok(!a.isLatest(first));
    assert.ok(a.isLatest(second));
    assert.ok(!a.isLatest(other));
    assert.ok(b.isLatest(other));
  });
});
