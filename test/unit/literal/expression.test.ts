import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { InputError } from '../../../src/errors';
import { findLiterals, literalAt, parseLiteral } from '../../../src/literal';
import { evaluateExpression, evaluateInSandbox } from '../../../src/literal/expression';
import { LiteralFailure } from '../../../src/literal/failure';

const PAYLOADS = [
  'import({}, {})',
  'import({x: 1}, {override: true})',
  "createUnit('x')",
  'config({})',
  "config({number: 'BigNumber'})",
  'evaluate("1")',
  'parse("1")',
  'compile("1")',
  'simplify("x + x")',
  'derivative("x^2", "x")',
  'resolve(1)',
  'reviver("a", 1)',
  'f = cos; f.constructor("return process")()',
  '[].constructor',
  'cos.constructor',
  'cos.constructor("return process")()',
  '"".constructor.constructor("return 1")()',
  'cos.name',
  'cos["constructor"]',
  'sqrt.toString()',
  '(cos).apply',
  'x = 1',
  '1; 2',
  '"abc"',
  '[1, 2]',
  '5 cm',
  '{a: 1}',
  'cos',
  '1 ? 2 : 3',
  'a -> 1',
  'f(x) = x',
];

describe('sandboxed mathjs (layer 2, without the tokenizer in front)', () => {
  test('the functions the mathjs security guide lists are disabled', () => {
    for (const name of ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile', 'config']) {
      assert.throws(() => evaluateInSandbox(`${name}("1")`), new RegExp(`${name} is disabled|Undefined function ${name}|Unexpected`), name);
    }
  });

  test('known escape payloads fail without reaching JavaScript', () => {
    for (const payload of PAYLOADS.slice(0, 22)) {
      let result: unknown;
      try {
        result = evaluateInSandbox(payload);
      } catch {
        continue;
      }
      // What did not throw must be harmless data, never a Function constructor or `process`.
      assert.notEqual(typeof result, 'function', payload);
      assert.ok(!(result instanceof Object) || !('env' in (result as object)), payload);
    }
    assert.throws(() => evaluateInSandbox('import({}, {})'), /import is disabled/);
    assert.throws(() => evaluateInSandbox('cos.constructor'), /No access to property "constructor"/);
    assert.throws(() => evaluateInSandbox('createUnit("x")'), /createUnit is disabled/);
    // Nothing leaked into the instance or the global scope.
    assert.throws(() => evaluateInSandbox('x'), /Undefined symbol x/);
    assert.equal((globalThis as Record<string, unknown>).x, undefined);
  });

  test('ordinary arithmetic still works after the overrides', () => {
    assert.equal(evaluateInSandbox('sqrt(16) + 2^-1'), 4.5);
  });
});

describe('element expressions (both layers)', () => {
  const evaluate = (text: string) => evaluateExpression(text, 0, text.length, 32);

  test('arithmetic with Python spellings', () => {
    assert.equal(evaluate('1/3'), 1 / 3);
    assert.equal(evaluate('2**-1'), 0.5);
    assert.equal(evaluate('2 ** 10'), 1024);
    assert.equal(evaluate('np.log(np.e)'), 1);
    assert.equal(evaluate('math.sqrt(2) / 2'), Math.SQRT2 / 2);
    assert.equal(evaluate('1_000 / 8'), 125);
    assert.equal(evaluate('−1 / 4'), -0.25);
    assert.equal(evaluate('-inf * 2'), -Infinity);
    assert.equal(evaluate('exp(1000)'), Infinity);
    assert.equal(evaluate('True + True'), 2);
  });

  test('every payload is a not-numeric or malformed failure, never a thrown error', () => {
    for (const payload of PAYLOADS) {
      const result = evaluate(payload);
      assert.ok(result instanceof LiteralFailure, `${payload} → ${inspect(result)}`);
    }
  });

  test('non-real results are rejected', () => {
    const failure = (text: string) => {
      const result = evaluate(text);
      assert.ok(result instanceof LiteralFailure, text);
      return result.message;
    };
    assert.equal(failure('sqrt(-1)'), "'sqrt(-1)' is not a real number");
    assert.equal(failure('log(-1)'), "'log(-1)' is not a real number");
    assert.equal(failure('0/0'), "'0/0' evaluates to NaN");
    assert.equal(failure('nan + 1'), "'nan + 1' evaluates to NaN");
    assert.equal(failure('cos'), "'cos' is not a real number");
    assert.equal(failure('foo(1)'), "expected a number, found 'foo'");
    assert.equal(failure('os.system(1)'), "expected a number, found 'os.system'");
    assert.equal(failure('2pi'), "malformed number '2p'");
    assert.match(failure(`${'('.repeat(40)}1${')'.repeat(40)}`), /parentheses nested deeper than 32 levels/);
  });

  test('through the public API every payload is an InputError (or skipped by scans)', () => {
    // In brackets, `1; 2` and `[1, 2]` are MATLAB and nested-list literals, not payloads.
    for (const payload of PAYLOADS.filter((p) => p !== '1; 2' && p !== '[1, 2]')) {
      const text = `[${payload}]`;
      assert.throws(() => parseLiteral(text), InputError, payload);
      assert.deepEqual(findLiterals(text), [], payload);
      const hovered = literalAt(text, 1);
      assert.ok(hovered === undefined || hovered instanceof InputError, payload);
    }
  });
});
