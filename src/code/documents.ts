/**
 * The code reader's view of open documents: one parse and one analysis per document version.
 * Edits arrive as changes and re-parse incrementally; a document whose previous version was not
 * seen is parsed afresh. The analysis of a version is built on first use and memoises the values
 * it computes, so hovers, inlay hints and diagnostics of one version share the work.
 */
import { CodeAnalysis } from './analysis';
import { MAX_READ_LENGTH } from './languages';
import { ParsedSource, type SourceLanguage, type TextChange } from './source';

interface Entry {
  readonly version: number;
  readonly source: ParsedSource;
  analysis?: CodeAnalysis;
}

export class CodeDocuments {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of `key` at `version`; `text` is read only when the version is new. */
  analysis(key: string, version: number, language: SourceLanguage, text: () => string): CodeAnalysis | undefined {
    let entry = this.entries.get(key);
    if (!entry || entry.version !== version || entry.source.language !== language) {
      const content = text();
      if (content.length > MAX_READ_LENGTH) {
        this.entries.delete(key);
        return undefined;
      }
      entry = { version, source: ParsedSource.parse(language, content) };
      this.entries.set(key, entry);
    }
    entry.analysis ??= new CodeAnalysis(entry.source);
    return entry.analysis;
  }

  /** Records an edit: `changes` (in the previous version's offsets) turned version `version - 1` into `version`; `text` is read only for a document already read. */
  update(key: string, version: number, text: () => string, changes: readonly TextChange[]): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.version !== version - 1) {
      // An edit was missed: the next reading parses afresh.
      this.entries.delete(key);
      return;
    }
    const content = text();
    if (content.length > MAX_READ_LENGTH) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { version, source: entry.source.update(content, changes) });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
