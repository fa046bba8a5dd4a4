// What the calculator host does with whatever a (possibly hostile) webview page posts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_OPTIONS } from '../../../src/engine/options';
import { completeForm } from '../../../src/vscode/calculator/compute';
import { HOST_CALL_CATALOGUE } from '../../../src/vscode/calculator/calls';
import { MAX_INPUT_LENGTH, receiveWebviewMessage as receiveWithCatalogue, type OptionsForm } from '../../../src/vscode/calculator/protocol';

const receiveWebviewMessage = (raw: unknown) => receiveWithCatalogue(raw, HOST_CALL_CATALOGUE);

/** The form for the extension's default settings: ε = 0.1 (`lossLens.labelSmoothing`), tf, mean. */
const form: OptionsForm = completeForm({ ...DEFAULT_OPTIONS, smoothing: 0.1 });
const evaluate = { type: 'evaluate', id: 4, logits: '[[1, 2]]', labels: '[0]', options: form };

function dropped(raw: unknown): string {
  const received = receiveWebviewMessage(raw);
  assert.ok('dropped' in received, 'the message was accepted');
  assert.equal(received.reply, undefined);
  return received.dropped;
}

describe('receiveWebviewMessage', () => {
  it('accepts a valid message as exactly its checked fields', () => {
    assert.deepEqual(receiveWebviewMessage({ ...evaluate, extra: { constructor: 1 } }), { message: evaluate });
  });

  it('drops unknown types and bad shapes, saying why', () => {
    assert.equal(
      dropped({ type: 'runCommand', command: 'workbench.action.terminal.new' }),
      'runCommand: type: expected a known message type, not "runCommand"',
    );
    assert.equal(dropped({ ...evaluate, id: '4' }), 'evaluate: id: expected an integer in [0, 9007199254740991]');
    assert.equal(dropped(42), 'number: message: expected an object with a string `type`');
    assert.match(dropped({ type: 'constructor' }), /known message type/);
    assert.match(dropped({ type: '__proto__' }), /known message type/);
  });

  it('a __proto__ key cannot lend a message its fields', () => {
    // JSON.parse and structured clone both keep "__proto__" as an own property.
    const smuggled = JSON.parse(JSON.stringify({ inner: evaluate }).replace('"inner"', '"__proto__"')) as object;
    assert.deepEqual(Object.keys(smuggled), ['__proto__']);
    assert.match(dropped(smuggled), /expected an object with a string `type`/);
    assert.equal(({} as Record<string, unknown>).type, undefined, 'Object.prototype untouched');
  });

  it('nesting deep enough to overflow the stack is dropped, not thrown', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.match(dropped({ type: 'ready', deep }), /^ready: unreadable \(Maximum call stack size exceeded\)$/);
  });

  it('a literal too long to read is answered with an input error on its field', () => {
    const long = '1'.repeat(MAX_INPUT_LENGTH + 1);
    const received = receiveWebviewMessage({ ...evaluate, labels: long });
    assert.ok('dropped' in received);
    assert.deepEqual(received.reply, {
      type: 'inputErrors',
      id: 4,
      errors: [
        {
          input: 'labels',
          message: `labels has ${MAX_INPUT_LENGTH + 1} characters; the calculator reads at most ${MAX_INPUT_LENGTH}. Select the literal in the editor and run Evaluate Selection.`,
          line: 1,
          column: 1,
          offset: 0,
        },
      ],
    });
    // Without a usable id there is nothing to answer.
    assert.equal(dropped({ ...evaluate, id: -1, labels: long }).startsWith('evaluate: id:'), true);
    assert.match(dropped({ type: 'distributions', id: 1.5, p: long, q: '' }), /^distributions: id: /);
  });

  it('property: any value is accepted or dropped, never thrown', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            withNullPrototype: true,
            withObjectString: true,
            withBoxedValues: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true,
          }),
          fc.record({
            type: fc.constantFrom('evaluate', 'derive', 'ready', 'problem', 'copyResult'),
            id: fc.anything(),
            logits: fc.anything(),
            index: fc.anything(),
            options: fc.anything(),
          }),
        ),
        (raw) => {
          const received = receiveWebviewMessage(raw);
          return 'message' in received || typeof received.dropped === 'string';
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('receiveWebviewMessage with call requests', () => {
  it('answers a call argument too long to read with an input error on that argument', () => {
    const long = '['.repeat(MAX_INPUT_LENGTH + 1);
    const received = receiveWebviewMessage({
      type: 'call',
      id: 8,
      form: { call: 'torch.nn.functional.cross_entropy', arguments: { input: long }, float32: true },
    });
    assert.ok('dropped' in received);
    assert.equal(received.reply?.type, 'inputErrors');
    const problem = received.reply.type === 'inputErrors' ? received.reply.errors[0] : undefined;
    assert.equal(problem?.argument, 'input');
    assert.equal(problem?.input, 'arguments');
    assert.equal(problem?.line, 1);
  });
});
