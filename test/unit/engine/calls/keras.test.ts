import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAllClose, assertClose } from '../helpers';
import { runCall, valueOf } from './helpers';

// Sources: keras-team/keras at tag v3.15.1, keras/src/losses/losses.py (docstrings, cited by class or
// function) and keras/src/losses/losses_test.py (cited by TestCase.test_name). Docstrings print
// float32 values to 3–4 digits: compared at that tolerance (relative 1e-3 / 5e-4 as printed).
// losses_test.py's assertAlmostEqual compares to 3 decimals (|Δ| < 1.5e-3, keras/src/testing/test_case.py);
// where our value agrees more closely the tolerance here is tighter.
const K = 'keras.losses.';

describe('keras.losses.CategoricalCrossentropy / categorical_crossentropy', () => {
  const yTrue = [
    [0, 1, 0],
    [0, 0, 1],
  ];
  const yPred = [
    [0.05, 0.95, 0],
    [0.1, 0.8, 0.1],
  ];

  it('reproduces the docstring (losses.py, class CategoricalCrossentropy)', () => {
    assertClose(valueOf(runCall(`${K}CategoricalCrossentropy`, [yTrue, yPred]))[0], 1.177, 5e-4);
    assertClose(valueOf(runCall(`${K}CategoricalCrossentropy`, [yTrue, yPred], { sample_weight: [0.3, 0.7] }))[0], 0.814, 5e-4);
    assertClose(valueOf(runCall(`${K}CategoricalCrossentropy`, [yTrue, yPred], { reduction: 'sum' }))[0], 2.354, 5e-4);
    assertAllClose(valueOf(runCall(`${K}CategoricalCrossentropy`, [yTrue, yPred], { reduction: null })), [0.0513, 2.303], 5e-4);
  });

  it('reproduces the docstring of the function (losses.py, categorical_crossentropy)', () => {
    const report = runCall(`${K}categorical_crossentropy`, [yTrue, yPred]);
    assert.deepEqual(report.value.shape, [2]);
    assertAllClose(valueOf(report), [0.0513, 2.303], 5e-4);
  });

  it('matches losses_test.py CategoricalCrossentropyTest', () => {
    const y = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const p = [
      [0.9, 0.05, 0.05],
      [0.5, 0.89, 0.6],
      [0.05, 0.01, 0.94],
    ];
    const logits = [
      [8, 1, 1],
      [0, 9, 1],
      [2, 3, 5],
    ];
    const cce = (yp: unknown, kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}CategoricalCrossentropy`, [y, yp], kw));
    // test_all_correct_unweighted
    assertClose(cce(y)[0], 0, 1e-6);
    assertClose(
      cce(
        [
          [10, 0, 0],
          [0, 10, 0],
          [0, 0, 10],
        ],
        { from_logits: true },
      )[0],
      0,
      1e-3,
    );
    // test_unweighted (row 1 sums to 1.99: normalised first)
    assertClose(cce(p)[0], 0.3239, 1e-4);
    assertClose(cce(logits, { from_logits: true })[0], 0.0573, 1e-3);
    // test_scalar_weighted
    assertClose(cce(p, { sample_weight: 2.3 })[0], 0.7449, 1.5e-3);
    assertClose(cce(logits, { from_logits: true, sample_weight: 2.3 })[0], 0.1317, 1e-3);
    // test_sample_weighted: [3, 1] weights are squeezed to [3]
    assertClose(cce(p, { sample_weight: [[1.2], [3.4], [5.6]] })[0], 1.0696, 1e-4);
    assertClose(cce(logits, { from_logits: true, sample_weight: [[1.2], [3.4], [5.6]] })[0], 0.31829, 1e-4);
    // test_no_reduction
    assertAllClose(cce(logits, { from_logits: true, reduction: null }), [0.001822, 0.000459, 0.169846], 1e-3);
    // test_label_smoothing: 400·ε/3 for logits [100, −100, −100]
    assertClose(
      valueOf(runCall(`${K}CategoricalCrossentropy`, [[[1, 0, 0]], [[100, -100, -100]]], { from_logits: true, label_smoothing: 0.1 }))[0],
      40 / 3,
      1e-6,
    );
    // test_shape_mismatch
    assert.throws(() => runCall(`${K}CategoricalCrossentropy`, [[[0], [1], [2]], p]), /must have the same shape/);
  });

  it('takes the class axis where axis says', () => {
    // The transposed batch with axis=0 gives the per-sample losses of the docstring.
    const transposed = [
      [0.05, 0.1],
      [0.95, 0.8],
      [0, 0.1],
    ];
    assertAllClose(
      valueOf(
        runCall(
          `${K}categorical_crossentropy`,
          [
            [
              [0, 0],
              [1, 0],
              [0, 1],
            ],
            transposed,
          ],
          { axis: 0 },
        ),
      ),
      [0.0513, 2.303],
      5e-4,
    );
    assert.throws(
      () => runCall(`${K}categorical_crossentropy`, [yTrue, yPred], { axis: 2 }),
      (e: Error & { argument?: string }) => e.argument === 'axis',
    );
  });

  it('stays finite at ±1e3 logits and clips probability 0 to 1e-7', () => {
    // Keras computes −log(clip(0 / 1, 1e-7, 1 − 1e-7)) = −log(fround(1e-7)) = 16.118095 in float32.
    assertClose(valueOf(runCall(`${K}categorical_crossentropy`, [[[1, 0]], [[0, 1]]]))[0], -Math.log(Math.fround(1e-7)), 1e-6);
    assertClose(valueOf(runCall(`${K}categorical_crossentropy`, [[[1, 0]], [[-1000, 1000]]], { from_logits: true }))[0], 2000, 1e-7);
    assertClose(valueOf(runCall(`${K}categorical_crossentropy`, [[[0, 1]], [[-1000, 1000]]], { from_logits: true }))[0], 0, 1e-7);
  });

  it('K = 1: one class is always certain', () => {
    assert.equal(
      valueOf(
        runCall(`${K}categorical_crossentropy`, [
          [[1], [1]],
          [[0.3], [5]],
        ]),
      )[0],
      Math.fround(-Math.log(Math.fround(1 - 1e-7))),
    );
  });
});

describe('keras.losses.SparseCategoricalCrossentropy / sparse_categorical_crossentropy', () => {
  const yPred = [
    [0.05, 0.95, 0],
    [0.1, 0.8, 0.1],
  ];

  it('reproduces the docstring (losses.py, class SparseCategoricalCrossentropy)', () => {
    assertClose(valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [[1, 2], yPred]))[0], 1.177, 5e-4);
    assertClose(valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [[1, 2], yPred], { sample_weight: [0.3, 0.7] }))[0], 0.814, 5e-4);
    assertClose(valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [[1, 2], yPred], { reduction: 'sum' }))[0], 2.354, 5e-4);
    assertAllClose(valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [[1, 2], yPred], { reduction: null })), [0.0513, 2.303], 5e-4);
    assertAllClose(valueOf(runCall(`${K}sparse_categorical_crossentropy`, [[1, 2], yPred])), [0.0513, 2.303], 5e-4);
  });

  it('matches losses_test.py SparseCategoricalCrossentropyTest', () => {
    const p = [
      [0.9, 0.05, 0.05],
      [0.5, 0.89, 0.6],
      [0.05, 0.01, 0.94],
    ];
    const logits = [
      [8, 1, 1],
      [0, 9, 1],
      [2, 3, 5],
    ];
    const scce = (y: unknown, yp: unknown, kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [y, yp], kw));
    // test_unweighted ([N] targets), test_scalar_weighted and test_sample_weighted ([N, 1] targets)
    assertClose(scce([0, 1, 2], p)[0], 0.3239, 1e-3);
    assertClose(scce([0, 1, 2], logits, { from_logits: true })[0], 0.0573, 1e-3);
    assertClose(scce([[0], [1], [2]], p, { sample_weight: 2.3 })[0], 0.7449, 1e-3);
    assertClose(scce([[0], [1], [2]], logits, { from_logits: true, sample_weight: 2.3 })[0], 0.1317, 1e-3);
    assertClose(scce([[0], [1], [2]], p, { sample_weight: [[1.2], [3.4], [5.6]] })[0], 1.0696, 1e-3);
    assertClose(scce([[0], [1], [2]], logits, { from_logits: true, sample_weight: [[1.2], [3.4], [5.6]] })[0], 0.31829, 1e-3);
    // test_no_reduction
    assertAllClose(scce([[0], [1], [2]], logits, { from_logits: true, reduction: null }), [0.001822, 0.000459, 0.169846], 1e-3);
    // test_ignore_class: [1, 2] targets and [1, 2, 1] targets, both against [1, 2, 3] logits
    const segment = [
      [
        [0.854, 0.698, 0.598],
        [0.088, 0.86, 0.018],
      ],
    ];
    assertAllClose(scce([[-1, 2]], segment, { from_logits: true, ignore_class: -1, reduction: null }), [0, 1.480129], 1e-5);
    const squeezed = runCall(`${K}SparseCategoricalCrossentropy`, [[[[-1], [2]]], segment], { from_logits: true, ignore_class: -1, reduction: null });
    assert.deepEqual(squeezed.value.shape, [1, 2]);
    assertAllClose(valueOf(squeezed), [0, 1.480129], 1e-5);
    // test_binary_segmentation: [4, 4] pixels, 2 classes; −(log 0.2 + log 0.4) / 16
    const yTrue = [
      [0, 1, 1, 0],
      [1, 0, 1, 0],
      [0, 0, 1, 1],
      [1, 1, 0, 1],
    ];
    const pixels = [
      [
        [1, 0],
        [0, 1],
        [0, 1],
        [0.2, 0.8],
      ],
      [
        [0, 1],
        [1, 0],
        [0, 1],
        [1, 0],
      ],
      [
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 1],
      ],
      [
        [0, 1],
        [0, 1],
        [1, 0],
        [0.6, 0.4],
      ],
    ];
    assertClose(scce(yTrue, pixels)[0], -(Math.log(0.2) + Math.log(0.4)) / 16, 1e-6);
    // test_binary_segmentation_different_axis (TensorFlow backend): axis=0 is refused
    assert.throws(
      () => scce(yTrue, pixels, { axis: 0 }),
      (e: Error & { argument?: string }) => e.argument === 'axis' && /Only axis=-1/.test(e.message),
    );
  });

  it('masks ignore_class out of the mean: Σ ℓ / valid, and 0 when every target is ignored (issue 11, bug 5)', () => {
    const logits = [
      [0.854, 0.698, 0.598],
      [0.088, 0.86, 0.018],
      [1, 2, 3],
    ];
    // Per-sample values from test_ignore_class; sample 2 is −log_softmax([1, 2, 3])[0] = 2.4076059.
    const masked = runCall(`${K}SparseCategoricalCrossentropy`, [[-1, 2, 0], logits], { from_logits: true, ignore_class: -1 });
    assertClose(valueOf(masked)[0], (1.480129 + 2.4076059) / 2, 1e-6);
    assert.equal(masked.reduction?.denominator, 3);
    assert.match(masked.reduction?.divides ?? '', /Σ ℓ ÷ 2/);
    const all = runCall(`${K}SparseCategoricalCrossentropy`, [[-1, -1, -1], logits], { from_logits: true, ignore_class: -1 });
    assert.equal(valueOf(all)[0], 0);
    // "sum" keeps the 0/1 mask; "mean_with_sample_weight" divides by Σ mask = the valid count (0 → 0).
    assertClose(
      valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [[-1, 2, 0], logits], { from_logits: true, ignore_class: -1, reduction: 'sum' }))[0],
      1.480129 + 2.4076059,
      1e-6,
    );
    assertClose(
      valueOf(
        runCall(`${K}SparseCategoricalCrossentropy`, [[-1, 2, 0], logits], { from_logits: true, ignore_class: -1, reduction: 'mean_with_sample_weight' }),
      )[0],
      (1.480129 + 2.4076059) / 2,
      1e-6,
    );
    assert.equal(
      valueOf(
        runCall(`${K}SparseCategoricalCrossentropy`, [[-1, -1, -1], logits], { from_logits: true, ignore_class: -1, reduction: 'mean_with_sample_weight' }),
      )[0],
      0,
    );
    // With sample weights the mask multiplies them: (2·1.480129 + 4·2.4076059)·(3/2) / 3.
    assertClose(
      valueOf(runCall(`${K}SparseCategoricalCrossentropy`, [[-1, 2, 0], logits], { from_logits: true, ignore_class: -1, sample_weight: [7, 2, 4] }))[0],
      (2 * 1.480129 + 4 * 2.4076059) / 2,
      1e-6,
    );
    // The function form returns the masked per-sample values.
    assertAllClose(
      valueOf(runCall(`${K}sparse_categorical_crossentropy`, [[-1, 2, 0], logits], { from_logits: true, ignore_class: -1 })),
      [0, 1.480129, 2.4076059],
      1e-6,
    );
  });

  it('applies an ignore_class that is also a valid class', () => {
    const report = runCall(`${K}SparseCategoricalCrossentropy`, [[1, 2], yPred], { ignore_class: 1 });
    assertClose(valueOf(report)[0], 2.303, 5e-4);
  });

  it('names the element of a label out of range', () => {
    assert.throws(
      () => runCall(`${K}SparseCategoricalCrossentropy`, [[1, 3], yPred]),
      (e: Error & { argument?: string; element?: number }) => e.argument === 'y_true' && e.element === 1,
    );
    assert.throws(
      () => runCall(`${K}SparseCategoricalCrossentropy`, [[1, 0.5], yPred]),
      (e: Error & { element?: number }) => e.element === 1,
    );
  });

  it('±1e3 logits and K = 1', () => {
    assertClose(valueOf(runCall(`${K}sparse_categorical_crossentropy`, [[0], [[-1000, 1000]]], { from_logits: true }))[0], 2000, 1e-7);
    assert.equal(valueOf(runCall(`${K}sparse_categorical_crossentropy`, [[0], [[1000, -1000]]], { from_logits: true }))[0], 0);
    assert.equal(
      valueOf(
        runCall(
          `${K}sparse_categorical_crossentropy`,
          [
            [0, 0],
            [[4], [-3]],
          ],
          { from_logits: true },
        ),
      )[0],
      0,
    );
  });
});

describe('keras.losses.BinaryCrossentropy / binary_crossentropy', () => {
  const yTrue = [
    [0, 1],
    [0, 0],
  ];
  const logits = [
    [-18.6, 0.51],
    [2.94, -12.8],
  ];

  it('reproduces the docstring (losses.py, class BinaryCrossentropy): one value per sample (issue 11, bug 3)', () => {
    const bce = (y: unknown, p: unknown, kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}BinaryCrossentropy`, [y, p], { from_logits: true, ...kw }));
    assertClose(bce([0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8])[0], 0.8654, 1e-4);
    assertClose(bce(yTrue, logits)[0], 0.8654, 1e-4);
    assertClose(bce(yTrue, logits, { sample_weight: [0.8, 0.2] })[0], 0.243, 1e-3);
    assertClose(bce(yTrue, logits, { reduction: 'sum' })[0], 1.73, 1e-3);
    assertAllClose(bce(yTrue, logits, { reduction: null }), [0.235, 1.496], 1e-3);
  });

  it('reproduces the docstring of the function (losses.py, binary_crossentropy)', () => {
    assertAllClose(
      valueOf(
        runCall(`${K}binary_crossentropy`, [
          yTrue,
          [
            [0.6, 0.4],
            [0.4, 0.6],
          ],
        ]),
      ),
      [0.916, 0.714],
      1e-3,
    );
  });

  it('matches losses_test.py BinaryCrossentropyTest', () => {
    const bce = (y: unknown, p: unknown, kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}BinaryCrossentropy`, [y, p], kw));
    const eye = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    // test_all_correct_unweighted
    assertClose(bce(eye, eye)[0], 0, 1e-6);
    assertClose(
      bce(
        eye,
        [
          [10, -10, -10],
          [-10, 10, -10],
          [-10, -10, 10],
        ],
        { from_logits: true },
      )[0],
      0,
      1e-4,
    );
    // test_unweighted
    assertClose(
      bce(eye, [
        [0.9, 0.1, 0.2],
        [0.3, 0.8, 0.1],
        [0.1, 0.2, 0.7],
      ])[0],
      0.20046903,
      1e-6,
    );
    assertClose(
      bce(
        [
          [1, 0],
          [1, 0],
        ],
        [
          [1, 1],
          [1, 0],
        ],
      )[0],
      3.98559,
      1e-5,
    );
    const y = [
      [1, 0, 1],
      [0, 1, 1],
    ];
    const x = [
      [10, -10, 10],
      [10, 10, -10],
    ];
    assertClose(bce(y, x, { from_logits: true })[0], 3.3333, 1e-4);
    // test_scalar_weighted
    assertClose(
      bce(
        [
          [1, 0],
          [1, 0],
        ],
        [
          [1, 1],
          [1, 0],
        ],
        { sample_weight: 2.3 },
      )[0],
      9.1668,
      1e-4,
    );
    assertClose(bce(y, x, { from_logits: true, sample_weight: 2.3 })[0], 7.666, 1e-3);
    // test_sample_weighted
    assertClose(
      bce(
        [
          [1, 0],
          [1, 0],
        ],
        [
          [1, 1],
          [1, 0],
        ],
        { sample_weight: [[1.2], [3.4]] },
      )[0],
      4.7827,
      1e-4,
    );
    assertClose(bce(y, x, { from_logits: true, sample_weight: [4, 3] })[0], 10, 1e-4);
    // test_no_reduction
    assertAllClose(bce(y, x, { from_logits: true, reduction: null }), [0, 6.666], 1e-3);
    // test_label_smoothing: (10 + 5ε) / 3
    // The test's (10 + 5ε) / 3 leaves out 3·log1p(e^−10) / 3 = 4.5e-5, inside its 3 decimals.
    assertClose(bce([[1, 0, 1]], [[10, -10, -10]], { from_logits: true, label_smoothing: 0.1 })[0], (10 + 0.5) / 3 + Math.log1p(Math.exp(-10)), 1e-6);
    // test_shape_mismatch
    assert.throws(
      () =>
        bce(
          [[0], [1], [2]],
          [
            [0.9, 0.05, 0.05],
            [0.5, 0.89, 0.6],
            [0.05, 0.01, 0.94],
          ],
        ),
      /must have the same shape/,
    );
  });

  it('clips probabilities to [1e-7, 1 − 1e-7] and keeps logits of ±1e3 exact', () => {
    // A certain wrong probability costs −log(fround(1e-7)) in float32.
    assertClose(valueOf(runCall(`${K}binary_crossentropy`, [[[1]], [[0]]]))[0], -Math.log(Math.fround(1e-7)), 1e-6);
    assertClose(valueOf(runCall(`${K}binary_crossentropy`, [[[1, 0]], [[-1000, 1000]]], { from_logits: true }))[0], 1000, 1e-7);
  });

  it('reductions: mean and mean_with_sample_weight', () => {
    const base = { from_logits: true };
    const perSample = valueOf(runCall(`${K}BinaryCrossentropy`, [yTrue, logits], { ...base, reduction: null }));
    assertClose(valueOf(runCall(`${K}BinaryCrossentropy`, [yTrue, logits], { ...base, reduction: 'mean' }))[0], (perSample[0] + perSample[1]) / 2, 1e-6);
    assertClose(
      valueOf(runCall(`${K}BinaryCrossentropy`, [yTrue, logits], { ...base, reduction: 'mean_with_sample_weight', sample_weight: [0.8, 0.2] }))[0],
      0.8 * perSample[0] + 0.2 * perSample[1],
      1e-6,
    );
    // Zero weights: 0 everywhere, and divide_no_nan under mean_with_sample_weight.
    assert.equal(valueOf(runCall(`${K}BinaryCrossentropy`, [yTrue, logits], { ...base, sample_weight: 0 }))[0], 0);
    assert.equal(valueOf(runCall(`${K}BinaryCrossentropy`, [yTrue, logits], { ...base, reduction: 'mean_with_sample_weight', sample_weight: [0, 0] }))[0], 0);
  });
});

describe('keras.losses.BinaryFocalCrossentropy / binary_focal_crossentropy', () => {
  const logits = [
    [-18.6, 0.51],
    [2.94, -12.8],
  ];
  const yTrue = [
    [0, 1],
    [0, 0],
  ];
  const bfce = (y: unknown, p: unknown, kw: Record<string, unknown>) => valueOf(runCall(`${K}BinaryFocalCrossentropy`, [y, p], kw));

  it('reproduces the docstring (losses.py, class BinaryFocalCrossentropy)', () => {
    assertClose(bfce([0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8], { gamma: 2, from_logits: true })[0], 0.691, 1e-3);
    assertClose(bfce([0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8], { apply_class_balancing: true, gamma: 2, from_logits: true })[0], 0.51, 1e-2);
    assertClose(bfce(yTrue, logits, { gamma: 3, from_logits: true })[0], 0.647, 1e-3);
    assertClose(bfce(yTrue, logits, { apply_class_balancing: true, gamma: 3, from_logits: true })[0], 0.482, 1e-3);
    assertClose(bfce(yTrue, logits, { gamma: 3, from_logits: true, sample_weight: [0.8, 0.2] })[0], 0.133, 1e-3);
    assertClose(bfce(yTrue, logits, { apply_class_balancing: true, gamma: 3, from_logits: true, sample_weight: [0.8, 0.2] })[0], 0.097, 1e-3);
    assertClose(bfce(yTrue, logits, { gamma: 4, from_logits: true, reduction: 'sum' })[0], 1.222, 1e-3);
    assertClose(bfce(yTrue, logits, { apply_class_balancing: true, gamma: 4, from_logits: true, reduction: 'sum' })[0], 0.914, 1e-3);
    assertAllClose(bfce(yTrue, logits, { gamma: 5, from_logits: true, reduction: null }), [0.0017, 1.1561], 5e-4);
    assertAllClose(bfce(yTrue, logits, { apply_class_balancing: true, gamma: 5, from_logits: true, reduction: null }), [0.0004, 0.867], 5e-4);
  });

  it('reproduces the docstring of the function (losses.py, binary_focal_crossentropy)', () => {
    const p = [
      [0.6, 0.4],
      [0.4, 0.6],
    ];
    const focal = valueOf(runCall(`${K}binary_focal_crossentropy`, [yTrue, p], { gamma: 2 }));
    assertAllClose(focal, [0.33, 0.206], 2e-3);
    // The docstring's "bce_loss" [0.916, 0.714] is binary_crossentropy's (its call omits gamma=0, so as
    // written it would repeat the focal values): γ = 0 gives it, and the ratios [0.360, 0.289].
    const bce = valueOf(runCall(`${K}binary_focal_crossentropy`, [yTrue, p], { gamma: 0 }));
    assertAllClose(bce, [0.916, 0.714], 1e-3);
    assertAllClose([focal[0] / bce[0], focal[1] / bce[1]], [0.36, 0.289], 2e-3);
  });

  it('matches losses_test.py BinaryFocalCrossentropyTest', () => {
    const y = [
      [1, 0],
      [1, 0],
    ];
    const p = [
      [0.9, 0.8],
      [0.7, 0.2],
    ];
    const y2 = [
      [1, 1, 0],
      [0, 1, 0],
    ];
    const x2 = [
      [1.5, -2.7, 2.9],
      [-3.8, 1.2, -4.5],
    ];
    const eye = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    // test_all_correct_unweighted
    assertClose(bfce(eye, eye, { gamma: 1.5 })[0], 0, 1e-3);
    assertClose(
      bfce(
        eye,
        [
          [100, -100, -100],
          [-100, 100, -100],
          [-100, -100, 100],
        ],
        { gamma: 2, from_logits: true },
      )[0],
      0,
      1e-3,
    );
    // test_unweighted
    assertClose(bfce(y, p, { gamma: 2 })[0], 0.268, 1e-3);
    assertClose(bfce(y2, x2, { gamma: 3, from_logits: true })[0], 0.799, 1e-3);
    // test_scalar_weighted
    assertClose(bfce(y, p, { gamma: 2, sample_weight: 1.23 })[0], 0.3296, 1e-3);
    assertClose(bfce(y2, x2, { gamma: 3, from_logits: true, sample_weight: 3.21 })[0], 2.565, 1e-3);
    // test_sample_weighted
    assertClose(bfce(y, p, { gamma: 2, sample_weight: [[1.2], [3.4]] })[0], 0.34415, 1e-3);
    assertClose(bfce(y2, x2, { gamma: 3, from_logits: true, sample_weight: [[1.2], [3.4]] })[0], 0.95977, 1e-3);
    // test_no_reduction
    assertAllClose(bfce(y, p, { gamma: 2, reduction: null }), [0.515547, 0.020513], 1e-5);
  });

  it('clips σ(±1e3) inside the cross-entropy', () => {
    // σ(−1000) = 0 is clipped to 1e-7 for the log; 1 − p_t = 1, so ℓ = −log(fround(1e-7)) for that element.
    assertClose(valueOf(runCall(`${K}binary_focal_crossentropy`, [[[1]], [[-1000]]], { from_logits: true }))[0], -Math.log(Math.fround(1e-7)), 1e-6);
    assert.equal(valueOf(runCall(`${K}binary_focal_crossentropy`, [[[1]], [[1000]]], { from_logits: true }))[0], 0);
  });
});

describe('keras.losses.CategoricalFocalCrossentropy / categorical_focal_crossentropy', () => {
  const yTrue = [
    [0, 1, 0],
    [0, 0, 1],
  ];
  const yPred = [
    [0.05, 0.95, 0],
    [0.1, 0.8, 0.1],
  ];
  const cfce = (y: unknown, p: unknown, kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}CategoricalFocalCrossentropy`, [y, p], kw));

  it('reproduces the docstring (losses.py, class CategoricalFocalCrossentropy)', () => {
    assertClose(cfce(yTrue, yPred)[0], 0.23315276, 1e-6);
    assertClose(cfce(yTrue, yPred, { sample_weight: [0.3, 0.7] })[0], 0.1632, 1e-4);
    assertClose(cfce(yTrue, yPred, { reduction: 'sum' })[0], 0.46631, 1e-5);
    assertAllClose(cfce(yTrue, yPred, { reduction: null }), [3.2058331e-5, 4.6627346e-1], 1e-5);
  });

  it('reproduces the docstring of the function (losses.py, categorical_focal_crossentropy)', () => {
    assertAllClose(
      valueOf(
        runCall(`${K}categorical_focal_crossentropy`, [
          yTrue,
          [
            [0.05, 0.9, 0.05],
            [0.1, 0.85, 0.05],
          ],
        ]),
      ),
      [2.63401289e-4, 6.75912094e-1],
      1e-5,
    );
  });

  it('matches losses_test.py CategoricalFocalCrossentropyTest', () => {
    const y = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const p = [
      [0.9, 0.05, 0.05],
      [0.5, 0.89, 0.6],
      [0.05, 0.01, 0.94],
    ];
    const logits = [
      [8, 1, 1],
      [0, 9, 1],
      [2, 3, 5],
    ];
    assertClose(cfce(y, y, { alpha: 0.25, gamma: 2 })[0], 0, 1e-3); // test_all_correct_unweighted
    assertClose(cfce(y, p)[0], 0.02059, 1e-3); // test_unweighted
    assertClose(cfce(y, logits, { from_logits: true })[0], 0.000345, 1e-3);
    assertClose(cfce(y, p, { sample_weight: 2.3 })[0], 0.047368, 1e-3); // test_scalar_weighted
    assertClose(cfce(y, logits, { from_logits: true, sample_weight: 2.3 })[0], 0.000794, 1e-4);
    assertClose(cfce(y, p, { sample_weight: [[1.2], [3.4], [5.6]] })[0], 0.06987, 1e-3); // test_sample_weighted
    assertClose(cfce(y, logits, { from_logits: true, sample_weight: [[1.2], [3.4], [5.6]] })[0], 0.001933, 1e-3);
    // test_no_reduction: Keras prints float32 values; 1e-3 relative
    const none = cfce(y, logits, { from_logits: true, reduction: null });
    [1.5096224e-9, 2.4136547e-11, 1.0360638e-3].forEach((v, i) => assertClose(none[i] / v, 1, 1e-3));
    assertClose(cfce([[1, 0, 0]], [[4.9, -0.5, 2.05]], { from_logits: true, label_smoothing: 0.1 })[0], 0.06685, 1e-3); // test_label_smoothing
  });

  it('takes α per class, broadcast along the last axis', () => {
    // α = [1, 1, 1] is four times the default 0.25; α = [0, 0, 1] keeps only the second row's term.
    const uniform = cfce(yTrue, yPred, { alpha: [1, 1, 1], reduction: null });
    assertAllClose(uniform, [4 * 3.2058331e-5, 4 * 4.6627346e-1], 1e-5);
    assertAllClose(cfce(yTrue, yPred, { alpha: [0, 0, 1], reduction: null }), [0, 4 * 4.6627346e-1], 1e-5);
    assert.throws(
      () => cfce(yTrue, yPred, { alpha: [1, 1] }),
      (e: Error & { argument?: string }) => e.argument === 'alpha',
    );
  });
});

describe('keras.losses.Hinge, SquaredHinge, CategoricalHinge', () => {
  const y = [
    [0, 1],
    [0, 0],
  ];
  const p = [
    [0.6, 0.4],
    [0.4, 0.6],
  ];
  const run = (id: string, kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}${id}`, [y, p], kw));

  it('matches losses_test.py HingeTest, SquaredHingeTest and CategoricalHingeTest', () => {
    // test_unweighted, test_weighted (sample_weight [1, 0]), test_zero_weighted, each reduction
    const cases: Array<[string, number[], number[], number[], number[]]> = [
      ['Hinge', [1.3, 2.6], [1.1, 1.5], [0.55, 1.1], [1.1, 0]],
      ['SquaredHinge', [1.86, 3.72], [1.46, 2.26], [0.73, 1.46], [1.46, 0]],
      ['CategoricalHinge', [1.4, 2.8], [1.2, 1.6], [0.6, 1.2], [1.2, 0]],
    ];
    for (const [id, [mean, sum], none, [weightedMean, weightedSum], weightedNone] of cases) {
      assertClose(run(id)[0], mean, 1e-6, `${id} mean`);
      assertClose(run(id, { reduction: 'sum' })[0], sum, 1e-6, `${id} sum`);
      assertAllClose(run(id, { reduction: null }), none, 1e-6, `${id} none`);
      assertClose(run(id, { sample_weight: [1, 0] })[0], weightedMean, 1e-6, `${id} weighted mean`);
      assertClose(run(id, { sample_weight: [1, 0], reduction: 'sum' })[0], weightedSum, 1e-6, `${id} weighted sum`);
      assertAllClose(run(id, { sample_weight: [1, 0], reduction: null }), weightedNone, 1e-6, `${id} weighted none`);
      assert.equal(run(id, { sample_weight: 0 })[0], 0, `${id} zero weighted`);
    }
    assert.throws(
      () => run('Hinge', { reduction: 'abc' }),
      (e: Error & { argument?: string }) => e.argument === 'reduction',
    );
  });

  it('keeps −1/+1 targets and converts only when every target is 0 or 1', () => {
    // [[−1, 1], [−1, −1]] is what the 0/1 targets become: the same values.
    assertAllClose(
      valueOf(
        runCall(`${K}hinge`, [
          [
            [-1, 1],
            [-1, -1],
          ],
          p,
        ]),
      ),
      [1.1, 1.5],
      1e-6,
    );
    // A 0 among ±1 targets stays 0: max(1 − 0·x, 0) = 1.
    assertAllClose(
      valueOf(
        runCall(`${K}hinge`, [
          [
            [0, 1],
            [-1, -1],
          ],
          p,
        ]),
      ),
      [(1 + 0.6) / 2, 1.5],
      1e-6,
    );
  });
});

describe('keras.losses.KLDivergence / kl_divergence', () => {
  // losses_test.py KLDivergenceTest.setup
  const yPred = [
    [0.4, 0.9, 0.12],
    [0.36, 0.3, 0.4],
  ];
  const yTrue = [
    [0.5, 0.8, 0.12],
    [0.7, 0.43, 0.8],
  ];
  const terms = yTrue.map((row, i) => row.map((t, j) => t * Math.log(t / yPred[i][j])));
  const perSample = terms.map((row) => row.reduce((a, b) => a + b, 0));
  const kl = (kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}KLDivergence`, [yTrue, yPred], kw));

  it('matches losses_test.py KLDivergenceTest', () => {
    assertClose(kl()[0], (perSample[0] + perSample[1]) / 2, 1e-3); // test_unweighted
    assertClose(kl({ sample_weight: 2.3 })[0], (2.3 * (perSample[0] + perSample[1])) / 2, 1e-3); // test_scalar_weighted
    assertClose(kl({ sample_weight: [[1.2], [3.4]] })[0], (1.2 * perSample[0] + 3.4 * perSample[1]) / 2, 1e-3); // test_sample_weighted
    assertClose(kl({ sample_weight: 0 })[0], 0, 1e-3); // test_zero_weighted
    // test_timestep_weighted: [2, 3, 1] tensors, per-timestep weights [2, 3]
    const weights = [3, 6, 5, 0, 4, 2];
    const expected = terms.flat().reduce((sum, term, i) => sum + term * weights[i], 0) / 6;
    const column = (rows: number[][]) => rows.map((row) => row.map((v) => [v]));
    assertClose(
      valueOf(
        runCall(`${K}KLDivergence`, [column(yTrue), column(yPred)], {
          sample_weight: [
            [3, 6, 5],
            [0, 4, 2],
          ],
        }),
      )[0],
      expected,
      1e-3,
    );
  });

  it('clips both to [1e-7, 1], as the kl_divergence docstring checks', () => {
    // Docstring (losses.py, kl_divergence): loss == Σ clip(y)·log(clip(y) / clip(ŷ)); here in float64.
    const y = [[1, 0, 0]];
    const p = [[0, 0.5, 1.5]];
    const e = 1e-7;
    const expected = 1 * Math.log(1 / e) + e * Math.log(e / 0.5) + e * Math.log(e / 1);
    assertClose(valueOf(runCall(`${K}kl_divergence`, [y, p], {}, false))[0], expected, 1e-12);
  });
});

describe('keras.losses.MeanSquaredError / mean_squared_error', () => {
  const y = [
    [1, 9, 2],
    [-5, -2, 6],
  ];
  const p = [
    [4, 8, 12],
    [8, 1, 3],
  ];
  const mse = (kw: Record<string, unknown> = {}) => valueOf(runCall(`${K}MeanSquaredError`, [y, p], kw));

  it('reproduces the docstring (losses.py, class MeanSquaredError): a rank-0 loss is returned as it is', () => {
    const report = runCall(`${K}MeanSquaredError`, [
      [1, 0, 1],
      [0.9, 0.1, 0.8],
    ]);
    assertClose(valueOf(report)[0], 0.02, 1e-6);
    assert.deepEqual(report.value.shape, []);
  });

  it('matches losses_test.py MeanSquaredErrorTest', () => {
    assertClose(mse()[0], 49.5, 1e-6); // test_unweighted
    assertClose(mse({ sample_weight: 2.3 })[0], 113.85, 1e-6); // test_scalar_weighted
    assertClose(mse({ sample_weight: [[1.2], [3.4]] })[0], 767.8 / 6, 1e-6); // test_sample_weighted
    assertClose(mse({ sample_weight: 0 })[0], 0, 1e-6); // test_zero_weighted
    assertAllClose(mse({ sample_weight: 2.3, reduction: null }), [84.3333, 143.3666], 1e-5); // test_no_reduction
    assertClose(mse({ sample_weight: 2.3, reduction: 'sum' })[0], 227.69998, 1e-6); // test_sum_reduction
    // test_mean_with_sample_weight_reduction
    assertClose(mse({ sample_weight: [[1.2], [3.4]], reduction: 'mean_with_sample_weight' })[0], ((110 / 3) * 1.2 + (187 / 3) * 3.4) / (1.2 + 3.4), 1e-6);
    // test_timestep_weighted: [2, 3, 1] against [2, 3] weights
    const column = (rows: number[][]) => rows.map((row) => row.map((v) => [v]));
    assertClose(
      valueOf(
        runCall(`${K}MeanSquaredError`, [column(y), column(p)], {
          sample_weight: [
            [3, 6, 5],
            [0, 4, 2],
          ],
        }),
      )[0],
      97.833336,
      1e-6,
    );
    // test_base_function_reduction: [3] against [3, 1] gives shape [3]
    assert.deepEqual(
      runCall(`${K}mean_squared_error`, [
        [4, 8, 12],
        [[3], [0], [1]],
      ]).value.shape,
      [3],
    );
  });

  it('names sample_weight when it does not broadcast', () => {
    assert.throws(
      () => mse({ sample_weight: [1, 2, 3] }),
      (e: Error & { argument?: string }) => e.argument === 'sample_weight',
    );
  });
});

describe('Keras precision and signatures', () => {
  it('computes in float32 by default, in float64 on request (dtype or the evaluation’s float32=false)', () => {
    // float32: 1/3 is not exact; the float64 result is the double 0.8654… from the same formula.
    const args = [
      [
        [0, 1],
        [0, 0],
      ],
      [
        [-18.6, 0.51],
        [2.94, -12.8],
      ],
    ];
    const f32 = valueOf(runCall(`${K}BinaryCrossentropy`, args, { from_logits: true }))[0];
    const f64 = valueOf(runCall(`${K}BinaryCrossentropy`, args, { from_logits: true }, false))[0];
    const dtype64 = valueOf(runCall(`${K}BinaryCrossentropy`, args, { from_logits: true, dtype: 'float64' }))[0];
    assert.equal(Math.fround(f32), f32);
    assert.equal(dtype64, f64);
    assertClose(f32, f64, 1e-6);
  });

  it('writes the call with Keras’ positional order', () => {
    const report = runCall(
      `${K}SparseCategoricalCrossentropy`,
      [
        [1, 2],
        [
          [0.05, 0.95, 0],
          [0.1, 0.8, 0.1],
        ],
      ],
      { ignore_class: 0 },
    );
    assert.equal(
      report.signature,
      "keras.losses.SparseCategoricalCrossentropy(from_logits=False, ignore_class=0, reduction='sum_over_batch_size', axis=-1, name='sparse_categorical_crossentropy', dtype=None)(y_true, y_pred, sample_weight=None)",
    );
    assert.equal(runCall(`tf.keras.losses.hinge`, [[[1, 0]], [[0.5, 0.5]]]).call, 'keras.losses.hinge');
  });
});

describe('Keras float32 against a NumPy float32 reimplementation', () => {
  // /usr/bin/python3, NumPy float32, re-implementing keras/src/backend/tensorflow/nn.py (binary and
  // categorical cross-entropy: clip to [float32(1e-7), float32(1 − 1e-7)], normalise rows) and the
  // losses.py focal formulas op by op; it prints the docstring values to all their digits
  // (CategoricalFocalCrossentropy: 3.2058331e-05, 0.46627346), so agreement is to ~1 float32 ulp.
  const yTrue = [
    [0, 1],
    [0, 0],
  ];
  const logits = [
    [-18.6, 0.51],
    [2.94, -12.8],
  ];
  const none = { reduction: null };
  it('matches per sample to 2e-7', () => {
    assertAllClose(valueOf(runCall(`${K}BinaryCrossentropy`, [yTrue, logits], { from_logits: true, ...none })), [0.23515668511390686, 1.49575936794281], 2e-7);
    assertAllClose(
      valueOf(
        runCall(`${K}binary_crossentropy`, [
          yTrue,
          [
            [0.6, 0.4],
            [0.4, 0.6],
          ],
        ]),
      ),
      [0.9162907600402832, 0.7135581970214844],
      2e-7,
    );
    assertAllClose(
      valueOf(
        runCall(`${K}categorical_crossentropy`, [
          [
            [0, 1, 0],
            [0, 0, 1],
          ],
          [
            [0.05, 0.95, 0],
            [0.1, 0.8, 0.1],
          ],
        ]),
      ),
      [0.051293306052684784, 2.3025851249694824],
      2e-7,
    );
    assertAllClose(
      valueOf(runCall(`${K}BinaryFocalCrossentropy`, [yTrue, logits], { gamma: 5, from_logits: true, ...none })),
      [0.0017483728006482124, 1.156101942062378],
      2e-6,
    );
    assertAllClose(
      valueOf(runCall(`${K}BinaryFocalCrossentropy`, [yTrue, logits], { gamma: 5, from_logits: true, apply_class_balancing: true, ...none })),
      [0.0004370932001620531, 0.8670764565467834],
      2e-6,
    );
    assertAllClose(
      valueOf(
        runCall(`${K}categorical_focal_crossentropy`, [
          [
            [0, 1, 0],
            [0, 0, 1],
          ],
          [
            [0.05, 0.95, 0],
            [0.1, 0.8, 0.1],
          ],
        ]),
      ),
      [3.2058331271400675e-5, 0.4662734568119049],
      2e-7,
    );
    assertAllClose(
      valueOf(
        runCall(`${K}categorical_focal_crossentropy`, [
          [
            [0, 1, 0],
            [0, 0, 1],
          ],
          [
            [0.05, 0.9, 0.05],
            [0.1, 0.85, 0.05],
          ],
        ]),
      ),
      [0.00026340148178860545, 0.675912082195282],
      2e-7,
    );
  });
});
