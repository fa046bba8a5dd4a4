/**
 * Every case of test/fixtures/frameworks/pytorch-1.13.json — made by running real PyTorch 1.13 and
 * torchvision 0.14 (Debian's python3-torch, python3-torchvision) with
 * test/fixtures/frameworks/pytorch_cases.py — through the catalogue, in float32 (torch's default
 * dtype) and in float64 (the same tensors passed as .double()).
 * float32 must agree to 4 float32 ulps (torch's cascaded and vectorised sums add in another order;
 * measured at this commit: 340 of 356 values bit-exact, the rest within 2 ulps); float64 to 1e-12
 * relative (measured: 3.1e-16 at most); zeros with torch's sign. Where torch raises, the catalogue must throw an InputError
 * naming the same argument (and element); where torch warns, it must note a diagnostic.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../../../src/errors';
import { float32UlpDistance } from '../../../../src/engine/float32';
import type { Tensor } from '../../../../src/tensor';
import { runCall } from './helpers';

type Encoded = number | string;
interface EncodedTensor {
  readonly tensor: readonly Encoded[];
  readonly shape: readonly number[];
}
type EncodedArgument = EncodedTensor | number | boolean | string | null;
interface Result {
  readonly shape: readonly number[];
  readonly values: readonly Encoded[];
}
interface Case {
  readonly call: string;
  readonly note: string;
  readonly args: readonly EncodedArgument[];
  readonly kwargs: Readonly<Record<string, EncodedArgument>>;
  readonly float32?: Result;
  readonly float64?: Result;
  readonly warnings?: readonly string[];
  readonly error?: { readonly type: string; readonly message: string; readonly argument: string; readonly element?: number };
}
interface Fixture {
  readonly torch: string;
  readonly torchvision: string;
  readonly cases: readonly Case[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/frameworks/pytorch-1.13.json'), 'utf8')) as Fixture;

function number(value: Encoded): number {
  if (typeof value === 'number') return value;
  return value === 'nan' ? NaN : value === 'inf' ? Infinity : -Infinity;
}

function decode(value: EncodedArgument): Tensor | number | boolean | string | null {
  if (value !== null && typeof value === 'object') return { shape: [...value.shape], data: Float64Array.from(value.tensor, number) };
  return value;
}

function agrees(actual: number, expected: number, float32: boolean): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  // Zeros must carry torch's sign (BCELoss prints -0. for p = z = 1).
  if (expected === 0) return Object.is(actual, expected);
  if (actual === expected) return true;
  if (float32) return float32UlpDistance(actual, expected) <= 4;
  return Math.abs(actual - expected) <= 1e-12 * Math.abs(expected);
}

function title(c: Case): string {
  const keywords = Object.entries(c.kwargs)
    .map(([k, v]) => `${k}=${v !== null && typeof v === 'object' ? `[${v.shape.join(', ')}]` : JSON.stringify(v)}`)
    .join(', ');
  return `${c.call}(${c.args.length} positional${keywords ? `, ${keywords}` : ''})${c.note ? ` — ${c.note}` : ''}`;
}

describe(`PyTorch ${fixture.torch} / torchvision ${fixture.torchvision} conformance`, () => {
  it('covers every PyTorch and torchvision entry of the catalogue', () => {
    const calls = new Set(fixture.cases.map((c) => c.call));
    for (const id of [
      'torch.nn.functional.cross_entropy',
      'torch.nn.CrossEntropyLoss',
      'torch.nn.functional.nll_loss',
      'torch.nn.NLLLoss',
      'torch.nn.functional.binary_cross_entropy',
      'torch.nn.BCELoss',
      'torch.nn.functional.binary_cross_entropy_with_logits',
      'torch.nn.BCEWithLogitsLoss',
      'torch.nn.functional.kl_div',
      'torch.nn.KLDivLoss',
      'torch.nn.functional.multi_margin_loss',
      'torch.nn.MultiMarginLoss',
      'torch.nn.functional.mse_loss',
      'torch.nn.MSELoss',
      'torchvision.ops.sigmoid_focal_loss',
    ]) {
      assert.ok(calls.has(id), `no case for ${id}`);
    }
  });

  fixture.cases.forEach((c, index) => {
    it(`#${index} ${title(c)}`, () => {
      const args = c.args.map(decode);
      const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v)]));
      if (c.error) {
        const { argument, element } = c.error;
        for (const float32 of [true, false]) {
          assert.throws(
            () => runCall(c.call, args, kwargs, float32),
            (e: unknown) => e instanceof InputError && e.argument === argument && (element === undefined || e.element === element),
            `torch raised ${c.error.type}: ${c.error.message}; expected an InputError naming ${argument}${element === undefined ? '' : ` at element ${element}`}`,
          );
        }
        return;
      }
      for (const [float32, expected] of [
        [true, c.float32],
        [false, c.float64],
      ] as const) {
        assert.ok(expected);
        const report = runCall(c.call, args, kwargs, float32);
        const dtype = float32 ? 'float32' : 'float64';
        assert.deepEqual(report.value.shape, expected.shape, `${dtype} shape`);
        const want = expected.values.map(number);
        want.forEach((v, i) => {
          assert.ok(agrees(report.value.data[i], v, float32), `${dtype} [${i}]: PyTorch ${v}, Loss Lens ${report.value.data[i]}`);
        });
        if ((c.warnings ?? []).length > 0) {
          assert.ok(report.diagnostics.length > 0, `PyTorch warned (${c.warnings?.join(' | ')}); Loss Lens noted nothing`);
        }
      }
    });
  });
});
