// The engine at the edges of float64: ±1e308, ±inf, NaN, subnormals, all-equal rows, K = 1,
// one-element and rank-0 tensors. Each row states what the result must be and which
// diagnostics (severity:code) explain it; values are exact unless a tolerance in ulps is given.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeClassification, analyzeDistributions, analyzeLikelihood } from '../../../src/engine';
import type { ClassificationOptions } from '../../../src/report/model';
import { tensor } from '../../../src/tensor';

interface Extreme {
  readonly name: string;
  readonly logits: [number[], number[]];
  readonly labels: [number[], number[]];
  readonly options?: Partial<ClassificationOptions>;
  readonly softmax?: number[];
  /** Per-sample softmax cross-entropy (hard labels: ε = 0). */
  readonly crossEntropy?: number[];
  readonly sigmoid?: number[];
  /** Unweighted means [softmax, sigmoid]. */
  readonly mean?: [number, number];
  /** Allowed distance in ulps for every value of the row (default 0: bit for bit). */
  readonly ulps?: number;
  /** Exactly these diagnostics, as severity:code, in the report's order. */
  readonly diagnostics: string[];
}

const LN2 = Math.LN2;
/** log(1 + e^x) computed the stable way, as the expected sigmoid loss of a negative target. */
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

const EXTREMES: Extreme[] = [
  {
    name: '±1e308, true class the larger: softmax is one-hot, every loss 0',
    logits: [
      [1, 2],
      [1e308, -1e308],
    ],
    labels: [[1], [0]],
    softmax: [1, 0],
    crossEntropy: [0],
    sigmoid: [0, 0],
    mean: [0, 0],
    diagnostics: [],
  },
  {
    name: '±1e308, true class the smaller: the loss 2e308 overflows, and the diagnostics say so',
    logits: [
      [1, 2],
      [1e308, -1e308],
    ],
    labels: [[1], [1]],
    softmax: [1, 0],
    crossEntropy: [Infinity],
    sigmoid: [1e308, 1e308],
    mean: [Infinity, Infinity],
    diagnostics: ['error:non-finite-result', 'error:overflow'],
  },
  {
    name: '1e308 twice: an all-equal row, log 2',
    logits: [
      [1, 2],
      [1e308, 1e308],
    ],
    labels: [[1], [0]],
    softmax: [0.5, 0.5],
    crossEntropy: [LN2],
    sigmoid: [0, 1e308],
    mean: [LN2, 5e307],
    diagnostics: ['info:uniform-logits'],
  },
  {
    name: '+inf on the true class: the limit, a one-hot softmax and loss 0',
    logits: [
      [1, 2],
      [Infinity, 0],
    ],
    labels: [[1], [0]],
    softmax: [1, 0],
    crossEntropy: [0],
    sigmoid: [0, LN2],
    mean: [0, LN2 / 2],
    diagnostics: ['warning:infinite-logit'],
  },
  {
    name: '+inf on another class: loss +inf, named',
    logits: [
      [1, 2],
      [Infinity, 0],
    ],
    labels: [[1], [1]],
    softmax: [1, 0],
    crossEntropy: [Infinity],
    sigmoid: [Infinity, LN2],
    mean: [Infinity, Infinity],
    diagnostics: ['error:non-finite-result', 'warning:infinite-logit'],
  },
  {
    name: '−inf on another class: probability 0 costs nothing',
    logits: [
      [1, 2],
      [-Infinity, 0],
    ],
    labels: [[1], [1]],
    softmax: [0, 1],
    crossEntropy: [0],
    sigmoid: [0, LN2],
    mean: [0, LN2 / 2],
    diagnostics: ['info:negative-infinite-logit'],
  },
  {
    name: '−inf on the true class: loss +inf',
    logits: [
      [1, 2],
      [-Infinity, 0],
    ],
    labels: [[1], [0]],
    softmax: [0, 1],
    crossEntropy: [Infinity],
    sigmoid: [Infinity, LN2],
    mean: [Infinity, Infinity],
    diagnostics: ['error:non-finite-result', 'info:negative-infinite-logit'],
  },
  {
    name: '+inf twice: ∞/∞ is undefined, NaN with an error',
    logits: [
      [1, 2],
      [Infinity, Infinity],
    ],
    labels: [[1], [0]],
    softmax: [NaN, NaN],
    crossEntropy: [NaN],
    sigmoid: [0, Infinity],
    mean: [NaN, Infinity],
    diagnostics: ['error:indeterminate-softmax', 'error:non-finite-result'],
  },
  {
    name: 'only −inf: 0/0 is undefined, NaN with an error',
    logits: [
      [1, 2],
      [-Infinity, -Infinity],
    ],
    labels: [[1], [0]],
    softmax: [NaN, NaN],
    crossEntropy: [NaN],
    sigmoid: [Infinity, 0],
    mean: [NaN, Infinity],
    diagnostics: ['error:indeterminate-softmax', 'error:non-finite-result'],
  },
  {
    name: 'NaN logit: its sample is NaN, the input is named',
    logits: [
      [2, 2],
      [NaN, 0, 1, 2],
    ],
    labels: [[2], [0, 1]],
    softmax: [NaN, NaN, 1 / (1 + Math.E), Math.E / (1 + Math.E)],
    crossEntropy: [NaN, softplus(-1)],
    sigmoid: [NaN, LN2, softplus(1), softplus(-2)],
    mean: [NaN, NaN],
    ulps: 1,
    diagnostics: ['error:non-finite-input', 'error:non-finite-result'],
  },
  {
    name: 'subnormal logits: they differ by nothing that survives, so log 2',
    logits: [
      [1, 2],
      [5e-324, -5e-324],
    ],
    labels: [[1], [0]],
    softmax: [0.5, 0.5],
    crossEntropy: [LN2],
    sigmoid: [LN2, LN2],
    mean: [LN2, LN2],
    diagnostics: ['info:uniform-logits'],
  },
  {
    name: 'all-equal row: uniform softmax, loss log K',
    logits: [
      [1, 3],
      [3, 3, 3],
    ],
    labels: [[1], [2]],
    softmax: [1 / 3, 1 / 3, 1 / 3],
    crossEntropy: [Math.log(3)],
    sigmoid: [softplus(3), softplus(3), softplus(-3)],
    ulps: 2,
    diagnostics: ['info:uniform-logits'],
  },
  {
    name: 'a gap of 1000: the stable formula, no overflow',
    logits: [
      [1, 2],
      [1000, 0],
    ],
    labels: [[1], [1]],
    softmax: [1, 0],
    crossEntropy: [1000],
    sigmoid: [1000, LN2],
    diagnostics: [],
  },
  {
    name: 'K = 1: one logit per sample is binary, softmax over [0, x] equals the sigmoid loss',
    logits: [
      [2, 1],
      [2, -1],
    ],
    labels: [[2], [0, 1]],
    softmax: [1 / (1 + Math.exp(2)), Math.exp(2) / (1 + Math.exp(2)), 1 / (1 + Math.exp(-1)), Math.exp(-1) / (1 + Math.exp(-1))],
    crossEntropy: [softplus(2), softplus(1)],
    sigmoid: [softplus(2), softplus(1)],
    ulps: 2,
    diagnostics: ['info:binary-logits'],
  },
  {
    name: 'one element, rank 1: one binary sample',
    logits: [[1], [0.5]],
    labels: [[1], [1]],
    crossEntropy: [softplus(-0.5)],
    sigmoid: [softplus(-0.5)],
    ulps: 1,
    diagnostics: ['info:binary-logits', 'info:probabilities-as-logits'],
  },
  {
    name: 'rank 0: np.array(x) with a scalar target',
    logits: [[], [-3]],
    labels: [[], [0]],
    crossEntropy: [softplus(-3)],
    sigmoid: [softplus(-3)],
    ulps: 1,
    diagnostics: ['info:binary-logits'],
  },
  {
    name: 'targets far outside [0, 1] against a huge logit: ∞ − ∞ inside the loss is NaN, and said to be',
    logits: [
      [1, 2],
      [-1e300, 0],
    ],
    labels: [
      [1, 2],
      [-1e308, 1],
    ],
    options: { posWeight: 0 },
    crossEntropy: [-Infinity],
    sigmoid: [NaN, 0],
    mean: [-Infinity, NaN],
    diagnostics: ['error:non-finite-result', 'error:overflow', 'warning:labels-out-of-range'],
  },
  {
    name: 'pos_weight times a huge loss overflows: named, with the weights',
    logits: [
      [1, 2],
      [-1e10, 0],
    ],
    labels: [[1], [0]],
    options: { posWeight: 1e300 },
    crossEntropy: [1e10],
    sigmoid: [Infinity, LN2],
    diagnostics: ['error:overflow'],
  },
];

function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const buffer = new DataView(new ArrayBuffer(16));
  buffer.setFloat64(0, a);
  buffer.setFloat64(8, b);
  const bits = (offset: number) => {
    const big = buffer.getBigInt64(offset);
    return big < 0n ? -(big & 0x7fffffffffffffffn) : big;
  };
  return Number(bits(0) - bits(8) < 0n ? bits(8) - bits(0) : bits(0) - bits(8));
}

function within(actual: ArrayLike<number>, expected: readonly number[], ulps: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const distance = ulpDistance(actual[i], expected[i]);
    assert.ok(distance <= ulps, `${what}[${i}]: ${actual[i]} vs ${expected[i]} (${distance} ulps)`);
  }
}

describe('extreme inputs: defined results or named diagnostics', () => {
  for (const row of EXTREMES) {
    test(row.name, () => {
      const report = analyzeClassification(tensor(...row.logits), tensor(...row.labels), row.options);
      const ulps = row.ulps ?? 0;
      if (row.softmax) within(report.softmax.data, row.softmax, ulps, 'softmax');
      if (row.crossEntropy) within(report.softmaxCrossEntropy, row.crossEntropy, ulps, 'softmax cross-entropy');
      if (row.sigmoid) within(report.sigmoidCrossEntropy.data, row.sigmoid, ulps, 'sigmoid cross-entropy');
      if (row.mean) within([report.mean.softmaxCrossEntropy, report.mean.sigmoidCrossEntropy], row.mean, ulps, 'means');
      assert.deepEqual(
        report.diagnostics.map((d) => `${d.severity}:${d.code}`),
        row.diagnostics,
      );
      // Whatever is not finite is explained by an error.
      const values = [...report.softmaxCrossEntropy, ...report.sigmoidCrossEntropy.data];
      if (!values.every(Number.isFinite)) assert.ok(report.diagnostics.some((d) => d.severity === 'error'));
    });
  }
});

describe('extreme distributions and outcomes', () => {
  test('a subnormal q: CE and KL are −log q, finite, and agree', () => {
    const q = 5.562684646268003e-309;
    const report = analyzeDistributions(tensor([2], [0, 1]), tensor([2], [1, q]));
    assert.equal(report.entropy, 0);
    assert.equal(report.crossEntropy, -Math.log(q));
    assert.equal(report.klDivergence, -Math.log(q));
  });

  test('p ≈ q keeps the accurate log(p/q): KL of a distribution from itself is 0', () => {
    const p = [0.1, 0.2, 0.7];
    assert.equal(analyzeDistributions(tensor([3], p), tensor([3], p)).klDivergence, 0);
  });

  test('all outcomes 0: θ̂ = 0 on the boundary, log L = 0, with a note', () => {
    const report = analyzeLikelihood(tensor([3], [0, 0, 0]));
    assert.equal(report.mle, 0);
    assert.equal(report.logLikelihood, 0);
    assert.deepEqual(
      report.diagnostics.map((d) => d.code),
      ['mle-at-boundary'],
    );
  });
});
