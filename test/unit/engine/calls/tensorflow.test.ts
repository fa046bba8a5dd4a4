import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { float32UlpDistance } from '../../../../src/engine/float32';
import { SEED_PRINTED_SIGMOID, SEED_PRINTED_SOFTMAX, assertAllClose, assertClose } from '../helpers';
import { runCall, valueOf } from './helpers';

// Sources: the tf.nn docstrings (tensorflow/python/ops/nn_impl.py, nn_ops.py) and
// tensorflow/python/kernel_tests/losses_test.py (test class and name in each case; its
// assertAlmostEqual(…, 3) checks 3 decimal places, so these do too unless the value is exact).

const LOGITS_10 = [
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
];
const WRONG_ONE_HOT = [
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
];
const LOGITS_100 = [
  [100, -100, -100],
  [-100, 100, -100],
  [-100, -100, 100],
];

function assertUlps(actual: readonly number[], printed: readonly number[], ulps: number, what: string): void {
  assert.equal(actual.length, printed.length, `${what}: length`);
  printed.forEach((p, i) => assert.ok(float32UlpDistance(actual[i], Math.fround(p)) <= ulps, `${what}[${i}]: printed ${p}, got ${actual[i]}`));
}

type ArgumentFault = Error & { argument?: string; element?: number };
const names = (argument: string, element?: number) => (e: ArgumentFault) => e.argument === argument && (element === undefined || e.element === element);

describe('tf.nn loss ops (unreduced)', () => {
  it('match their docstrings to the printed float32 digits', () => {
    assertUlps(
      valueOf(
        runCall('tf.nn.softmax_cross_entropy_with_logits', [], {
          labels: [
            [1, 0, 0],
            [0, 0.8, 0.2],
          ],
          logits: [
            [4, 2, 1],
            [0, 5, 1],
          ],
        }),
      ),
      [0.16984604, 0.82474494],
      1,
      'softmax_cross_entropy_with_logits',
    );
    // Row 0 is 3 ulps off: Eigen's vectorised sum adds the four exponentials as (e0 + e2) + (e1 + e3) = 1.3464985,
    // the sequential float32 sum gives 1.3464984 (both checked with NumPy float32 arithmetic), and log of each
    // is 0.29750752 and 0.29750744; the exact value, 0.29750749712, lies between.
    assertUlps(
      valueOf(
        runCall('tf.nn.sparse_softmax_cross_entropy_with_logits', [], {
          labels: [0, 3, 1],
          logits: [
            [2, -5, 0.5, -0.1],
            [0, 0, 1.9, 1.4],
            [-100, 100, -100, -100],
          ],
        }),
      ),
      [0.29750752, 1.1448325, 0],
      3,
      'sparse_softmax_cross_entropy_with_logits',
    );
    assertUlps(
      valueOf(runCall('tf.nn.sigmoid_cross_entropy_with_logits', [], { labels: [0, 0, 0, 1, 1, 1, 0.5], logits: [1, -1, 0, 1, -1, 0, 0] })),
      [1.3132617, 0.3132617, 0.6931472, 0.3132617, 1.3132617, 0.6931472, 0.6931472],
      1,
      'sigmoid_cross_entropy_with_logits',
    );
    const labels = [1, 0.5, 0];
    const logits = [1.5, -0.1, -10];
    assertUlps(
      valueOf(runCall('tf.nn.weighted_cross_entropy_with_logits', [labels, logits, 1.5])),
      [0.30211994, 0.88049585, 4.5776367e-5],
      1,
      'pos_weight 1.5',
    );
    assertUlps(
      valueOf(runCall('tf.nn.weighted_cross_entropy_with_logits', [labels, logits, 0.5])),
      [0.100706644, 0.508297503, 4.57763672e-5],
      1,
      'pos_weight 0.5',
    );
  });

  it('reproduce the source article’s printed TensorFlow output to 1 ulp (float32)', () => {
    // README of the seed: sigmoid on labels smoothed with ε/K = 0.1/3, softmax on the hard one-hot labels.
    const logits = [
      [0.7, 1.2, 0.3],
      [0.4, 0.2, 0.9],
      [0.6, 0.3, 0.4],
    ];
    const oneHot = [
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ];
    const smoothed = oneHot.map((row) => row.map((y) => Math.fround(Math.fround(y * Math.fround(0.9)) + Math.fround(Math.fround(0.1) / 3))));
    assertUlps(valueOf(runCall('tf.nn.sigmoid_cross_entropy_with_logits', [smoothed, logits])), SEED_PRINTED_SIGMOID, 1, 'sigmoid');
    assertUlps(valueOf(runCall('tf.nn.softmax_cross_entropy_with_logits', [oneHot, logits])), SEED_PRINTED_SOFTMAX, 1, 'softmax');
    // Float64: README gives 0.6996759812098481 for row 0.
    assertClose(valueOf(runCall('tf.nn.softmax_cross_entropy_with_logits', [oneHot, logits], {}, false))[0], 0.6996759812098481, 1e-15);
  });

  it('take the class axis from axis', () => {
    const logits = [
      [4, 0],
      [2, 5],
      [1, 1],
    ];
    const labels = [
      [1, 0],
      [0, 0.8],
      [0, 0.2],
    ];
    assertAllClose(valueOf(runCall('tf.nn.softmax_cross_entropy_with_logits', [labels, logits, 0])), [0.16984604, 0.82474494], 1e-7);
  });

  it('±1e3 logits stay finite; K = 1 costs 0; K = 2 matches the sigmoid of the logit difference', () => {
    const extreme = valueOf(
      runCall('tf.nn.sparse_softmax_cross_entropy_with_logits', [
        [0, 1],
        [
          [1000, -1000],
          [1000, -1000],
        ],
      ]),
    );
    assert.deepEqual(extreme, [0, 2000]);
    assert.deepEqual(
      valueOf(
        runCall('tf.nn.softmax_cross_entropy_with_logits', [
          [[1], [1]],
          [[3], [-1e3]],
        ]),
      ),
      [0, 0],
    );
    // softmax([x, 0])[0] = σ(x): the sparse loss of class 0 equals the sigmoid loss with z = 1.
    const two = valueOf(runCall('tf.nn.sparse_softmax_cross_entropy_with_logits', [[0], [[0.8, 0]]]))[0];
    assertClose(two, valueOf(runCall('tf.nn.sigmoid_cross_entropy_with_logits', [[1], [0.8]]))[0], 1e-7);
    assert.deepEqual(
      valueOf(
        runCall('tf.nn.sigmoid_cross_entropy_with_logits', [
          [1, 0, 0, 1],
          [1e3, -1e3, 1e3, -1e3],
        ]),
      ),
      [0, 0, 1000, 1000],
    );
  });

  it('have no ignore index: a label outside [0, K) is an error naming labels and the element', () => {
    assert.throws(() => runCall('tf.nn.sparse_softmax_cross_entropy_with_logits', [[0, 3, -1], LOGITS_10]), names('labels', 1));
    assert.throws(() => runCall('tf.nn.sigmoid_cross_entropy_with_logits', [[1, 0], [[1, 2]]]), names('labels'));
  });
});

describe('tf.compat.v1.losses.softmax_cross_entropy (losses_test.py SoftmaxCrossEntropyLossTest)', () => {
  const id = 'tf.compat.v1.losses.softmax_cross_entropy';
  it('testAllCorrect, testAllWrong, testNonZeroLossWithPythonScalarWeight, testNonZeroLossWithOneDimBatchSpecificWeights', () => {
    assertClose(
      valueOf(
        runCall(id, [
          [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          LOGITS_10,
        ]),
      )[0],
      0,
      1e-3,
    );
    assertClose(valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_10]))[0], 10, 1e-3);
    assertClose(valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_10, 2.3]))[0], 23, 1e-3);
    assertClose(valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_10, [1.2, 3.4, 5.6]]))[0], ((1.2 + 3.4 + 5.6) * 10) / 3, 1e-3);
  });

  it('testSomeWeightsMissing: SUM_BY_NONZERO_WEIGHTS divides by the 1 nonzero weight → 12.0 (issue 11, bug 4)', () => {
    const report = runCall(id, [WRONG_ONE_HOT, LOGITS_10, [1.2, 0, 0]]);
    assertClose(valueOf(report)[0], 12, 1e-3);
    assert.equal(report.reduction?.name, 'SUM_BY_NONZERO_WEIGHTS');
    assert.equal(report.reduction?.denominator, 1);
  });

  it('testAllWrongAllWeightsMissing: all weights zero gives 0 (div_no_nan)', () => {
    const report = runCall(id, [WRONG_ONE_HOT, LOGITS_10, [0, 0, 0]]);
    assert.deepEqual(valueOf(report), [0]);
    assert.ok(report.diagnostics.some((d) => d.code === 'empty-mean'));
  });

  it('testSoftmaxWithMeasurementSpecificWeightsRaisesException and weights=None (testNoneWeightRaisesValueError)', () => {
    assert.throws(
      () =>
        runCall(id, [
          [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          LOGITS_100,
          [
            [3, 4, 5],
            [2, 6, 0],
            [8, 0, 1],
          ],
        ]),
      names('weights'),
    );
    assert.throws(() => runCall(id, [WRONG_ONE_HOT, LOGITS_10], { weights: null }), names('weights'));
  });

  it('testSoftmaxLabelSmoothing: 400·ε/3', () => {
    assertClose(valueOf(runCall(id, [[[1, 0, 0]], [[100, -100, -100]]], { label_smoothing: 0.1 }))[0], (400 * 0.1) / 3, 1e-3);
  });

  it('every reduction, derived: losses ≈ [10, 10, 10] with weights [1.2, 0, 3]', () => {
    const loss = valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_10, 1, 0, null, 'losses', 'NONE']))[0];
    const w = [1.2, 0, 3];
    const sum = Math.fround(Math.fround(Math.fround(loss * Math.fround(1.2)) + 0) + Math.fround(loss * 3));
    const expect = (reduction: string, value: number) =>
      assertClose(valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_10, w], { reduction }))[0], value, 1e-7, reduction);
    expect('SUM', sum);
    expect('MEAN', Math.fround(sum / Math.fround(4.2)));
    expect('SUM_OVER_BATCH_SIZE', Math.fround(sum / 3));
    expect('SUM_BY_NONZERO_WEIGHTS', Math.fround(sum / 2));
    expect('weighted_sum_by_nonzero_weights', Math.fround(sum / 2));
    assertAllClose(
      valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_10, w], { reduction: 'NONE' })),
      [Math.fround(loss * Math.fround(1.2)), 0, Math.fround(loss * 3)],
      0,
    );
  });

  it('binds scope and loss_collection in their positions (accepted, ignored)', () => {
    const report = runCall(id, [WRONG_ONE_HOT, LOGITS_10, 1, 0, 'xent', null, 'SUM']);
    assertClose(valueOf(report)[0], 30, 1e-3);
    assert.match(report.signature, /scope='xent', loss_collection=None, reduction='SUM'/);
  });

  it('reduces in float32 even in float64 mode (compute_weighted_loss casts to float32)', () => {
    const value = valueOf(
      runCall(
        id,
        [
          WRONG_ONE_HOT,
          [
            [0.7, 1.2, 0.3],
            [0.4, 0.2, 0.9],
            [0.6, 0.3, 0.4],
          ],
        ],
        {},
        false,
      ),
    )[0];
    assert.equal(value, Math.fround(value));
  });
});

describe('tf.compat.v1.losses.sparse_softmax_cross_entropy (losses_test.py SparseSoftmaxCrossEntropyLossTest)', () => {
  const id = 'tf.compat.v1.losses.sparse_softmax_cross_entropy';
  const COLUMN = [[2], [0], [1]];
  it('testAllWrongInt32Labels, testAllWrongNonColumnLabels, testNonZeroLossWith1DTensorWeight', () => {
    assertClose(valueOf(runCall(id, [COLUMN, LOGITS_10]))[0], 10, 1e-3);
    assertClose(valueOf(runCall(id, [[2, 0, 1], LOGITS_10]))[0], 10, 1e-3);
    assertClose(valueOf(runCall(id, [COLUMN, LOGITS_10, [2.3]]))[0], 23, 1e-3);
  });

  it('testNonZeroLossWithColumnWeights and testSomeWeightsMissing: [N, 1] weights are squeezed (12.0)', () => {
    assertClose(valueOf(runCall(id, [COLUMN, LOGITS_10, [[1.2], [3.4], [5.6]]]))[0], ((1.2 + 3.4 + 5.6) * 10) / 3, 1e-3);
    assertClose(valueOf(runCall(id, [COLUMN, LOGITS_10, [[1.2], [0], [0]]]))[0], 12, 1e-3);
    assert.deepEqual(valueOf(runCall(id, [COLUMN, LOGITS_10, [[0], [0], [0]]])), [0]);
  });

  it('testMeasurementSpecificWeightsRaisesException, testInconsistentWeightSizeRaisesException, testInconsistentLabelSizeRaisesException, testInconsistentWeightShapeRaisesException', () => {
    const labels = [[0], [1], [2]];
    assert.throws(
      () =>
        runCall(id, [
          labels,
          LOGITS_100,
          [
            [3, 4, 5],
            [2, 6, 0],
            [8, 0, 1],
          ],
        ]),
      names('weights'),
    );
    assert.throws(() => runCall(id, [labels, LOGITS_100, [1.2, 3.4, 5.6, 7.8]]), names('weights'));
    assert.throws(() => runCall(id, [[[0], [1], [2], [3]], LOGITS_100, [1.2, 3.4, 5.6]]), names('labels'));
    const four = [
      [100, -100, -100, -100],
      [-100, 100, -100, -100],
      [-100, -100, 100, -100],
      [-100, -100, -100, 100],
    ];
    assert.throws(
      () =>
        runCall(id, [
          [[0], [1], [2], [3]],
          four,
          [
            [1.2, 3.4],
            [5.6, 7.8],
          ],
        ]),
      names('weights'),
    );
  });
});

describe('tf.compat.v1.losses.sigmoid_cross_entropy (losses_test.py SigmoidCrossEntropyLossTest)', () => {
  const id = 'tf.compat.v1.losses.sigmoid_cross_entropy';
  it('testAllCorrectSigmoid, testAllWrongSigmoid (600/9), testAllWrongSigmoidWithMeasurementSpecificWeights (1700/7)', () => {
    assertClose(
      valueOf(
        runCall(id, [
          [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          LOGITS_100,
        ]),
      )[0],
      0,
      1e-3,
    );
    assertClose(valueOf(runCall(id, [WRONG_ONE_HOT, LOGITS_100]))[0], 600 / 9, 1e-3);
    assertClose(
      valueOf(
        runCall(id, [
          WRONG_ONE_HOT,
          LOGITS_100,
          [
            [3, 4, 5],
            [2, 6, 0],
            [8, 0, 1],
          ],
        ]),
      )[0],
      1700 / 7,
      1e-3,
    );
  });

  it('testLossWithSingleDimPlaceholderForLogitsAndWeights1: ones((32, 1)) → 0.313', () => {
    const ones = Array.from({ length: 32 }, () => [1]);
    assertClose(valueOf(runCall(id, [ones, ones, ones]))[0], 0.313, 1e-3);
  });

  it('testSigmoidLabelSmoothingCorrect ((100 + 50ε)/3) and testSigmoidLabelSmoothingEqualsSoftmaxTwoLabel', () => {
    const sigmoid = valueOf(runCall(id, [[[1, 0, 1]], [[100, -100, -100]]], { label_smoothing: 0.1 }))[0];
    assertClose(sigmoid, (100 + 50 * 0.1) / 3, 1e-3);
    const softmax = valueOf(
      runCall(
        'tf.compat.v1.losses.softmax_cross_entropy',
        [
          [
            [0, 1],
            [1, 0],
            [0, 1],
          ],
          [
            [0, 100],
            [100, 0],
            [100, 0],
          ],
        ],
        { label_smoothing: 0.1 },
      ),
    )[0];
    assertClose(sigmoid, softmax, 1e-3);
  });
});

describe('tf.compat.v1.losses.log_loss, hinge_loss, mean_squared_error (losses_test.py)', () => {
  const labels = [
    [1, 0, 1],
    [1, 0, 0],
  ];
  const predictions = [
    [0.9, 0.2, 0.2],
    [0.8, 0.4, 0.6],
  ];
  // LogLossTest.setUp: expected_losses = labels·log(p + ε) + (1 − labels)·log(1 − p + ε).
  const elements = labels.flat().map((z, i) => {
    const p = predictions.flat()[i];
    return -(z * Math.log(p + 1e-7) + (1 - z) * Math.log(1 - p + 1e-7));
  });
  const sum = (w: number[]) => elements.reduce((a, e, i) => a + e * w[i], 0);

  it('LogLossTest: testNonZeroLoss, testNonZeroLossWithOneDimBatchSpecificWeightsSomeZero, testNonZeroLossWithMeasurementSpecificWeights, …MostZero, …AllZero', () => {
    const id = 'tf.compat.v1.losses.log_loss';
    assertClose(valueOf(runCall(id, [labels, predictions]))[0], sum([1, 1, 1, 1, 1, 1]) / 6, 1e-3);
    assertClose(valueOf(runCall(id, [labels, predictions, [[1.2], [0]]]))[0], sum([1.2, 1.2, 1.2, 0, 0, 0]) / 3, 1e-3);
    assertClose(
      valueOf(
        runCall(id, [
          labels,
          predictions,
          [
            [3, 6, 5],
            [0, 4, 2],
          ],
        ]),
      )[0],
      sum([3, 6, 5, 0, 4, 2]) / 5,
      1e-3,
    );
    assertClose(
      valueOf(
        runCall(id, [
          labels,
          predictions,
          [
            [0, 0, 0],
            [0, 0, 2],
          ],
        ]),
      )[0],
      sum([0, 0, 0, 0, 0, 2]),
      1e-3,
    );
    assert.deepEqual(
      valueOf(
        runCall(id, [
          labels,
          predictions,
          [
            [0, 0, 0],
            [0, 0, 0],
          ],
        ]),
      ),
      [0],
    );
    assert.throws(
      () =>
        runCall(id, [
          labels,
          predictions,
          [
            [1, 2, 3, 4],
            [5, 6, 7, 8],
          ],
        ]),
      names('weights'),
    );
  });

  it('HingeLossTest: testAllOutsideMargin, testSomeInsideMargin (0.175), testSomeMisclassified (0.875), testIncompatibleShapes', () => {
    const id = 'tf.compat.v1.losses.hinge_loss';
    assertClose(
      valueOf(
        runCall(id, [
          [1, 0, 0, 1],
          [1.2, -1.4, -1.0, 2.1],
        ]),
      )[0],
      0,
      1e-3,
    );
    assertClose(
      valueOf(
        runCall(id, [
          [[0], [0], [1], [1]],
          [[-0.7], [-1.4], [1.4], [0.6]],
        ]),
      )[0],
      0.175,
      1e-3,
    );
    assertClose(valueOf(runCall(id, [[[[1], [0], [0], [1]]], [[[1.2], [0.4], [-1.0], [-1.1]]]]))[0], 0.875, 1e-3);
    assert.throws(
      () =>
        runCall(id, [
          [0, 1],
          [[-1], [2.1]],
        ]),
      names('labels'),
    );
  });

  it('MeanSquaredErrorTest: testNonZeroLoss (49.5), …OneDimBatchSpecificWeights (767.8/6), …SampleSpecificWeights (587/5), …MostZero (18), …AllZero', () => {
    const id = 'tf.compat.v1.losses.mean_squared_error';
    const l = [
      [1, 9, 2],
      [-5, -2, 6],
    ];
    const p = [
      [4, 8, 12],
      [8, 1, 3],
    ];
    assertClose(valueOf(runCall(id, [l, p]))[0], 49.5, 1e-3);
    assertClose(valueOf(runCall(id, [l, p, [[1.2], [3.4]]]))[0], 767.8 / 6, 1e-3);
    assertClose(
      valueOf(
        runCall(id, [
          l,
          p,
          [
            [3, 6, 5],
            [0, 4, 2],
          ],
        ]),
      )[0],
      587 / 5,
      1e-3,
    );
    assertClose(
      valueOf(
        runCall(id, [
          l,
          p,
          [
            [0, 0, 0],
            [0, 0, 2],
          ],
        ]),
      )[0],
      18,
      1e-3,
    );
    assert.deepEqual(
      valueOf(
        runCall(id, [
          l,
          p,
          [
            [0, 0, 0],
            [0, 0, 0],
          ],
        ]),
      ),
      [0],
    );
    assert.deepEqual(valueOf(runCall(id, [0, 0])), [0]);
  });
});

describe('tf.compat.v1.losses.compute_weighted_loss (losses_test.py ComputeWeightedLossTest)', () => {
  const id = 'tf.compat.v1.losses.compute_weighted_loss';
  // setUp: raw losses 0, 1, …, 23 in shape (3, 2, 4); Σ = 276, mean 11.5.
  const raw = [0, 1, 2].map((i) => [0, 1].map((j) => [0, 1, 2, 3].map((k) => i * 8 + j * 4 + k)));
  it('testUnweighted: SUM gives Σ, every other reduction the mean, for ones of every broadcastable shape', () => {
    const shapes = [
      [1, 1, 1],
      [1, 1, 4],
      [1, 2, 1],
      [1, 2, 4],
      [3, 1, 1],
      [3, 1, 4],
      [3, 2, 1],
      [3, 2, 4],
    ];
    for (const reduction of ['SUM', 'MEAN', 'SUM_OVER_BATCH_SIZE', 'SUM_BY_NONZERO_WEIGHTS']) {
      assertClose(valueOf(runCall(id, [raw], { reduction }))[0], reduction === 'SUM' ? 276 : 11.5, 1e-7, reduction);
      for (const [a, b, c] of shapes) {
        const ones = Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => 1)));
        assertClose(valueOf(runCall(id, [raw, ones], { reduction }))[0], reduction === 'SUM' ? 276 : 11.5, 1e-7, `${reduction} [${a}, ${b}, ${c}]`);
      }
    }
  });

  it('test3x1x4Weight: SUM_BY_NONZERO_WEIGHTS divides by np.count_nonzero(broadcast weights)', () => {
    const w = [[[17, 0, 2, 5]], [[5, 31, 17, 5]], [[7, 3, 11, 5]]];
    let weighted = 0;
    let nonzero = 0;
    raw.forEach((plane, i) => plane.forEach((row) => row.forEach((v, k) => ((weighted += v * w[i][0][k]), (nonzero += w[i][0][k] !== 0 ? 1 : 0)))));
    assertClose(valueOf(runCall(id, [raw, w], { reduction: 'SUM' }))[0], weighted, 1e-7);
    assertClose(valueOf(runCall(id, [raw, w]))[0], weighted / nonzero, 1e-7);
  });

  it('testInvalid3Weight, testInvalid3x1Weight, testInvalid1x2Weight, testInvalidScalar1DWeight, testInvalidWeightTooManyDims', () => {
    for (const weights of [
      [17, 5, 2],
      [[17], [5], [2]],
      [17, 3],
      [17],
      [
        [
          [
            [0, 0],
            [0, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
        ],
        [
          [
            [0, 0],
            [0, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
        ],
      ],
    ]) {
      assert.throws(() => runCall(id, [raw, weights]), names('weights'), JSON.stringify(weights));
    }
  });
});
