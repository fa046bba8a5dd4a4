import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLiteral, type ParsedLiteral } from '../../../src/literal';

/** Shape and values (as strings, so -0, NaN and ±Infinity compare exactly). */
function read(text: string): { shape: readonly number[]; values: string[] } {
  const { tensor } = parseLiteral(text);
  return { shape: tensor.shape, values: Array.from(tensor.data, (x) => (Object.is(x, -0) ? '-0' : String(x))) };
}

function values(text: string): number[] {
  return Array.from(parseLiteral(text).tensor.data);
}

describe('Python', () => {
  test('nested lists, trailing commas, comments and line breaks', () => {
    assert.deepEqual(read('[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],]  # logits'), {
      shape: [2, 3],
      values: ['0.7', '1.2', '0.3', '0.4', '0.2', '0.9'],
    });
    assert.deepEqual(read('[\n  1,  # first\n  2,\n  # a comment line with ] and [\n  3,\n]'), { shape: [3], values: ['1', '2', '3'] });
  });

  test('tuples, including one-element tuples and tuples of lists', () => {
    assert.deepEqual(read('(1, 2, 3)'), { shape: [3], values: ['1', '2', '3'] });
    assert.deepEqual(read('((1, 2), (3, 4))'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.deepEqual(read('[(1,), (2,)]'), { shape: [2, 1], values: ['1', '2'] });
    assert.deepEqual(read('([1, 2], [3, 4])'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    // A parenthesised element without a comma is arithmetic, not a tuple.
    assert.deepEqual(read('[(1 + 2) * 3, (4)]'), { shape: [2], values: ['9', '4'] });
  });

  test('rank 3 and deeper', () => {
    const literal = parseLiteral('[[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]]');
    assert.deepEqual(literal.tensor.shape, [3, 2, 2]);
    assert.deepEqual(Array.from(literal.tensor.data), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const deep = `${'['.repeat(32)}7${']'.repeat(32)}`;
    assert.deepEqual(parseLiteral(deep).tensor.shape, new Array(32).fill(1));
  });

  test('assignment prefixes name the literal', () => {
    assert.equal(parseLiteral('logits = [[1.0, 2.0]]').name, 'logits');
    assert.equal(parseLiteral('labels: list = [1, 2]').name, 'labels');
    assert.equal(parseLiteral('labels: list[int] = [1, 2]').name, 'labels');
    assert.equal(parseLiteral('self.y_true = [1, 0]').name, 'y_true');
    assert.equal(parseLiteral('(probs := [0.2, 0.8])'.slice(1, -1)).name, 'probs');
    assert.equal(parseLiteral('[1, 2]').name, undefined);
  });
});

describe('framework wrappers', () => {
  test('NumPy with dtype', () => {
    const literal = parseLiteral('np.array([[1, 2], [3, 4]], dtype=np.float32)');
    assert.deepEqual(literal.tensor.shape, [2, 2]);
    assert.deepEqual(Array.from(literal.tensor.data), [1, 2, 3, 4]);
    assert.equal(literal.dtype, 'float32');
    assert.equal(literal.integral, true);
    assert.equal(literal.start, 0);
    assert.equal(literal.end, 44);
    assert.equal(parseLiteral('numpy.asarray([1, 2], "int64")').dtype, 'int64');
    assert.equal(parseLiteral('np.array([1, 2], dtype=float)').dtype, 'float64');
    assert.equal(parseLiteral("np.array([1, 2], dtype='float')").dtype, 'float64');
    assert.equal(parseLiteral('np.asarray([1, 2], np.int32)').dtype, 'int32');
  });

  test('PyTorch, including dtype aliases and keyword noise', () => {
    assert.deepEqual(read('torch.tensor([[0.5, 1.5]], requires_grad=True, device="cuda:0")'), { shape: [1, 2], values: ['0.5', '1.5'] });
    assert.equal(parseLiteral('torch.tensor([1, 2], dtype=torch.long)').dtype, 'int64');
    assert.equal(parseLiteral('torch.tensor([1, 2], dtype=torch.float)').dtype, 'float32');
    assert.equal(parseLiteral('torch.tensor([1.], dtype=torch.float64)').dtype, 'float64');
    assert.deepEqual(read('torch.Tensor([1, 2])'), { shape: [2], values: ['1', '2'] });
    assert.deepEqual(read('torch.as_tensor([3])'), { shape: [1], values: ['3'] });
    assert.deepEqual(read('torch.from_numpy(np.array([1, 2], dtype=np.float32))'), { shape: [2], values: ['1', '2'] });
    assert.equal(parseLiteral('torch.from_numpy(np.array([1, 2], dtype=np.float32))').dtype, 'float32');
    // What PyTorch prints.
    assert.deepEqual(read('tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
  });

  test('rank-0 tensors only inside a wrapper', () => {
    const scalar = parseLiteral('torch.tensor(3)');
    assert.deepEqual(scalar.tensor.shape, []);
    assert.deepEqual(Array.from(scalar.tensor.data), [3]);
    assert.deepEqual(read('np.array(-0.0)'), { shape: [], values: ['-0'] });
    assert.deepEqual(read("tf.constant(float('-inf'))"), { shape: [], values: ['-Infinity'] });
    assert.deepEqual(read('tf.Variable(2.5)'), { shape: [], values: ['2.5'] });
    assert.deepEqual(read('np.array(1/4)'), { shape: [], values: ['0.25'] });
  });

  test('TensorFlow, including initial_value= and shape=', () => {
    assert.deepEqual(read('tf.constant([[1, 2, 3]])'), { shape: [1, 3], values: ['1', '2', '3'] });
    assert.deepEqual(read('tf.Variable(initial_value=[0.1, 0.9])'), { shape: [2], values: ['0.1', '0.9'] });
    assert.deepEqual(read('tf.convert_to_tensor([[1], [2]], dtype=tf.float32)'), { shape: [2, 1], values: ['1', '2'] });
    assert.deepEqual(read('tf.constant([1, 2, 3, 4], shape=[2, 2])'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.deepEqual(read('tf.constant(0.5, shape=(2, 3))'), { shape: [2, 3], values: ['0.5', '0.5', '0.5', '0.5', '0.5', '0.5'] });
    assert.equal(parseLiteral('tf.constant([1, 2], dtype=tf.int32)').dtype, 'int32');
    // What TensorFlow prints.
    assert.deepEqual(read('tf.Tensor(\n[[1 2]\n [3 4]], shape=(2, 2), dtype=int32)'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
  });

  test('JAX and tfjs', () => {
    assert.deepEqual(read('jnp.array([1.5, 2.5])'), { shape: [2], values: ['1.5', '2.5'] });
    assert.deepEqual(read('jax.numpy.asarray([[1, 2]])'), { shape: [1, 2], values: ['1', '2'] });
    assert.deepEqual(read('tf.tensor2d([[1, 2], [3, 4]])'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.deepEqual(read("tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32')"), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.equal(parseLiteral("tf.tensor1d([1, 2], 'int32')").dtype, 'int32');
    assert.deepEqual(read('new Float32Array([0.5, 0.25])'.slice(4)), { shape: [2], values: ['0.5', '0.25'] });
  });

  test('NumPy repr with its space-separated rows', () => {
    assert.deepEqual(read('array([[ 1. , -2.5],\n       [ 3. ,  4. ]], dtype=float32)'), { shape: [2, 2], values: ['1', '-2.5', '3', '4'] });
    assert.deepEqual(read('[[ 0.1 -0.2  3. ]\n [ 4.  5.  -6. ]]'), { shape: [2, 3], values: ['0.1', '-0.2', '3', '4', '5', '-6'] });
    assert.deepEqual(read('[np.float64(0.1), np.float32(2.5), np.int64(3)]'), { shape: [3], values: ['0.1', '2.5', '3'] });
  });
});

describe('JavaScript, JSON, MATLAB', () => {
  test('JavaScript arrays with comments and declarations', () => {
    const literal = parseLiteral('const labels = [1, 2, 0]; // class ids');
    assert.equal(literal.name, 'labels');
    assert.deepEqual(Array.from(literal.tensor.data), [1, 2, 0]);
    assert.equal(parseLiteral('let x = [/* a */ 1, /* b */ 2];').name, 'x');
    assert.equal(parseLiteral('const y_true: number[][] = [[1, 0]];').name, 'y_true');
    assert.equal(parseLiteral('export const probs = [0.5, 0.5]').name, 'probs');
  });

  test('JSON keys', () => {
    const literal = parseLiteral('"logits": [[1.5, -2e-3]],');
    assert.equal(literal.name, 'logits');
    assert.deepEqual(Array.from(literal.tensor.data), [1.5, -0.002]);
    assert.equal(parseLiteral("'labels': [0, 1]").name, 'labels');
    assert.equal(parseLiteral('labels: [0, 1]').name, 'labels');
  });

  test('MATLAB and mathjs rows', () => {
    assert.deepEqual(read('[1 2 3; 4 5 6]'), { shape: [2, 3], values: ['1', '2', '3', '4', '5', '6'] });
    assert.deepEqual(read('[1, 2; 3, 4]'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.deepEqual(read('[1; 2; 3]'), { shape: [3, 1], values: ['1', '2', '3'] });
    assert.deepEqual(read('[1 2; 3 4;]'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.deepEqual(read('[[1, 2]; [3, 4]]'), { shape: [2, 2], values: ['1', '2', '3', '4'] });
    assert.equal(parseLiteral('A = [1 -2; -3 4];').name, 'A');
    assert.deepEqual(values('A = [1 -2; -3 4];'), [1, -2, -3, 4]);
  });

  test('a sign after a space: a new element without commas, arithmetic with them', () => {
    assert.deepEqual(values('[1 -2]'), [1, -2]);
    assert.deepEqual(values('[1 - 2]'), [-1]);
    assert.deepEqual(values('[1 -2, 3]'), [-1, 3]);
    assert.deepEqual(values('[1 +2 3]'), [1, 2, 3]);
  });
});

describe('numbers', () => {
  test('every spelling of a number', () => {
    assert.deepEqual(read('[1e3, 2.5E-2, .5, 5., +1, -0.0, 0.0, 1_000, 1_000.000_1, 0x1F, 0o17, 0b101, -0x10, 1e+21]').values, [
      '1000',
      '0.025',
      '0.5',
      '5',
      '1',
      '-0',
      '0',
      '1000',
      '1000.0001',
      '31',
      '15',
      '5',
      '-16',
      '1e+21',
    ]);
  });

  test('booleans count as integers', () => {
    const literal = parseLiteral('[True, False, true, false]');
    assert.deepEqual(Array.from(literal.tensor.data), [1, 0, 1, 0]);
    assert.equal(literal.integral, true);
    assert.equal(parseLiteral('[1, 2.5]').integral, false);
    assert.equal(parseLiteral('[1.0, 2.0]').integral, true);
    assert.equal(parseLiteral('[1, inf]').integral, false);
  });

  test('infinities and NaN in every spelling', () => {
    assert.deepEqual(
      read(
        "[inf, -inf, INF, Inf, nan, NaN, NAN, float('inf'), float(\"-inf\"), float('nan'), np.inf, -np.inf, np.nan, numpy.inf, math.inf, math.nan, torch.inf, jnp.nan, Infinity, -Infinity, Number.NEGATIVE_INFINITY]",
      ).values,
      [
        'Infinity',
        '-Infinity',
        'Infinity',
        'Infinity',
        'NaN',
        'NaN',
        'NaN',
        'Infinity',
        '-Infinity',
        'NaN',
        'Infinity',
        '-Infinity',
        'NaN',
        'Infinity',
        'Infinity',
        'NaN',
        'Infinity',
        'NaN',
        'Infinity',
        '-Infinity',
        '-Infinity',
      ],
    );
  });

  test('Unicode minus and full-width digits, signs, point, comma and brackets', () => {
    assert.deepEqual(read('[−1.5, −0.0, 2]').values, ['-1.5', '-0', '2']);
    assert.deepEqual(read('［１，－２．５，＋３］').values, ['1', '-2.5', '3']);
    assert.deepEqual(read('[１２３．５, １e３]').values, ['123.5', '1000']);
    assert.deepEqual(read('(１、２)').values, ['1', '2']);
  });

  test('values are correctly rounded, as Number() rounds them', () => {
    const tokens = [
      '0.1',
      '0.3',
      '1.7976931348623157e308',
      '5e-324',
      '2.2250738585072011e-308',
      '9007199254740993',
      '123456789012345678901234567890',
      '0.000000000000000000001',
      '1.00000000000000011102230246251565404236316680908203125',
    ];
    assert.deepEqual(values(`[${tokens.join(', ')}]`), tokens.map(Number));
  });

  test('arithmetic elements go through the sandboxed mathjs', () => {
    assert.deepEqual(values('[1/3, exp(1), 2**-1, log(2), sqrt(2)/2, pi]'), [1 / 3, Math.E, 0.5, Math.LN2, Math.SQRT2 / 2, Math.PI]);
    assert.deepEqual(values('[np.sqrt(4), math.log(8, 2), -2**2, 2**3**2, 1e-3 * 2, Math.PI]'), [2, 3, -4, 512, 0.002, Math.PI]);
    assert.deepEqual(values('[np.exp(-1), np.arctan2(1, 1), abs(-3)]'), [Math.exp(-1), Math.PI / 4, 3]);
  });

  test('expressions can be switched off; plain numbers and constants do not need them', () => {
    assert.deepEqual(Array.from(parseLiteral('[1.5, -inf, True, np.float32(2)]', { expressions: false }).tensor.data), [1.5, -Infinity, 1, 2]);
    assert.throws(() => parseLiteral('[1/3]', { expressions: false }), /expected a number, found '1\/3'/);
  });
});

describe('ranges', () => {
  test('start and end cover the literal, wrapper included, not the name', () => {
    const text = 'logits = np.array([1, 2]);  # done';
    const literal: ParsedLiteral = parseLiteral(text);
    assert.equal(text.slice(literal.start, literal.end), 'np.array([1, 2])');
    const crlf = '\r\n\r\nx = [1,\r\n 2]\r\n';
    const second = parseLiteral(crlf);
    assert.equal(crlf.slice(second.start, second.end), '[1,\r\n 2]');
  });
});

describe('large literals', () => {
  // The value buffer is sized from the text that follows; these check the values, not the sizing.
  const count = 5000;
  const numbers = Array.from({ length: count }, (_, i) => (i % 7 === 1 ? -i / 3 : i));
  const literal = `[${numbers.map(String).join(', ')}]`;

  test('a literal that is the whole text reads every value, and no more', () => {
    const data = parseLiteral(literal).tensor.data;
    assert.equal(data.length, count);
    assert.deepEqual(Array.from(data), numbers);
  });

  test('a literal followed by much more text, or with short elements after long ones, reads the same', () => {
    const followed = parseLiteral(`${literal}\n# ${'x'.repeat(200_000)}`).tensor.data;
    assert.deepEqual(Array.from(followed), numbers);
    const mixed = [...numbers.map((v) => v * 1e-7), ...Array.from({ length: count }, () => 1)];
    assert.deepEqual(values(`[${mixed.join(',')}]`), mixed);
  });
});
