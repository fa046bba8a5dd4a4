import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TensorValue } from '../../../src/code/values';
import { analyse, siteOf } from './helpers';

const SCRIPT = [
  'import torch',
  'import torch.nn.functional as F',
  'outputs = model(batch)',
  'targets = torch.tensor([0, 2])',
  'loss = F.cross_entropy(outputs, targets, label_smoothing=0.1)',
  '',
].join('\n');

/** A float32 torch tensor as a debugger would hand it over. */
function live(shape: number[], values: number[]): TensorValue {
  return { kind: 'tensor', tensor: { shape, data: Float64Array.from(values, Math.fround) }, dtype: 'float32', library: 'torch' };
}

describe('live values from a debugger', () => {
  it('lists the arguments the text does not determine, by their text', () => {
    const analysis = analyse(SCRIPT);
    const site = siteOf(analysis, 'F.cross_entropy');
    assert.equal(analysis.result(site).status, 'unresolved');
    assert.deepEqual(
      analysis.unresolvedArguments(site).map((a) => [a.parameter, a.expression]),
      [['input', 'outputs']],
    );
  });

  it('computes the call with them, and says which came from the program', () => {
    const analysis = analyse(SCRIPT);
    const site = siteOf(analysis, 'F.cross_entropy');
    const result = analysis.resultWithLiveValues(site, new Map([['outputs', live([2, 3], [2.0, 0.5, -1.0, 0.1, 0.2, 3.0])]]));
    assert.equal(result.status, 'loss');
    if (result.status !== 'loss') return;
    // PyTorch 1.13: F.cross_entropy(torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]), torch.tensor([0, 2]), label_smoothing=0.1).item()
    // = 0.34545642137527466.
    assert.ok(Math.abs(result.evaluation.report.value.data[0] - 0.34545642137527466) < 1e-7);
    assert.deepEqual(result.live, ['outputs']);
    // The text-only reading is unchanged (live values are not memoised).
    assert.equal(analysis.result(site).status, 'unresolved');
  });
});
