// How the reader resolves a loss call's arguments, each case a small inline source. Expected
// numbers come from PyTorch 1.13 runs (/usr/bin/python3, torch 1.13.0a0; the exact line and its
// printed output are in a comment by each), or from a derivation written beside them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, assertClose, lossOf, resultOf, unresolvedReason } from './helpers';

const TORCH = `import torch
import torch.nn.functional as F
`;

/** torch 1.13: F.cross_entropy(torch.tensor([[1.0, 2.0]]), torch.tensor([0])) -> tensor(1.3133); .item() 1.31326162815094 */
const CE_12 = 1.31326162815094;

describe('names: the nearest assignment before the call', () => {
  it('a reassigned name reads its value at the call, not the first or a later one', () => {
    const analysis = analyse(`${TORCH}x = torch.tensor([[1.0, 2.0, 3.0]])
t = torch.tensor([0])
x = torch.tensor([[3.0, 2.0, 1.0]])
loss = F.cross_entropy(x, t)
x = torch.tensor([[0.0, 0.0, 0.0]])
`);
    // torch 1.13: F.cross_entropy(torch.tensor([[3.0, 2.0, 1.0]]), torch.tensor([0])) -> tensor(0.4076); .item() 0.40760594606399536
    assertClose(lossOf(analysis, 'F.cross_entropy(').data, [0.40760594606399536], 1e-7, 'loss');
  });

  it('`labels = tf.one_hot(labels, 3)` reads the previous `labels`', () => {
    const analysis = analyse(`import tensorflow as tf
labels = tf.constant([1, 2, 0])
labels = tf.one_hot(labels, 3)
logits = tf.constant([[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]])
loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
`);
    const { data, shape } = lossOf(analysis, 'tf.nn.softmax_cross_entropy_with_logits(');
    assert.deepEqual(shape, [3]);
    // The article's printed softmax cross-entropy (seed README) for these logits and labels.
    assertClose(data, [0.69967604, 0.74342006, 0.93983102], 1e-7, 'loss');
  });

  it('a name shadowed inside a function reads the function’s own assignment there, the module’s outside', () => {
    const analysis = analyse(`${TORCH}x = torch.tensor([[1.0, 2.0]])
t = torch.tensor([0])
def inner():
    x = torch.tensor([[3.0, 2.0, 1.0]])
    return F.cross_entropy(x, t)
outer = F.cross_entropy(x, t)
`);
    // torch 1.13 as above: 0.40760594606399536 for [[3, 2, 1]], 1.31326162815094 for [[1, 2]].
    assertClose(lossOf(analysis, 'F.cross_entropy(x, t)\nouter').data, [0.40760594606399536], 1e-7, 'inside');
    assertClose(lossOf(analysis, 'F.cross_entropy(x, t)\n', 1).data, [CE_12], 1e-7, 'outside');
  });

  it('a name assigned only inside another function is unresolved, and the reason names that function', () => {
    const analysis = analyse(`${TORCH}def setup():
    x = torch.tensor([[1.0, 2.0]])
    return x
t = torch.tensor([0])
loss = F.cross_entropy(x, t)
`);
    const reason = unresolvedReason(analysis, 'F.cross_entropy(');
    assert.match(reason, /`x`/);
    assert.match(reason, /setup\(\)/);
  });

  it('a name used before its only assignment is unresolved', () => {
    const analysis = analyse(`${TORCH}t = torch.tensor([0])
loss = F.cross_entropy(x, t)
x = torch.tensor([[1.0, 2.0]])
`);
    assert.match(unresolvedReason(analysis, 'F.cross_entropy('), /`x` is not assigned before this line/);
  });

  it('the `if __name__ == "__main__":` block reads module names and its own', () => {
    const analysis = analyse(`${TORCH}t = torch.tensor([0])
if __name__ == "__main__":
    x = torch.tensor([[1.0, 2.0]])
    loss = F.cross_entropy(x, t)
`);
    assertClose(lossOf(analysis, 'F.cross_entropy(').data, [CE_12], 1e-7, 'loss');
  });
});

describe('loops and parameters', () => {
  it('a call inside a `for` loop using the loop variable is unresolved: loop variable', () => {
    const analysis = analyse(`${TORCH}t = torch.tensor([0])
for x in [torch.tensor([[1.0, 2.0]])]:
    loss = F.cross_entropy(x, t)
`);
    assert.match(unresolvedReason(analysis, 'F.cross_entropy('), /`x` is a loop variable/);
  });

  it('a call inside a `for` loop using names assigned before the loop resolves', () => {
    const analysis = analyse(`${TORCH}t = torch.tensor([0])
x = torch.tensor([[1.0, 2.0]])
for epoch in range(3):
    loss = F.cross_entropy(x, t)
`);
    assertClose(lossOf(analysis, 'F.cross_entropy(').data, [CE_12], 1e-7, 'loss');
  });

  it('a JavaScript for…of loop variable is unresolved too', () => {
    const analysis = analyse(
      `const tf = require('@tensorflow/tfjs');
const labels = tf.tensor1d([1, 0]);
for (const p of [tf.tensor1d([0.5, 0.5])]) {
  const loss = tf.losses.meanSquaredError(labels, p);
}
`,
      'javascript',
    );
    assert.match(unresolvedReason(analysis, 'tf.losses.meanSquaredError('), /`p` is a loop variable/);
  });

  it('a parameter read inside the function body directly is unresolved: parameter, even with a default', () => {
    const analysis = analyse(`${TORCH}def f(x, t=torch.tensor([0])):
    return F.cross_entropy(x, t)
`);
    assert.match(unresolvedReason(analysis, 'F.cross_entropy('), /`x` is a parameter of `f\(\)`/);
    const withDefault = analyse(`${TORCH}def f(t, x=torch.tensor([[1.0, 2.0]])):
    return F.cross_entropy(x, torch.tensor([0]))
`);
    assert.match(unresolvedReason(withDefault, 'F.cross_entropy('), /`x` is a parameter of `f\(\)`: its value comes from the caller/);
  });
});

describe('user functions', () => {
  it('a call of a user function applies its defaults, positional and keyword arguments', () => {
    const analysis = analyse(`${TORCH}def f(x, t=torch.tensor([0]), s=0.0):
    return F.cross_entropy(x, t, label_smoothing=s)
a = f(torch.tensor([[1.0, 2.0]]))
b = f(torch.tensor([[1.0, 2.0]]), s=0.1)
c = f(torch.tensor([[1.0, 2.0]]), torch.tensor([0]), 0.2)
`);
    const value = (needle: string) => {
      const result = resultOf(analysis, needle);
      assert.equal(result.status, 'value', result.status === 'unresolved' ? result.reason : result.status);
      return result.status === 'value' ? Array.from(result.value.tensor.data) : [];
    };
    assertClose(value('f(torch.tensor([[1.0, 2.0]]))'), [CE_12], 1e-7, 'defaults');
    // torch 1.13: F.cross_entropy(torch.tensor([[1.0, 2.0]]), torch.tensor([0]), label_smoothing=0.1) -> tensor(1.2633); .item() 1.2632615566253662
    assertClose(value('f(torch.tensor([[1.0, 2.0]]), s=0.1)'), [1.2632615566253662], 1e-7, 'keyword');
    // torch 1.13: F.cross_entropy(torch.tensor([[1.0, 2.0]]), torch.tensor([0]), label_smoothing=0.2) -> tensor(1.2133); .item() 1.2132617235183716
    assertClose(value('f(torch.tensor([[1.0, 2.0]]), torch.tensor([0]), 0.2)'), [1.2132617235183716], 1e-7, 'positional');
  });

  it('a user function building a tensor with arithmetic is followed into a loss call', () => {
    const analysis = analyse(`${TORCH}def scale(v, k=3):
    w = v * k
    return w + 0.1
loss = F.mse_loss(scale(torch.tensor([1.0, 2.0])), torch.tensor([3.0, 6.0]))
`);
    // torch 1.13: F.mse_loss(torch.tensor([1.0, 2.0]) * 3 + 0.1, torch.tensor([3.0, 6.0])) -> tensor(0.0100); .item() 0.00999998115003109
    // (float32: 3.1 and 6.1 are rounded, so the mean of squares is not exactly 0.01)
    assert.deepEqual(lossOf(analysis, 'F.mse_loss(').data, [0.00999998115003109]);
  });

  it('too many or unknown arguments to a user function are errors that say so', () => {
    const analysis = analyse(`import torch
def f(x):
    return x * 2
a = f(torch.tensor([1.0]), torch.tensor([2.0]))
b = f(y=torch.tensor([1.0]))
`);
    const a = resultOf(analysis, 'f(torch');
    assert.equal(a.status, 'error');
    assert.match(a.status === 'error' ? a.message : '', /f\(\) takes 1 arguments but 2 were given/);
    const b = resultOf(analysis, 'f(y=');
    assert.equal(b.status, 'error');
    assert.match(b.status === 'error' ? b.message : '', /f\(\) has no parameter y/);
  });

  it('a function with a loop or branch in its body is said to be not straight-line', () => {
    const analysis = analyse(`import torch
def f(x):
    for i in range(3):
        x = x * 2
    return x
y = f(torch.tensor([1.0]))
`);
    assert.match(unresolvedReason(analysis, 'f(torch'), /straight-line/);
  });

  it('recursion stops with a reason (no hang, no stack overflow)', () => {
    const analysis = analyse(`import torch
def f(x):
    return f(x)
y = f(torch.tensor([1.0]))
`);
    assert.match(unresolvedReason(analysis, 'f(torch'), /calls nest deeper than 16 levels/);
  });

  it('mutual recursion and deep (non-recursive) nesting stop with a reason', () => {
    const mutual = analyse(`import torch
def f(x):
    return g(x) + 1
def g(x):
    return f(x) * 2
y = f(torch.tensor([1.0]))
`);
    assert.match(unresolvedReason(mutual, 'f(torch'), /calls nest deeper/);
    // 40 functions, each calling the next: deeper than the limit of 16.
    const chain = Array.from({ length: 40 }, (_, i) => `def f${i}(x):\n    return ${i === 39 ? 'x' : `f${i + 1}(x)`} + 1\n`).join('');
    const deep = analyse(`import torch\n${chain}y = f0(torch.tensor([1.0]))\n`);
    assert.match(unresolvedReason(deep, 'f0(torch'), /calls nest deeper/);
  });

  it('exponential fan-out stops at the step budget', () => {
    // Each level calls the next twice: 2^15 calls at 15 levels, within the depth limit.
    const chain = Array.from({ length: 15 }, (_, i) => `def f${i}(x):\n    return ${i === 14 ? 'x' : `f${i + 1}(x) + f${i + 1}(x)`}\n`).join('');
    const analysis = analyse(`import torch\n${chain}y = f0(torch.tensor([1.0]))\n`);
    const started = Date.now();
    assert.match(unresolvedReason(analysis, 'f0(torch'), /stopped after 20000 evaluation steps/);
    assert.ok(Date.now() - started < 2000);
  });

  it('deeply nested expressions do not overflow the stack', () => {
    const nested = `${'('.repeat(200)}x${' + 1)'.repeat(200)}`;
    const analysis = analyse(`${TORCH}x = torch.tensor([1.0])\ny = ${nested}\nloss = F.mse_loss(y, x)\n`);
    // 200 additions of 1 to 1.0: 201 exactly in float32; the MSE against 1.0 is 200² = 40000 (400 levels of nesting, within MAX_SYNTAX_DEPTH).
    assert.deepEqual(lossOf(analysis, 'F.mse_loss(').data, [40000]);
  });
});

describe('what cannot be resolved is said plainly', () => {
  const reasonFor = (assignment: string, lossLine = 'loss = F.mse_loss(y, y)') =>
    unresolvedReason(analyse(`${TORCH}import numpy as np\n${assignment}\n${lossLine}\n`), lossLine.slice(7, 12));

  it('torch.randn: random numbers', () => {
    assert.match(reasonFor('y = torch.randn(3, 5)'), /torch\.randn\(\) draws random numbers at run time/);
  });

  it('np.random.rand and torch’s in-place .random_(): random numbers', () => {
    assert.match(reasonFor('y = np.random.rand(3)'), /np\.random\.rand\(\) draws random numbers/);
    assert.match(reasonFor('y = torch.empty(3).random_(5)'), /random_\(\) draws random numbers/);
  });

  it('np.load: reads a file', () => {
    assert.match(reasonFor('y = np.load("y.npy")'), /np\.load\(\) reads a file at run time/);
  });

  it('open(): reads at run time', () => {
    assert.match(reasonFor('y = open("y.txt")'), /`open\(\)` reads at run time/);
  });

  it('an unknown function, bare or in a module, is named', () => {
    assert.match(reasonFor('y = frobnicate([1.0, 2.0])'), /`frobnicate` is not assigned before this line/);
    assert.match(reasonFor('y = torch.frobnicate([1.0, 2.0])'), /`torch\.frobnicate\(\)` is not an operation Loss Lens follows/);
    assert.match(reasonFor('y = torch.tensor([1.0]).frobnicate()'), /`\.frobnicate\(\)` is not a tensor method Loss Lens follows/);
  });

  it('torch.empty without a fill: uninitialised memory', () => {
    assert.match(reasonFor('y = torch.empty(3)'), /torch\.empty\(\), whose values are uninitialised memory/);
  });

  it('the unresolved span points at the operation, not at the loss call', () => {
    const text = `${TORCH}y = torch.randn(3)\nloss = F.mse_loss(y, y)\n`;
    const result = resultOf(analyse(text), 'F.mse_loss(');
    assert.equal(result.status, 'unresolved');
    if (result.status === 'unresolved') assert.equal(text.slice(result.span.from, result.span.to), 'torch.randn(3)');
  });
});

describe('syntax errors elsewhere leave other calls resolvable', () => {
  const head = `${TORCH}x = torch.tensor([[1.0, 2.0]])\nt = torch.tensor([0])\n`;
  const call = 'loss = F.cross_entropy(x, t)\n';
  for (const broken of [
    'y = = 3\n',
    'def broken(:\n    pass\n',
    'if x\n    y = 1\n',
    'z = x +\n',
    'y = 3 $ 4\n',
    'for in range(3):\n    pass\n',
    'y = [1, 2\n',
  ]) {
    for (const where of ['before', 'after'] as const) {
      it(`${JSON.stringify(broken.trim())} ${where} the call`, () => {
        const text = where === 'before' ? head + broken + call : head + call + broken;
        const analysis = analyse(text);
        assert.ok(analysis.source.program.syntaxErrors.length > 0, 'the parser saw the error');
        assertClose(lossOf(analysis, 'F.cross_entropy(').data, [CE_12], 1e-7, 'loss');
      });
    }
  }

  it('a syntax error in JavaScript elsewhere leaves a tfjs call resolvable', () => {
    const text = `const tf = require('@tensorflow/tfjs');
const a = tf.tensor1d([1, 0]);
const b = tf.tensor1d([0.5, 0.5]);
const broken = ;
const loss = tf.losses.meanSquaredError(a, b);
function (x {
`;
    const analysis = analyse(text, 'javascript');
    assert.ok(analysis.source.program.syntaxErrors.length > 0);
    // Derivation: ((1 − 0.5)² + (0 − 0.5)²) / 2 = 0.25.
    assert.deepEqual(lossOf(analysis, 'tf.losses.meanSquaredError(').data, [0.25]);
  });
});

describe('every import style the issue lists', () => {
  const X = 'torch.tensor([[1.0, 2.0]])';
  const T = 'torch.tensor([0])';
  // Python: [needle, source, catalogue id]; all compute CE_12 (torch 1.13, above) or, for the
  // mean squared error of [1, 0] against [0.5, 0.5], 0.25 (derivation: (0.25 + 0.25) / 2), or for
  // softmax cross-entropy of logits [1, 2] with the first class, log(1 + e) = 1.3132616875 (float32 1.3132616).
  const PYTHON: readonly [string, string, string, number][] = [
    [
      'import torch.nn.functional as F',
      `import torch\nimport torch.nn.functional as F\nloss = F.cross_entropy(${X}, ${T})\n`,
      'torch.nn.functional.cross_entropy',
      CE_12,
    ],
    [
      'from torch import nn (function)',
      `import torch\nfrom torch import nn\nloss = nn.functional.cross_entropy(${X}, ${T})\n`,
      'torch.nn.functional.cross_entropy',
      CE_12,
    ],
    ['from torch import nn (class)', `import torch\nfrom torch import nn\nloss = nn.CrossEntropyLoss()(${X}, ${T})\n`, 'torch.nn.CrossEntropyLoss', CE_12],
    [
      'import torch + torch.nn.functional.cross_entropy',
      `import torch\nloss = torch.nn.functional.cross_entropy(${X}, ${T})\n`,
      'torch.nn.functional.cross_entropy',
      CE_12,
    ],
    [
      'from torch.nn.functional import cross_entropy',
      `import torch\nfrom torch.nn.functional import cross_entropy\nloss = cross_entropy(${X}, ${T})\n`,
      'torch.nn.functional.cross_entropy',
      CE_12,
    ],
    [
      'from torch.nn import functional as F',
      `import torch\nfrom torch.nn import functional as F\nloss = F.cross_entropy(${X}, ${T})\n`,
      'torch.nn.functional.cross_entropy',
      CE_12,
    ],
    ['import torch.nn as nn', `import torch\nimport torch.nn as nn\nloss = nn.CrossEntropyLoss()(${X}, ${T})\n`, 'torch.nn.CrossEntropyLoss', CE_12],
    ['import keras', `import keras\nloss = keras.losses.mean_squared_error([1.0, 0.0], [0.5, 0.5])\n`, 'keras.losses.mean_squared_error', 0.25],
    ['from keras import losses', `from keras import losses\nloss = losses.MeanSquaredError()([1.0, 0.0], [0.5, 0.5])\n`, 'keras.losses.MeanSquaredError', 0.25],
    [
      'from keras.losses import MeanSquaredError',
      `from keras.losses import MeanSquaredError\nloss = MeanSquaredError()([1.0, 0.0], [0.5, 0.5])\n`,
      'keras.losses.MeanSquaredError',
      0.25,
    ],
    ['tf.keras.losses', `import tensorflow as tf\nloss = tf.keras.losses.MeanSquaredError()([1.0, 0.0], [0.5, 0.5])\n`, 'keras.losses.MeanSquaredError', 0.25],
    [
      'from tensorflow import keras',
      `from tensorflow import keras\nloss = keras.losses.MeanSquaredError()([1.0, 0.0], [0.5, 0.5])\n`,
      'keras.losses.MeanSquaredError',
      0.25,
    ],
    [
      'tf.nn',
      `import tensorflow as tf\nloss = tf.nn.softmax_cross_entropy_with_logits(labels=[[1.0, 0.0]], logits=[[1.0, 2.0]])\n`,
      'tf.nn.softmax_cross_entropy_with_logits',
      1.3132616,
    ],
    [
      'tf.compat.v1.losses',
      `import tensorflow as tf\nloss = tf.compat.v1.losses.softmax_cross_entropy([[1.0, 0.0]], [[1.0, 2.0]])\n`,
      'tf.compat.v1.losses.softmax_cross_entropy',
      1.3132616,
    ],
    // TF 2's tf.losses is Keras's losses module: its classes are Keras's.
    [
      'tf.losses (TF 2 alias of the Keras classes)',
      `import tensorflow as tf\nloss = tf.losses.MeanSquaredError()([1.0, 0.0], [0.5, 0.5])\n`,
      'keras.losses.MeanSquaredError',
      0.25,
    ],
    // TF 1's tf.losses functions (the article's era) are compat.v1's.
    [
      'tf.losses (TF 1 functions)',
      `import tensorflow as tf\nloss = tf.losses.softmax_cross_entropy([[1.0, 0.0]], [[1.0, 2.0]])\n`,
      'tf.compat.v1.losses.softmax_cross_entropy',
      1.3132616,
    ],
    [
      'import optax + import jax.numpy as jnp',
      `import optax\nimport jax.numpy as jnp\nloss = optax.softmax_cross_entropy(jnp.array([[1.0, 2.0]]), jnp.array([[1.0, 0.0]]))\n`,
      'optax.softmax_cross_entropy',
      1.3132616,
    ],
    [
      'optax.losses',
      `import optax\nimport jax.numpy as jnp\nloss = optax.losses.softmax_cross_entropy(jnp.array([[1.0, 2.0]]), jnp.array([[1.0, 0.0]]))\n`,
      'optax.softmax_cross_entropy',
      1.3132616,
    ],
  ];
  for (const [title, text, id, expected] of PYTHON) {
    it(title, () => {
      const analysis = analyse(text);
      const needle = text.slice(text.indexOf('loss = ') + 'loss = '.length);
      const { data, result } = lossOf(analysis, needle);
      assert.equal(result.site.entry?.id, id);
      assert.equal(result.evaluation.report.call, id);
      assertClose(data.length === 1 ? data : [NaN], [expected], 1e-7, title);
    });
  }

  // tfjs: the mean squared error of [1, 0] against [0.5, 0.5] is 0.25 (derivation above).
  const SCRIPT: readonly [string, string, 'javascript' | 'typescript'][] = [
    [
      "require('@tensorflow/tfjs')",
      `const tf = require('@tensorflow/tfjs');\nconst loss = tf.losses.meanSquaredError(tf.tensor1d([1, 0]), tf.tensor1d([0.5, 0.5]));\n`,
      'javascript',
    ],
    [
      "require('@tensorflow/tfjs-node')",
      `const tf = require('@tensorflow/tfjs-node');\nconst loss = tf.losses.meanSquaredError(tf.tensor1d([1, 0]), tf.tensor1d([0.5, 0.5]));\n`,
      'javascript',
    ],
    [
      "const {losses} = require('@tensorflow/tfjs')",
      `const tf = require('@tensorflow/tfjs');\nconst {losses} = require('@tensorflow/tfjs');\nconst loss = losses.meanSquaredError(tf.tensor1d([1, 0]), tf.tensor1d([0.5, 0.5]));\n`,
      'javascript',
    ],
    [
      'const {losses, tensor1d} = require(…)',
      `const {losses, tensor1d} = require('@tensorflow/tfjs');\nconst loss = losses.meanSquaredError(tensor1d([1, 0]), tensor1d([0.5, 0.5]));\n`,
      'javascript',
    ],
    [
      "import * as tf from '@tensorflow/tfjs'",
      `import * as tf from '@tensorflow/tfjs';\nconst loss = tf.losses.meanSquaredError(tf.tensor1d([1, 0]), tf.tensor1d([0.5, 0.5]));\n`,
      'javascript',
    ],
    [
      "import { losses, tensor1d as t1 } from '@tensorflow/tfjs'",
      `import { losses, tensor1d as t1 } from '@tensorflow/tfjs';\nconst loss = losses.meanSquaredError(t1([1, 0]), t1([0.5, 0.5]));\n`,
      'javascript',
    ],
    [
      'TypeScript: annotations, `as`, `!` and `<T>` casts',
      `import * as tf from '@tensorflow/tfjs';\nconst a: tf.Tensor1D = tf.tensor1d([1, 0]);\nconst b = tf.tensor1d([0.5, 0.5]) as tf.Tensor1D;\nconst c = <tf.Tensor1D>b!;\nconst loss: tf.Scalar = tf.losses.meanSquaredError(a, c) as tf.Scalar;\n`,
      'typescript',
    ],
    [
      'TypeScript: a typed function with a default',
      `import * as tf from '@tensorflow/tfjs';\nfunction f(x: number, y: number = 0.5): tf.Tensor {\n  return tf.tensor1d([x, y]);\n}\nconst loss = tf.losses.meanSquaredError(tf.tensor1d([1, 0]), f(0.5));\n`,
      'typescript',
    ],
  ];
  for (const [title, text, language] of SCRIPT) {
    it(title, () => {
      const analysis = analyse(text, language);
      const needle = text.slice(text.indexOf('const loss') + text.slice(text.indexOf('const loss')).indexOf('= ') + 2);
      const { data, result } = lossOf(analysis, needle);
      assert.equal(result.site.entry?.id, 'tf.losses.meanSquaredError');
      assert.deepEqual(data, [0.25]);
    });
  }

  it('a name that is not imported is not a loss call', () => {
    const analysis = analyse(`loss = F.cross_entropy([[1.0, 2.0]], [0])\n`);
    assert.equal(analysis.sites().length, 0);
  });
});

describe('loss objects built, then called', () => {
  it('`criterion = nn.CrossEntropyLoss(reduction="sum")` then `criterion(x, t)`', () => {
    const analysis = analyse(`import torch
from torch import nn
criterion = nn.CrossEntropyLoss(reduction="sum")
x = torch.tensor([[1.0, 2.0], [0.5, 0.1]])
t = torch.tensor([0, 1])
loss = criterion(x, t)
`);
    const { data, result } = lossOf(analysis, 'criterion(x, t)');
    assert.equal(result.site.entry?.id, 'torch.nn.CrossEntropyLoss');
    // torch 1.13: nn.CrossEntropyLoss(reduction='sum')(torch.tensor([[1.0, 2.0], [0.5, 0.1]]), torch.tensor([0, 1])) -> tensor(2.2263); .item() 2.2262768745422363
    assertClose(data, [2.2262768745422363], 1e-7, 'loss');
    assert.equal(result.evaluation.report.arguments.find((a) => a.name === 'reduction')?.text, "'sum'");
    assert.equal(result.evaluation.report.arguments.find((a) => a.name === 'reduction')?.source, 'given');
    // The constructor call is kept, for fixes that edit it.
    assert.equal(
      analysis.text.slice(result.evaluation.constructorCall!.span.from, result.evaluation.constructorCall!.span.to),
      'nn.CrossEntropyLoss(reduction="sum")',
    );
  });

  it('`keras.losses.BinaryCrossentropy(from_logits=True)(y_true, y_pred)` inline', () => {
    const analysis = analyse(`import keras\nloss = keras.losses.BinaryCrossentropy(from_logits=True)([0.0, 1.0], [-1.0, 2.0])\n`);
    const { data, result } = lossOf(analysis, 'keras.losses.BinaryCrossentropy(');
    assert.equal(result.site.entry?.id, 'keras.losses.BinaryCrossentropy');
    // Derivation: per element max(x, 0) − x·z + log(1 + e^−|x|): log1p(e^−1) = 0.3132617 and
    // 2 − 2 + log1p(e^−2) = 0.1269280; their mean 0.2200948.
    assertClose(data, [(Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(-2))) / 2], 1e-6, 'loss');
  });

  it('a reassigned loss object: the call uses the nearest construction', () => {
    const analysis = analyse(`import torch
from torch import nn
criterion = nn.MSELoss(reduction="sum")
criterion = nn.MSELoss()
loss = criterion(torch.tensor([1.0, 0.0]), torch.tensor([0.5, 0.5]))
`);
    // Derivation: the mean, not the sum: ((0.5)² + (0.5)²) / 2 = 0.25.
    assert.deepEqual(lossOf(analysis, 'criterion(torch').data, [0.25]);
  });
});

describe('defaults applied', () => {
  it('PyTorch: a target of -100 is ignored by default (ignore_index=-100)', () => {
    const analysis = analyse(`${TORCH}x = torch.tensor([[1.0, 2.0], [0.5, 0.1], [3.0, 1.0]])
t = torch.tensor([0, -100, 1])
loss = F.cross_entropy(x, t)
`);
    const { data, result } = lossOf(analysis, 'F.cross_entropy(');
    // torch 1.13: F.cross_entropy(torch.tensor([[1.0, 2.0], [0.5, 0.1], [3.0, 1.0]]), torch.tensor([0, -100, 1])) -> tensor(1.7201); .item() 1.720094919204712
    assertClose(data, [1.720094919204712], 1e-7, 'loss');
    assert.deepEqual(
      result.evaluation.report.arguments.find((a) => a.name === 'ignore_index'),
      { name: 'ignore_index', text: '-100', source: 'default' },
    );
    assert.equal(result.evaluation.report.reduction?.denominator, 2);
  });

  it('Keras: from_logits=False by default (the predictions are probabilities)', () => {
    const analysis = analyse(`import keras\nloss = keras.losses.BinaryCrossentropy()([0.0, 1.0], [0.2, 0.9])\n`);
    const { data, result } = lossOf(analysis, 'keras.losses.BinaryCrossentropy(');
    assert.deepEqual(
      result.evaluation.report.arguments.find((a) => a.name === 'from_logits'),
      { name: 'from_logits', text: 'False', source: 'default' },
    );
    // Derivation: −(log(1 − 0.2) + log 0.9) / 2 = (0.2231436 + 0.1053605) / 2 = 0.1642520 (float32).
    assertClose(data, [-(Math.log(0.8) + Math.log(0.9)) / 2], 1e-6, 'loss');
    // The origins say which arguments came from the code and which are defaults.
    const origins = new Map(result.evaluation.origins.map((o) => [o.parameter, o.source]));
    assert.equal(origins.get('y_true'), 'code');
    assert.equal(origins.get('from_logits'), 'default');
  });

  it('JavaScript: `undefined` as a positional argument is the default, later arguments keep their places', () => {
    const analysis = analyse(
      `const tf = require('@tensorflow/tfjs');
const a = tf.tensor1d([1, 0]);
const b = tf.tensor1d([0.5, 0.5]);
const summed = tf.losses.meanSquaredError(a, b, undefined, tf.Reduction.SUM);
const smoothed = tf.losses.softmaxCrossEntropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[1, 2]]), undefined, 0.1);
`,
      'javascript',
    );
    // Derivation: weights default (1), reduction SUM: 0.25 + 0.25 = 0.5.
    assert.deepEqual(lossOf(analysis, 'tf.losses.meanSquaredError(').data, [0.5]);
    // Derivation: labels smoothed to [0.95, 0.05]; −0.95·log softmax₀ − 0.05·log softmax₁ =
    // 0.95·1.3132617 + 0.05·0.3132617 = 1.2632617 (the same as torch's label_smoothing=0.1 for 2 classes).
    assertClose(lossOf(analysis, 'tf.losses.softmaxCrossEntropy(').data, [1.2632615566253662], 1e-6, 'smoothed');
  });
});

describe('dtypes', () => {
  it('float64 torch tensors compute in float64', () => {
    const analysis = analyse(`${TORCH}x = torch.tensor([[1.0, 2.0, 0.5]], dtype=torch.float64)
t = torch.tensor([0])
loss = F.cross_entropy(x, t)
single = F.cross_entropy(torch.tensor([[1.0, 2.0, 0.5]]), t)
`);
    const double = lossOf(analysis, 'F.cross_entropy(x');
    assert.equal(double.result.evaluation.report.float32, false);
    // torch 1.13: F.cross_entropy(torch.tensor([[1.0, 2.0, 0.5]], dtype=torch.float64), torch.tensor([0])) -> tensor(1.4644, dtype=torch.float64); .item() 1.464368784107945
    assertClose(double.data, [1.464368784107945], 1e-14, 'float64');
    assert.match(double.result.printed, /dtype=torch\.float64/);
    const single = lossOf(analysis, 'F.cross_entropy(torch');
    assert.equal(single.result.evaluation.report.float32, true);
    // torch 1.13: F.cross_entropy(torch.tensor([[1.0, 2.0, 0.5]]), torch.tensor([0])) -> tensor(1.4644); .item() 1.4643688201904297
    assert.deepEqual(single.data, [1.4643688201904297]);
  });

  it('np.array is float64 and keeps it through torch.from_numpy; torch.tensor is float32', () => {
    const analysis = analyse(`${TORCH}import numpy as np
a = np.array([[1.0, 2.0, 0.5]])
t = torch.tensor([0])
loss = F.cross_entropy(torch.from_numpy(a), t)
cast = F.cross_entropy(torch.tensor([[1.0, 2.0, 0.5]]).double(), t)
`);
    // torch 1.13: F.cross_entropy(torch.from_numpy(np.array([[1.0, 2.0, 0.5]])), torch.tensor([0])) -> tensor(1.4644, dtype=torch.float64); .item() 1.464368784107945
    const fromNumpy = lossOf(analysis, 'F.cross_entropy(torch.from_numpy');
    assert.equal(fromNumpy.result.evaluation.report.float32, false);
    assertClose(fromNumpy.data, [1.464368784107945], 1e-14, 'from numpy');
    const cast = lossOf(analysis, 'F.cross_entropy(torch.tensor');
    assert.equal(cast.result.evaluation.report.float32, false);
    assertClose(cast.data, [1.464368784107945], 1e-14, '.double()');
    const values = analysis.valueAt(analysis.source.program.statements[3].kind === 'assign' ? analysis.source.program.statements[3].value : assert.fail());
    assert.equal(values.kind === 'tensor' ? values.dtype : values.kind, 'float64');
  });

  it('float64 BCE with logits in torch keeps float64', () => {
    const analysis = analyse(`${TORCH}loss = F.binary_cross_entropy_with_logits(torch.tensor([0.5, -1.0]).double(), torch.tensor([1.0, 0.0]).double())\n`);
    const { data, result } = lossOf(analysis, 'F.binary');
    assert.equal(result.evaluation.report.float32, false);
    // torch 1.13: F.binary_cross_entropy_with_logits(torch.tensor([0.5, -1.0]).double(), torch.tensor([1.0, 0.0]).double()) -> tensor(0.3937, dtype=torch.float64); .item() 0.39366933584916475
    assertClose(data, [0.39366933584916475], 1e-14, 'loss');
  });

  it('Keras computes in float32 even for np.array (float64) inputs', () => {
    const analysis = analyse(`import keras\nimport numpy as np\nloss = keras.losses.BinaryCrossentropy()(np.array([0.0, 1.0]), np.array([0.2, 0.9]))\n`);
    const { data, result } = lossOf(analysis, 'keras.losses');
    assert.equal(result.evaluation.report.float32, true);
    assert.equal(data[0], Math.fround(data[0]));
  });
});
