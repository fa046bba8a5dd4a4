// The problems analysis.ts reports for loss calls, each with its code, where it points, and (where
// the fix is certain) the edit, applied to the text and compared with the source it should give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeProblem } from '../../../src/code/analysis';
import { analyse, applyEdits } from './helpers';

const TORCH = `import torch
import torch.nn.functional as F
`;

function problemsOf(text: string, language: 'python' | 'javascript' = 'python'): readonly CodeProblem[] {
  return analyse(text, language).problems();
}

function only(text: string, code: string): CodeProblem {
  const problems = problemsOf(text);
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `${code} in ${JSON.stringify(problems.map((p) => `${p.code}: ${p.message}`))}`);
  return found[0];
}

function spanText(text: string, problem: CodeProblem): string {
  return text.slice(problem.span.from, problem.span.to);
}

function fixed(text: string, problem: CodeProblem): string {
  assert.ok(problem.fix, `${problem.code} has a fix`);
  return applyEdits(text, problem.fix.edits);
}

describe('activation-applied-twice', () => {
  it('softmax inline in F.cross_entropy: the fix replaces the softmax call with its input', () => {
    const text = `${TORCH}x = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(F.softmax(x, dim=1), torch.tensor([0]))\n`;
    const problem = only(text, 'activation-applied-twice');
    assert.equal(problem.severity, 'warning');
    assert.equal(spanText(text, problem), 'F.softmax(x, dim=1)');
    assert.match(problem.message, /output of softmax \(line 4\)/);
    assert.equal(fixed(text, problem), `${TORCH}x = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(x, torch.tensor([0]))\n`);
  });

  it('the method form `x.softmax(dim=1)` is fixed to `x`', () => {
    const text = `${TORCH}x = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(x.softmax(dim=1), torch.tensor([0]))\n`;
    const problem = only(text, 'activation-applied-twice');
    assert.equal(fixed(text, problem), `${TORCH}x = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(x, torch.tensor([0]))\n`);
  });

  it('a softmax output passed by name is flagged without a fix (the name may be used elsewhere)', () => {
    const text = `${TORCH}x = torch.tensor([[1.0, 2.0]])\np = torch.softmax(x, dim=1)\nloss = F.cross_entropy(p, torch.tensor([0]))\n`;
    const problem = only(text, 'activation-applied-twice');
    assert.equal(spanText(text, problem), 'p');
    assert.match(problem.message, /line 4/);
    assert.equal(problem.fix, undefined);
  });

  it('sigmoid into binary_cross_entropy_with_logits, and softmax into Keras with from_logits=True', () => {
    const bce = `${TORCH}x = torch.tensor([1.0, -2.0])\nloss = F.binary_cross_entropy_with_logits(torch.sigmoid(x), torch.tensor([1.0, 0.0]))\n`;
    const sigmoid = only(bce, 'activation-applied-twice');
    assert.match(sigmoid.message, /applies the sigmoid itself/);
    assert.equal(fixed(bce, sigmoid), `${TORCH}x = torch.tensor([1.0, -2.0])\nloss = F.binary_cross_entropy_with_logits(x, torch.tensor([1.0, 0.0]))\n`);
    const keras = `import keras\nimport tensorflow as tf\nx = tf.constant([[1.0, 2.0]])\nloss = keras.losses.CategoricalCrossentropy(from_logits=True)([[1.0, 0.0]], tf.nn.softmax(x))\n`;
    const softmax = only(keras, 'activation-applied-twice');
    assert.equal(spanText(keras, softmax), 'tf.nn.softmax(x)');
    assert.ok(fixed(keras, softmax).endsWith('(from_logits=True)([[1.0, 0.0]], x)\n'));
  });

  it('softmax into a loss that takes probabilities (F.nll_loss of log_softmax, Keras default) is not flagged', () => {
    assert.deepEqual(problemsOf(`${TORCH}x = torch.tensor([[1.0, 2.0]])\nloss = F.nll_loss(F.log_softmax(x, dim=1), torch.tensor([0]))\n`), []);
    assert.deepEqual(
      problemsOf(
        `import keras\nimport tensorflow as tf\nloss = keras.losses.CategoricalCrossentropy()([[1.0, 0.0]], tf.nn.softmax(tf.constant([[1.0, 2.0]])))\n`,
      ),
      [],
    );
  });
});

describe('logits-with-from-logits-false (Keras)', () => {
  it('a constructor without arguments: the fix adds from_logits=True; the message shows both values', () => {
    const text = `import keras\nloss = keras.losses.BinaryCrossentropy()([0.0, 1.0], [-1.0, 2.0])\n`;
    const problem = only(text, 'logits-with-from-logits-false');
    assert.equal(spanText(text, problem), '[-1.0, 2.0]');
    // Derivation: clipped to [1e-7, 1 − 1e-7], both elements cost −log(1 − 1e-7); in float32 1 − 1e-7
    // is 1 − 2⁻²³ = 0.99999988, so each costs 2⁻²³ = 1.1921e-7, and so does their mean. From logits
    // the call returns 0.2200948 (derivation in resolution.test.ts).
    assert.match(problem.message, /returns 1\.1921e-7; with from_logits=True it returns 0\.22009/);
    assert.equal(fixed(text, problem), `import keras\nloss = keras.losses.BinaryCrossentropy(from_logits=True)([0.0, 1.0], [-1.0, 2.0])\n`);
  });

  it('a constructor with arguments, built then called: the fix appends from_logits=True to the constructor', () => {
    const text = `import keras\nbce = keras.losses.BinaryCrossentropy(label_smoothing=0.1)\nloss = bce([0.0, 1.0], [-1.0, 2.0])\n`;
    const problem = only(text, 'logits-with-from-logits-false');
    assert.match(problem.message, /with from_logits=True it returns/);
    assert.equal(
      fixed(text, problem),
      `import keras\nbce = keras.losses.BinaryCrossentropy(label_smoothing=0.1, from_logits=True)\nloss = bce([0.0, 1.0], [-1.0, 2.0])\n`,
    );
  });

  it('a trailing comma and a multi-line constructor keep their layout', () => {
    const text = `import keras\nbce = keras.losses.BinaryCrossentropy(\n    label_smoothing=0.1,\n)\nloss = bce([0.0, 1.0], [-1.0, 2.0])\n`;
    const problem = only(text, 'logits-with-from-logits-false');
    assert.equal(
      fixed(text, problem),
      `import keras\nbce = keras.losses.BinaryCrossentropy(\n    label_smoothing=0.1, from_logits=True\n)\nloss = bce([0.0, 1.0], [-1.0, 2.0])\n`,
    );
  });

  it('the function form: the fix adds the keyword to the call itself', () => {
    const text = `import keras\nloss = keras.losses.binary_crossentropy([0.0, 1.0], [-1.0, 2.0])\n`;
    const problem = only(text, 'logits-with-from-logits-false');
    assert.equal(fixed(text, problem), `import keras\nloss = keras.losses.binary_crossentropy([0.0, 1.0], [-1.0, 2.0], from_logits=True)\n`);
  });

  it('an explicit from_logits=False: the fix changes it rather than repeating the keyword', () => {
    const text = `import keras\nloss = keras.losses.BinaryCrossentropy(from_logits=False)([0.0, 1.0], [-1.0, 2.0])\n`;
    const problem = only(text, 'logits-with-from-logits-false');
    assert.equal(fixed(text, problem), `import keras\nloss = keras.losses.BinaryCrossentropy(from_logits=True)([0.0, 1.0], [-1.0, 2.0])\n`);
  });

  it('probabilities, or from_logits=True, are not flagged', () => {
    assert.deepEqual(problemsOf(`import keras\nloss = keras.losses.BinaryCrossentropy()([0.0, 1.0], [0.2, 0.9])\n`), []);
    assert.deepEqual(problemsOf(`import keras\nloss = keras.losses.BinaryCrossentropy(from_logits=True)([0.0, 1.0], [-1.0, 2.0])\n`), []);
  });
});

describe('one-hot labels to a sparse loss, class indices to a one-hot loss', () => {
  it('one-hot rows to SparseCategoricalCrossentropy: rename to CategoricalCrossentropy', () => {
    const text = `import keras\nimport numpy as np\nloss = keras.losses.SparseCategoricalCrossentropy()(np.array([[0, 1, 0], [0, 0, 1]]), np.array([[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]))\n`;
    const problem = only(text, 'one-hot-labels-to-sparse-loss');
    assert.equal(problem.severity, 'error');
    assert.equal(spanText(text, problem), 'np.array([[0, 1, 0], [0, 0, 1]])');
    assert.match(problem.message, /one-hot rows of 3 classes/);
    assert.equal(fixed(text, problem), text.replace('SparseCategoricalCrossentropy', 'CategoricalCrossentropy'));
  });

  it('one-hot rows to tf.nn.sparse_softmax_cross_entropy_with_logits: rename to the dense one', () => {
    const text = `import tensorflow as tf\nloss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[[0, 1, 0], [0, 0, 1]], logits=[[0.5, 1.0, 2.0], [0.1, 0.2, 0.3]])\n`;
    const problem = only(text, 'one-hot-labels-to-sparse-loss');
    assert.equal(fixed(text, problem), text.replace('sparse_softmax_cross_entropy_with_logits', 'softmax_cross_entropy_with_logits'));
  });

  it('class indices to tf.nn.softmax_cross_entropy_with_logits: rename to the sparse one', () => {
    const text = `import tensorflow as tf\nloss = tf.nn.softmax_cross_entropy_with_logits(labels=[1, 2], logits=[[0.5, 1.0, 2.0], [0.1, 0.2, 0.3]])\n`;
    const problem = only(text, 'class-indices-to-one-hot-loss');
    assert.equal(spanText(text, problem), '[1, 2]');
    assert.match(problem.message, /class indices \(shape \[2\]\)/);
    assert.equal(fixed(text, problem), text.replace('softmax_cross_entropy_with_logits', 'sparse_softmax_cross_entropy_with_logits'));
  });

  it('class indices to optax.softmax_cross_entropy: rename to the integer-label one', () => {
    const text = `import optax\nimport jax.numpy as jnp\nloss = optax.softmax_cross_entropy(jnp.array([[0.5, 1.0, 2.0], [0.1, 0.2, 0.3]]), jnp.array([1, 2]))\n`;
    const problem = only(text, 'class-indices-to-one-hot-loss');
    assert.equal(fixed(text, problem), text.replace('optax.softmax_cross_entropy(', 'optax.softmax_cross_entropy_with_integer_labels('));
  });

  it('class indices to a built CategoricalCrossentropy object: rename the constructor', () => {
    const text = `import keras\nimport numpy as np\ncce = keras.losses.CategoricalCrossentropy()\nloss = cce(np.array([1, 2]), np.array([[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]))\n`;
    const problem = only(text, 'class-indices-to-one-hot-loss');
    assert.equal(fixed(text, problem), text.replace('CategoricalCrossentropy', 'SparseCategoricalCrossentropy'));
  });

  it('a built object: the problem is still found (without a fix)', () => {
    const text = `import keras\nimport numpy as np\ncce = keras.losses.CategoricalCrossentropy()\nloss = cce(np.array([1, 2]), np.array([[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]))\n`;
    const problem = only(text, 'class-indices-to-one-hot-loss');
    assert.equal(spanText(text, problem), 'np.array([1, 2])');
  });

  it('matching labels are not flagged', () => {
    assert.deepEqual(
      problemsOf(`import tensorflow as tf\nloss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[1, 2], logits=[[0.5, 1.0, 2.0], [0.1, 0.2, 0.3]])\n`),
      [],
    );
  });
});

describe('invalid-argument and invalid-value', () => {
  it('label_smoothing=1.5 is reported at the argument', () => {
    const text = `${TORCH}loss = F.cross_entropy(torch.tensor([[1.0, 2.0, 3.0]]), torch.tensor([0]), label_smoothing=1.5)\n`;
    const problem = only(text, 'invalid-argument');
    assert.equal(problem.severity, 'error');
    assert.equal(spanText(text, problem), '1.5');
    assert.match(problem.message, /label_smoothing must be in \[0, 1\]; got 1\.5/);
  });

  it('a class index 5 with K = 3 is reported at that element of the literal, also when it is assigned elsewhere', () => {
    const inline = `${TORCH}loss = F.cross_entropy(torch.tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), torch.tensor([0, 5]))\n`;
    const problem = only(inline, 'invalid-value');
    assert.equal(problem.span.from, inline.indexOf('5]))'));
    assert.equal(spanText(inline, problem), '5');
    assert.match(problem.message, /target\[1\] = 5 is out of bounds/);
    const named = `${TORCH}t = torch.tensor([0, 5])\nloss = F.cross_entropy(torch.tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), t)\n`;
    const far = only(named, 'invalid-value');
    assert.equal(far.span.from, named.indexOf('5])'));
  });

  it('a negative class index other than ignore_index is reported; -100 is not', () => {
    const text = `${TORCH}loss = F.cross_entropy(torch.tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), torch.tensor([0, -1]))\n`;
    assert.equal(spanText(text, only(text, 'invalid-value')), '-1');
    assert.deepEqual(problemsOf(`${TORCH}loss = F.cross_entropy(torch.tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), torch.tensor([0, -100]))\n`), []);
  });
});

describe('shapes that do not broadcast', () => {
  it('in a loss call: reported at the argument', () => {
    const text = `${TORCH}loss = F.mse_loss(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.0]))\n`;
    const problem = only(text, 'invalid-argument');
    assert.equal(spanText(text, problem), 'torch.tensor([1.0, 2.0])');
    assert.match(problem.message, /does not broadcast/);
  });

  it('in arithmetic before the call: reported at the operation', () => {
    const text = `${TORCH}a = torch.tensor([1.0, 2.0, 3.0]) + torch.tensor([1.0, 2.0])\nloss = F.mse_loss(a, a)\n`;
    const problem = only(text, 'shapes');
    assert.equal(spanText(text, problem), 'torch.tensor([1.0, 2.0, 3.0]) + torch.tensor([1.0, 2.0])');
    assert.match(problem.message, /shapes \[3\] and \[2\] do not broadcast/);
  });

  it('Keras’s same-shape rule is reported too', () => {
    const text = `import keras\nloss = keras.losses.mean_squared_error([[1.0, 2.0, 3.0]], [[1.0, 2.0]])\n`;
    assert.match(only(text, 'invalid-argument').message, /must have the same shape/);
  });
});

describe('every problem has a span inside the text and a fix whose edits stay inside it', () => {
  it('over the cases above', () => {
    const texts = [
      `${TORCH}x = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(F.softmax(x, dim=1), torch.tensor([0]))\n`,
      `import keras\nloss = keras.losses.BinaryCrossentropy()([0.0, 1.0], [-1.0, 2.0])\n`,
      `import tensorflow as tf\nloss = tf.nn.softmax_cross_entropy_with_logits(labels=[1, 2], logits=[[0.5, 1.0, 2.0], [0.1, 0.2, 0.3]])\n`,
    ];
    for (const text of texts) {
      for (const problem of problemsOf(text)) {
        assert.ok(problem.span.from >= 0 && problem.span.to <= text.length && problem.span.from <= problem.span.to);
        for (const edit of problem.fix?.edits ?? []) assert.ok(edit.span.from >= 0 && edit.span.to <= text.length);
        // A fixed source has no problem of the same code.
        if (problem.fix) assert.ok(!problemsOf(fixed(text, problem)).some((p) => p.code === problem.code), `${problem.code} after its fix`);
      }
    }
  });
});
