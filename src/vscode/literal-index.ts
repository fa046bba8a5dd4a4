import * as vscode from 'vscode';
import { findLiterals, type ParsedLiteral } from '../literal';

/** The document's length in characters, without copying its text. */
export function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Documents above this size are not scanned whole; hovers then pair within a window. */
export const MAX_SCANNED_LENGTH = 2_000_000;

/**
 * All literals of a document, computed once per document version. Hovers ask for them on
 * every mouse move, so re-scanning an unchanged document would be wasted work.
 */
export class LiteralIndex implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; literals: readonly ParsedLiteral[] }>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString()));

  literals(document: vscode.TextDocument): readonly ParsedLiteral[] {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.literals;
    const text = document.getText();
    const literals = text.length > MAX_SCANNED_LENGTH ? [] : findLiterals(text);
    this.cache.set(key, { version: document.version, literals });
    return literals;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
