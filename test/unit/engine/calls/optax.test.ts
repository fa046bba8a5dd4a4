// Expected values, unless a case says otherwise, come from optax's own tests and docstrings
// (google-deepmind/optax at 2edbcbe, optax/losses/_classification_test.py, _smoothing_test.py,
// _regression_test.py and the docstrings in _classification.py), cited per case as
// file › TestClass.test_method. optax is not installable here; where a test compares against a
// reference implementation rather than printing numbers, that reference (optax's formula) was
// re-implemented in NumPy (Debian /usr/bin/python3, NumPy float32 and float64) and its printed
// numbers are quoted as "NumPy reference".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sigmoidFocalElement } from '../../../../src/engine/focal-loss';
import { assertAllClose, assertClose } from '../helpers';
import { runCall, valueOf } from './helpers';

const CLASSIFICATION = '_classification_test.py';
const argumentIs = (name: string) => (e: Error & { argument?: string }) => e.argument === name;

describe('optax.softmax_cross_entropy', () => {
  // _classification_test.py › SoftmaxCrossEntropyTest.setUp
  const ys = [
    [10.0, 1.0, -2.0],
    [1.0, 4.0, 0.2],
  ];
  const ts = [
    [0.0, 1.0, 0.0],
    [1.0, 0.0, 0.0],
  ];
  const exp = [9.00013, 3.0696733];

  it(`matches ${CLASSIFICATION} › SoftmaxCrossEntropyTest.test_scalar / test_batched (atol 1e-4) and the docstring`, () => {
    assertClose(valueOf(runCall('optax.softmax_cross_entropy', [ys[0], ts[0]]))[0], exp[0], 1e-5);
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy', [ys, ts])), exp, 1e-5);
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy', [ys, ts], {}, false)), exp, 1e-5);
    // Docstring of softmax_cross_entropy: prints [0.2761 2.9518].
    const docstring = runCall('optax.losses.softmax_cross_entropy', [
      [
        [1.2, -0.8, -0.5],
        [0.9, -1.2, 1.1],
      ],
      [
        [1.0, 0.0, 0.0],
        [0.0, 1.0, 0.0],
      ],
    ]);
    assertAllClose(valueOf(docstring), [0.2761, 2.9518], 1e-4);
    assert.equal(docstring.reduction, null);
  });

  it('masks with where as optax does (test_per_logit_mask, test_mask)', () => {
    // test_per_logit_mask: outputs whose logits are all masked are 0. Row 0 keeps only class 0,
    // whose label is 0: −(0·log_softmax over {10} = 0) = 0 as well (derivation).
    assertAllClose(
      valueOf(
        runCall('optax.softmax_cross_entropy', [ys, ts], {
          where: [
            [1, 0, 0],
            [0, 0, 0],
          ],
        }),
      ),
      [0, 0],
      0,
    );
    // A per-example mask is expanded at axis: [True, False] keeps row 0 whole and zeroes row 1.
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy', [ys, ts], { where: [1, 0] })), [exp[0], 0], 1e-5);
    // test_mask: softmax_cross_entropy(preds[mask], targets[mask]) == softmax_cross_entropy(preds, targets, where=mask).
    const preds = [0.3, -1.2, 2.0, 0.7, -0.1];
    const targets = [0.1, 0.3, 0.2, 0.25, 0.15];
    const mask = [1, 0, 1, 1, 0];
    const kept = (v: number[]) => v.filter((_, i) => mask[i] === 1);
    assertClose(
      valueOf(runCall('optax.softmax_cross_entropy', [preds, targets], { where: mask }))[0],
      valueOf(runCall('optax.softmax_cross_entropy', [kept(preds), kept(targets)]))[0],
      1e-6,
    );
  });

  it('reduces along any axis (test_axis: axis=a equals moving that axis last) and over everything with axis=None', () => {
    const preds = [
      [0.5, -1.0],
      [2.0, 0.1],
      [-0.3, 0.8],
    ]; // shape [3, 2]; classes on axis 0
    const targets = [
      [0.2, 0.5],
      [0.5, 0.1],
      [0.3, 0.4],
    ];
    const moved = valueOf(
      runCall('optax.softmax_cross_entropy', [
        [
          [0.5, 2.0, -0.3],
          [-1.0, 0.1, 0.8],
        ],
        [
          [0.2, 0.5, 0.3],
          [0.5, 0.1, 0.4],
        ],
      ]),
    );
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy', [preds, targets], { axis: 0 })), moved, 1e-7);
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy', [preds, targets], { axis: -2 })), moved, 1e-7);
    const all = runCall('optax.softmax_cross_entropy', [preds, targets], { axis: null });
    assert.deepEqual(all.value.shape, []);
    assertClose(valueOf(all)[0], valueOf(runCall('optax.softmax_cross_entropy', [preds.flat(), targets.flat()]))[0], 1e-7);
    assert.throws(() => runCall('optax.softmax_cross_entropy', [preds, targets], { axis: 2 }), argumentIs('axis'));
  });

  it('returns NaN for a −inf logit with label 0, and for a +inf logit, with a diagnostic (JAX log_softmax)', () => {
    // SafeSoftmaxCrossEntropyTest's rows through the plain function: [-inf, 0, 0] with labels
    // [0, .5, .5] is 0·(−inf) = NaN in softmax_cross_entropy (its docstring points to the safe variant).
    const report = runCall('optax.softmax_cross_entropy', [[[-Infinity, 0, 0]], [[0, 0.5, 0.5]]]);
    assert.ok(Number.isNaN(valueOf(report)[0]));
    assert.ok(report.diagnostics.some((d) => d.code === 'non-finite-result' && /safe_softmax_cross_entropy/.test(d.message)));
    // jax.nn.log_softmax docstring: "If any input values are +inf, the result will be all NaN".
    const infinite = runCall('optax.softmax_cross_entropy', [[[Infinity, 0]], [[1, 0]]]);
    assert.ok(Number.isNaN(valueOf(infinite)[0]));
    assert.ok(infinite.diagnostics.some((d) => /\+inf logit/.test(d.message)));
  });

  it('handles ±1e3 logits, K = 1 and K = 2 in float32 and float64', () => {
    // NumPy reference (float32 and float64): [2000, -0].
    for (const float32 of [true, false]) {
      assertAllClose(
        valueOf(
          runCall(
            'optax.softmax_cross_entropy',
            [
              [
                [1e3, -1e3],
                [-1e3, 1e3],
              ],
              [
                [0, 1],
                [0, 1],
              ],
            ],
            {},
            float32,
          ),
        ),
        [2000, 0],
        0,
      );
      // K = 1: log_softmax of one logit is 0, whatever the logit.
      assertAllClose(
        valueOf(
          runCall(
            'optax.softmax_cross_entropy',
            [
              [[1e3], [-7]],
              [[1], [1]],
            ],
            {},
            float32,
          ),
        ),
        [0, 0],
        0,
      );
    }
    // float32 rounds the inputs: 0.1 is not exactly representable, so the modes differ in the 8th digit.
    const f32 = valueOf(runCall('optax.softmax_cross_entropy', [[[0.1, 0.2]], [[1, 0]]]))[0];
    const f64 = valueOf(runCall('optax.softmax_cross_entropy', [[[0.1, 0.2]], [[1, 0]]], {}, false))[0];
    assertClose(f64, Math.log(1 + Math.exp(0.1)), 1e-15);
    assert.equal(f32, Math.fround(f32));
    assertClose(f32, f64, 1e-6);
  });
});

describe('optax.safe_softmax_cross_entropy', () => {
  it(`matches ${CLASSIFICATION} › SafeSoftmaxCrossEntropyTest.test_batched, −inf logits included`, () => {
    const ys = [
      [10.0, 1.0, -2.0],
      [1.0, 4.0, 0.2],
      [-Infinity, 0.0, 0.0],
      [-Infinity, 0.0, 0.0],
      [-Infinity, 0.0, -Infinity],
    ];
    const ts = [
      [0.0, 1.0, 0.0],
      [1.0, 0.0, 0.0],
      [0.0, 0.5, 0.5],
      [0.4, 0.3, 0.3],
      [0.0, 1.0, 0.0],
    ];
    const report = runCall('optax.safe_softmax_cross_entropy', [ys, ts]);
    assertAllClose(valueOf(report), [9.00013, 3.0696733, 0.693147, Infinity, 0.0], 1e-5);
    assert.deepEqual(report.diagnostics, []);
    // test_against_plain_implementation: equal to softmax_cross_entropy on finite logits.
    assertClose(
      valueOf(runCall('optax.safe_softmax_cross_entropy', [ys[0], ts[0]]))[0],
      valueOf(runCall('optax.softmax_cross_entropy', [ys[0], ts[0]]))[0],
      1e-7,
    );
  });
});

describe('optax.softmax_cross_entropy_with_integer_labels', () => {
  // _classification_test.py › SoftmaxCrossEntropyWithIntegerLabelsTest.setUp
  const ys = [
    [10.0, 1.0, -2.0],
    [1.0, 4.0, 0.2],
  ];
  const labels = [1, 0];

  it('agrees with softmax_cross_entropy on one-hot labels (test_consistent_with_softmax_cross_entropy_batched, rtol 1e-6) and the docstring', () => {
    const oneHot = valueOf(
      runCall('optax.softmax_cross_entropy', [
        ys,
        [
          [0, 1, 0],
          [1, 0, 0],
        ],
      ]),
    );
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy_with_integer_labels', [ys, labels])), oneHot, 1e-6);
    assertClose(valueOf(runCall('optax.softmax_cross_entropy_with_integer_labels', [ys[0], 1]))[0], oneHot[0], 1e-6);
    // Docstring: logits [[1.2, -0.8, -0.5], [0.9, -1.2, 1.1]], labels [0, 1] → [0.2761 2.9518].
    assertAllClose(
      valueOf(
        runCall('optax.softmax_cross_entropy_with_integer_labels', [
          [
            [1.2, -0.8, -0.5],
            [0.9, -1.2, 1.1],
          ],
          [0, 1],
        ]),
      ),
      [0.2761, 2.9518],
      1e-4,
    );
  });

  it('masks with where (test_per_logit_mask) and takes the label’s logit even when it is masked', () => {
    // Row 0: logsumexp over {10} = 10, minus logits[0][1] = 1 → 9 (derivation from the source:
    // label_logits are taken before the mask); row 1 is fully masked → 0.
    assertAllClose(
      valueOf(
        runCall('optax.softmax_cross_entropy_with_integer_labels', [ys, labels], {
          where: [
            [1, 0, 0],
            [0, 0, 0],
          ],
        }),
      ),
      [9, 0],
      0,
    );
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy_with_integer_labels', [ys, labels], { where: [1, 0] })), [9.00013, 0], 1e-5);
  });

  it('reads labels along axis (test_axis) and names the axis in errors', () => {
    const logits = [
      [0.5, -1.0],
      [2.0, 0.1],
      [-0.3, 0.8],
    ]; // classes on axis 0, two examples
    const moved = valueOf(
      runCall('optax.softmax_cross_entropy_with_integer_labels', [
        [
          [0.5, 2.0, -0.3],
          [-1.0, 0.1, 0.8],
        ],
        [2, 0],
      ]),
    );
    assertAllClose(valueOf(runCall('optax.softmax_cross_entropy_with_integer_labels', [logits, [2, 0]], { axis: 0 })), moved, 1e-7);
    assert.throws(() => runCall('optax.softmax_cross_entropy_with_integer_labels', [logits, [2, 0]], { axis: null }), argumentIs('axis'));
  });

  it('mirrors jnp.take_along_axis for labels out of range: negative wrap, past the end is NaN, with diagnostics', () => {
    // jax.numpy.take_along_axis (jax/_src/numpy/indexing.py): negative indices are normalised
    // (index + K), and gather mode "fill" returns NaN for out-of-bounds floats.
    const report = runCall('optax.softmax_cross_entropy_with_integer_labels', [ys, [-2, 3]]);
    const [wrapped, filled] = valueOf(report);
    assertClose(wrapped, valueOf(runCall('optax.softmax_cross_entropy_with_integer_labels', [ys, [1, 0]]))[0], 0);
    assert.ok(Number.isNaN(filled));
    assert.ok(report.diagnostics.some((d) => d.code === 'labels-out-of-range' && d.index?.[0] === 1));
    assert.ok(report.diagnostics.some((d) => d.code === 'negative-label-wraps'));
    // optax checks an integer dtype (utils.check_subdtype(labels, jnp.integer)).
    assert.throws(
      () => runCall('optax.softmax_cross_entropy_with_integer_labels', [ys, [0.5, 1]]),
      (e: Error & { argument?: string; element?: number }) => e.argument === 'labels' && e.element === 0,
    );
  });

  it('handles ±1e3 logits, +inf logits and K = 1 (derivations from logsumexp − logit)', () => {
    for (const float32 of [true, false]) {
      assertAllClose(
        valueOf(
          runCall(
            'optax.softmax_cross_entropy_with_integer_labels',
            [
              [
                [1e3, -1e3],
                [1e3, -1e3],
              ],
              [1, 0],
            ],
            {},
            float32,
          ),
        ),
        [2000, 0],
        0,
      );
      assertAllClose(
        valueOf(
          runCall(
            'optax.softmax_cross_entropy_with_integer_labels',
            [
              [[1e3], [-1e3]],
              [0, 0],
            ],
            {},
            float32,
          ),
        ),
        [0, 0],
        0,
      );
    }
    // logsumexp replaces an infinite maximum by 0: +inf elsewhere gives inf, +inf at the label inf − inf.
    const report = runCall('optax.softmax_cross_entropy_with_integer_labels', [
      [
        [Infinity, 0],
        [Infinity, 0],
      ],
      [1, 0],
    ]);
    assert.equal(valueOf(report)[0], Infinity);
    assert.ok(Number.isNaN(valueOf(report)[1]));
    assert.ok(report.diagnostics.some((d) => d.code === 'non-finite-result'));
  });
});

describe('optax.sigmoid_binary_cross_entropy', () => {
  it(`matches ${CLASSIFICATION} › SigmoidCrossEntropyTest.test_sigmoid_cross_entropy (mean of two elements, rtol 1e-6)`, () => {
    const cases: Array<[number[], number[], number]> = [
      [[-1e9, -1e-9], [1, 0], 5e8],
      [[-1e9, -1e-9], [0, 1], 0.3465736],
      [[1e9, 1e-9], [1, 0], 0.3465736],
      [[1e9, 1e-9], [0, 1], 5e8],
      [[-1e9, 1e-9], [1, 0], 5e8],
      [[-1e9, 1e-9], [0, 1], 0.3465736],
      [[1e9, -1e-9], [1, 0], 0.3465736],
      [[1e9, -1e-9], [0, 1], 5e8],
      [[0, 0], [1, 0], 0.6931472],
      [[0, 0], [0, 1], 0.6931472],
    ];
    for (const [preds, labels, expected] of cases) {
      for (const float32 of [true, false]) {
        const values = valueOf(runCall('optax.sigmoid_binary_cross_entropy', [preds, labels], {}, float32));
        assertClose((values[0] + values[1]) / 2, expected, 1e-6, `${preds.join()} / ${labels.join()}`);
      }
    }
  });

  it('broadcasts the labels, handles ±1e3 and returns NaN at +inf with label 1 (0·(−inf)), with a diagnostic', () => {
    // NumPy reference (float32 and float64): [0, 1000, 1000, 0].
    assertAllClose(
      valueOf(
        runCall('optax.sigmoid_binary_cross_entropy', [
          [1e3, -1e3, 1e3, -1e3],
          [1, 1, 0, 0],
        ]),
      ),
      [0, 1000, 1000, 0],
      0,
    );
    assert.deepEqual(
      runCall('optax.sigmoid_binary_cross_entropy', [
        [
          [0, 0],
          [0, 0],
        ],
        [1, 0],
      ]).value.shape,
      [2, 2],
    );
    const report = runCall('optax.sigmoid_binary_cross_entropy', [
      [Infinity, -Infinity, Infinity],
      [1, 1, 0],
    ]);
    const [nan, inf, inf2] = valueOf(report);
    assert.ok(Number.isNaN(nan));
    assert.equal(inf, Infinity);
    assert.equal(inf2, Infinity);
    assert.ok(report.diagnostics.some((d) => d.code === 'non-finite-result'));
  });
});

describe('optax.sigmoid_focal_loss', () => {
  // _classification_test.py › SigmoidFocalLossTest.setUp (rtol 2e-5 on CPU)
  const ys = [
    [2.0, 0.1, -2.0],
    [0.3, -0.1, 1.2],
  ];
  const ts = [
    [0.0, 0.0, 1.0],
    [1.0, 0.0, 0.0],
  ];
  const bce = valueOf(runCall('optax.sigmoid_binary_cross_entropy', [ys, ts]));

  it('takes alpha and gamma by keyword only, alpha=None by default', () => {
    assert.throws(() => runCall('optax.sigmoid_focal_loss', [ys, ts, 0.25]), /takes 2 positional arguments/);
    assert.match(runCall('optax.sigmoid_focal_loss', [ys, ts]).signature, /alpha=None, gamma=2/);
  });

  it('matches test_focal_equals_ce, test_scale, test_alpha_one, test_ignore_positive and test_ignore_negative', () => {
    assertAllClose(valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts], { gamma: 0 })), bce, 2e-5);
    // test_scale: focal / ce = (1 − p_t)^γ with p_t = p·t + (1 − p)·(1 − t).
    const focal = valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts], { gamma: 2 }));
    const flatY = ys.flat();
    const flatT = ts.flat();
    focal.forEach((f, i) => {
      const p = 1 / (1 + Math.exp(-flatY[i]));
      const pt = p * flatT[i] + (1 - p) * (1 - flatT[i]);
      assertClose(f / bce[i], (1 - pt) ** 2, 2e-5, `scale[${i}]`);
    });
    assertAllClose(
      valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts], { gamma: 0, alpha: 1 })),
      bce.map((c, i) => c * flatT[i]),
      2e-5,
    );
    const noPositives = valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts], { alpha: 0 }));
    const noNegatives = valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts], { alpha: 1 }));
    flatT.forEach((t, i) => assert.equal(t === 1 ? noPositives[i] : noNegatives[i], 0));
  });

  it('matches the NumPy reference of optax’s log-space formula in float32 and float64', () => {
    // NumPy reference (optax's sigmoid_focal_loss re-implemented), alpha=None and alpha=0.25, gamma=2.
    assertAllClose(
      valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts])),
      [1.650078296661377, 0.205158069729805, 1.650078296661377, 0.10039326548576355, 0.14540472626686096, 0.8642591238021851],
      2e-7,
    );
    assertAllClose(
      valueOf(runCall('optax.sigmoid_focal_loss', [ys, ts], { alpha: 0.25 }, false)),
      [1.2375586345660567, 0.15386854675912393, 0.41251954485535225, 0.025098318872149267, 0.1090535532384996, 0.6481942690301188],
      1e-14,
    );
    // In float64 it is the torchvision formula of focal-loss.ts, computed another way.
    flatPairs(ys, ts).forEach(([x, z]) =>
      assertClose(valueOf(runCall('optax.sigmoid_focal_loss', [[x], [z]], { alpha: 0.25 }, false))[0], sigmoidFocalElement(x, z, 0.25, 2), 1e-13),
    );
  });

  it('stays finite for extreme logits and soft labels (test_extreme_logits_finite_gradients) and at ±1e3', () => {
    // NumPy reference, gamma = 0.5: float64 [3.1622776601683715, 3.1622776601683715, 6.70820393249936, 6.70820393249936, 2.678636961808078e-33, …].
    const extreme = valueOf(
      runCall(
        'optax.sigmoid_focal_loss',
        [
          [100, -100, 75, -75, 50, -50],
          [0.9, 0.1, 0.8, 0.2, 1, 0],
        ],
        { gamma: 0.5 },
        false,
      ),
    );
    assertAllClose(extreme, [3.162277660168371, 3.1622776601683715, 6.708203932499358, 6.70820393249936, 2.678636961808078e-33, 2.678636961808078e-33], 1e-12);
    const extreme32 = valueOf(
      runCall(
        'optax.sigmoid_focal_loss',
        [
          [100, -100, 75, -75, 50, -50],
          [0.9, 0.1, 0.8, 0.2, 1, 0],
        ],
        { gamma: 0.5 },
      ),
    );
    assertAllClose(extreme32, [3.1622836589813232, 3.162282943725586, 6.70820951461792, 6.708209991455078, 2.678636997114156e-33, 2.678636997114156e-33], 1e-6);
    // NumPy reference: alpha 0.25 at ±1e3 → [0, 250, 750, 0].
    assertAllClose(
      valueOf(
        runCall(
          'optax.sigmoid_focal_loss',
          [
            [1e3, -1e3, 1e3, -1e3],
            [1, 1, 0, 0],
          ],
          { alpha: 0.25 },
        ),
      ),
      [0, 250, 750, 0],
      0,
    );
  });
});

function flatPairs(a: number[][], b: number[][]): Array<[number, number]> {
  return a.flat().map((x, i) => [x, b.flat()[i]]);
}

describe('optax.losses.poly_loss_cross_entropy', () => {
  // _classification_test.py › PolyLossTest (values "computed using tf version of poly1_cross_entropy", atol 1e-4)
  const logits = [0.14, 1.456, 2.356, -0.124, -2.47];
  const labels = [0.1, 0.15, 0.2, 0.25, 0.3];
  const batchedLogits = [
    [4.0, 2.0, 1.0],
    [0.0, 5.0, 1.0],
  ];
  const batchedLabels = [
    [1.0, 0.0, 0.0],
    [0.0, 0.8, 0.2],
  ];

  it('matches test_scalar for each epsilon', () => {
    const cases: Array<[number, number]> = [
      [2, 4.5317],
      [1, 3.7153],
      [-1, 2.0827],
      [0, 2.899],
      [-0.5, 2.4908],
      [1.15, 3.8378],
      [1.214, 3.89],
      [5.45, 7.348],
    ];
    for (const [epsilon, expected] of cases)
      assertClose(valueOf(runCall('optax.losses.poly_loss_cross_entropy', [logits, labels], { epsilon }))[0], expected, 1e-4, `eps ${epsilon}`);
  });

  it('matches test_batched, defaults epsilon to 2 and takes it by keyword only', () => {
    const cases: Array<[number, number[]]> = [
      [2, [0.4823, 1.2567]],
      [1, [0.3261, 1.0407]],
      [0, [0.1698, 0.8247]],
      [-0.5, [0.0917, 0.7168]],
      [1.15, [0.3495, 1.0731]],
      [1.214, [0.3595, 1.087]],
      [5.45, [1.0211, 2.0018]],
    ];
    for (const [epsilon, expected] of cases)
      assertAllClose(valueOf(runCall('optax.losses.poly_loss_cross_entropy', [batchedLogits, batchedLabels], { epsilon })), expected, 1e-4);
    // NumPy reference, float32: [0.48225662112236023, 1.2567038536071777].
    assertAllClose(valueOf(runCall('optax.losses.poly_loss_cross_entropy', [batchedLogits, batchedLabels])), [0.48225662112236023, 1.2567038536071777], 2e-7);
    assert.throws(() => runCall('optax.losses.poly_loss_cross_entropy', [batchedLogits, batchedLabels, 2]), /takes 2 positional arguments/);
  });

  it('equals the cross-entropy when epsilon = 0 (test_equals_to_cross_entropy_when_eps0), K = 1 and 2 included', () => {
    const cases: Array<[number[] | number[][], number[] | number[][]]> = [
      [
        [
          [4.0, 2.0, 1.0],
          [0.0, 5.0, 1.0],
          [0.134, 1.234, 3.235],
        ],
        [
          [1.0, 0.0, 0.0],
          [0.0, 0.8, 0.2],
          [0.34, 0.33, 0.33],
        ],
      ],
      [
        [1.89, 2.39],
        [0.34, 0.66],
      ],
      [[0.314], [1.0]],
    ];
    for (const [x, y] of cases) {
      assertAllClose(
        valueOf(runCall('optax.losses.poly_loss_cross_entropy', [x, y], { epsilon: 0 })),
        valueOf(runCall('optax.softmax_cross_entropy', [x, y])),
        1e-6,
      );
    }
  });

  it('masks with where of the logits’ rank (test_mask) and rejects a lower-rank mask', () => {
    const mask = [1, 1, 0, 1, 0];
    const kept = (v: number[]) => v.filter((_, i) => mask[i] === 1);
    assertClose(
      valueOf(runCall('optax.losses.poly_loss_cross_entropy', [logits, labels], { where: mask }))[0],
      valueOf(runCall('optax.losses.poly_loss_cross_entropy', [kept(logits), kept(labels)]))[0],
      1e-6,
    );
    assert.throws(() => runCall('optax.losses.poly_loss_cross_entropy', [batchedLogits, batchedLabels], { where: [1, 0] }), argumentIs('where'));
  });
});

describe('optax.hinge_loss and optax.losses.multiclass_hinge_loss', () => {
  it(`match ${CLASSIFICATION} › HingeTest (relu(1 − score·(2·label − 1)) and the one-hot reference)`, () => {
    assertAllClose(valueOf(runCall('optax.hinge_loss', [10, 1])), [0], 0); // test_binary
    assertAllClose(
      valueOf(
        runCall('optax.hinge_loss', [
          [10, 20],
          [1, -1],
        ]),
      ),
      [0, 21],
      0,
    ); // test_batched_binary
    // test_multi_class: max([10, 3] + 1 − [0, 1]) − scores[1] = 11 − 3 = 8; test_batched_multi_class: [8, 0].
    assertAllClose(valueOf(runCall('optax.losses.multiclass_hinge_loss', [[10, 3], 1])), [8], 0);
    assertAllClose(
      valueOf(
        runCall('optax.losses.multiclass_hinge_loss', [
          [
            [10, 3],
            [11, -2],
          ],
          [1, 0],
        ]),
      ),
      [8, 0],
      0,
    );
  });

  it('warns when hinge targets are 0/1 instead of ±1, and mirrors jax.nn.one_hot for labels out of range', () => {
    const report = runCall('optax.hinge_loss', [
      [2, -3],
      [1, 0],
    ]);
    assertAllClose(valueOf(report), [0, 1], 0);
    assert.ok(report.diagnostics.some((d) => d.code === 'targets-not-signed'));
    // jax.nn.one_hot docstring: "Indices outside the range [0, num_classes) will be encoded as zeros",
    // so the loss is max(scores + 1) − 0.
    const outside = runCall('optax.losses.multiclass_hinge_loss', [
      [
        [10, 3],
        [11, -2],
      ],
      [2, -1],
    ]);
    assertAllClose(valueOf(outside), [11, 12], 0);
    assert.ok(outside.diagnostics.some((d) => d.code === 'labels-out-of-range'));
    // An infinite score meets a 0 of the one-hot row in the dot product: NaN.
    assert.ok(Number.isNaN(valueOf(runCall('optax.losses.multiclass_hinge_loss', [[[-Infinity, 3]], [1]]))[0]));
  });
});

describe('optax KL divergences', () => {
  // _classification_test.py › KLDivergenceTest / KLDivergenceWithLogTargetsTest / GeneralizedKLDivergenceTest setUp (atol 1e-4)
  const logPs = [
    [-2.9957, -3.5066, -3.912, -1.204, -0.6931, -2.3026],
    [-1.6094, -1.6094, -1.6094, -2.3026, -1.8971, -1.8971],
  ];
  const qs = [
    [0.2, 0.2, 0.2, 0.1, 0.15, 0.15],
    [0.05, 0.03, 0.02, 0.3, 0.5, 0.0],
  ];

  it('kl_divergence matches test_scalar / test_batched, with a target of 0 costing 0', () => {
    assertAllClose(valueOf(runCall('optax.kl_divergence', [logPs, qs])), [0.8875577, 0.7592807], 1e-6);
    assertClose(valueOf(runCall('optax.kl_divergence', [logPs[0], qs[0]], {}, false))[0], 0.8875577, 1e-6);
  });

  it('kl_divergence_with_log_targets matches test_batched (atol 1e-4; the NumPy reference of the formula gives [0.8876264, 0.71876615])', () => {
    const values = valueOf(runCall('optax.losses.kl_divergence_with_log_targets', [logPs, [logPs[1], logPs[0]]]));
    assertAllClose(values, [0.8875625, 0.7187435584901326], 1e-4);
    assertAllClose(values, [0.8876264, 0.71876615], 1e-6);
  });

  it('generalized_kl_divergence matches test_batched, and convex_kl_divergence is its deprecated alias (test_deprecated_alias)', () => {
    assertAllClose(valueOf(runCall('optax.generalized_kl_divergence', [logPs, qs])), [0.88757247, 0.859308], 1e-6);
    assertAllClose(valueOf(runCall('optax.convex_kl_divergence', [logPs, qs])), [0.88757247, 0.859308], 1e-6);
    assert.equal(runCall('optax.losses.convex_kl_divergence', [logPs, qs]).call, 'optax.generalized_kl_divergence');
  });

  it('masks with where (test_mask) and reduces along axis (test_axis)', () => {
    const preds = [-0.5, 0.3, -2.0, 1.1, -0.2];
    const targets = [0.1, 0.3, 0.2, 0.25, 0.15];
    const mask = [1, 0, 1, 1, 0];
    const kept = (v: number[]) => v.filter((_, i) => mask[i] === 1);
    for (const id of ['optax.kl_divergence', 'optax.losses.kl_divergence_with_log_targets', 'optax.generalized_kl_divergence']) {
      assertClose(valueOf(runCall(id, [preds, targets], { where: mask }))[0], valueOf(runCall(id, [kept(preds), kept(targets)]))[0], 1e-6, id);
    }
    const transposed = [
      [logPs[0][0], logPs[1][0]],
      [logPs[0][1], logPs[1][1]],
      [logPs[0][2], logPs[1][2]],
      [logPs[0][3], logPs[1][3]],
      [logPs[0][4], logPs[1][4]],
      [logPs[0][5], logPs[1][5]],
    ];
    const transposedQ = transposed.map((_, j) => [qs[0][j], qs[1][j]]);
    assertAllClose(valueOf(runCall('optax.kl_divergence', [transposed, transposedQ], { axis: 0 })), [0.8875577, 0.7592807], 1e-6);
  });

  it('returns NaN (with a diagnostic) for a 0 target against log_predictions = −inf, and for negative targets', () => {
    const report = runCall('optax.kl_divergence', [[[-Infinity, 0]], [[0, 1]]]);
    assert.ok(Number.isNaN(valueOf(report)[0]));
    assert.ok(report.diagnostics.some((d) => d.code === 'non-finite-result'));
    assert.ok(runCall('optax.kl_divergence', [[[-1, -1]], [[-0.5, 1.5]]]).diagnostics.some((d) => d.code === 'negative-target'));
  });
});

describe('optax.squared_error and optax.l2_loss', () => {
  // _regression_test.py › SquaredErrorTest / L2LossTest: ys, ts and exp = (ts − ys)², 0.5·(ts − ys)².
  const ys = [-2.0, -1.0, 0.5, 1.0];
  const ts = [-1.5, 0.0, -1, 1.0];

  it('match test_scalar / test_batched and raise on a shape mismatch (test_shape_mismatch)', () => {
    assertAllClose(valueOf(runCall('optax.squared_error', [ys, ts])), [0.25, 1, 2.25, 0], 0);
    assertAllClose(valueOf(runCall('optax.squared_error', [ys[0], ts[0]])), [0.25], 0);
    assertAllClose(valueOf(runCall('optax.l2_loss', [ys, ts])), [0.125, 0.5, 1.125, 0], 0);
    assertAllClose(valueOf(runCall('optax.l2_loss', [ys])), [2, 0.5, 0.125, 0.5], 0); // targets=None: zeros
    assert.throws(() => runCall('optax.squared_error', [ys, ts.map((t) => [t])]), argumentIs('targets'));
  });
});

describe('optax.smooth_labels', () => {
  // _smoothing_test.py › SmoothLabelsTest: α = 0 → ts, α = 0.1 → 0.9·ts + 0.1/3, α = 1 → 1/3 (atol 1e-4).
  const ts = [
    [0.0, 1.0, 0.0],
    [1.0, 0.0, 0.0],
  ];

  it('matches test_scalar and test_batched for α = 0, 0.1 and 1', () => {
    assertAllClose(valueOf(runCall('optax.smooth_labels', [ts, 0])), ts.flat(), 0);
    assertAllClose(
      valueOf(runCall('optax.smooth_labels', [ts, 0.1])),
      ts.flat().map((t) => 0.9 * t + 0.1 / 3),
      1e-7,
    );
    assertAllClose(
      valueOf(runCall('optax.smooth_labels', [ts[0], 0.1])),
      ts[0].map((t) => 0.9 * t + 0.1 / 3),
      1e-7,
    );
    const uniform = runCall('optax.smooth_labels', [ts, 1], {}, false);
    assertAllClose(valueOf(uniform), new Array(6).fill(1 / 3), 1e-16);
    assert.equal(uniform.reduction, null);
  });

  it('counts the classes where includes (K = Σ where along axis), K = 1 and 2, and warns on α outside [0, 1]', () => {
    // (1 − α)·y + α/count with count = 2 for row 0 and 1 for row 1 (the source: jnp.sum(where, axis, keepdims=True)).
    assertAllClose(
      valueOf(
        runCall(
          'optax.smooth_labels',
          [ts, 0.5],
          {
            where: [
              [1, 1, 0],
              [1, 0, 0],
            ],
          },
          false,
        ),
      ),
      [0.25, 0.75, 0.25, 1, 0.5, 0.5],
      1e-16,
    );
    assertAllClose(valueOf(runCall('optax.smooth_labels', [[[1], [0]], 0.2], {}, false)), [1, 0.2], 1e-16);
    assertAllClose(valueOf(runCall('optax.smooth_labels', [[[1, 0]], 0.2], {}, false)), [0.9, 0.1], 1e-16);
    assert.ok(runCall('optax.smooth_labels', [ts, 1.5]).diagnostics.some((d) => d.code === 'smoothing-out-of-range'));
    assert.ok(
      runCall('optax.smooth_labels', [ts, 0.1], {
        where: [
          [0, 0, 0],
          [1, 1, 1],
        ],
      }).diagnostics.some((d) => d.code === 'empty-where'),
    );
  });
});

describe('the optax entries', () => {
  it('are named as optax exports them, with their aliases, and never reduce', () => {
    // optax/__init__.py re-exports these at the top level; poly_loss_cross_entropy,
    // multiclass_hinge_loss and kl_divergence_with_log_targets live only in optax.losses.
    assert.equal(runCall('optax.losses.softmax_cross_entropy_with_integer_labels', [[[1, 2]], [0]]).call, 'optax.softmax_cross_entropy_with_integer_labels');
    assert.throws(
      () =>
        runCall('optax.poly_loss_cross_entropy', [
          [1, 2],
          [0, 1],
        ]),
      argumentIs('call'),
    );
    const report = runCall('optax.softmax_cross_entropy', [[[1, 2]], [[0, 1]]], { where: [[1, 1]] });
    assert.equal(report.reduction, null);
    assert.match(report.signature, /^optax\.softmax_cross_entropy\(logits, labels, axis=-1, where=\[\[1, 1\]\]\)$/);
    assert.throws(() => runCall('optax.softmax_cross_entropy', [[[1, 2]], [[0, 1]]], { where: [[1, 2]] }), argumentIs('where'));
  });
});
