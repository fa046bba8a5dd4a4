import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { elementOffset, locateInputError, parseLiteral } from '../../../src/literal';
import { spelledTensorArbitrary, tensorArbitrary } from './arbitraries';

/** The text at elementOffset(text, i), up to the next separator or bracket. */
function elementText(text: string, index: number): string | undefined {
  const offset = elementOffset(text, index);
  return offset === undefined ? undefined : /^[^,;\])]*/.exec(text.slice(offset))![0].trim();
}

describe('elementOffset', () => {
  test('finds each element in row-major order, whatever the layout', () => {
    const text = 'x = [[1, 2.5],\n     [-3, 4e2]]  # note';
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => elementText(text, i)),
      ['1', '2.5', '-3', '4e2'],
    );
    assert.equal(elementOffset(text, 2), text.indexOf('-3'));
  });

  test('expressions, casts, constants, look-alikes and MATLAB rows', () => {
    const text = "[np.sqrt(2)/2, float('inf'), True, −１]";
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => elementOffset(text, i)),
      ['np.sqrt', 'float', 'True', '−１'].map((s) => text.indexOf(s)),
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((i) => elementText('[1 2 3; 4 5 6]', i)?.split(' ')[0]),
      ['1', '2', '3', '4', '5', '6'],
    );
    assert.equal(elementOffset('[1 2 3; 4 5 6]', 4), 10);
  });

  test('wrappers: the data argument, never the shape; a filling scalar stands for every element', () => {
    const reshaped = 'tf.tensor2d([1, 2, 3, 4], [2, 2])';
    assert.equal(elementOffset(reshaped, 3), reshaped.indexOf('4'));
    const keywordsFirst = 'tf.constant(shape=[2, 2], value=[7, 8, 9, 10])';
    assert.equal(elementOffset(keywordsFirst, 0), keywordsFirst.indexOf('7'));
    const filled = 'tf.constant(0.5, shape=(2, 3))';
    assert.equal(elementOffset(filled, 0), filled.indexOf('0.5'));
    assert.equal(elementOffset(filled, 5), filled.indexOf('0.5'));
    assert.equal(elementOffset(filled, 6), undefined);
    assert.equal(elementOffset('torch.tensor(3)', 0), 13);
    const nested = 'torch.from_numpy(np.array([[0.1, 0.2]], dtype=np.float32))';
    assert.equal(elementOffset(nested, 1), nested.indexOf('0.2'));
  });

  test('CRLF and tuples', () => {
    const text = '(\r\n (1, 2),\r\n (3, 4),\r\n)';
    assert.equal(elementOffset(text, 2), text.indexOf('3'));
  });

  test('undefined for text that is not one literal, and for indices it does not have', () => {
    assert.equal(elementOffset('[1, 2', 0), undefined);
    assert.equal(elementOffset('3', 0), undefined);
    assert.equal(elementOffset('[1, 2]', 2), undefined);
    assert.equal(elementOffset('[1, 2]', -1), undefined);
    assert.equal(elementOffset('[1, 2]', 0.5), undefined);
    assert.equal(elementOffset('[1, 2]', NaN), undefined);
  });

  test('property: every element of every spelling points at text that parses to its value', () => {
    fc.assert(
      fc.property(
        tensorArbitrary.chain((t) => fc.tuple(fc.constant(t), spelledTensorArbitrary(t), fc.nat())),
        ([t, text, seed]) => {
          const index = seed % t.data.length;
          const offset = elementOffset(text, index);
          if (offset === undefined) return false;
          // The element's own text, read as a one-element list, is that element's value.
          const rest = text.slice(offset);
          for (let end = 1; end <= rest.length; end++) {
            try {
              const value = parseLiteral(`[${rest.slice(0, end)}]`).tensor.data;
              if (value.length === 1 && Object.is(value[0], t.data[index])) return true;
            } catch (error) {
              if (!(error instanceof InputError)) throw error;
            }
          }
          return false;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('locateInputError', () => {
  test('an element error gets the line and column of that element', () => {
    const labels = '[0,\n 1,\n 3]';
    const located = locateInputError(new InputError('labels[2] = 3 is out of range', undefined, 'labels', 2), labels);
    assert.deepEqual(located.location, { line: 3, column: 2, offset: labels.indexOf('3') });
    assert.equal(located.message, 'labels[2] = 3 is out of range');
    assert.equal(located.input, 'labels');
    assert.equal(located.element, 2);
  });

  test('an error about the whole input points at the start of its literal', () => {
    const located = locateInputError(new InputError('labels shape [2] does not fit', undefined, 'labels'), 'labels = [1, 2]');
    assert.deepEqual(located.location, { line: 1, column: 10, offset: 9 });
  });

  test('located errors and unparsable text are left alone', () => {
    const located = new InputError('x', { line: 2, column: 3, offset: 7 }, 'logits');
    assert.equal(locateInputError(located, '[1]'), located);
    const unlocated = new InputError('y', undefined, 'weights', 0);
    assert.equal(locateInputError(unlocated, '2'), unlocated);
  });
});
