import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { float32UlpDistance } from '../../../../src/engine/float32';
import { assertAllClose, assertClose } from '../helpers';
import { runCall, valueOf } from './helpers';

// Expected values come from the real @tensorflow/tfjs-core 4.22 on its cpu backend, run in this
// test, unless a comment cites tfjs-core src/ops/losses/*_test.ts.

type Nested = number | Nested[];
const REDUCTIONS = ['NONE', 'SUM', 'MEAN', 'SUM_BY_NONZERO_WEIGHTS'] as const;

function real(tensor: tf.Tensor): number[] {
  return Array.from(tensor.dataSync());
}

/** Every value within `ulps` float32 ulps (NaN only where tfjs has NaN). */
function assertUlps(actual: readonly number[], expected: readonly number[], ulps: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) assert.ok(Number.isNaN(actual[i]), `${what}[${i}]: tfjs NaN, got ${actual[i]}`);
    else assert.ok(float32UlpDistance(actual[i], e) <= ulps, `${what}[${i}]: tfjs ${e}, got ${actual[i]} (${float32UlpDistance(actual[i], e)} ulps)`);
  });
}

const LOGITS: Record<string, Nested> = {
  seed: [
    [0.7, 1.2, 0.3],
    [0.4, 0.2, 0.9],
    [0.6, 0.3, 0.4],
  ],
  extreme: [
    [1000, -1000, 0.5],
    [-1000, 1000, 999],
    [3.25, -2.5, 1e3],
  ],
  binary: [
    [2.5, -1.5],
    [0.1, 0.2],
    [-1e3, 1e3],
  ],
  single: [[0.3], [-2], [1e3]],
};
const ONE_HOT: Record<string, Nested> = {
  seed: [
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ],
  extreme: [
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ],
  binary: [
    [1, 0],
    [0, 1],
    [1, 0],
  ],
  single: [[1], [1], [1]],
};
const SAMPLE_WEIGHTS: Array<Nested | null> = [null, 2.5, [0.2, 0, 0.5], [0, 0, 0], [[1], [0], [3]]];

describe('tfjs tf.losses against @tensorflow/tfjs-core 4.22 (cpu)', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('softmaxCrossEntropy: every reduction, weights, smoothing, ±1e3 logits, K = 1, 2 and 3', () => {
    for (const name of Object.keys(LOGITS)) {
      for (const weights of SAMPLE_WEIGHTS) {
        for (const smoothing of [0, 0.1]) {
          for (const reduction of REDUCTIONS) {
            const expected = real(
              tf.losses.softmaxCrossEntropy(
                tf.tensor(ONE_HOT[name] as number[][]),
                tf.tensor(LOGITS[name] as number[][]),
                weights === null ? undefined : tf.tensor(weights as tf.TensorLike),
                smoothing,
                tf.Reduction[reduction],
              ),
            );
            const ours = valueOf(runCall('tf.losses.softmaxCrossEntropy', [ONE_HOT[name], LOGITS[name], weights, smoothing, reduction]));
            assertUlps(ours, expected, 1, `softmaxCrossEntropy ${name} weights=${JSON.stringify(weights)} ε=${smoothing} ${reduction}`);
          }
        }
      }
    }
  });

  it('sigmoidCrossEntropy: every reduction, per-sample, per-column and per-element weights, smoothing, ±1e3 logits', () => {
    const elementWeights = [
      [1, 0, 2],
      [0.5, 0.5, 0],
      [3, 1, 1],
    ];
    for (const name of ['seed', 'extreme']) {
      for (const weights of [...SAMPLE_WEIGHTS.filter((w) => !Array.isArray(w) || Array.isArray(w[0])), [1, 0, 2], elementWeights]) {
        for (const smoothing of [0, 0.2]) {
          for (const reduction of REDUCTIONS) {
            const expected = real(
              tf.losses.sigmoidCrossEntropy(
                tf.tensor(ONE_HOT[name] as number[][]),
                tf.tensor(LOGITS[name] as number[][]),
                weights === null ? undefined : tf.tensor(weights as tf.TensorLike),
                smoothing,
                tf.Reduction[reduction],
              ),
            );
            const ours = valueOf(runCall('tf.losses.sigmoidCrossEntropy', [ONE_HOT[name], LOGITS[name], weights, smoothing, reduction]));
            assertUlps(ours, expected, 1, `sigmoidCrossEntropy ${name} weights=${JSON.stringify(weights)} ε=${smoothing} ${reduction}`);
          }
        }
      }
    }
  });

  it('logLoss, hingeLoss and meanSquaredError: every reduction and weight shape', () => {
    const labels = [
      [1, 0, 1],
      [1, 0, 0],
    ];
    const probabilities = [
      [0.9, 0.2, 0.2],
      [0.8, 0.4, 1],
    ];
    const scores = [
      [1.2, -0.4, -1.0],
      [2.1, 0.3, -3],
    ];
    for (const weights of [
      null,
      2.3,
      [[1.2], [0]],
      [
        [3, 6, 5],
        [0, 4, 2],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]) {
      for (const reduction of REDUCTIONS) {
        const w = weights === null ? undefined : tf.tensor(weights);
        const cases: Array<[string, Nested, number[]]> = [
          ['tf.losses.logLoss', probabilities, real(tf.losses.logLoss(tf.tensor(labels), tf.tensor(probabilities), w, 1e-7, tf.Reduction[reduction]))],
          ['tf.losses.hingeLoss', scores, real(tf.losses.hingeLoss(tf.tensor(labels), tf.tensor(scores), w, tf.Reduction[reduction]))],
          ['tf.losses.meanSquaredError', scores, real(tf.losses.meanSquaredError(tf.tensor(labels), tf.tensor(scores), w, tf.Reduction[reduction]))],
        ];
        for (const [id, predictions, expected] of cases) {
          const positional = id === 'tf.losses.logLoss' ? [labels, predictions, weights, 1e-7, reduction] : [labels, predictions, weights, reduction];
          assertUlps(valueOf(runCall(id, positional)), expected, 1, `${id} weights=${JSON.stringify(weights)} ${reduction}`);
        }
      }
    }
  });

  it('computeWeightedLoss, including weights that broaden the losses ([3] losses × [3, 1] weights → [3, 3])', () => {
    const losses = [0.5, 1.25, 3];
    for (const weights of [null, [2, 0, 1], [[1], [2], [0]], 0]) {
      for (const reduction of REDUCTIONS) {
        const expected = real(
          tf.losses.computeWeightedLoss(tf.tensor(losses), weights === null ? undefined : tf.tensor(weights as tf.TensorLike), tf.Reduction[reduction]),
        );
        const report = runCall('tf.losses.computeWeightedLoss', [losses, weights, reduction]);
        assertUlps(valueOf(report), expected, 1, `computeWeightedLoss weights=${JSON.stringify(weights)} ${reduction}`);
        if (Array.isArray(weights) && Array.isArray(weights[0])) assert.ok(report.diagnostics.some((d) => d.code === 'weights-broaden-losses'));
      }
    }
  });

  it('with weights and NONE returns weights × ℓ (issue 11, bug 1)', () => {
    const report = runCall('tf.losses.softmaxCrossEntropy', [ONE_HOT.seed, LOGITS.seed, [0.2, 0, 0.5], 0, 'NONE']);
    const plain = valueOf(runCall('tf.losses.softmaxCrossEntropy', [ONE_HOT.seed, LOGITS.seed, null, 0, 'NONE']));
    assertAllClose(valueOf(report), [Math.fround(0.2 * plain[0]), 0, Math.fround(0.5 * plain[2])], 1e-7);
    assertAllClose(Array.from(report.losses.data), plain, 0);
  });

  it('all weights zero: SUM_BY_NONZERO_WEIGHTS and MEAN divide 0 by 0, and tfjs returns NaN (said in a diagnostic)', () => {
    const expected = real(tf.losses.softmaxCrossEntropy(tf.tensor(ONE_HOT.seed as number[][]), tf.tensor(LOGITS.seed as number[][]), tf.tensor([0, 0, 0])));
    assert.ok(Number.isNaN(expected[0]));
    const report = runCall('tf.losses.softmaxCrossEntropy', [ONE_HOT.seed, LOGITS.seed, [0, 0, 0]]);
    assert.ok(Number.isNaN(valueOf(report)[0]));
    assert.ok(report.diagnostics.some((d) => d.code === 'empty-mean'));
  });

  it('float64 mode runs the same steps unrounded', () => {
    const report = runCall('tf.losses.softmaxCrossEntropy', [ONE_HOT.seed, LOGITS.seed], {}, false);
    // Float64 per-row losses of the seed batch (README: 0.6996759812098481 for row 0); the default divides by 3.
    const rows = (LOGITS.seed as number[][]).map((row, i) => Math.log(row.reduce((a, v) => a + Math.exp(v), 0)) - row[[1, 2, 0][i]]);
    assertClose(valueOf(report)[0], (rows[0] + rows[1] + rows[2]) / 3, 1e-15);
  });
});

describe('tfjs-core src/ops/losses/*_test.ts cases (expectArraysClose: 1e-3 in float32)', () => {
  const LABEL = [
    [0, 0, 1],
    [1, 0, 0],
    [0, 1, 0],
  ];
  const PREDICTIONS = [
    [10, -10, -10],
    [-10, 10, -10],
    [-10, -10, 10],
  ];
  const ROW = [[0.1, 0.2, 0.3]];
  // [file, test name, call, positional arguments, expected]
  const CASES: Array<[string, string, string, unknown[], number[]]> = [
    ['softmax_cross_entropy_test.ts', 'All wrong', 'softmaxCrossEntropy', [LABEL, PREDICTIONS], [20]],
    [
      'softmax_cross_entropy_test.ts',
      'All right',
      'softmaxCrossEntropy',
      [
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        PREDICTIONS,
      ],
      [0],
    ],
    // [3, 3] weights broadcast the [3] losses (20 each) to [3, 3]: Σ = 3 · 20 · 0.6 = 36 over 9 nonzero weights = 4.
    [
      'softmax_cross_entropy_test.ts',
      'Weighted - Reduction.SUM_BY_NONZERO_WEIGHTS',
      'softmaxCrossEntropy',
      [LABEL, PREDICTIONS, [ROW[0], ROW[0], ROW[0]]],
      [4],
    ],
    ['softmax_cross_entropy_test.ts', 'Weighted - Reduction.NONE', 'softmaxCrossEntropy', [LABEL, PREDICTIONS, [0.1, 0.2, 0.3], null, 'NONE'], [2, 4, 6]],
    ['softmax_cross_entropy_test.ts', 'Reduction.MEAN', 'softmaxCrossEntropy', [LABEL, PREDICTIONS, null, null, 'MEAN'], [20]],
    ['softmax_cross_entropy_test.ts', 'Weighted - Reduction.MEAN', 'softmaxCrossEntropy', [LABEL, PREDICTIONS, [0.1, 0.2, 0.3], null, 'MEAN'], [20]],
    ['softmax_cross_entropy_test.ts', 'Label Smoothing - Weighted - Reduction.MEAN', 'softmaxCrossEntropy', [LABEL, PREDICTIONS, ROW, 0.3, 'MEAN'], [18]],
    ['sigmoid_cross_entropy_test.ts', 'All wrong', 'sigmoidCrossEntropy', [LABEL, PREDICTIONS], [6.6667123]],
    ['sigmoid_cross_entropy_test.ts', 'Weighted - Reduction.SUM_BY_NONZERO_WEIGHTS', 'sigmoidCrossEntropy', [LABEL, PREDICTIONS, ROW], [1.3333424]],
    [
      'sigmoid_cross_entropy_test.ts',
      'Weighted - Reduction.NONE',
      'sigmoidCrossEntropy',
      [LABEL, PREDICTIONS, ROW, null, 'NONE'],
      [1.0000046, 9.0797803e-6, 3.0000138, 1.0000046, 2.0000093, 1.3619671e-5, 4.5398901e-6, 2.0000093, 3.0000138],
    ],
    ['sigmoid_cross_entropy_test.ts', 'Weighted - Reduction.MEAN', 'sigmoidCrossEntropy', [LABEL, PREDICTIONS, ROW, null, 'MEAN'], [6.666712284088135]],
    [
      'sigmoid_cross_entropy_test.ts',
      'Label Smoothing - Weighted - Reduction.MEAN',
      'sigmoidCrossEntropy',
      [LABEL, PREDICTIONS, ROW, 0.3, 'MEAN'],
      [6.1667128],
    ],
    [
      'log_loss_test.ts',
      '1D',
      'logLoss',
      [
        [1, 2, 3],
        [0.3, 0.6, 0.1],
      ],
      [2.668788],
    ],
    [
      'log_loss_test.ts',
      '1D - Check for negative values',
      'logLoss',
      [
        [1, 2, 3],
        [0.3, -0.6, -0.1],
      ],
      [NaN],
    ],
    [
      'log_loss_test.ts',
      '1D - weighted - Reduction.SUM_BY_NONZERO_WEIGHTS',
      'logLoss',
      [
        [1, 2, 3],
        [0.3, 0.6, 0.1],
        [0.1, 0.2, 0.3],
      ],
      [0.7168596],
    ],
    [
      'log_loss_test.ts',
      '1D - weighted - Reduction.NONE',
      'logLoss',
      [[1, 2, 3], [0.3, 0.6, 0.1], [0.1, 0.2, 0.3], 1e-7, 'NONE'],
      [0.12039725, 0.02107204, 2.0091095],
    ],
    ['log_loss_test.ts', '1D - weighted - Reduction.MEAN', 'logLoss', [[1, 2, 3], [0.3, 0.6, 0.1], [0.1, 0.2, 0.3], 1e-7, 'MEAN'], [3.5842977]],
    [
      'log_loss_test.ts',
      '2D',
      'logLoss',
      [
        [
          [0.4, 0.8, 0.12],
          [0.8, 0.1, 0.3],
        ],
        [
          [0.1, 0.7, 0.1],
          [0.5, 0.05, 0.15],
        ],
      ],
      [0.60019904],
    ],
    [
      'log_loss_test.ts',
      '2D - weighted - Reduction.NONE',
      'logLoss',
      [
        [
          [0.4, 0.8, 0.12],
          [0.8, 0.1, 0.3],
        ],
        [
          [0.1, 0.7, 0.1],
          [0.5, 0.05, 0.15],
        ],
        [
          [3, 0, 5],
          [0, 4, 2],
        ],
        1e-7,
        'NONE',
      ],
      [2.9527497, 0, 1.8451363, 0, 1.3829476, 1.3657978],
    ],
    [
      'log_loss_test.ts',
      '2D - weighted - Reduction.MEAN',
      'logLoss',
      [
        [
          [0.4, 0.8, 0.12],
          [0.8, 0.1, 0.3],
        ],
        [
          [0.1, 0.7, 0.1],
          [0.5, 0.05, 0.15],
        ],
        [
          [3, 0, 5],
          [0, 4, 2],
        ],
        1e-7,
        'MEAN',
      ],
      [0.53904504],
    ],
    [
      'hinge_loss_test.ts',
      '1D',
      'hingeLoss',
      [
        [0, 1, 0, 1],
        [0, 0, 1, 1],
      ],
      [1],
    ],
    [
      'hinge_loss_test.ts',
      '1D - weighted - Reduction.SUM_BY_NONZERO_WEIGHTS',
      'hingeLoss',
      [
        [0, 1, 0, 1],
        [0, 0, 1, 1],
        [0.1, 0.2, 0.3, 0.4],
      ],
      [0.225],
    ],
    ['hinge_loss_test.ts', '1D - weighted - Reduction.NONE', 'hingeLoss', [[0, 1, 0, 1], [0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], 'NONE'], [0.1, 0.2, 0.6, 0]],
    ['hinge_loss_test.ts', '1D - weighted - Reduction.MEAN', 'hingeLoss', [[0, 1, 0, 1], [0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], 'MEAN'], [0.9]],
    [
      'hinge_loss_test.ts',
      '2D - weighted - Reduction.MEAN',
      'hingeLoss',
      [
        [
          [0, 1, 0],
          [1, 0, 1],
        ],
        [
          [0, 0, 0],
          [1, 1, 1],
        ],
        [
          [0.1, 0.2, 0.3],
          [0.4, 0.5, 0.6],
        ],
        'MEAN',
      ],
      [0.76190484],
    ],
    // ((4−1)²·3 + (12−2)²·5 + (1+2)²·4 + (3−6)²·2) / 4 nonzero weights
    [
      'mean_squared_error_test.ts',
      '2D - weighted - Reduction.SUM_BY_NONZERO_WEIGHTS',
      'meanSquaredError',
      [
        [
          [1, 9, 2],
          [-5, -2, 6],
        ],
        [
          [4, 8, 12],
          [8, 1, 3],
        ],
        [
          [3, 0, 5],
          [0, 4, 2],
        ],
      ],
      [(27 + 500 + 36 + 18) / 4],
    ],
    [
      'mean_squared_error_test.ts',
      '1D - weighted - Reduction.MEAN',
      'meanSquaredError',
      [[0.3, -0.6, -0.1], [1, 2, 3], [0.1, 0.2, 0.3], 'MEAN'],
      [(0.7 * 0.7 * 0.1 + 2.6 * 2.6 * 0.2 + 3.1 * 3.1 * 0.3) / 0.6],
    ],
    [
      'compute_weighted_loss_test.ts',
      '1D - weights',
      'computeWeightedLoss',
      [
        [1, 2, 3],
        [0.1, 0, 0.3],
      ],
      [(1 * 0.1 + 3 * 0.3) / 2],
    ],
    ['compute_weighted_loss_test.ts', '2D - weights - broadcast', 'computeWeightedLoss', [LABEL, ROW], [0.06666667]],
    ['compute_weighted_loss_test.ts', '1D - weights - Reduction.MEAN', 'computeWeightedLoss', [[1, 2, 3], [0.1, 0.2, 0.3], 'MEAN'], [(0.1 + 0.4 + 0.9) / 0.6]],
  ];
  for (const [file, name, call, positional, expected] of CASES) {
    it(`${file} “${name}”`, () => {
      // A null labelSmoothing or epsilon stands for tfjs's `undefined`: the default.
      const entry = `tf.losses.${call}`;
      const args = positional.map((v, i) => (v === null && i === 3 ? (call === 'logLoss' ? 1e-7 : 0) : v));
      const actual = valueOf(runCall(entry, args));
      expected.forEach((e, i) => (Number.isNaN(e) ? assert.ok(Number.isNaN(actual[i])) : assertClose(actual[i], e, 1e-3, `${entry}[${i}]`)));
    });
  }
});
