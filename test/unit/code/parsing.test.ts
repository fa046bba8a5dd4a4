// Properties of parsing and reading (fast-check): an incremental re-parse gives the tree a fresh
// parse gives, and no text makes the reader throw (its results may be 'unresolved' or 'error').
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CodeAnalysis } from '../../../src/code/analysis';
import { ParsedSource, type SourceLanguage, type TextChange } from '../../../src/code/source';

const ARTICLE = readFileSync(join(__dirname, '../../fixtures/code/article_script.py'), 'utf8');
const SNIPPET_JS = readFileSync(join(__dirname, '../../fixtures/code/snippets/tfjs/softmax_cross_entropy_label_smoothing_mean.js'), 'utf8');

/** Pieces of Python and JavaScript: keywords, names of the libraries read, brackets, literals, layout. */
const PYTHON_PIECES = [
  'import torch\n',
  'import tensorflow as tf\n',
  'from torch import nn\n',
  'def f(x, y=1):\n',
  '    ',
  '  ',
  '\n',
  'return ',
  'if ',
  'for ',
  ' in ',
  ':',
  '=',
  ' = ',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '#',
  '"',
  "'",
  'x',
  'y',
  'loss',
  'F.cross_entropy',
  'tf.nn.softmax',
  'torch.tensor',
  'nn.CrossEntropyLoss',
  '0.5',
  '1',
  '-100',
  'True',
  'None',
  'label_smoothing=',
  '@',
  '\\',
  '"""',
  'lambda ',
  'assert ',
  '.all()',
  ' == ',
];
const JAVASCRIPT_PIECES = [
  "const tf = require('@tensorflow/tfjs');\n",
  "import * as tf from '@tensorflow/tfjs';\n",
  'const ',
  'let ',
  'function f(x, y = 1) {',
  '}',
  '{',
  '=>',
  '\n',
  ' ',
  ';',
  '=',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '//',
  '/*',
  '*/',
  '"',
  "'",
  '`',
  'x',
  'y',
  'loss',
  'tf.losses.softmaxCrossEntropy',
  'tf.tensor2d',
  'tf.oneHot',
  'undefined',
  '0.5',
  '1',
  'return ',
  'for (const a of b) ',
  'as ',
  ': number',
  '<T>',
  '!',
];

function textOf(pieces: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
}

/**
 * The parse tree written out with every node's name and extent (Lezer's Tree.toString() gives the
 * names only): what `tree.toString() ===` compares, and the positions besides.
 */
function treeOf(source: ParsedSource): string {
  const out: string[] = [];
  source.tree.iterate({
    enter: (node) => {
      out.push(`${node.name}[${node.from},${node.to}](`);
    },
    leave: () => {
      out.push(')');
    },
  });
  return out.join('');
}

/** A text and one replacement in it, as VS Code reports a content change. */
function edited(text: fc.Arbitrary<string>, insert: fc.Arbitrary<string>): fc.Arbitrary<{ before: string; after: string; change: TextChange }> {
  return text.chain((before) =>
    fc.tuple(fc.nat({ max: before.length }), fc.nat({ max: before.length }), insert).map(([a, b, inserted]) => {
      const from = Math.min(a, b);
      const to = Math.max(a, b);
      return { before, after: before.slice(0, from) + inserted + before.slice(to), change: { from, to, insert: inserted } };
    }),
  );
}

/** Reads everything a hover, inlay hints and diagnostics would, asserting only that nothing throws. */
function readAll(language: SourceLanguage, text: string, offsets: readonly number[]): void {
  const analysis = new CodeAnalysis(ParsedSource.parse(language, text));
  for (const site of analysis.sites()) {
    const result = analysis.result(site);
    assert.ok(['loss', 'value', 'unresolved', 'error'].includes(result.status));
  }
  analysis.problems();
  for (const offset of offsets) {
    const site = analysis.siteAt(Math.min(offset, text.length));
    if (site) analysis.result(site);
  }
}

describe('incremental parsing', () => {
  for (const [language, pieces] of [
    ['python', PYTHON_PIECES],
    ['javascript', JAVASCRIPT_PIECES],
    ['typescript', JAVASCRIPT_PIECES],
  ] as const) {
    it(`${language}: an update after a random edit gives the tree of a fresh parse`, () => {
      fc.assert(
        fc.property(edited(textOf(pieces, 60), textOf(pieces, 4)), ({ before, after, change }) => {
          const incremental = ParsedSource.parse(language, before).update(after, [change]);
          assert.equal(incremental.text, after);
          assert.equal(treeOf(incremental), treeOf(ParsedSource.parse(language, after)));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('python: several non-overlapping changes in one event give the tree of a fresh parse', () => {
    fc.assert(
      fc.property(textOf(PYTHON_PIECES, 60), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), textOf(PYTHON_PIECES, 2)), { maxLength: 4 }), (before, picks) => {
        // Changes in the old text's offsets, sorted and not overlapping; applied from the end.
        const changes: TextChange[] = [];
        let floor = 0;
        for (const [start, length, insert] of [...picks].sort((a, b) => a[0] - b[0])) {
          const from = Math.max(floor, Math.min(start % (before.length + 1), before.length));
          const to = Math.min(from + length, before.length);
          changes.push({ from, to, insert });
          floor = to + 1;
          if (floor > before.length) break;
        }
        let after = before;
        for (const change of [...changes].reverse()) after = after.slice(0, change.from) + change.insert + after.slice(change.to);
        const incremental = ParsedSource.parse('python', before).update(after, changes);
        assert.equal(treeOf(incremental), treeOf(ParsedSource.parse('python', after)));
      }),
      { numRuns: 150 },
    );
  });

  it('a small edit in a long file reuses the previous tree, and reads the same as a fresh parse', () => {
    // The article script repeated to ~2,000 lines, as in the benchmark.
    const long = Array.from({ length: 22 }, () => ARTICLE).join('\n');
    assert.ok(long.split('\n').length > 2000);
    const source = ParsedSource.parse('python', long);
    fc.assert(
      fc.property(fc.nat({ max: long.length }), fc.constantFrom('x', '1', ' ', '\n', '(', 'eps = 0.1\n', ''), fc.nat({ max: 3 }), (at, insert, removed) => {
        const change = { from: at, to: Math.min(at + removed, long.length), insert };
        const after = long.slice(0, change.from) + insert + long.slice(change.to);
        const updated = source.update(after, [change]);
        // A tree with syntax errors is parsed afresh (source.ts); otherwise the previous tree is reused.
        if (updated.program.syntaxErrors.length === 0) assert.ok(updated.reusedFragments > 0, 'fragments reused');
        assert.equal(treeOf(updated), treeOf(ParsedSource.parse('python', after)));
      }),
      { numRuns: 40 },
    );
  });

  it('an update’s program is read from the new text', () => {
    const before = 'import torch\nx = torch.tensor([1.0])\n';
    const after = 'import torch\nx = torch.tensor([2.0])\n';
    const at = before.indexOf('1.0');
    const updated = ParsedSource.parse('python', before).update(after, [{ from: at, to: at + 1, insert: '2' }]);
    const statement = updated.program.statements[1];
    assert.equal(statement.kind, 'assign');
    assert.equal(after.slice(statement.span.from, statement.span.to), 'x = torch.tensor([2.0])');
  });
});

describe('any text is safe to read', () => {
  const offsets = fc.array(fc.nat({ max: 4000 }), { maxLength: 6 });

  it('arbitrary strings, as Python and as JavaScript', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })),
        fc.constantFrom<SourceLanguage>('python', 'javascript', 'typescript'),
        offsets,
        (text, language, at) => readAll(language, text, at),
      ),
      { numRuns: 300 },
    );
  });

  it('random Python from library-flavoured pieces', () => {
    fc.assert(
      fc.property(textOf(PYTHON_PIECES, 80), offsets, (text, at) => readAll('python', text, at)),
      { numRuns: 300 },
    );
  });

  it('random JavaScript from tfjs-flavoured pieces', () => {
    fc.assert(
      fc.property(textOf(JAVASCRIPT_PIECES, 80), offsets, (text, at) => readAll('javascript', text, at)),
      { numRuns: 200 },
    );
  });

  it('mutations of the article script (deletions, insertions, duplications)', () => {
    const mutation = fc.tuple(fc.nat({ max: ARTICLE.length }), fc.nat({ max: 80 }), textOf(PYTHON_PIECES, 5), fc.boolean());
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), offsets, (mutations, at) => {
        let text = ARTICLE;
        for (const [from, length, insert, duplicate] of mutations) {
          const start = Math.min(from, text.length);
          const end = Math.min(start + length, text.length);
          text = text.slice(0, start) + (duplicate ? text.slice(start, end) + text.slice(start, end) : insert) + text.slice(end);
        }
        readAll('python', text, at);
      }),
      { numRuns: 200 },
    );
  });

  it('mutations of a tfjs snippet', () => {
    const mutation = fc.tuple(fc.nat({ max: SNIPPET_JS.length }), fc.nat({ max: 40 }), textOf(JAVASCRIPT_PIECES, 4));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), offsets, (mutations, at) => {
        let text = SNIPPET_JS;
        for (const [from, length, insert] of mutations) {
          const start = Math.min(from, text.length);
          text = text.slice(0, start) + insert + text.slice(Math.min(start + length, text.length));
        }
        readAll('javascript', text, at);
      }),
      { numRuns: 150 },
    );
  });
});
