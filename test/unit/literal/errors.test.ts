import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError, relatedMessage } from '../../../src/errors';
import { findLiterals, literalAt, parseLiteral } from '../../../src/literal';

/** parseLiteral(text) throws an InputError with exactly this message at this line and column. */
function rejects(text: string, message: string | RegExp, line: number, column: number): void {
  let caught: unknown;
  try {
    parseLiteral(text);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError for ${JSON.stringify(text)}, got ${String(caught)}`);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  assert.deepEqual({ line: caught.location?.line, column: caught.location?.column }, { line, column });
}

describe('shape errors', () => {
  test('ragged rows name the row and point at it', () => {
    rejects('[[1, 2],\n [3, 4, 5]]', 'row 2 has 3 elements, expected 2', 2, 2);
    rejects('[[1, 2], [3]]', 'row 2 has 1 element, expected 2', 1, 10);
    rejects('[[[1, 2], [3, 4]], [[5, 6], [7]]]', 'row 2 of block 2 has 1 element, expected 2', 1, 29);
    rejects('[[[1], [2]], [[3]]]', 'row 2 has 1 element, expected 2', 1, 14);
    rejects('[1 2 3; 4 5]', 'row 2 has 2 elements, expected 3', 1, 9);
  });

  test('lists and numbers mixed at one level', () => {
    rejects('[[1, 2], 3]', 'expected a list, found a number', 1, 10);
    rejects('[1, [2, 3]]', 'expected a number, found a list', 1, 5);
  });

  test('empty tensors', () => {
    rejects('[]', 'empty tensor: [] holds no numbers', 1, 1);
    rejects('x = [[]]', 'empty tensor: [[]] holds no numbers', 1, 5);
    rejects('[[], []]', 'empty tensor: [[],[]] holds no numbers', 1, 1);
    rejects('[[1], []]', 'row 2 has 0 elements, expected 1', 1, 7);
  });
});

describe('syntax errors', () => {
  test('a second place the message names is data (InputError.related), so surfaces can restate it', () => {
    assert.throws(
      () => parseLiteral('[\n(1, 2],\n]'),
      (error: unknown) =>
        error instanceof InputError &&
        error.related !== undefined &&
        error.related.location.line === 2 &&
        error.related.location.column === 1 &&
        error.related.location.offset === 2 &&
        relatedMessage(error.related) === error.message &&
        relatedMessage(error.related, 12, 7) === "']' does not match the '(' at line 12, column 7",
    );
  });

  test('unclosed and mismatched brackets', () => {
    rejects('[[1, 2], [3, 4]', "'[' is never closed", 1, 1);
    rejects('[[1, 2],\n [3, 4', "'[' is never closed", 2, 2);
    rejects('[1, 2)', "')' does not match the '[' at line 1, column 1", 1, 6);
    rejects('[\n(1, 2],\n]', "']' does not match the '(' at line 2, column 1", 2, 6);
    rejects('np.array([1, 2]', "'(' is never closed", 1, 9);
  });

  test('stray separators and missing commas', () => {
    rejects('[1,, 2]', "unexpected ','", 1, 4);
    rejects('[, 1]', "unexpected ','", 1, 2);
    rejects('[1 2, 3]', "expected ',' or ']', found '2'", 1, 4);
    rejects('[1, 2 3]', "expected ',' or ']', found '3'", 1, 7);
    rejects('[1 2 3, 4]', "expected ',' or ']', found '2'", 1, 4);
    rejects('[[1, 2]; 3]', 'expected a list, found a number', 1, 10);
    rejects('[[1; 2]]', "';' separates rows only in the outermost brackets", 1, 4);
    rejects('[1; ; 2]', "unexpected ';'", 1, 5);
  });

  test('non-numeric elements', () => {
    rejects('[1, foo, 3]', "expected a number, found 'foo'", 1, 5);
    rejects('["a", "b"]', 'expected a number, found a string', 1, 2);
    rejects('[x, y]', "expected a number, found 'x'", 1, 2);
    rejects('[None]', "expected a number, found 'None'", 1, 2);
    rejects('[{"a": 1}]', "expected a number, found '{'", 1, 2);
    rejects('[1.2.3]', /^cannot evaluate '1\.2\.3'/, 1, 2);
    rejects('[1e]', "malformed number '1e'", 1, 2);
    rejects("[float('pi')]", "expected a number, found 'pi'", 1, 8);
  });

  test('arithmetic that is not a real number', () => {
    rejects('[1, sqrt(-1)]', "'sqrt(-1)' is not a real number", 1, 5);
    rejects('[0/0]', "'0/0' evaluates to NaN", 1, 2);
    rejects('[1 + , 2]', /^cannot evaluate '1 \+': /, 1, 2);
    rejects('[1 +]', /^cannot evaluate '\+': /, 1, 4);
    rejects('[int(inf)]', 'cannot convert Infinity to an integer', 1, 2);
  });

  test('text around the literal', () => {
    rejects('[1, 2] extra', "unexpected text after the literal: 'extra'", 1, 8);
    rejects('3', 'a single number is not a tensor literal; write [x] or np.array(x)', 1, 1);
    rejects('', 'no literal: expected a list such as [1, 2]', 1, 1);
    rejects('   # only a comment', 'no literal: expected a list such as [1, 2]', 1, 20);
    rejects('(1)', 'parentheses without a comma are not a tuple; write (x,) or [x]', 1, 1);
    rejects('foo([1, 2])', 'foo(...) is not a tensor constructor such as np.array or torch.tensor', 1, 1);
    rejects('torch.Tensor(3)', 'torch.Tensor(n) makes n values, not the value n; write torch.Tensor([...]) for data', 1, 14);
    rejects('Float32Array(3)', 'Float32Array(n) makes n values, not the value n; write Float32Array([...]) for data', 1, 14);
    rejects('tf.constant([1, 2, 3], shape=[2, 2])', '3 values do not fit shape [2, 2] (4 values)', 1, 12);
  });

  test('CRLF line endings keep locations right', () => {
    rejects('[1,\r\n 2,\r\n x]', "expected a number, found 'x'", 3, 2);
    rejects('x = [\r\n  [1, 2],\r\n  [3]\r\n]', 'row 2 has 1 element, expected 2', 3, 3);
  });
});

describe('limits', () => {
  test('nesting deeper than the limit is an error, never a stack overflow', () => {
    rejects(`${'['.repeat(33)}1${']'.repeat(33)}`, 'brackets nested deeper than 32 levels', 1, 33);
    rejects(`[${'('.repeat(33)}1${')'.repeat(33)}]`, 'parentheses nested deeper than 32 levels', 1, 34);
  });

  test('20 000 open brackets: an InputError, quickly, from every entry point', () => {
    const deep = '['.repeat(20_000);
    const started = performance.now();
    rejects(deep, 'brackets nested deeper than 32 levels', 1, 33);
    assert.deepEqual(findLiterals(deep), []);
    assert.ok(literalAt(deep, 10_000) instanceof InputError);
    const closed = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    rejects(closed, 'brackets nested deeper than 32 levels', 1, 33);
    assert.equal(findLiterals(closed).length, 1); // the innermost 32 levels are a literal
    rejects(`[${'('.repeat(20_000)}1${')'.repeat(20_000)}]`, 'parentheses nested deeper than 32 levels', 1, 34);
    assert.ok(performance.now() - started < 2000);
  });

  test('maxDepth and maxElements options', () => {
    assert.throws(() => parseLiteral('[[1]]', { maxDepth: 1 }), /brackets nested deeper than 1 levels/);
    assert.throws(() => parseLiteral(`[${'1, '.repeat(100)}1]`, { maxElements: 50 }), /more than 50 elements/);
    assert.throws(() => parseLiteral('tf.constant(0, shape=[1000, 1000])', { maxElements: 1000 }), /has more than 1000 elements/);
  });

  test('a 10 MB number token is rejected in linear time', () => {
    const started = performance.now();
    rejects(`[${'1'.repeat(10_000_000)}]`, 'number is 10000000 characters long; the limit is 1000', 1, 2);
    rejects(`[0.${'5'.repeat(10_000_000)}, 1]`, 'number is 10000002 characters long; the limit is 1000', 1, 2);
    rejects(`[${'1+'.repeat(5_000_000)}1]`, 'element is 10000001 characters long; the limit is 1000', 1, 2);
    assert.ok(performance.now() - started < 5000);
  });
});
