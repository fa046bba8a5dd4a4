// `loss-lens --call` on the built bundle (dist/cli.js; npm test builds before the unit tests).
// Expected numbers and printed tensors come from PyTorch 1.13 runs (Debian's /usr/bin/python3),
// quoted in each test; the seed is x = [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]], y = [1, 2, 0].
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CALLS } from '../../../src/engine/calls/catalogue';
import { run, runJson as runCliJson } from './run-cli';
import type { CallEntryOutput, CallOutput, ErrorOutput } from './output';

const X = '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]]';
const F_CE = 'torch.nn.functional.cross_entropy';

function runJson<Output = CallOutput>(...args: string[]): Output {
  return runCliJson<Output>(...args);
}

function errorOf(...args: string[]): ErrorOutput {
  const result = run(...args, '--json');
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.equal(result.stderr, '');
  return (JSON.parse(result.stdout) as { error: ErrorOutput }).error;
}

/** float32 results agree with PyTorch's to the last bit or one ulp (its sums are vectorised). */
function closeF32(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= 2 ** (Math.floor(Math.log2(Math.abs(expected))) - 23), `${actual} vs ${expected}`);
}

describe('--call: torch.nn.functional.cross_entropy', () => {
  test('the seed with label_smoothing=0.1: every contract key', () => {
    const out = runJson('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'label_smoothing=0.1');
    assert.deepEqual(Object.keys(out), [
      'call',
      'framework',
      'docs',
      'signature',
      'arguments',
      'float32',
      'shape',
      'value',
      'losses',
      'weighted',
      'reduction',
      'diagnostics',
    ]);
    assert.equal(out.call, F_CE);
    assert.equal(out.framework, 'pytorch');
    assert.match(out.docs, /^https:\/\/pytorch\.org\/docs\/1\.13\//);
    assert.equal(
      out.signature,
      "torch.nn.functional.cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.1)",
    );
    assert.deepEqual(
      out.arguments.find((a) => a.name === 'label_smoothing'),
      { name: 'label_smoothing', text: '0.1', source: 'given' },
    );
    assert.deepEqual(
      out.arguments.find((a) => a.name === 'reduction'),
      { name: 'reduction', text: "'mean'", source: 'default' },
    );
    assert.equal(out.float32, true);
    assert.deepEqual(out.shape, []);
    // F.cross_entropy(x, y, label_smoothing=0.1).item() = 0.8287534713745117; reduction='none': per sample.
    closeF32(out.value, 0.8287534713745117);
    [0.746342658996582, 0.7834200859069824, 0.9564976692199707].forEach((v, i) => closeF32(out.losses?.[i] ?? NaN, v));
    assert.deepEqual(out.weighted, out.losses);
    assert.equal(out.reduction?.name, 'mean');
    assert.equal(out.reduction?.denominator, 3);
    assert.match(out.reduction?.divides, /3 targets not ignored/);
    closeF32((out.reduction?.sum ?? NaN) / 3, 0.8287534713745117);
    assert.deepEqual(out.diagnostics, []);
  });

  test('text: the value as PyTorch prints it, the per-sample losses and the denominator', () => {
    const result = run('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'label_smoothing=0.1');
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^torch\.nn\.functional\.cross_entropy\(input, target, .*label_smoothing=0\.1\)$/);
    assert.equal(lines[1], 'tensor(0.8288)'); // print(F.cross_entropy(x, y, label_smoothing=0.1))
    assert.ok(lines.includes('per sample [3]'));
    assert.ok(
      lines.some((l) => /^reduction mean: .* ÷ 3 = 0\.82875347 \(÷ the 3 targets not ignored\)$/.test(l)),
      result.stdout,
    );
  });

  test("reduction='sum' given bare, quoted, or through the deprecated size_average=False", () => {
    // F.cross_entropy(x, y, reduction='sum') = tensor(2.3829), .item() 2.382927179336548; size_average=False prints the same.
    for (const arg of ['reduction=sum', "reduction='sum'", 'reduction="sum"', 'size_average=False']) {
      const out = runJson('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', arg);
      closeF32(out.value, 2.382927179336548);
      assert.equal(out.reduction?.denominator, 1, arg);
    }
    const text = run('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'reduction=sum').stdout;
    assert.equal(text.split('\n')[1], 'tensor(2.3829)');
  });

  test('--float64 computes in float64 and prints the dtype as torch does', () => {
    // F.cross_entropy(torch.tensor(x, dtype=torch.float64), y) = tensor(0.7943, dtype=torch.float64), .item() 0.7943090263988727.
    const out = runJson('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--float64');
    assert.equal(out.float32, false);
    assert.ok(Math.abs(out.value - 0.7943090263988727) < 1e-15, String(out.value));
    const text = run('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--float64').stdout;
    assert.equal(text.split('\n')[1], 'tensor(0.7943, dtype=torch.float64)');
  });

  test('ignore_index equal to a valid class, reduction none: the ignored sample is 0', () => {
    // F.cross_entropy(x, y, ignore_index=1, reduction='none') prints tensor([0.0000, 0.7434, 0.9398]).
    const result = run('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'ignore_index=1', '--arg', 'reduction=none');
    assert.equal(result.stdout.split('\n')[1], 'tensor([0.0000, 0.7434, 0.9398])');
    const out = runJson('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'ignore_index=1', '--arg', 'reduction=none');
    assert.equal(out.reduction, null);
    assert.deepEqual(out.shape, [3]);
  });

  test('±1e3 logits: tensor(2000.) as torch prints an integer-valued float', () => {
    // F.cross_entropy(torch.tensor([[1000., -1000., 0.]]), torch.tensor([1])) prints tensor(2000.).
    const result = run('--call', F_CE, '--arg', 'input=[[1000, -1000, 0]]', '--arg', 'target=[1]');
    assert.equal(result.stdout.split('\n')[1], 'tensor(2000.)');
  });

  test('literals from @files, and --summary drops the arrays but keeps a scalar value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loss-lens-call-'));
    writeFileSync(join(dir, 'logits.py'), `logits = torch.tensor(${X})\n`);
    const out = runJson('--call', F_CE, '--arg', `input=@${join(dir, 'logits.py')}`, '--arg', 'target=[1, 2, 0]', '--summary');
    assert.equal(out.losses, undefined);
    assert.equal(out.weighted, undefined);
    closeF32(out.value, 0.7943090796470642); // F.cross_entropy(x, y).item() in float32
    const none = runJson<CallOutput<undefined>>('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'reduction=none', '--summary');
    assert.equal(none.value, undefined);
    assert.deepEqual(none.shape, [3]);
  });
});

describe('--call: torch.nn.CrossEntropyLoss (constructor and call arguments in one list)', () => {
  test('weight to the constructor, reduction none: w[y]·ℓ per sample', () => {
    // nn.CrossEntropyLoss(weight=torch.tensor([1, 2, 0.5]), reduction='none')(x, y).tolist()
    const out = runJson<CallOutput<number[]>>(
      '--call',
      'torch.nn.CrossEntropyLoss',
      '--arg',
      `input=${X}`,
      '--arg',
      'target=[1, 2, 0]',
      '--arg',
      'weight=[1, 2, 0.5]',
      '--arg',
      'reduction=none',
    );
    assert.equal(
      out.signature,
      "torch.nn.CrossEntropyLoss(weight=[1, 2, 0.5], size_average=None, ignore_index=-100, reduce=None, reduction='none', label_smoothing=0)(input, target)",
    );
    [1.3993520736694336, 0.37171003222465515, 0.939831018447876].forEach((v, i) => closeF32(out.value[i], v));
    const text = run(
      '--call',
      'torch.nn.CrossEntropyLoss',
      '--arg',
      `input=${X}`,
      '--arg',
      'target=[1, 2, 0]',
      '--arg',
      'weight=[1, 2, 0.5]',
      '--arg',
      'reduction=none',
    );
    const lines = text.stdout.split('\n');
    assert.equal(lines[1], 'tensor([1.3994, 0.3717, 0.9398])'); // what PyTorch printed
    assert.match(lines.find((l) => l.trim().startsWith('sample')) ?? '', /loss\s+weighted$/);
  });

  test('weighted mean divides by Σ w[y]', () => {
    // nn.CrossEntropyLoss(weight=torch.tensor([1, 2, 0.5]))(x, y) = tensor(0.7745), .item() 0.774540901184082.
    const out = runJson('--call', 'torch.nn.CrossEntropyLoss', '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', '--arg', 'weight=[1, 2, 0.5]');
    closeF32(out.value, 0.774540901184082);
    assert.equal(out.reduction?.denominator, 3.5);
  });
});

describe('--call errors: exit 2, located in the --arg they concern', () => {
  test('an element out of range: argument, line and column in that --arg', () => {
    const error = errorOf('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1,\n 5, 0]');
    assert.equal(error.argument, 'target');
    assert.equal(error.input, 'labels');
    assert.deepEqual([error.line, error.column], [2, 2]);
    assert.match(error.message, /target\[1\] = 5 is out of bounds/);
  });

  test('a literal that does not parse: located, named', () => {
    const error = errorOf('--call', F_CE, '--arg', 'input=[[1, 2], [3]]', '--arg', 'target=[0, 1]');
    assert.equal(error.argument, 'input');
    assert.equal(error.line, 1);
    assert.equal(typeof error.column, 'number');
  });

  test('values the parameter refuses, by name', () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['--arg', 'label_smoothing=1.5'], 'label_smoothing', /label_smoothing must be in \[0, 1\]/],
      [['--arg', 'reduction=avg'], 'reduction', /reduction must be one of 'none', 'mean', 'sum'/],
      [['--arg', 'ignore_index=0.5'], 'ignore_index', /ignore_index must be an integer/],
      [['--arg', 'size_average=maybe'], 'size_average', /True or False/],
      [['--arg', 'margin=1'], 'margin', /has no parameter margin/],
      [['--arg', 'weight=[1, 2]'], 'weight', /one value per class, shape \[3\]/],
    ];
    for (const [extra, argument, message] of cases) {
      const error = errorOf('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 2, 0]', ...extra);
      assert.equal(error.argument, argument, JSON.stringify(error));
      assert.match(error.message, message);
    }
  });

  test('a missing required argument, an unknown call, a file that is not there', () => {
    assert.equal(errorOf('--call', F_CE, '--arg', `input=${X}`).argument, 'target');
    const unknown = errorOf('--call', 'torch.cross_entropy', '--arg', `input=${X}`);
    assert.equal(unknown.argument, 'call');
    assert.match(unknown.message, /did you mean torch\.nn\.functional\.cross_entropy/);
    const missing = errorOf('--call', F_CE, '--arg', 'input=@/nonexistent/logits.txt', '--arg', 'target=[0]');
    assert.equal(missing.argument, 'input');
    assert.match(missing.message, /no such file/);
  });

  test('command-line mistakes are options errors', () => {
    for (const args of [
      ['--call', F_CE, '--arg', 'input'],
      ['--call', F_CE, '--arg', `input=${X}`, '--logits', X],
      ['--call', F_CE, '--float32', '--float64'],
      ['--arg', 'input=[1]'],
      ['--logits', X, '--labels', '[1, 2, 0]', '--float64'],
    ]) {
      const error = errorOf(...args);
      assert.equal(error.input, 'options', JSON.stringify(args));
      assert.equal(error.argument, null);
    }
    const twice = errorOf('--call', F_CE, '--arg', 'target=[1]', '--arg', 'target=[2]');
    assert.equal(twice.argument, 'target');
  });

  test('without --json: one line on stderr naming the argument and the place', () => {
    const result = run('--call', F_CE, '--arg', `input=${X}`, '--arg', 'target=[1, 5, 0]');
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^loss-lens: target, line 1, column 5: target\[1\] = 5 is out of bounds/);
  });
});

describe('--list-calls and --describe-call', () => {
  test('--list-calls --json lists every catalogue entry with its parameters and defaults', () => {
    const out = runJson<{ calls: CallEntryOutput[] }>('--list-calls');
    assert.deepEqual(
      out.calls.map((c) => c.id),
      CALLS.map((e) => e.id),
    );
    const ce = out.calls.find((c) => c.id === F_CE);
    assert.deepEqual(
      ce?.parameters.find((p) => p.name === 'label_smoothing'),
      {
        name: 'label_smoothing',
        type: { kind: 'number', min: 0, max: 1 },
        required: false,
        default: 0,
        description: 'ε: the target becomes (1 − ε)·y + ε/C.',
      },
    );
    assert.equal(ce?.parameters[0].required, true);
    assert.equal(ce?.parameters[0].default, undefined);
  });

  test('--list-calls text names every entry, its framework and each parameter with its default', () => {
    const result = run('--list-calls');
    assert.equal(result.status, 0);
    for (const entry of CALLS) {
      assert.ok(result.stdout.includes(`${entry.id}  (${entry.framework}, ${entry.form})`), entry.id);
    }
    assert.match(result.stdout, / {4}reduction = 'mean': 'none' \| 'mean' \| 'sum'/);
    assert.match(result.stdout, / {4}weight = None: tensor \[constructor\]/);
  });

  test('--describe-call works for every entry, by id and by alias', () => {
    for (const entry of CALLS) {
      for (const name of [entry.id, ...(entry.aliases ?? [])]) {
        const out = runJson<CallEntryOutput>('--describe-call', name);
        assert.equal(out.id, entry.id);
        assert.equal(out.parameters.length, entry.parameters.length);
      }
    }
    const stages = runJson<CallEntryOutput>('--describe-call', 'torch.nn.CrossEntropyLoss').parameters.map((p) => `${p.name}:${p.stage}`);
    assert.deepEqual(stages.slice(-2), ['input:call', 'target:call']);
    assert.equal(errorOf('--describe-call', 'keras.losses.Nope').argument, 'call');
  });
});
