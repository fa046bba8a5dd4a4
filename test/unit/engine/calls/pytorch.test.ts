import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAllClose, assertClose } from '../helpers';
import { runCall, valueOf } from './helpers';

// The source article's logits and labels (../shared/seed).
const LOGITS = [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]];
const LABELS = [1, 2, 0];

describe('torch.nn.functional.cross_entropy', () => {
  // Expected values: PyTorch 1.13.0 (Debian python3-torch), float32, printed with .item() / .tolist():
  //   F.cross_entropy(x, y), F.cross_entropy(x, y, label_smoothing=0.1), … as in each case.
  it('matches PyTorch 1.13 on the article’s batch, with smoothing, weights and reduction none', () => {
    assertClose(valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS]))[0], 0.7943090796470642, 1e-7);
    assertClose(valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { label_smoothing: 0.1 }))[0], 0.8287534713745117, 1e-7);
    assertClose(valueOf(runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { weight: [1, 2, 3], label_smoothing: 0.1 }))[0], 0.7998473644256592, 1e-7);
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
    assert.throws(() => runCall('torch.nn.functional.cross_entropy', [LOGITS, [1, 3, 0]]), (e: Error & { argument?: string; element?: number }) => e.argument === 'target' && e.element === 1);
    assert.throws(() => runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { label_smoothing: 1.5 }), (e: Error & { argument?: string }) => e.argument === 'label_smoothing');
    assert.throws(() => runCall('torch.nn.functional.cross_entropy', [LOGITS, LABELS], { smoothing: 0.1 }), (e: Error & { argument?: string }) => e.argument === 'smoothing');
  });
});

describe('torch.nn.CrossEntropyLoss', () => {
  it('takes the options in the constructor and the tensors in the call', () => {
    const report = runCall('torch.nn.CrossEntropyLoss', [LOGITS, LABELS], { reduction: 'sum', label_smoothing: 0.1 });
    assertClose(valueOf(report)[0], 3 * 0.8287534713745117, 1e-6);
    assert.match(report.signature, /^torch\.nn\.CrossEntropyLoss\(weight=None, .*reduction='sum', label_smoothing=0\.1\)\(input, target\)$/);
  });
});
