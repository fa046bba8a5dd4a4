// scanLiterals reads what the user selected: a numeric literal that never closes is reported,
// not split into the rows it happens to contain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLiterals, scanLiterals } from '../../../src/literal';

function problemsOf(text: string): [string, number, number][] {
  return scanLiterals(text).problems.map((p) => [p.message, p.location!.line, p.location!.column]);
}

test('an unclosed matrix is one problem, not two row literals', () => {
  const text = 'logits = [[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9]';
  assert.deepEqual(scanLiterals(text).literals, []);
  assert.deepEqual(problemsOf(text), [["'[' is never closed", 1, 10]]);
  // A document scan (pairing partners) still skips it quietly.
  assert.equal(findLiterals(text).length, 2);
});

test('an unclosed constructor call is reported at what it lacks', () => {
  assert.deepEqual(problemsOf('x = [1, 2]\ny = np.array([[1, 2], [3, 4]'), [["'[' is never closed", 2, 14]]);
  assert.deepEqual(problemsOf('torch.tensor([1, 2]'), [["'(' is never closed", 1, 13]]);
});

test('unclosed code is not reported', () => {
  for (const text of ['print(x[0]', 'f(a, [b, c]', 'd = {"a": [x', 'foo(1, 2']) assert.deepEqual(problemsOf(text), [], text);
});
