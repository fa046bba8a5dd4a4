import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOST_CALL_CATALOGUE } from '../../../src/vscode/calculator/calls';
import { MAX_INPUT_LENGTH, webviewMessageParser, type OptionsForm } from '../../../src/vscode/calculator/protocol';
import { ProtocolError } from '../../../src/vscode/calculator/validate';

const parseWebviewMessage = webviewMessageParser(HOST_CALL_CATALOGUE);

const form: OptionsForm = {
  smoothing: '0.1',
  sigmoidSmoothing: 'classes',
  dialect: 'pytorch',
  reduction: 'mean',
  classAxis: 'last',
  classWeights: '',
  posWeight: '',
  ignoreIndex: '-100',
  float32: false,
  precisionDigits: '',
};

function rejects(message: unknown, path: RegExp): void {
  assert.throws(
    () => parseWebviewMessage(message, ''),
    (error: unknown) => error instanceof ProtocolError && path.test(error.message),
  );
}

describe('parseWebviewMessage', () => {
  it('accepts each message type and returns exactly the checked fields', () => {
    const evaluate = { type: 'evaluate', id: 7, logits: '[[1, 2]]', labels: '[0]', options: { ...form, extra: 'dropped' }, injected: true };
    assert.deepEqual(parseWebviewMessage(evaluate, ''), { type: 'evaluate', id: 7, logits: '[[1, 2]]', labels: '[0]', options: form });
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }, ''), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'derive', id: 3, evaluationId: 2, quantity: 'softmax', index: [0, 1] }, ''), {
      type: 'derive',
      id: 3,
      evaluationId: 2,
      quantity: 'softmax',
      index: [0, 1],
    });
    assert.deepEqual(parseWebviewMessage({ type: 'copyResult', format: 'markdown', logits: '1', labels: '0', options: form }, ''), {
      type: 'copyResult',
      format: 'markdown',
      logits: '1',
      labels: '0',
      options: form,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'likelihood', id: 1, outcomes: '[1, 0]', theta: '' }, ''), {
      type: 'likelihood',
      id: 1,
      outcomes: '[1, 0]',
      theta: '',
    });
  });

  it('rejects unknown types and non-objects', () => {
    rejects({ type: 'runCommand', command: 'workbench.action.quit' }, /type: expected a known message type, not "runCommand"/);
    rejects('evaluate', /expected an object with a string `type`/);
    rejects(null, /expected an object/);
    rejects([{ type: 'ready' }], /expected an object/);
    rejects({ type: 'toString' }, /known message type/);
  });

  it('names the field that has the wrong shape', () => {
    rejects({ type: 'evaluate', id: 1, logits: 5, labels: '', options: form }, /^logits: expected a string$/);
    rejects({ type: 'evaluate', id: -1, logits: '', labels: '', options: form }, /^id: expected an integer/);
    rejects({ type: 'evaluate', id: 1.5, logits: '', labels: '', options: form }, /^id: expected an integer/);
    rejects(
      { type: 'evaluate', id: 1, logits: '', labels: '', options: { ...form, dialect: 'jax' } },
      /^options\.dialect: expected one of tf, tf-v1, keras, pytorch, tfjs, optax$/,
    );
    rejects({ type: 'evaluate', id: 1, logits: '', labels: '', options: { ...form, float32: 'yes' } }, /^options\.float32: expected a boolean$/);
    rejects({ type: 'derive', id: 1, evaluationId: 1, quantity: 'softmax', index: [0, -1] }, /^index\[1\]: expected an integer/);
    rejects({ type: 'derive', id: 1, evaluationId: 1, quantity: 'eval', index: [0] }, /^quantity: expected one of/);
    rejects({ type: 'copyResult', format: 'html', logits: '', labels: '', options: form }, /^format: expected one of numpy, pytorch, json, markdown$/);
  });

  it('bounds text sizes', () => {
    const huge = 'x'.repeat(MAX_INPUT_LENGTH + 1);
    rejects({ type: 'distributions', id: 1, p: huge, q: '' }, /^p: expected at most 1000000 characters$/);
    rejects({ type: 'problem', message: 'y'.repeat(10_001) }, /^message: expected at most 10000 characters$/);
  });
});

describe('call messages', () => {
  const call = 'torch.nn.functional.cross_entropy';
  const callForm = { call, arguments: { input: '[[1, 2]]', target: '[0]', label_smoothing: '0.1', weight: null, size_average: false }, float32: true };

  it('accepts a catalogue call with arguments named by its parameters, values text, flags or None', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'call', id: 5, form: { ...callForm, extra: 1 } }, ''), { type: 'call', id: 5, form: callForm });
    assert.deepEqual(parseWebviewMessage({ type: 'copyCallResult', format: 'json', form: callForm }, ''), {
      type: 'copyCallResult',
      format: 'json',
      form: callForm,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'insertCallResult', form: callForm }, ''), { type: 'insertCallResult', form: callForm });
    assert.deepEqual(parseWebviewMessage({ type: 'openDocs', call }, ''), { type: 'openDocs', call });
    const constructorAndCall = { call: 'torch.nn.CrossEntropyLoss', arguments: { reduction: 'sum', input: '[1, 2]', target: '1' }, float32: false };
    assert.deepEqual(parseWebviewMessage({ type: 'call', id: 1, form: constructorAndCall }, '').type, 'call');
  });

  it('rejects calls outside the catalogue, unknown argument names and values of other types', () => {
    rejects({ type: 'call', id: 1, form: { ...callForm, call: 'os.system' } }, /^form\.call: expected a call in the catalogue$/);
    rejects({ type: 'openDocs', call: 'javascript:alert(1)' }, /^call: expected a call in the catalogue$/);
    rejects(
      { type: 'call', id: 1, form: { ...callForm, call: 'torch.nn.functional.cross_entropy.__proto__' } },
      /^form\.call: expected a call in the catalogue$/,
    );
    rejects(
      { type: 'call', id: 1, form: { ...callForm, arguments: { ...callForm.arguments, reduction_: 'mean' } } },
      /^form\.arguments: expected parameters of torch\.nn\.functional\.cross_entropy, not "reduction_"$/,
    );
    rejects({ type: 'call', id: 1, form: { ...callForm, arguments: { constructor: '1' } } }, /not "constructor"/);
    rejects({ type: 'call', id: 1, form: { ...callForm, arguments: { label_smoothing: 0.1 } } }, /^form\.arguments\.label_smoothing: expected a string$/);
    rejects({ type: 'call', id: 1, form: { ...callForm, arguments: { weight: [1, 2] } } }, /^form\.arguments\.weight: expected a string$/);
    rejects({ type: 'call', id: 1, form: { ...callForm, arguments: [] } }, /^form\.arguments: expected an object$/);
    rejects({ type: 'call', id: 1, form: { ...callForm, float32: 'yes' } }, /^form\.float32: expected a boolean$/);
    rejects(
      { type: 'call', id: 1, form: { ...callForm, arguments: { input: 'x'.repeat(MAX_INPUT_LENGTH + 1) } } },
      /^form\.arguments\.input: expected at most/,
    );
  });
});
