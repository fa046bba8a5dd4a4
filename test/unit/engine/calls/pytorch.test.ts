import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAllClose, assertClose } from '../helpers';
import { runCall, valueOf } from './helpers';

// The source article's logits and labels (../shared/seed).
const LOGITS = [
  [0.7, 1.2, 0.3],
  [0.4, 0.2, 0.9],
  [0.6, 0.3, 0.4],
];
const LABELS = [1, 2, 0];

describe('torch.nn.functional.cross_entropy', () => {
  // Expected values: PyTorch 1.13.0 (Debian python3-torch), float32, printed with .item() / .tolist():
  //   F.cross_entropy(x, y), F.cross_entropy(x, y, label_smoothing=0.1), … as in each case.
  it('matches PyTorch 1.13 on the article’s batch, with smoothing, weights and reduction none', () => {
    assertClose(valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS]))[0], 0.7943090796470642, 1e-7);
    assertClose(valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { label_smoothing: 0.1 }))[0], 0.8287534713745117, 1e-7);
    assertClose(
      valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { weight: [1, 2, 3], label_smoothing: 0.1 }))[0],
      0.7998473644256592,
      1e-7,
    );
    assertAllClose(
      valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { weight: [1, 2, 3], reduction: 'none' })),
      [1.3993520736694336, 2.230260133743286, 0.939831018447876],
      1e-7,
    );
  });

  it('applies an ignore_index that is also a valid class (PyTorch 1.13: 0.8982922434806824)', () => {
    // F.cross_entropy(x, y, ignore_index=1, label_smoothing=0.2): sample 0 (target 1) is left out of
    // both terms and of the denominator.
    const report = runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { ignore_index: 1, label_smoothing: 0.2 });
    assertClose(valueOf(report)[0], 0.8982922434806824, 1e-7);
    assert.equal(report.reduction?.denominator, 2);
  });

  it('binds positional arguments in PyTorch’s order, deprecated flags included', () => {
    // cross_entropy(input, target, weight, size_average, ignore_index, reduce, reduction, label_smoothing)
    const report = runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS, null, null, -100, false]);
    assert.equal(report.value.shape.length, 1);
    assert.match(report.signature, /reduce=False/);
  });

  it('names the argument in errors', () => {
    assert.throws(
      () => runCall('torch.nn.functional.cross_entropy', [LOGITS, [1, 3, 0]]),
      (e: Error & { argument?: string; element?: number }) => e.argument === 'target' && e.element === 1,
    );
    assert.throws(
      () => runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { label_smoothing: 1.5 }),
      (e: Error & { argument?: string }) => e.argument === 'label_smoothing',
    );
    assert.throws(
      () => runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { smoothing: 0.1 }),
      (e: Error & { argument?: string }) => e.argument === 'smoothing',
    );
  });
});

describe('torch.nn.CrossEntropyLoss', () => {
  it('takes the options in the constructor and the tensors in the call', () => {
    const report = runCall('torch.nn.CrossEntropyLoss', [LOGITS, LABELS], { reduction: 'sum', label_smoothing: 0.1 });
    assertClose(valueOf(report)[0], 3 * 0.8287534713745117, 1e-6);
    assert.match(report.signature, /^torch\.nn\.CrossEntropyLoss\(weight=None, .*reduction='sum', label_smoothing=0\.1\)\(input, target\)$/);
  });
});

// The cases below pin what the conformance fixture (test/fixtures/frameworks/pytorch-1.13.json, made by
// test/fixtures/frameworks/pytorch_cases.py against PyTorch 1.13.0 and torchvision 0.14.1) checks
// only as numbers: the reduction a report describes, the diagnostics, the errors' arguments.
const LOG_P = LOGITS.map((row) => {
  const m = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
  return row.map((v) => v - m);
});

describe('torch.nn.functional.nll_loss', () => {
  it('divides by Σ weight[target] (PyTorch 1.13: 0.761573851108551)', () => {
    const report = runCall('torch.nn.functional.nll_loss', [LOG_P, LABELS], { weight: [1, 2, 3] });
    assertClose(valueOf(report)[0], 0.761573851108551, 1e-7);
    // Σ w[y] = w[1] + w[2] + w[0] = 2 + 3 + 1.
    assert.equal(report.reduction?.denominator, 6);
    assertAllClose(Array.from(report.weighted.data), [1.399351954460144, 2.230260133743286, 0.9398310780525208], 1e-7);
  });

  it('returns nan when every target is ignored, and says why', () => {
    const report = runCall('torch.nn.functional.nll_loss', [LOG_P, [-100, -100, -100]]);
    assert.ok(Number.isNaN(valueOf(report)[0]));
    assert.ok(report.diagnostics.some((d) => d.code === 'empty-mean'));
  });

  it('notes an input that holds no log-probabilities (logits passed by mistake)', () => {
    const report = runCall('torch.nn.functional.nll_loss', [LOGITS, LABELS]);
    assert.ok(report.diagnostics.some((d) => d.code === 'not-log-probabilities' && d.severity === 'info'));
  });

  it('writes the module form with its constructor options first', () => {
    const report = runCall('torch.nn.NLLLoss', [LOG_P, LABELS], { ignore_index: 2 });
    assert.match(report.signature, /^torch\.nn\.NLLLoss\(weight=None, size_average=None, ignore_index=2, reduce=None, reduction='mean'\)\(input, target\)$/);
  });
});

describe('torch.nn.functional.binary_cross_entropy', () => {
  it('names the element that is no probability', () => {
    // PyTorch 1.13: RuntimeError "all elements of input should be between 0 and 1".
    assert.throws(
      () =>
        runCall('torch.nn.functional.binary_cross_entropy', [
          [
            [0.5, 0.5],
            [0.2, -0.1],
          ],
          [
            [1, 0],
            [1, 0],
          ],
        ]),
      (e: Error & { argument?: string; element?: number }) => e.argument === 'input' && e.element === 3 && /input\[1, 1\] = -0\.1/.test(e.message),
    );
  });

  it('takes log(1 − p) of the rounded difference, as PyTorch 1.13 does', () => {
    // PyTorch 1.13 float32, reduction='none': [0.0, 0.10536054521799088] for p = [1e-8, 0.1], z = 0
    // (−log1p(−p) would give 1e-8 and 0.10536051541566849).
    assert.deepEqual(
      valueOf(
        runCall(
          'torch.nn.functional.binary_cross_entropy',
          [
            [1e-8, 0.1],
            [0, 0],
          ],
          { reduction: 'none' },
        ),
      ),
      [0, 0.10536054521799088],
    );
  });

  it('clamps each log at −100 and notes a target outside [0, 1]', () => {
    // PyTorch 1.13: binary_cross_entropy([0, 1], [1, 0], reduction='none') = [100, 100]; a target of
    // 1.5 is not checked (p = 0.9: −1.5·log 0.9 + 0.5·log 0.1 = −0.99322…, computed anyway).
    assert.deepEqual(
      valueOf(
        runCall(
          'torch.nn.functional.binary_cross_entropy',
          [
            [0, 1],
            [1, 0],
          ],
          { reduction: 'none' },
        ),
      ),
      [100, 100],
    );
    const report = runCall('torch.nn.functional.binary_cross_entropy', [[0.9], [1.5]], { reduction: 'none' }, false);
    assertClose(valueOf(report)[0], -1.5 * Math.log(0.9) + 0.5 * Math.log(0.1), 1e-15);
    assert.ok(report.diagnostics.some((d) => d.code === 'target-outside-unit-interval'));
  });
});

describe('torch.nn.functional.binary_cross_entropy_with_logits', () => {
  it('computes PyTorch’s form: a confident right logit costs exactly 0 in float32, 2.06e-9 in float64', () => {
    // PyTorch 1.13, x = 20, z = 1, reduction='none': 0.0 (float32), 2.0611536900435727e-09 (float64).
    assert.deepEqual(valueOf(runCall('torch.nn.functional.binary_cross_entropy_with_logits', [[20], [1]], { reduction: 'none' })), [0]);
    assertClose(
      valueOf(runCall('torch.nn.functional.binary_cross_entropy_with_logits', [[20], [1]], { reduction: 'none' }, false))[0],
      2.0611536900435727e-9,
      1e-12,
    );
  });

  it('binds pos_weight last, after the deprecated flags, and names it when it does not broadcast', () => {
    const report = runCall('torch.nn.functional.binary_cross_entropy_with_logits', [
      LOGITS,
      [
        [1, 0, 1],
        [0, 1, 1],
        [0, 0, 1],
      ],
      null,
      null,
      null,
      'sum',
      [1, 2, 3],
    ]);
    assert.match(report.signature, /reduction='sum', pos_weight=\[1, 2, 3\]\)$/);
    assert.throws(
      () =>
        runCall(
          'torch.nn.BCEWithLogitsLoss',
          [
            LOGITS,
            [
              [1, 0, 1],
              [0, 1, 1],
              [0, 0, 1],
            ],
          ],
          { pos_weight: [1, 2] },
        ),
      (e: Error & { argument?: string }) => e.argument === 'pos_weight',
    );
  });
});

describe('torch.nn.functional.kl_div', () => {
  const Q = [
    [-1.4076, -0.4076, -2.4076],
    [-0.4076, -2.4076, -1.4076],
  ];
  const P = [
    [0.2, 0.5, 0.3],
    [0, 0.25, 0.75],
  ];

  it("notes torch's warning for 'mean' and divides 'batchmean' by input.size(0)", () => {
    const mean = runCall('torch.nn.functional.kl_div', [Q, P]);
    assert.ok(mean.diagnostics.some((d) => d.code === 'kl-div-mean' && d.severity === 'info'));
    assert.equal(mean.reduction?.denominator, 6);
    const batchmean = runCall('torch.nn.KLDivLoss', [Q, P], { reduction: 'batchmean' });
    assert.equal(batchmean.reduction?.denominator, 2);
    assert.equal(batchmean.diagnostics.length, 0);
  });

  it('gives 0 where the target is 0 (xlogy), nan where it is negative', () => {
    const report = runCall(
      'torch.nn.functional.kl_div',
      [
        [-1, -2],
        [0, -0.5],
      ],
      { reduction: 'none' },
    );
    assert.equal(valueOf(report)[0], 0);
    assert.ok(Number.isNaN(valueOf(report)[1]));
    assert.ok(report.diagnostics.some((d) => d.code === 'nan-loss'));
  });
});

describe('torch.nn.functional.multi_margin_loss', () => {
  it('binds (input, target, p, margin, weight, size_average, reduce, reduction) (PyTorch 1.13: 0.20333331823349)', () => {
    const report = runCall('torch.nn.functional.multi_margin_loss', [LOGITS, LABELS, 2, 0.7, [1, 2, 3], null, null, 'sum']);
    assertClose(valueOf(report)[0], 0.20333331823349, 1e-7);
  });

  it('rejects a weight that is not one per class, which PyTorch 1.13 reads past the end of', () => {
    // PyTorch 1.13 multi_margin_loss(x, y, weight=tensor([1., 2.]), reduction='none') returned
    // [0.4, 3.7265e-39, 0.5]: the sample of class 2 read memory after the weight. Loss Lens refuses.
    assert.throws(
      () => runCall('torch.nn.functional.multi_margin_loss', [LOGITS, LABELS], { weight: [1, 2] }),
      (e: Error & { argument?: string }) => e.argument === 'weight',
    );
  });
});

describe('torch.nn.functional.mse_loss', () => {
  it('broadcasts a target of another shape with torch’s warning (PyTorch 1.13: 0.27666664123535156)', () => {
    const report = runCall('torch.nn.functional.mse_loss', [LOGITS, [0.5, 0, 1]]);
    assertClose(valueOf(report)[0], 0.27666664123535156, 1e-7);
    assert.ok(report.diagnostics.some((d) => d.code === 'broadcast-target'));
  });
});

describe('torchvision.ops.sigmoid_focal_loss', () => {
  it("defaults to reduction 'none' and reads alpha, gamma, reduction by position", () => {
    const targets = [
      [1, 0, 1],
      [0, 1, 1],
      [0, 0, 1],
    ];
    const report = runCall('torchvision.ops.sigmoid_focal_loss', [LOGITS, targets]);
    assert.deepEqual(report.value.shape, [3, 3]);
    assert.equal(report.reduction, null);
    // torchvision 0.14 on PyTorch 1.13, float32: sigmoid_focal_loss(x, z, alpha=0.5, reduction='sum').
    assertClose(valueOf(runCall('torchvision.ops.sigmoid_focal_loss', [LOGITS, targets, 0.5, 2, 'sum']))[0], 1.141526699066162, 1e-7);
  });
});
