/**
 * Parsing a document's text with Lezer, incrementally: each edit reuses the previous tree's
 * unchanged fragments (TreeFragment.applyChanges), so a keystroke in a 2,000-line file re-parses
 * only around the edit. The reader's own tree (syntax.ts) is rebuilt from the new Lezer tree.
 */
import { TreeFragment, type ChangedRange, type Tree } from '@lezer/common';
import { parser as javascriptParser } from '@lezer/javascript';
import { parser as pythonParser } from '@lezer/python';
import { javascriptProgram } from './javascript-syntax';
import { pythonProgram } from './python-syntax';
import type { Program, Span } from './syntax';
import { syntaxErrors } from './tree-reader';

import type { SourceLanguage } from './languages';

export type { SourceLanguage } from './languages';

/** One replacement in the previous text: `[from, to)` became `insert`. */
export interface TextChange {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

const PARSERS = {
  python: pythonParser,
  javascript: javascriptParser,
  javascriptreact: javascriptParser.configure({ dialect: 'jsx' }),
  typescript: javascriptParser.configure({ dialect: 'ts' }),
  typescriptreact: javascriptParser.configure({ dialect: 'ts jsx' }),
};

export class ParsedSource {
  private constructor(
    readonly language: SourceLanguage,
    readonly text: string,
    readonly tree: Tree,
    private readonly fragments: readonly TreeFragment[],
    /** How many of the previous tree's fragments the parse could reuse (0 for a fresh parse). */
    readonly reusedFragments: number,
    /** Where the parser recovered from an error, found once per parse. */
    private readonly errors: readonly Span[],
  ) {}

  private programCache: Program | undefined;

  static parse(language: SourceLanguage, text: string): ParsedSource {
    const tree = PARSERS[language].parse(text);
    return new ParsedSource(language, text, tree, TreeFragment.addTree(tree), 0, syntaxErrors(tree));
  }

  /**
   * The source after `changes`, each in the previous text's offsets and not overlapping (VS Code's
   * content changes of one event); the text given is the new text, which the changes must produce.
   */
  update(text: string, changes: readonly TextChange[]): ParsedSource {
    const sorted = [...changes].sort((a, b) => a.from - b.from);
    const ranges: ChangedRange[] = [];
    let shift = 0;
    for (const change of sorted) {
      ranges.push({ fromA: change.from, toA: change.to, fromB: change.from + shift, toB: change.from + shift + change.insert.length });
      shift += change.insert.length - (change.to - change.from);
    }
    const fragments = TreeFragment.applyChanges(this.fragments, ranges);
    const tree = PARSERS[this.language].parse(text, fragments);
    // Lezer's error recovery may differ between an incremental and a fresh parse; a tree with
    // errors is parsed afresh so the reading never depends on the edit history.
    const errors = syntaxErrors(tree);
    if (errors.length > 0) return ParsedSource.parse(this.language, text);
    return new ParsedSource(this.language, text, tree, TreeFragment.addTree(tree, fragments), fragments.length, errors);
  }

  /** The reader's tree of the program, built on first use. */
  get program(): Program {
    this.programCache ??= (this.language === 'python' ? pythonProgram : javascriptProgram)(this.tree, this.text, this.errors);
    return this.programCache;
  }
}
