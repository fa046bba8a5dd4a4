import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asComment, commentStyle } from '../../../src/vscode/comment-syntax';

test('line comments follow the language', () => {
  assert.deepEqual(commentStyle('python'), { line: '# ' });
  assert.deepEqual(commentStyle('typescript'), { line: '// ' });
  assert.deepEqual(commentStyle('jsonc'), { line: '// ' });
  assert.equal(commentStyle('json'), undefined);
  assert.deepEqual(asComment(['softmax', '  0  0.3'], { line: '# ' }, '    '), ['    # softmax', '    #   0  0.3']);
});

test('markdown gets one HTML comment that no table can close early', () => {
  const style = commentStyle('markdown');
  assert.ok(style && 'block' in style);
  assert.deepEqual(asComment(['a -- b', ''], style, ''), ['<!--', 'a −− b', '', '-->']);
});
