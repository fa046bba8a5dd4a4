/**
 * What the Python and JavaScript readers share: walking Lezer's concrete tree into the reader's
 * syntax tree (syntax.ts), with the nesting bound both need, since they recurse.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { MAX_SYNTAX_DEPTH, type Expression, type Span, type Statement } from './syntax';

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** Where the parser recovered from an error. */
export function syntaxErrors(tree: Tree): Span[] {
  const errors: Span[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push({ from: node.from, to: node.to });
    },
  });
  return errors;
}

export abstract class TreeReader {
  private depth = 0;

  constructor(protected readonly text: string) {}

  protected span(node: SyntaxNode): Span {
    return { from: node.from, to: node.to };
  }

  protected source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  statements(container: SyntaxNode): Statement[] {
    const out: Statement[] = [];
    if (this.depth >= MAX_SYNTAX_DEPTH) return out;
    this.depth++;
    try {
      for (const child of childrenOf(container)) this.statement(child, out);
    } finally {
      this.depth--;
    }
    return out;
  }

  /** Deeper nesting reads as unsupported: the reader recurses, and a 20,000-deep literal must not overflow the stack. */
  expression(node: SyntaxNode): Expression {
    if (this.depth >= MAX_SYNTAX_DEPTH)
      return { kind: 'unsupported', what: `an expression nested deeper than ${MAX_SYNTAX_DEPTH} levels`, span: this.span(node) };
    this.depth++;
    try {
      return this.expressionAt(node);
    } finally {
      this.depth--;
    }
  }

  /** Appends what `node` says to `out` (nothing for statements the reader does not model). */
  protected abstract statement(node: SyntaxNode, out: Statement[]): void;

  protected abstract expressionAt(node: SyntaxNode): Expression;
}
