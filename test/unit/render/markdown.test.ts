import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeMarkdown, matrixTable } from '../../../src/render/markdown';
import { tensor } from '../../../src/tensor';

test('document text cannot inject links, html or command URIs', () => {
  const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=1> `code` **b**';
  const escaped = escapeMarkdown(hostile);
  assert.ok(!/(^|[^\\])\[/.test(escaped));
  assert.ok(!/(^|[^\\])</.test(escaped));
  fc.assert(
    fc.property(fc.string(), (text) => {
      const escaped = escapeMarkdown(text);
      // Every markdown-active character is preceded by a backslash.
      return [...escaped.matchAll(/[`*_[\]()<>|]/g)].every((m) => escaped[m.index - 1] === '\\');
    }),
    { numRuns: 2000 },
  );
});

test('matrix tables mark the argmax and the true class and cut big tensors', () => {
  const t = tensor([2, 3], [0.1, 0.7, 0.2, 0.5, 0.25, 0.25]);
  const table = matrixTable(t, { digits: 3, maxRows: 8, maxColumns: 10 }, { bold: [1, 0], marked: [2, 0] });
  assert.equal(table, ['|  | 0 | 1 | 2 |', '| :-- | --: | --: | --: |', '| 0 | 0.1 | **0.7** | 0.2 ✓ |', '| 1 | **0.5 ✓** | 0.25 | 0.25 |'].join('\n'));
  const big = tensor([20, 30], new Array(600).fill(1));
  const lines = matrixTable(big, { digits: 3, maxRows: 2, maxColumns: 3 }).split('\n');
  assert.equal(lines.length, 5);
  assert.equal(lines[0], '|  | 0 | 1 | 2 | … |');
  assert.equal(lines[4], '| … |  |  |  |  |');
});
