/**
 * torchvision 0.14 (the release paired with PyTorch 1.13) loss calls. torchvision/ops/focal_loss.py
 * builds sigmoid_focal_loss from torch operations, so it computes in the input's dtype, float32 by
 * default, in the order focal-loss.ts's `sigmoidFocalTorchvision` follows.
 */
import { InputError } from '../../errors';
import { formatShape } from '../format';
import { sigmoidFocalTorchvision } from '../focal-loss';
import { elementwiseOutcome } from './pytorch';
import { readValues, sameShape } from './views';
import type { BoundArguments, CallEntry, CallOutcome, ComputeContext } from './types';

/**
 * ℓ = α_t·(1 − p_t)^γ·BCE(x, z) element-wise (α < 0 drops α_t); reduction 'none' by default,
 * 'mean' over every element, 'sum'.
 */
function sigmoidFocalLoss(args: BoundArguments, context: ComputeContext): CallOutcome {
  const inputs = args.tensor('inputs');
  const targets = args.tensor('targets');
  if (!sameShape(inputs.shape, targets.shape)) {
    throw new InputError(
      `targets has shape ${formatShape(targets.shape)}; sigmoid_focal_loss needs the inputs' shape ${formatShape(inputs.shape)} (binary_cross_entropy_with_logits raises ValueError)`,
      undefined,
      'labels',
      undefined,
      'targets',
    );
  }
  const x = readValues(inputs, context.float32);
  const z = readValues(targets, context.float32);
  const alpha = args.number('alpha');
  const gamma = args.number('gamma');
  const values = Float64Array.from(x, (v, i) => sigmoidFocalTorchvision(v, z[i], alpha, gamma, context.round));
  return elementwiseOutcome(inputs.shape, values, values, args.choice('reduction'), context);
}

export const TORCHVISION_CALLS: readonly CallEntry[] = [
  {
    id: 'torchvision.ops.sigmoid_focal_loss',
    framework: 'torchvision',
    language: 'python',
    form: 'function',
    family: 'focal',
    summary: 'Sigmoid focal loss of logits against binary targets, element-wise unless reduced (RetinaNet).',
    docs: 'https://pytorch.org/vision/0.14/generated/torchvision.ops.sigmoid_focal_loss.html',
    parameters: [
      { name: 'inputs', type: { kind: 'tensor' }, description: 'Logits, any shape.' },
      { name: 'targets', type: { kind: 'tensor' }, description: 'Binary targets (0 or 1), the inputs’ shape.' },
      {
        name: 'alpha',
        type: { kind: 'number' },
        default: 0.25,
        description: 'Weight of the positive class, α_t = α·z + (1 − α)·(1 − z); negative (−1) turns it off.',
      },
      { name: 'gamma', type: { kind: 'number' }, default: 2, description: 'Focusing exponent γ of the modulating factor (1 − p_t)^γ.' },
      {
        name: 'reduction',
        type: { kind: 'choice', values: ['none', 'mean', 'sum'] },
        default: 'none',
        description: "'none' (the default here): one loss per element; 'mean': over every element; 'sum': the sum.",
      },
    ],
    float32: 'float32 tensors: σ, p_t, the power, the products and the reduction in float32, in torchvision’s order.',
    compute: sigmoidFocalLoss,
  },
];
