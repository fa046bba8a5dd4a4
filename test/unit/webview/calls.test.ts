// The Calls tab's host side: the catalogue as the webview sees it, and call forms evaluated
// with every problem on the argument at fault, at its line and column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALLS } from '../../../src/engine/calls/catalogue';
import { callDescriptions, callDocs, evaluateCallForm, HOST_CALL_CATALOGUE, respondToCall } from '../../../src/vscode/calculator/calls';
import type { CallForm } from '../../../src/vscode/calculator/protocol';

const CROSS_ENTROPY = 'torch.nn.functional.cross_entropy';
const LOGITS = '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],\n [0.6, 0.3, 0.4]]';
const LABELS = '[1, 2, 0]';

function form(args: CallForm['arguments'], float32 = true, call = CROSS_ENTROPY): CallForm {
  return { call, arguments: args, float32 };
}

function report(f: CallForm) {
  const outcome = evaluateCallForm(f);
  assert.ok('report' in outcome, JSON.stringify('problems' in outcome ? outcome.problems : undefined));
  return outcome.report;
}

function problems(f: CallForm) {
  const outcome = evaluateCallForm(f);
  assert.ok('problems' in outcome, 'the form was accepted');
  return outcome.problems;
}

describe('call descriptions', () => {
  it('describes every catalogue call with its parameters in order, defaults as the language writes them', () => {
    const described = callDescriptions();
    assert.deepEqual(
      described.map((d) => d.id),
      CALLS.map((entry) => entry.id),
    );
    const crossEntropy = described.find((d) => d.id === CROSS_ENTROPY)!;
    assert.deepEqual(
      crossEntropy.parameters.map((p) => p.name),
      ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    );
    const byName = new Map(crossEntropy.parameters.map((p) => [p.name, p]));
    assert.equal(byName.get('input')?.role, 'input');
    assert.equal(byName.get('target')?.role, 'target');
    assert.equal(byName.get('input')?.default, undefined);
    assert.deepEqual(byName.get('reduction')?.choices, ['none', 'mean', 'sum']);
    assert.equal(byName.get('reduction')?.defaultText, "'mean'");
    assert.equal(byName.get('weight')?.defaultText, 'None');
    assert.equal(byName.get('weight')?.nullable, true);
    assert.equal(byName.get('size_average')?.kind, 'boolean');
    assert.equal(byName.get('size_average')?.default, null);
    assert.equal(byName.get('ignore_index')?.defaultText, '-100');
    const module = described.find((d) => d.id === 'torch.nn.CrossEntropyLoss')!;
    assert.equal(module.parameters.find((p) => p.name === 'reduction')?.stage, 'init');
    assert.equal(module.parameters.find((p) => p.name === 'input')?.stage, 'call');
  });

  it('validates against ids and parameter names', () => {
    assert.deepEqual(HOST_CALL_CATALOGUE.parameters(CROSS_ENTROPY)?.slice(0, 2), ['input', 'target']);
    assert.equal(HOST_CALL_CATALOGUE.parameters('torch.nn.functional.nope'), undefined);
  });

  it('gives a documentation address only when it is an https URL from the catalogue', () => {
    assert.equal(callDocs(CROSS_ENTROPY), 'https://pytorch.org/docs/1.13/generated/torch.nn.functional.cross_entropy.html');
    assert.equal(callDocs('https://example.com'), undefined);
    for (const entry of CALLS) assert.match(callDocs(entry.id) ?? '', /^https:\/\//, entry.id);
  });
});

describe('evaluateCallForm', () => {
  it('computes the article example as PyTorch 1.13 does (float32 and float64)', () => {
    // PyTorch 1.13: F.cross_entropy(torch.tensor(logits), torch.tensor([1, 2, 0]), label_smoothing=0.1)
    // = 0.8287534713745117 (float32), reduction='none' → [0.746342658996582, 0.7834200859069824,
    // 0.9564976692199707]; with dtype=torch.float64 logits: 0.8287534708433171.
    const float32 = report(form({ input: LOGITS, target: LABELS, label_smoothing: '0.1' }));
    assert.equal(float32.value.data[0], 0.8287534713745117);
    assert.deepEqual(Array.from(float32.weighted.data), [0.746342658996582, 0.7834200859069824, 0.9564976692199707]);
    assert.equal(float32.reduction?.name, 'mean');
    assert.equal(float32.reduction?.denominator, 3);
    assert.equal(float32.float32, true);
    assert.match(float32.signature, /^torch\.nn\.functional\.cross_entropy\(input, target, weight=None, .*reduction='mean', label_smoothing=0\.1\)$/);
    const float64 = report(form({ input: LOGITS, target: LABELS, label_smoothing: '1/10' }, false));
    assert.ok(Math.abs(float64.value.data[0] - 0.8287534708433171) < 1e-15, String(float64.value.data[0]));
  });

  it('reads constructor and call arguments of a class, flags, choices and None', () => {
    // PyTorch 1.13: torch.nn.CrossEntropyLoss(reduction='sum', label_smoothing=0.1)(logits, labels) = 2.486260414123535.
    const sum = report(form({ reduction: 'sum', label_smoothing: '0.1', input: LOGITS, target: LABELS, weight: 'None' }, true, 'torch.nn.CrossEntropyLoss'));
    assert.equal(sum.value.data[0], 2.486260414123535);
    assert.equal(sum.reduction?.name, 'sum');
    const none = report(form({ input: LOGITS, target: LABELS, reduce: false, size_average: null }));
    assert.deepEqual(none.value.shape, [3]);
    assert.equal(none.reduction, null);
    assert.equal(none.arguments.find((a) => a.name === 'reduce')?.source, 'given');
    assert.equal(none.arguments.find((a) => a.name === 'reduction')?.source, 'default');
  });

  it('takes empty text as the default and a bare number as a rank-0 tensor', () => {
    const defaults = report(form({ input: LOGITS, target: LABELS, weight: '', label_smoothing: '  ' }));
    assert.equal(defaults.arguments.find((a) => a.name === 'label_smoothing')?.source, 'default');
    // PyTorch 1.13, float64: F.cross_entropy(torch.tensor([0.7, 1.2, 0.3], dtype=torch.float64), torch.tensor(1)) = 0.699675981209848.
    const unbatched = report(form({ input: '[0.7, 1.2, 0.3]', target: '1' }, false));
    assert.deepEqual(unbatched.weighted.shape, []);
    assert.ok(Math.abs(unbatched.value.data[0] - 0.699675981209848) < 1e-15, String(unbatched.value.data[0]));
  });

  it('marks a literal that does not parse at its line and column in that argument', () => {
    const [problem] = problems(form({ input: '[[0.7, 1.2],\n [0.4, 0.2x]]', target: '[1, 0]' }));
    assert.equal(problem.argument, 'input');
    assert.equal(problem.line, 2);
    assert.ok(problem.column !== undefined && problem.column >= 7 && problem.column <= 10, `column ${problem.column}`);
  });

  it('reports every argument that does not parse, each on its own field', () => {
    const found = problems(form({ input: '[[1, 2]', target: LABELS, label_smoothing: '0.1.2' }));
    assert.deepEqual(
      found.map((p) => p.argument),
      ['input', 'label_smoothing'],
    );
  });

  it('puts an engine error on its argument, at the element it names', () => {
    const [outOfRange] = problems(form({ input: LOGITS, target: '[1, 5, 0]' }));
    assert.equal(outOfRange.argument, 'target');
    assert.equal(outOfRange.line, 1);
    assert.equal(outOfRange.column, 5, 'the 5 in [1, 5, 0]');
    assert.match(outOfRange.message, /out of bounds/);
    const [smoothing] = problems(form({ input: LOGITS, target: LABELS, label_smoothing: '1.5' }));
    assert.equal(smoothing.argument, 'label_smoothing');
    assert.match(smoothing.message, /label_smoothing must be in \[0, 1\]; got 1\.5/);
    const [choice] = problems(form({ input: LOGITS, target: LABELS, reduction: 'average' }));
    assert.equal(choice.argument, 'reduction');
    const [missing] = problems(form({ input: LOGITS }));
    assert.equal(missing.argument, 'target');
    assert.equal(missing.line, undefined, 'nothing was typed to point into');
  });

  it('answers a call request with the plain report or the input errors', () => {
    const reply = respondToCall({ id: 4, form: form({ input: LOGITS, target: LABELS, label_smoothing: '0.1' }) });
    assert.equal(reply.type, 'callEvaluated');
    assert.ok(reply.type === 'callEvaluated' && Array.isArray(reply.report.weighted.data));
    const errors = respondToCall({ id: 5, form: form({ input: LOGITS, target: '[1, 2]' }) });
    assert.equal(errors.type, 'inputErrors');
    assert.ok(errors.type === 'inputErrors' && errors.id === 5 && errors.errors[0].argument === 'target');
  });
});
