import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../../src/errors';
import { findLiterals, literalAt, parseLiteral, scanLiterals, type ParsedLiteral } from '../../../src/literal';

const PYTHON = `import numpy as np
# logits [9, 9] in a comment
logits = np.array([[0.7, 1.2, 0.3],
                   [0.4, 0.2, 0.9]], dtype=np.float32)  # trailing [comment]
labels: list = [1, 2]
s = "[3, 4]" + '[5]' + """[6, 7]"""
x[0] = y[1:3]; d["key"]; t: list[int] = f(a)[0]
z = np.zeros((2, 3))
probs = (0.2, 0.8)
loss(logits=[1.5, 2], labels=[0])
bad = [[1, 2], [3]]
names = ["a", "b"]
mixed = [x, [4, 5]]
empty = []
t = torch.tensor([[1, 2]]).float()[0]
`;

function summary(text: string, literal: ParsedLiteral): [string, string | undefined, readonly number[]] {
  return [text.slice(literal.start, literal.end), literal.name, literal.tensor.shape];
}

describe('findLiterals', () => {
  test('a callee is a dotted name of names: a number glued before it is not part of it', () => {
    // Found by the property below (fast-check counterexample "inf2.5torch.Tensor(1_0)"): the range ran
    // back over "inf2.5" and did not parse on its own. Python reads 2.5 as a number, then torch.tensor.
    const text = 'x = 2.5torch.tensor([3, 4])';
    assert.deepEqual(
      findLiterals(text).map((literal) => text.slice(literal.start, literal.end)),
      ['torch.tensor([3, 4])'],
    );
    const counterexample = 'inf2.5torch.Tensor(1_0)';
    for (const literal of findLiterals(counterexample)) assert.doesNotThrow(() => parseLiteral(counterexample.slice(literal.start, literal.end)));
  });

  test('finds every outermost numeric literal in a Python file, in order, with names', () => {
    assert.deepEqual(
      findLiterals(PYTHON).map((literal) => summary(PYTHON, literal)),
      [
        ['np.array([[0.7, 1.2, 0.3],\n                   [0.4, 0.2, 0.9]], dtype=np.float32)', 'logits', [2, 3]],
        ['[1, 2]', 'labels', [2]],
        ['(0.2, 0.8)', 'probs', [2]],
        ['[1.5, 2]', 'logits', [2]],
        ['[0]', 'labels', [1]],
        ['[4, 5]', undefined, [2]],
        ['torch.tensor([[1, 2]])', 't', [1, 2]],
      ],
    );
    const [logits] = findLiterals(PYTHON);
    assert.equal(logits.dtype, 'float32');
    assert.deepEqual(
      Array.from(logits.tensor.data),
      [0.7, 1.2, 0.3, 0.4, 0.2, 0.9].map((x) => x),
    );
  });

  test('JavaScript, TypeScript and tfjs', () => {
    const js = `// labels [0, 0]
const labels = [1, 2, 0];
let x = /* [9] */ [0.5, -0.5];
const logits: number[][] = tf.tensor2d([[1, 2], [3, 4]]).arraySync();
const s = \`template [1, 2] \${[3]}\`;
arr[0] = obj["k"][1];
`;
    assert.deepEqual(
      findLiterals(js).map((literal) => summary(js, literal)),
      [
        ['[1, 2, 0]', 'labels', [3]],
        ['[0.5, -0.5]', 'x', [2]],
        ['tf.tensor2d([[1, 2], [3, 4]])', 'logits', [2, 2]],
        // Backticks are not string quotes (Markdown code spans hold literals), so template text counts.
        ['[1, 2]', undefined, [2]],
        ['[3]', undefined, [1]],
      ],
    );
  });

  test('JSON keys name their arrays', () => {
    const json = '{\n  "logits": [[1.5, -2.5], [0, 1e-3]],\n  "labels": [1, 0],\n  "ids": ["a"]\n}\n';
    assert.deepEqual(
      findLiterals(json).map((literal) => summary(json, literal)),
      [
        ['[[1.5, -2.5], [0, 1e-3]]', 'logits', [2, 2]],
        ['[1, 0]', 'labels', [2]],
      ],
    );
  });

  test('MATLAB rows and NumPy printout', () => {
    const text = 'A = [1 2 3; 4 5 6];\nprint(x)\n[[ 0.1 -0.2]\n [ 3.   4. ]]\n';
    assert.deepEqual(
      findLiterals(text).map((literal) => summary(text, literal)),
      [
        ['[1 2 3; 4 5 6]', 'A', [2, 3]],
        ['[[ 0.1 -0.2]\n [ 3.   4. ]]', undefined, [2, 2]],
      ],
    );
  });

  test('Markdown and plain text: code spans and fences, apostrophes and URLs in prose', () => {
    const md =
      "# Notes\n\nThe model's logits are `[[0.7, 1.2]]` and the labels' ids `[1]`.\n\n```python\nlogits = np.array([[1, 2]])\nlabels = [0]\n```\nSee https://example.com/x [3, 4], and f'{x}' \"[9]\" [5]\n";
    assert.deepEqual(
      findLiterals(md).map((literal) => summary(md, literal)),
      [
        ['[[0.7, 1.2]]', undefined, [1, 2]],
        ['[1]', undefined, [1]],
        ['np.array([[1, 2]])', 'logits', [1, 2]],
        ['[0]', 'labels', [1]],
        ['[3, 4]', undefined, [2]],
        ['[5]', undefined, [1]],
      ],
    );
    const hovered = literalAt(md, md.indexOf('1.2'));
    assert.ok(hovered && !(hovered instanceof InputError));
    assert.deepEqual(summary(md, hovered), ['[[0.7, 1.2]]', undefined, [1, 2]]);
  });

  test('shape tuples and bare parentheses are not literals; assigned tuples are', () => {
    const text = 'a = np.zeros((2, 3))\nb = x.reshape(2, 3)\nc = (1 + 2) * 3\nd = (0.5, 0.5)\nf((1, 2))\n';
    assert.deepEqual(
      findLiterals(text).map((literal) => summary(text, literal)),
      [['(0.5, 0.5)', 'd', [2]]],
    );
  });

  test('unclosed groups do not hide the literals after them', () => {
    const text = 'x = [1, 2\ny = [3, 4]\nz = foo(\nw = [5]\n';
    assert.deepEqual(
      findLiterals(text).map((literal) => summary(text, literal)),
      [
        ['[3, 4]', 'y', [2]],
        ['[5]', 'w', [1]],
      ],
    );
  });

  test('CRLF text gives the same ranges as the characters it has', () => {
    const text = 'a = [1,\r\n 2]\r\nb = [3]\r\n';
    assert.deepEqual(
      findLiterals(text).map((literal) => summary(text, literal)),
      [
        ['[1,\r\n 2]', 'a', [2]],
        ['[3]', 'b', [1]],
      ],
    );
  });
});

describe('literalAt', () => {
  const at = (text: string, needle: string, shift = 0) => literalAt(text, text.indexOf(needle) + shift);

  test('returns the outermost literal around the offset, wrapper included', () => {
    for (const needle of ['0.2, 0.9', '[[0.7', 'np.array', 'array(', 'float32)']) {
      const found = at(PYTHON, needle);
      assert.ok(found && !(found instanceof InputError), needle);
      assert.equal(found.name, 'logits');
      assert.equal(PYTHON.slice(found.start, found.end).startsWith('np.array('), true);
    }
    const labels = at(PYTHON, '1, 2]\ns');
    assert.ok(labels && !(labels instanceof InputError));
    assert.deepEqual(summary(PYTHON, labels), ['[1, 2]', 'labels', [2]]);
    const probs = at(PYTHON, '0.8');
    assert.ok(probs && !(probs instanceof InputError));
    assert.deepEqual(summary(PYTHON, probs), ['(0.2, 0.8)', 'probs', [2]]);
  });

  test('returns the InputError of a malformed literal so a hover can show it', () => {
    const found = at(PYTHON, '3]]');
    assert.ok(found instanceof InputError);
    assert.equal(found.message, 'row 2 has 1 element, expected 2');
    assert.deepEqual(found.location, { line: 11, column: 16, offset: PYTHON.indexOf('[3]]') });
    const unclosed = 'x = [1, 2,\n';
    assert.ok(literalAt(unclosed, 5) instanceof InputError);
  });

  test('nothing numeric there: undefined', () => {
    for (const needle of ['9, 9', '3, 4]"', 'key', '1:3', '2, 3))', '"a"', 'import', 'int]', '[]']) {
      assert.equal(at(PYTHON, needle), undefined, needle);
    }
    assert.equal(literalAt(PYTHON, -1), undefined);
    assert.equal(literalAt(PYTHON, PYTHON.length), undefined);
    assert.equal(at('f([1, 2], x)', 'x'), undefined);
  });

  test('a cast inside a list under the cursor still means the list', () => {
    const text = 'probs = [np.float64(0.25), np.float64(0.75)]';
    const found = at(text, 'float64(0.75)');
    assert.ok(found && !(found instanceof InputError));
    assert.deepEqual(summary(text, found), ['[np.float64(0.25), np.float64(0.75)]', 'probs', [2]]);
  });

  test('an inner list of a call is found; the call around it is not a literal', () => {
    const text = 'loss([0.5, 1.5], [1])';
    const found = at(text, '1.5');
    assert.ok(found && !(found instanceof InputError));
    assert.deepEqual(summary(text, found), ['[0.5, 1.5]', undefined, [2]]);
  });

  test('agrees with findLiterals everywhere inside each literal', () => {
    for (const literal of findLiterals(PYTHON)) {
      for (let offset = literal.start; offset < literal.end; offset++) {
        if (/[#"'\s]/.test(PYTHON[offset])) continue;
        const found = literalAt(PYTHON, offset);
        if (found instanceof InputError || found === undefined) {
          assert.fail(`offset ${offset} in ${PYTHON.slice(literal.start, literal.end)}: ${String(found)}`);
        }
        // The keyword-argument lists sit inside a call, so their own range is the answer.
        assert.deepEqual([found.start, found.end], [literal.start, literal.end]);
      }
    }
  });

  test('a hover in a large file parses only the literal under it', () => {
    const filler = 'x = f(a, b)[0]  # filler with [brackets] and "strings [1, 2]"\n'.repeat(20_000);
    const row = `[${Array.from({ length: 100 }, (_, i) => (i / 7).toFixed(6)).join(', ')}]`;
    const text = `${filler}logits = np.array([${Array(100).fill(row).join(',\n ')}])\n${filler}`;
    const offset = text.indexOf('logits') + 200;
    const started = performance.now();
    const found = literalAt(text, offset);
    const elapsed = performance.now() - started;
    assert.ok(found && !(found instanceof InputError));
    assert.deepEqual(found.tensor.shape, [100, 100]);
    assert.ok(text.length > 2_000_000);
    assert.ok(elapsed < 1000, `${elapsed} ms`);
  });
});

test('scanLiterals reports malformed numeric groups with their location, and skips code', () => {
  const text = 'logits = [[1.0, 2.0], [3.0]]\nlabels = [0, 1]\nnames = ["a", "b"]\n';
  const { literals, problems } = scanLiterals(text);
  assert.deepEqual(
    literals.map((l) => l.name),
    ['labels'],
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0].message, 'row 2 has 1 element, expected 2');
  assert.equal(problems[0].location?.line, 1);
});
