import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeTensor, DebugValueError, elementName, tensorLiteral, unquote, type DecodeOptions } from '../../../src/debug/decode';
import { InputError } from '../../../src/errors';
import { parseLiteral } from '../../../src/literal';

const OPTIONS: DecodeOptions = { role: 'logits', expression: 'outputs', maxElements: 1000 };

function base64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((x, i) => bytes.writeDoubleLE(x, i * 8));
  return bytes.toString('base64');
}

function payload(shape: number[], values: number[], dtype = 'float64'): string {
  return JSON.stringify({ v: 1, shape, dtype, size: values.length, data: base64(values) });
}

/** What debugpy shows for a str: its repr. */
function pythonRepr(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function errorOf(result: ReturnType<typeof decodeTensor>): DebugValueError {
  assert.equal(result.ok, false, 'decoding fails');
  return (result as { error: DebugValueError }).error;
}

test('a float32 tensor becomes the literal that identifies its values', () => {
  const f32 = [0.7, 1.2, 0.3, 0.4, 0.2, 0.9].map(Math.fround);
  const result = decodeTensor(payload([2, 3], f32, 'float32'), OPTIONS);
  assert.ok(result.ok);
  assert.deepEqual(result.tensor.shape, [2, 3]);
  assert.equal(tensorLiteral(result.tensor), '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]');
});

test('js-debug (JSON-quoted) and debugpy (repr) answers decode the same', () => {
  const text = payload([3], [1, 2, 0], 'int64');
  for (const answer of [text, JSON.stringify(text), pythonRepr(text)]) {
    const result = decodeTensor(answer, { ...OPTIONS, role: 'labels' });
    assert.ok(result.ok, answer);
    assert.equal(tensorLiteral(result.tensor), '[1, 2, 0]');
  }
});

test('a user template may send JSON numbers', () => {
  const result = decodeTensor(JSON.stringify({ v: 1, shape: [2], size: 2, data: [0.5, 'Infinity'] }), OPTIONS);
  assert.ok(result.ok);
  assert.equal(tensorLiteral(result.tensor), '[0.5, Infinity]');
});

test('NaN is refused and named where it is', () => {
  const error = errorOf(decodeTensor(payload([2, 2], [1, 2, 3, NaN]), OPTIONS));
  assert.equal(error.kind, 'nan');
  assert.equal(error.element, 3);
  assert.match(error.message, /logits `outputs`\[1\]\[1\] is NaN/);
  assert.ok(error instanceof InputError);
});

test('the encoder’s errors become typed errors', () => {
  const cases: [object, DebugValueError['kind'], RegExp][] = [
    [{ error: 'too-many', shape: [2000, 10], size: 20000 }, 'too-many', /20,000 elements \(shape \[2000, 10\]\); Loss Lens reads at most 1,000/],
    [{ error: 'non-numeric', index: 1, shape: [1, 2], type: 'str' }, 'non-numeric', /`outputs`\[0\]\[1\] is str, not a number/],
    [{ error: 'non-numeric', type: 'dict' }, 'non-numeric', /is dict that Loss Lens cannot read/],
    [{ error: 'ragged', path: [1], expected: 3, found: 2 }, 'ragged', /logits\[1\] has 2 elements where 3 elements were expected, as in logits\[0\]/],
    [{ error: 'exploded' }, 'malformed', /unknown error/],
  ];
  for (const [fields, kind, message] of cases) {
    const error = errorOf(decodeTensor(JSON.stringify({ v: 1, ...fields }), OPTIONS));
    assert.equal(error.kind, kind);
    assert.match(error.message, message);
  }
});

test("the adapter's own answer (an exception's repr) is an evaluation error quoting it", () => {
  const error = errorOf(decodeTensor(`NameError("name 'outputs' is not defined")`, OPTIONS));
  assert.equal(error.kind, 'evaluation');
  assert.match(error.message, /NameError\("name 'outputs' is not defined"\)/);
});

test('the element limit is enforced again on decode', () => {
  const error = errorOf(decodeTensor(payload([3], [1, 2, 3]), { ...OPTIONS, maxElements: 2 }));
  assert.equal(error.kind, 'too-many');
});

test('malformed encodings are refused, never half-read', () => {
  const bad = [
    JSON.stringify({ v: 1, shape: [2], size: 2, data: base64([1]) }),
    JSON.stringify({ v: 1, shape: [2], size: 3, data: base64([1, 2]) }),
    JSON.stringify({ v: 1, shape: [-1], size: 1, data: base64([1]) }),
    JSON.stringify({ v: 1, shape: [1], size: 1, data: '!!!!!!!!!!!=' }),
    JSON.stringify({ v: 1, shape: [1], size: 1, data: [true] }),
    JSON.stringify({ v: 2, shape: [1], size: 1, data: [1] }),
    "'unterminated",
  ];
  for (const answer of bad) assert.equal(decodeTensor(answer, OPTIONS).ok, false, answer);
});

test('property: any finite tensor round-trips through every quoting, and its literal parses back', () => {
  const tensor = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }).chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        minLength: shape.reduce((a, b) => a * b, 1),
        maxLength: shape.reduce((a, b) => a * b, 1),
      }),
    ),
  );
  fc.assert(
    fc.property(tensor, fc.constantFrom('bare', 'json', 'python'), ([shape, values], quoting) => {
      const text = payload(shape, values);
      const answer = quoting === 'bare' ? text : quoting === 'json' ? JSON.stringify(text) : pythonRepr(text);
      const result = decodeTensor(answer, { ...OPTIONS, maxElements: 1_000_000 });
      assert.ok(result.ok);
      assert.deepEqual(
        [...result.tensor.values].map((x) => (Object.is(x, -0) ? 0 : x)),
        values.map((x) => (Object.is(x, -0) ? 0 : x)),
      );
      if (shape.length > 0) {
        const parsed = parseLiteral(tensorLiteral(result.tensor));
        assert.deepEqual(parsed.tensor.shape, shape);
        assert.deepEqual(
          [...parsed.tensor.data].map((x) => (Object.is(x, -0) ? 0 : x)),
          values.map((x) => (Object.is(x, -0) ? 0 : x)),
        );
      }
    }),
  );
});

test('property: arbitrary text never throws, and always fails or succeeds with a typed value', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.json().map((j) => pythonRepr(j)),
      ),
      (answer) => {
        const result = decodeTensor(answer, OPTIONS);
        if (!result.ok) assert.ok(result.error instanceof DebugValueError);
      },
    ),
  );
});

test('unquote reads Python repr escapes', () => {
  assert.equal(unquote(String.raw`'a\'b\\c\x41\u00e9'`), "a'b\\cAé");
  assert.equal(unquote(String.raw`'bad\q'`), undefined);
});

test('elementName writes the nested index', () => {
  assert.equal(elementName('x', [2, 3], 5), 'x[1][2]');
  assert.equal(elementName('x', [], 0), 'x');
});
