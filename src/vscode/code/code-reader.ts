/**
 * The editor side of the code reader: keeps one analysis per open Python/JavaScript document
 * version, re-parsing incrementally from VS Code's content changes, and answers "which call is
 * here" for hovers, inlay hints, diagnostics and commands. The reader itself loads lazily.
 */
import * as vscode from 'vscode';
import type { CodeAnalysis, CodeSite, SiteResult } from '../../code/analysis';
import { isSourceLanguage } from '../../code/languages';
import { reader } from '../../code/lazy';
import type { CodeDocuments } from '../../code/documents';
import { MAX_READ_LENGTH } from '../../code/languages';
import { documentLength } from '../literal-index';

/** Where a hover link's call is: the document version and an offset inside the call. */
export interface CallReference {
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
}

export class CodeReader implements vscode.Disposable {
  private documentsCache: CodeDocuments | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!this.documentsCache || !isSourceLanguage(event.document.languageId) || event.contentChanges.length === 0) return;
        const changes = event.contentChanges.map((c) => ({ from: c.rangeOffset, to: c.rangeOffset + c.rangeLength, insert: c.text }));
        this.documentsCache.update(event.document.uri.toString(), event.document.version, () => event.document.getText(), changes);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.documentsCache?.forget(document.uri.toString())),
    );
  }

  private get documents(): CodeDocuments {
    this.documentsCache ??= new (reader().CodeDocuments)();
    return this.documentsCache;
  }

  /** The analysis of the document's current version, or undefined for other languages and huge files. */
  analysis(document: vscode.TextDocument): CodeAnalysis | undefined {
    const language = document.languageId;
    if (!isSourceLanguage(language)) return undefined;
    // Measured without copying the text: a 50 MB file would be copied on every hover and inlay-hint request.
    if (documentLength(document) > MAX_READ_LENGTH) return undefined;
    return this.documents.analysis(document.uri.toString(), document.version, language, () => document.getText());
  }

  /** The recognised call at a position and what it returns. */
  resultAt(document: vscode.TextDocument, offset: number): { analysis: CodeAnalysis; site: CodeSite; result: SiteResult } | undefined {
    const analysis = this.analysis(document);
    const site = analysis?.siteAt(offset);
    if (!analysis || !site) return undefined;
    return { analysis, site, result: analysis.result(site) };
  }

  /** The call a command is about: a hover link's reference, or the active editor's cursor. */
  async resolve(reference: unknown): Promise<{ document: vscode.TextDocument; analysis: CodeAnalysis; site: CodeSite; result: SiteResult } | undefined> {
    let document: vscode.TextDocument | undefined;
    let offset: number;
    if (isCallReference(reference)) {
      document =
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === reference.uri) ??
        (await vscode.workspace.openTextDocument(vscode.Uri.parse(reference.uri)));
      if (document.version !== reference.version) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Loss Lens: the document changed since the hover; hover the call again.'));
        return undefined;
      }
      offset = reference.offset;
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return undefined;
      document = editor.document;
      offset = document.offsetAt(editor.selection.active);
    }
    const found = this.resultAt(document, offset);
    if (!found) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: there is no loss call Loss Lens can read here.'));
      return undefined;
    }
    return { document, ...found };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.documentsCache?.clear();
  }
}

function isCallReference(value: unknown): value is CallReference {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.uri === 'string' && v.uri.length < 10_000 && Number.isInteger(v.version) && Number.isInteger(v.offset) && (v.offset as number) >= 0;
}

export function spanRange(document: vscode.TextDocument, span: { from: number; to: number }): vscode.Range {
  return new vscode.Range(document.positionAt(span.from), document.positionAt(span.to));
}
