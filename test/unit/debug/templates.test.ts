import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { decodeTensor, tensorLiteral } from '../../../src/debug/decode';
import { buildExpression, JAVASCRIPT_TEMPLATE, parseUserTemplate, PYTHON_TEMPLATE, templateFor } from '../../../src/debug/templates';

/** Evaluates the JavaScript template here, as js-debug would in the paused program, with `value` as the expression `x`. */
function evaluateJs(value: unknown, limit = 1000): string {
  const expression = buildExpression(JAVASCRIPT_TEMPLATE, 'x', limit);
  // The test plays the debugger: the template is evaluated with `x` in scope.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('x', `return ${expression};`) as (x: unknown) => unknown;
  return String(run(value));
}

function literalOf(answer: string, limit = 1000): string {
  const result = decodeTensor(answer, { role: 'logits', expression: 'x', maxElements: limit });
  assert.ok(result.ok, answer);
  return tensorLiteral(result.tensor);
}

test('placeholders are filled once, the expression in parentheses', () => {
  const template = { expression: 'f(${expression}, ${maxElements})', context: 'watch' };
  assert.equal(buildExpression(template, 'a if b else c', 12), 'f((a if b else c), 12)');
  assert.equal(buildExpression(template, '"${maxElements}"', 3), 'f(("${maxElements}"), 3)');
});

test('user templates: a string or { expression, context }, with ${expression}', () => {
  assert.deepEqual(parseUserTemplate('enc(${expression})'), { expression: 'enc(${expression})', context: 'watch' });
  assert.deepEqual(parseUserTemplate({ expression: 'enc(${expression})', context: 'repl' }), { expression: 'enc(${expression})', context: 'repl' });
  assert.equal(parseUserTemplate('enc(x)'), undefined);
  assert.equal(parseUserTemplate({ expression: 'enc(${expression})', context: 3 }), undefined);
  assert.equal(parseUserTemplate([]), undefined);
  assert.equal(templateFor('debugpy'), PYTHON_TEMPLATE);
  assert.equal(templateFor('pwa-node'), JAVASCRIPT_TEMPLATE);
  assert.equal(templateFor('cppdbg'), undefined);
  assert.equal(templateFor('toString'), undefined, 'no prototype keys');
  const mine = { expression: 'mine(${expression})', context: 'watch' };
  assert.equal(templateFor('debugpy', { debugpy: mine }), mine);
});

test('the JavaScript template reads arrays, typed arrays and scalars, and refuses what it cannot', () => {
  assert.equal(
    literalOf(
      evaluateJs([
        [0.7, 1.2],
        [0.3, 0.4],
      ]),
    ),
    '[[0.7, 1.2], [0.3, 0.4]]',
  );
  assert.equal(literalOf(evaluateJs(new Float32Array([0.7, 0.1]))), '[0.7, 0.1]');
  assert.equal(literalOf(evaluateJs(new Int32Array([1, 2, 0]))), '[1, 2, 0]');
  assert.equal(literalOf(evaluateJs(2.5)), '2.5');
  for (const [value, error] of [
    [[[1, 2], [3]], 'ragged'],
    [[['a']], 'non-numeric'],
    [{ a: 1 }, 'non-numeric'],
    [new Float64Array(1001), 'too-many'],
  ] as const) {
    assert.equal((JSON.parse(evaluateJs(value)) as { error?: string }).error, error);
  }
});

test('the JavaScript template reads TensorFlow.js tensors', async () => {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const logits = tf.tensor2d([
    [0.7, 1.2, 0.3],
    [0.4, 0.2, 0.9],
  ]);
  assert.equal(literalOf(evaluateJs(logits)), '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]');
  assert.equal(literalOf(evaluateJs(tf.tensor1d([1, 2], 'int32'))), '[1, 2]');
  assert.equal((JSON.parse(evaluateJs(tf.zeros([40, 40]))) as { error?: string }).error, 'too-many');
});

const PYTHON = '/usr/bin/python3';
const hasNumpy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

test('the Python template reads lists and NumPy arrays and binds nothing in the frame', { skip: !hasNumpy && `${PYTHON} with numpy is not installed` }, () => {
  const expression = buildExpression(PYTHON_TEMPLATE, 'x', 1000);
  const script = [
    'import sys, numpy as np',
    'expression = sys.stdin.read()',
    'for x in ([[0.7, 1.2], [0.3, 0.4]], np.array([[0.7, 1.2]], dtype=np.float32), [[1, 2], [3]], np.zeros((40, 40))):',
    '    scope = {"x": x, "np": np}',
    '    names = set(scope)',
    '    print(eval(expression, scope))',
    '    assert set(scope) - {"__builtins__"} == names, set(scope)',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script], { input: expression, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [lists, array, ragged, big] = run.stdout.trim().split('\n');
  assert.equal(literalOf(lists), '[[0.7, 1.2], [0.3, 0.4]]');
  assert.equal(literalOf(array), '[[0.7, 1.2]]');
  assert.equal((JSON.parse(ragged) as { error?: string }).error, 'ragged');
  assert.equal((JSON.parse(big) as { error?: string }).error, 'too-many');
});
