// framework-print against the frameworks' own printers. Expected strings:
// - PyTorch: repr() of the same tensors in a PyTorch 1.13 run (Debian's /usr/bin/python3);
// - NumPy: str(), repr() and np.array2string(a, separator=', ') in a NumPy 1.24.2 run;
// - TensorFlow: `_EagerTensorBase.__str__` (tensorflow/python/framework/ops.py) is
//   "tf.Tensor(%s, shape=%s, dtype=%s)" % (NumPy str of the value, the TensorShape, the dtype name);
// - JAX: `ArrayImpl.__repr__` (jax/_src/array.py) is 'Array(' + np.array2string(separator=', ',
//   suffix=',') + ', dtype=float32)';
// - TensorFlow.js: tensor.toString() of @tensorflow/tfjs-core 4.22, run here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  numpyLegacyStr,
  frameworkPrint,
  jaxRepr,
  numpyArray2string,
  numpyStr,
  printStyleOf,
  pythonExponential,
  pythonFixed,
  tensorflowStr,
  tfjsString,
  torchRepr,
} from '../../../src/render/framework-print';
import type { Tensor } from '../../../src/tensor';

const f32 = (values: number[], shape: number[] = [values.length]): Tensor => ({ shape, data: Float64Array.from(values, Math.fround) });
const f64 = (values: number[], shape: number[] = [values.length]): Tensor => ({ shape, data: Float64Array.from(values) });
const sevenths = (n: number) => Array.from({ length: n }, (_, i) => i / 7);

test('PyTorch repr: 4 decimals, integer and scientific modes, dtype suffix, wrapping and summarising', () => {
  const cases: Array<[Tensor, boolean, string]> = [
    [f32([0.7943], []), true, 'tensor(0.7943)'],
    [f32([1.3994, 2.2303, 0.9398]), true, 'tensor([1.3994, 2.2303, 0.9398])'],
    [f32([1.2570001], []), true, 'tensor(1.2570)'],
    [f32([3], []), true, 'tensor(3.)'],
    [f32([0], []), true, 'tensor(0.)'],
    [f32([-0], []), true, 'tensor(-0.)'],
    [f32([1, 2]), true, 'tensor([1., 2.])'],
    [f32([1e-5, 1000]), true, 'tensor([1.0000e-05, 1.0000e+03])'],
    [f32([1e-5]), true, 'tensor([1.0000e-05])'],
    [f32([1e9], []), true, 'tensor(1.0000e+09)'],
    [f32([NaN, -Infinity, 0]), true, 'tensor([nan, -inf, 0.])'],
    [f32([NaN], []), true, 'tensor(nan)'],
    // 0.03125 is a true half at the 4th decimal: Python rounds it to even.
    [f32([0.03125], []), true, 'tensor(0.0312)'],
    [f64([1.2570001], []), false, 'tensor(1.2570, dtype=torch.float64)'],
    [f32([1, 2.5, 3, 4], [2, 2]), true, 'tensor([[1.0000, 2.5000],\n        [3.0000, 4.0000]])'],
    [f32([]), true, 'tensor([])'],
    [f32([], [0, 3]), true, 'tensor([], size=(0, 3))'],
  ];
  for (const [tensor, float32, expected] of cases) assert.equal(torchRepr(tensor, float32), expected);
  assert.equal(
    torchRepr(f32(sevenths(40)), true),
    'tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n' +
      '        1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n' +
      '        2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n' +
      '        3.8571, 4.0000, 4.1429, 4.2857, 4.4286, 4.5714, 4.7143, 4.8571, 5.0000,\n' +
      '        5.1429, 5.2857, 5.4286, 5.5714])',
  );
  // torch.arange(2000.): more than 1000 elements print as the first and last three.
  assert.equal(
    torchRepr(f32(Array.from({ length: 2000 }, (_, i) => i)), true),
    'tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])',
  );
});

test('NumPy str and array2string: shortest digits, aligned, scientific, non-finite, wrapped at 75', () => {
  const cases: Array<[Tensor, boolean, string, string]> = [
    [f32([1.2570001], []), true, '1.2570001', '1.2570001'],
    [f32([3], []), true, '3.0', '3.'],
    [f32([1e-5], []), true, '1e-05', '1.e-05'],
    [f32([1.5, 2.25, 3]), true, '[1.5  2.25 3.  ]', '[1.5 , 2.25, 3.  ]'],
    [f32([0.235, 1.496]), true, '[0.235 1.496]', '[0.235, 1.496]'],
    [f32([1e-5, 1000]), true, '[1.e-05 1.e+03]', '[1.e-05, 1.e+03]'],
    [f32([1e9, 1]), true, '[1.e+09 1.e+00]', '[1.e+09, 1.e+00]'],
    [f32([1, 2.5, 3, 4], [2, 2]), true, '[[1.  2.5]\n [3.  4. ]]', '[[1. , 2.5],\n [3. , 4. ]]'],
    [f32([NaN, -Infinity, 0]), true, '[ nan -inf   0.]', '[ nan, -inf,   0.]'],
    [f32([-0.5, 1.25]), true, '[-0.5   1.25]', '[-0.5 ,  1.25]'],
    // float64: the scalar str is Python's repr; arrays keep at most 8 decimals.
    [f64([0.1 + 0.2], []), false, '0.30000000000000004', '0.3'],
    [f64([0.1 + 0.2, 1]), false, '[0.3 1. ]', '[0.3, 1. ]'],
  ];
  for (const [tensor, float32, str, array2string] of cases) {
    assert.equal(numpyStr(tensor, float32), str);
    assert.equal(numpyArray2string(tensor, float32, ', '), array2string);
  }
  assert.equal(
    numpyStr(f32(sevenths(40)), true),
    '[0.         0.14285715 0.2857143  0.42857143 0.5714286  0.71428573\n' +
      ' 0.85714287 1.         1.1428572  1.2857143  1.4285715  1.5714285\n' +
      ' 1.7142857  1.8571428  2.         2.142857   2.2857144  2.4285715\n' +
      ' 2.5714285  2.7142856  2.857143   3.         3.142857   3.2857144\n' +
      ' 3.4285715  3.5714285  3.7142856  3.857143   4.         4.142857\n' +
      ' 4.285714   4.428571   4.571429   4.714286   4.857143   5.\n' +
      ' 5.142857   5.285714   5.428571   5.571429  ]',
  );
});

test('TensorFlow str and JAX repr wrap the NumPy text', () => {
  assert.equal(tensorflowStr(f32([1.257], []), true), 'tf.Tensor(1.257, shape=(), dtype=float32)');
  assert.equal(tensorflowStr(f32([0.235, 1.496]), true), 'tf.Tensor([0.235 1.496], shape=(2,), dtype=float32)');
  assert.equal(tensorflowStr(f32([1, 2.5, 3, 4], [2, 2]), true), 'tf.Tensor(\n[[1.  2.5]\n [3.  4. ]], shape=(2, 2), dtype=float32)');
  assert.equal(tensorflowStr(f64([0.5], []), false), 'tf.Tensor(0.5, shape=(), dtype=float64)');
  // np.array(3., float32) has array2string '3.', so JAX prints Array(3., dtype=float32).
  assert.equal(jaxRepr(f32([3], []), true), 'Array(3., dtype=float32)');
  assert.equal(jaxRepr(f32([0.235, 1.496]), true), 'Array([0.235, 1.496], dtype=float32)');
  // The NumPy 1.24.2 repr of the same array has the prefix 'array(' of equal length: the wrapping matches.
  assert.match(jaxRepr(f32(sevenths(40)), true), /^Array\(\[0\. {8}, 0\.14285715, 0\.2857143 , 0\.42857143, 0\.5714286 ,\n {7}0\.71428573,/);
});

test('TensorFlow.js toString: the same text as tfjs-core prints', async () => {
  await tf.setBackend('cpu');
  const cases: Tensor[] = [
    f32([1.2570001], []),
    f32([1.3994, 2.2303, 0.9398]),
    f32([1, 2, 3, 4.5], [2, 2]),
    f32([1e-5, 1000]),
    f32([NaN, -Infinity, 0]),
    f32(sevenths(40)),
    f32(
      Array.from({ length: 2 * 2 * 3 }, (_, i) => i / 3),
      [2, 2, 3],
    ),
    f32(
      Array.from({ length: 25 * 2 }, (_, i) => i / 9),
      [25, 2],
    ),
  ];
  for (const tensor of cases) {
    const real = tf.tensor(Array.from(tensor.data), [...tensor.shape], 'float32');
    assert.equal(tfjsString(tensor), real.toString());
    real.dispose();
  }
});

test("Python's rounding: the exact binary value, halves to even", () => {
  // '{:.4f}'.format(0.03125) == '0.0312'; '{:.2f}'.format(2.675) == '2.67' (2.675 is below the half in binary);
  // '{:.0f}'.format(2.5) == '2'; '{:.4e}'.format(99999.5) == '9.9999e+04' … '{:.4e}'.format(99999.9) == '1.0000e+05'.
  assert.equal(pythonFixed(0.03125, 4), '0.0312');
  assert.equal(pythonFixed(2.675, 2), '2.67');
  assert.equal(pythonFixed(2.5, 0), '2');
  assert.equal(pythonFixed(3.5, 0), '4');
  assert.equal(pythonFixed(-0, 4), '-0.0000');
  assert.equal(pythonFixed(0.00003, 4), '0.0000');
  assert.equal(pythonExponential(99999.9, 4), '1.0000e+05');
  assert.equal(pythonExponential(1e-300, 4), '1.0000e-300');
});

test('each framework has its printer', () => {
  const value = f32([1.257], []);
  assert.equal(frameworkPrint(value, printStyleOf('pytorch'), true), 'tensor(1.2570)');
  assert.equal(frameworkPrint(value, printStyleOf('torchvision'), true), 'tensor(1.2570)');
  assert.equal(frameworkPrint(value, printStyleOf('tensorflow'), true), 'tf.Tensor(1.257, shape=(), dtype=float32)');
  assert.equal(frameworkPrint(value, printStyleOf('keras'), true), '1.257');
  assert.equal(frameworkPrint(value, printStyleOf('optax'), true), 'Array(1.257, dtype=float32)');
  assert.equal(frameworkPrint(value, printStyleOf('tfjs'), true), `Tensor\n    ${Math.fround(1.257)}`);
});

test('numpyLegacyStr prints as NumPy < 1.14 did: the source article’s TF 1.x output, character for character', () => {
  // The article's printed output (../shared/seed/README.md), of float32 values.
  const f32 = (values: number[], shape: number[]): Tensor => ({ shape, data: Float64Array.from(values, Math.fround) });
  assert.equal(
    numpyLegacyStr(f32([1.0798527, 0.34328249, 0.84435523, 0.89968193, 0.7914722, 0.40115389, 0.47748795, 0.84435523, 0.89968193], [3, 3])),
    '[[ 1.0798527   0.34328249  0.84435523]\n [ 0.89968193  0.7914722   0.40115389]\n [ 0.47748795  0.84435523  0.89968193]]',
  );
  assert.equal(numpyLegacyStr(f32([0.69967604, 0.74342006, 0.93983102], [3])), '[ 0.69967604  0.74342006  0.93983102]');
  assert.equal(numpyLegacyStr(f32([0, 1, 0, 0, 0, 1, 1, 0, 0], [3, 3])), '[[ 0.  1.  0.]\n [ 0.  0.  1.]\n [ 1.  0.  0.]]');
  assert.equal(numpyLegacyStr(f32([0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3], [3])), '[ 0.03333334  0.93333334  0.03333334]');
  // That version switched to scientific notation for these; the legacy print is not attempted.
  assert.equal(numpyLegacyStr(f32([1e-5, 1], [2])), undefined);
});
