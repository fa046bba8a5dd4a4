import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../../src/engine/options';
import { CalculatorSession, completeForm, formFromOptions, resolveOptions } from '../../../src/vscode/calculator/compute';
import type { HostMessage, OptionsForm } from '../../../src/vscode/calculator/protocol';

/** The form for the extension's default settings: ε = 0.1 (`lossLens.labelSmoothing`), tf, mean. */
const form: OptionsForm = completeForm({ ...DEFAULT_OPTIONS, smoothing: 0.1 });
const LOGITS = '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],\n [0.6, 0.3, 0.4]]';
const LABELS = '[1, 2, 0]';

function expect<T extends HostMessage['type']>(message: HostMessage, type: T): Extract<HostMessage, { type: T }> {
  assert.equal(message.type, type, JSON.stringify(message).slice(0, 500));
  return message as Extract<HostMessage, { type: T }>;
}

describe('resolveOptions', () => {
  it('reads numbers, arithmetic, lists and empty fields', () => {
    const resolved = resolveOptions({ ...form, smoothing: '1/10', classWeights: '[1, 2, 0.5]', posWeight: '3', ignoreIndex: '-100', precisionDigits: '40' });
    assert.ok('options' in resolved);
    assert.equal(resolved.options.smoothing, 0.1);
    assert.deepEqual(resolved.options.classWeights, [1, 2, 0.5]);
    assert.equal(resolved.options.posWeight, 3);
    assert.equal(resolved.options.ignoreIndex, -100);
    assert.equal(resolved.options.precisionDigits, 40);
    const vector = resolveOptions({ ...form, smoothing: '', posWeight: '[1, 3]' });
    assert.ok('options' in vector);
    assert.equal(vector.options.smoothing, 0);
    assert.deepEqual(vector.options.posWeight, [1, 3]);
    assert.equal('classWeights' in vector.options, false);
  });

  it('reports each bad field with its name and the spot in its text', () => {
    const resolved = resolveOptions({ ...form, smoothing: '0.1 +', ignoreIndex: '2.5', precisionDigits: '0', classWeights: '[[1, 2]]' });
    assert.ok('errors' in resolved);
    const byField = new Map(resolved.errors.map((e) => [e.field, e]));
    assert.deepEqual([...byField.keys()].sort(), ['classWeights', 'ignoreIndex', 'precisionDigits', 'smoothing']);
    assert.equal(byField.get('smoothing')!.input, 'smoothing');
    assert.equal(byField.get('smoothing')!.line, 1);
    assert.ok(byField.get('smoothing')!.column! <= 5, `column ${byField.get('smoothing')!.column} is inside "0.1 +"`);
    assert.match(byField.get('ignoreIndex')!.message, /whole number .* not 2\.5/);
    assert.match(byField.get('precisionDigits')!.message, /from 1 to 1000, not 0/);
    assert.match(byField.get('classWeights')!.message, /list of numbers, not shape \[1, 2\]/);
  });

  it('rejects ε outside [0, 1)', () => {
    for (const smoothing of ['1', '-0.1', '1.5']) {
      const resolved = resolveOptions({ ...form, smoothing });
      assert.ok('errors' in resolved, smoothing);
      assert.match(resolved.errors[0].message, /ε must be at least 0 and below 1/);
    }
  });

  it('turns engine options back into the form, leaving bad values out', () => {
    const options = {
      smoothing: 0.2,
      dialect: 'pytorch',
      reduction: 'sum',
      input: 'probabilities',
      classWeights: [1, 2],
      posWeight: [1, 3],
      ignoreIndex: -100,
      float32: true,
      precisionDigits: 50,
    } as const;
    const back = formFromOptions(options);
    assert.deepEqual(back, {
      smoothing: '0.2',
      dialect: 'pytorch',
      reduction: 'sum',
      input: 'probabilities',
      classWeights: '[1, 2]',
      posWeight: '[1, 3]',
      ignoreIndex: '-100',
      float32: true,
      precisionDigits: '50',
    });
    const resolved = resolveOptions({ ...completeForm({ ...options, sigmoidSmoothing: 'binary', classAxis: 'first' }) });
    assert.ok('options' in resolved);
    assert.deepEqual(resolved.options, { ...options, sigmoidSmoothing: 'binary', classAxis: 'first', classWeights: [1, 2], posWeight: [1, 3] });
    assert.deepEqual(formFromOptions({ dialect: 'jax', smoothing: NaN, classWeights: ['1'] } as never), {});
  });
});

describe('CalculatorSession', () => {
  it('evaluates the article example', () => {
    const session = new CalculatorSession();
    const reply = expect(session.respond({ type: 'evaluate', id: 1, logits: LOGITS, labels: LABELS, options: form }), 'evaluated');
    assert.deepEqual(reply.report.logitsShape, [3, 3]);
    assert.ok(Math.abs(reply.report.softmaxCrossEntropyHard[0] - 0.6996759812098481) < 1e-12);
    assert.ok(Math.abs(reply.report.sigmoidCrossEntropy.data[0] - 1.0798527155521245) < 1e-12);
    assert.ok(Array.isArray(reply.report.softmax.data), 'typed arrays became arrays');
  });

  it('reports every bad input at once, each at its line and column', () => {
    const session = new CalculatorSession();
    const reply = expect(
      session.respond({ type: 'evaluate', id: 2, logits: '[[0.7, 1.2],\n [0.4, 0.2x]]', labels: '[1, ', options: { ...form, smoothing: '2' } }),
      'inputErrors',
    );
    const logits = reply.errors.find((e) => e.input === 'logits')!;
    assert.deepEqual([logits.line, logits.column, logits.offset], [2, 8, 20]);
    assert.ok(reply.errors.some((e) => e.input === 'labels' && e.line === 1));
    assert.ok(reply.errors.some((e) => e.field === 'smoothing'));
  });

  it('routes weight errors by the argument they carry, not by their wording', () => {
    const session = new CalculatorSession();
    // LOGITS has K = 3 columns: two pos_weight values and two class weights do not fit it.
    const posWeight = expect(
      session.respond({ type: 'evaluate', id: 4, logits: LOGITS, labels: LABELS, options: { ...form, posWeight: '[1, 2]' } }),
      'inputErrors',
    );
    assert.deepEqual(
      posWeight.errors.map((e) => [e.input, e.field]),
      [['weights', 'posWeight']],
    );
    const classWeights = expect(
      session.respond({ type: 'evaluate', id: 5, logits: LOGITS, labels: LABELS, options: { ...form, classWeights: '[1, 2]' } }),
      'inputErrors',
    );
    assert.deepEqual(
      classWeights.errors.map((e) => [e.input, e.field]),
      [['weights', 'classWeights']],
    );
  });

  it('says which input is empty', () => {
    const reply = expect(new CalculatorSession().respond({ type: 'evaluate', id: 3, logits: '  ', labels: LABELS, options: form }), 'inputErrors');
    assert.deepEqual(
      reply.errors.map((e) => [e.input, e.line, e.column]),
      [['logits', 1, 1]],
    );
  });

  it('derives against the evaluation the webview shows, and refuses an unknown one', () => {
    const session = new CalculatorSession();
    const evaluated = expect(session.respond({ type: 'evaluate', id: 10, logits: LOGITS, labels: LABELS, options: form }), 'evaluated');
    session.respond({ type: 'evaluate', id: 11, logits: '[[5, 0, 0]]', labels: '[0]', options: form });
    const reply = expect(session.respond({ type: 'derive', id: 12, evaluationId: 10, quantity: 'softmaxCrossEntropy', index: [2] }), 'derivation');
    assert.ok(Math.abs(reply.result.derivation.result - evaluated.report.softmaxCrossEntropy[2]) < 1e-12);
    const { entropy, klDivergence, crossEntropy } = reply.result.decomposition!;
    assert.ok(Math.abs(entropy + klDivergence - crossEntropy) < 1e-15);
    assert.ok(Math.abs(entropy - 0.29113983883196504) < 1e-12, `H of a 0.1-smoothed one-hot over 3 classes: ${entropy}`);
    const sigmoid = expect(session.respond({ type: 'derive', id: 13, evaluationId: 10, quantity: 'sigmoidCrossEntropy', index: [0, 1] }), 'derivation');
    assert.equal(sigmoid.result.gradient!.length, 1);
    assert.ok(Math.abs(sigmoid.result.gradient![0] - (1 / (1 + Math.exp(-1.2)) - (0.9 + 0.1 / 3))) < 1e-12);
    const stale = expect(session.respond({ type: 'derive', id: 14, evaluationId: 999, quantity: 'softmax', index: [0, 0] }), 'inputErrors');
    assert.match(stale.errors[0].message, /out of date/);
  });

  it('compares every dialect and gives BigNumber digits', () => {
    const reply = expect(
      new CalculatorSession().respond({ type: 'compare', id: 20, logits: LOGITS, labels: LABELS, options: { ...form, smoothing: '0' } }),
      'comparison',
    );
    assert.deepEqual(
      reply.comparison.dialects.map((d) => d.dialect),
      ['tf', 'tf-v1', 'keras', 'pytorch', 'tfjs', 'optax'],
    );
    assert.equal(reply.comparison.precisionDigits, 40);
    const first = reply.comparison.precision[0];
    assert.deepEqual([first.quantity, first.index], ['softmaxCrossEntropy', [0]]);
    assert.match(first.bigNumber, /^0\.69967598120984/);
    assert.equal(Math.fround(first.float32), first.float32);
    assert.ok(Math.abs(first.float32 - 0.69967604) < 1e-7, `float32 ${first.float32}`);
    assert.equal(reply.comparison.precision.length, 3 + 9);
    assert.equal(reply.comparison.precisionSkipped, undefined);
  });

  it('says why the BigNumber column is missing when the digits asked for exceed the budget', () => {
    const reply = expect(
      new CalculatorSession().respond({ type: 'compare', id: 21, logits: LOGITS, labels: LABELS, options: { ...form, precisionDigits: '1000' } }),
      'comparison',
    );
    assert.equal(reply.comparison.precisionDigits, 1000);
    assert.deepEqual(reply.comparison.precision, []);
    assert.match(reply.comparison.precisionSkipped ?? '', /at 1000 digits recomputes at most 2 logits .* this input has 9/);
    assert.equal(reply.comparison.dialects.length, 6);
  });

  it('answers the theory tabs, with θ and its errors located', () => {
    const session = new CalculatorSession();
    const distributions = expect(session.respond({ type: 'distributions', id: 30, p: '[0.5, 0.5]', q: '[0.25, 0.75]' }), 'distributions');
    assert.ok(Math.abs(distributions.report.klDivergence - (0.5 * Math.log(2) + 0.5 * Math.log(0.5 / 0.75))) < 1e-12);
    const likelihood = expect(session.respond({ type: 'likelihood', id: 31, outcomes: '[1, 1, 0, 1, 0, 1, 1, 0, 1, 0]', theta: '3/5' }), 'likelihood');
    assert.equal(likelihood.report.mle, 0.6);
    assert.ok(Math.abs(likelihood.report.probability! - 0.250822656) < 1e-9);
    const bad = expect(session.respond({ type: 'likelihood', id: 32, outcomes: '[1, 0]', theta: '0.5 +* 2' }), 'inputErrors');
    assert.equal(bad.errors[0].input, 'theta');
    assert.equal(bad.errors[0].line, 1);
  });
});
