// The Calls tab's view model: forms built from any call's parameter list, the arguments a form
// sends, restored and prefilled state, and what a call report shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../../src/engine/options';
import { callDescriptions } from '../../../src/vscode/calculator/calls';
import { completeForm } from '../../../src/vscode/calculator/compute';
import type { CallDescription, PlainCallReport } from '../../../src/vscode/calculator/protocol';
import {
  argumentsToSend,
  buildCallForm,
  buildCallResult,
  fieldValue,
  groupCalls,
  NONE_OPTION,
  resolveCallState,
  withLiterals,
} from '../../../src/webview/callsView';
import { initialState, restoreState } from '../../../src/webview/state';
import { strings } from './fixtures';

const literals = { logits: '[[0.7, 1.2, 0.3]]', labels: '[1]' };

/** A call of another framework and language, to show the form needs nothing but the parameter list. */
const TFJS_LIKE: CallDescription = {
  id: 'tf.losses.softmaxCrossEntropy',
  framework: 'tfjs',
  language: 'javascript',
  form: 'function',
  summary: 'Softmax cross-entropy of one-hot labels.',
  docs: 'https://js.tensorflow.org/api/latest/#losses.softmaxCrossEntropy',
  float32: 'float32.',
  parameters: [
    { name: 'onehotLabels', kind: 'tensor', nullable: false, stage: 'call', description: 'One-hot labels.', role: 'target' },
    { name: 'logits', kind: 'tensor', nullable: false, stage: 'call', description: 'Logits.', role: 'input' },
    { name: 'weights', kind: 'tensor', nullable: true, default: null, defaultText: 'null', stage: 'call', description: 'Weights.' },
    { name: 'labelSmoothing', kind: 'number', nullable: false, default: '0', defaultText: '0', stage: 'call', description: 'ε.' },
    {
      name: 'reduction',
      kind: 'choice',
      choices: ['NONE', 'SUM', 'MEAN', 'SUM_BY_NONZERO_WEIGHTS'],
      nullable: false,
      default: 'SUM_BY_NONZERO_WEIGHTS',
      defaultText: "'SUM_BY_NONZERO_WEIGHTS'",
      stage: 'call',
      description: 'Reduction.',
    },
    { name: 'fromLogits', kind: 'boolean', nullable: false, default: true, defaultText: 'true', stage: 'call', description: 'Logits, not probabilities.' },
  ],
};

const CALLS = [...callDescriptions(), TFJS_LIKE];
const crossEntropy = CALLS.find((c) => c.id === 'torch.nn.functional.cross_entropy')!;

function fieldsOf(call: CallDescription, saved?: Record<string, string | boolean | null>) {
  const form = buildCallForm(call, saved, literals, strings);
  return new Map(form.sections.flatMap((s) => s.fields).map((f) => [f.parameter.name, f]));
}

describe('groupCalls', () => {
  it('groups by framework in catalogue order, with the framework names', () => {
    const groups = groupCalls(CALLS, strings);
    assert.equal(groups[0].label, 'PyTorch');
    assert.ok(groups[0].calls.some((c) => c.id === 'torch.nn.CrossEntropyLoss'));
    const tfjs = groups.find((g) => g.framework === 'tfjs');
    assert.equal(tfjs?.label, 'TensorFlow.js');
    assert.deepEqual(tfjs?.calls.at(-1), TFJS_LIKE);
    assert.equal(new Set(groups.map((g) => g.framework)).size, groups.length);
  });
});

describe('buildCallForm', () => {
  it('asks for each parameter by its type, defaults shown, prediction and target from the literals', () => {
    const fields = fieldsOf(crossEntropy);
    assert.deepEqual(
      [...fields.keys()],
      crossEntropy.parameters.map((p) => p.name),
    );
    assert.equal(fields.get('input')?.kind, 'literal');
    assert.equal(fields.get('input')?.value, literals.logits);
    assert.equal(fields.get('target')?.value, literals.labels);
    assert.match(fields.get('target')?.help ?? '', /Required\. .*Starts from the calculator’s Labels\./);
    assert.equal(fields.get('weight')?.value, '');
    assert.equal(fields.get('weight')?.placeholder, 'None');
    assert.match(fields.get('weight')?.help ?? '', /Default: None\. Type None for no value\./);
    assert.equal(fields.get('ignore_index')?.kind, 'number');
    assert.equal(fields.get('ignore_index')?.placeholder, '-100');
    assert.equal(fields.get('reduction')?.kind, 'select');
    assert.equal(fields.get('reduction')?.value, 'mean');
    assert.deepEqual(
      fields.get('reduction')?.options?.map((o) => o.value),
      ['none', 'mean', 'sum'],
    );
    // size_average=None by default: a flag that may be None is a list, not a checkbox.
    assert.equal(fields.get('size_average')?.kind, 'select');
    assert.equal(fields.get('size_average')?.value, NONE_OPTION);
    assert.deepEqual(
      fields.get('size_average')?.options?.map((o) => o.label),
      ['None', 'True', 'False'],
    );
  });

  it('splits a class into constructor and call arguments', () => {
    const module = CALLS.find((c) => c.id === 'torch.nn.CrossEntropyLoss')!;
    const form = buildCallForm(module, undefined, literals, strings);
    assert.deepEqual(
      form.sections.map((s) => s.title),
      ['Constructor arguments', 'Call arguments'],
    );
    assert.deepEqual(
      form.sections[1].fields.map((f) => f.parameter.name),
      ['input', 'target'],
    );
  });

  it('builds a JavaScript call’s form from its parameters alone: checkboxes, choices, null', () => {
    const fields = fieldsOf(TFJS_LIKE);
    assert.equal(fields.get('onehotLabels')?.value, literals.labels);
    assert.equal(fields.get('fromLogits')?.kind, 'checkbox');
    assert.equal(fields.get('fromLogits')?.value, true);
    assert.equal(fields.get('reduction')?.value, 'SUM_BY_NONZERO_WEIGHTS');
    assert.match(fields.get('weights')?.help ?? '', /Type null for no value\./);
  });

  it('shows saved values, a saved None as the language writes it', () => {
    const fields = fieldsOf(crossEntropy, { input: '[[1, 2]]', weight: null, reduction: 'sum', size_average: false, label_smoothing: '0.1' });
    assert.equal(fields.get('input')?.value, '[[1, 2]]');
    assert.equal(fields.get('weight')?.value, 'None');
    assert.equal(fields.get('reduction')?.value, 'sum');
    assert.equal(fields.get('size_average')?.value, 'false');
    assert.equal(fields.get('label_smoothing')?.value, '0.1');
    assert.equal(fieldsOf(crossEntropy, { reduction: 'average' }).get('reduction')?.value, 'none', 'a name the call lacks falls back to the first');
  });
});

describe('arguments a form sends', () => {
  it('decodes selects and leaves out empty text and values equal to the default', () => {
    const fields = fieldsOf(crossEntropy);
    assert.equal(fieldValue(fields.get('size_average')!, NONE_OPTION), null);
    assert.equal(fieldValue(fields.get('size_average')!, 'true'), true);
    assert.equal(fieldValue(fields.get('reduction')!, 'sum'), 'sum');
    assert.equal(fieldValue(fields.get('input')!, 'None'), 'None', 'text is sent as typed; the host reads None');
    const sent = argumentsToSend(crossEntropy, {
      input: '[[1, 2]]',
      target: '[0]',
      weight: '  ',
      size_average: null,
      reduce: false,
      reduction: 'mean',
      label_smoothing: '0.1',
      not_a_parameter: '1',
    });
    assert.deepEqual(sent, { input: '[[1, 2]]', target: '[0]', reduce: false, label_smoothing: '0.1' });
    assert.deepEqual(argumentsToSend(TFJS_LIKE, { fromLogits: true, reduction: 'SUM' }), { reduction: 'SUM' });
    assert.deepEqual(argumentsToSend(TFJS_LIKE, { fromLogits: false }), { fromLogits: false });
  });
});

describe('Calls tab state', () => {
  it('keeps a saved call still in the catalogue with only its parameters; otherwise starts at the first call', () => {
    const kept = resolveCallState({ id: crossEntropy.id, arguments: { label_smoothing: '0.1', gone: '1' }, float32: false }, CALLS);
    assert.deepEqual(kept, { id: crossEntropy.id, arguments: { label_smoothing: '0.1' }, float32: false });
    const replaced = resolveCallState({ id: 'torch.nn.functional.removed', arguments: { x: '1' }, float32: false }, CALLS);
    assert.deepEqual(replaced, { id: CALLS[0].id, arguments: {}, float32: false });
    assert.deepEqual(resolveCallState(undefined, CALLS), { id: CALLS[0].id, arguments: {}, float32: true });
    assert.equal(resolveCallState(undefined, []), undefined);
  });

  it('puts literals from the editor into the prediction and target fields', () => {
    const next = withLiterals({ id: TFJS_LIKE.id, arguments: { onehotLabels: 'old', labelSmoothing: '0.2' }, float32: true }, TFJS_LIKE, {
      logits: '[[1, 0]]',
      labels: '[[0, 1]]',
    });
    assert.deepEqual(next.arguments, { onehotLabels: '[[0, 1]]', labelSmoothing: '0.2', logits: '[[1, 0]]' });
  });

  it('survives a reload through getState/setState, and a damaged call is dropped', () => {
    const defaults = completeForm({ ...DEFAULT_OPTIONS, smoothing: 0.1 });
    const call = { id: crossEntropy.id, arguments: { input: '[[1, 2]]', weight: null, reduce: false }, float32: false };
    const saved = { ...initialState(defaults, 5), tab: 'calls' as const, call };
    assert.deepEqual(restoreState(JSON.parse(JSON.stringify(saved)), defaults, 5), saved);
    const damaged = restoreState({ ...saved, call: { id: crossEntropy.id, arguments: { input: 7 }, float32: false } }, defaults, 5);
    assert.equal(damaged.call, undefined);
    assert.equal(damaged.tab, 'calls');
    assert.equal(restoreState({ ...saved, call: { ...call, arguments: 'x' } }, defaults, 5).call, undefined);
  });
});

describe('buildCallResult', () => {
  // PyTorch 1.13, float32: F.cross_entropy(article logits, [1, 2, 0], label_smoothing=0.1) = 0.8287534713745117,
  // reduction='none' → [0.746342658996582, 0.7834200859069824, 0.9564976692199707], their sum 2.486260414123535.
  const weighted = [0.746342658996582, 0.7834200859069824, 0.9564976692199707];
  const report: PlainCallReport = {
    kind: 'call',
    call: crossEntropy.id,
    framework: 'pytorch',
    docs: crossEntropy.docs,
    signature:
      "torch.nn.functional.cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.1)",
    arguments: [],
    float32: true,
    value: { shape: [], data: [0.8287534713745117] },
    losses: { shape: [3], data: weighted },
    weighted: { shape: [3], data: weighted },
    reduction: { name: 'mean', sum: 2.486260414123535, denominator: 3, divides: 'the 3 targets not ignored' },
    diagnostics: [{ severity: 'warning', code: 'empty-mean', message: 'Every target is ignored.' }],
  };

  it('shows the value, the signature, the weighted values, the reduction and the diagnostics', () => {
    const view = buildCallResult(report, strings, 5);
    assert.equal(view.value.text, '0.82875');
    assert.equal(view.value.title, '0.8287534713745117');
    assert.equal(view.signature, report.signature);
    assert.equal(view.computedIn, 'Computed in float32.');
    assert.deepEqual(view.weighted.columnHeaders, ['loss', 'weighted']);
    assert.deepEqual(
      view.weighted.rows.map((row) => row[1].title),
      weighted.map(String),
    );
    assert.equal(view.weighted.rows[2][1].ariaLabel, `${strings.callWeighted}, sample 2, weighted: 0.9565`);
    assert.deepEqual(
      view.reduction?.map((f) => f.text),
      ['mean', '2.4863', '3', 'the 3 targets not ignored'],
    );
    assert.equal(view.reductionNote, undefined);
    assert.deepEqual(
      view.diagnostics.map((d) => d.code),
      ['empty-mean'],
    );
  });

  it('says when the call does not reduce, and shows per-element values as a grid', () => {
    const unreduced = buildCallResult({ ...report, value: report.weighted, reduction: null }, strings, 5);
    assert.equal(unreduced.value.text, 'a tensor of shape [3], below');
    assert.equal(unreduced.reduction, undefined);
    assert.equal(unreduced.reductionNote, strings.callNoReduction);
    const elements = { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] };
    const grid = buildCallResult({ ...report, value: elements, losses: elements, weighted: elements, reduction: null }, strings, 5);
    assert.deepEqual(grid.weighted.columnHeaders, ['class 0', 'class 1', 'class 2']);
    assert.equal(grid.weighted.rows.length, 2);
    assert.equal(grid.weighted.rows[1][2].value, 6);
  });
});
