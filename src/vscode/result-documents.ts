import * as vscode from 'vscode';

export const RESULT_SCHEME = 'loss-lens';

/**
 * Read-only documents for results too large for the calculator panel. Virtual, so closing one
 * never asks to save.
 */
export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this);
  private readonly closing = vscode.workspace.onDidCloseTextDocument((document) => this.contents.delete(document.uri.toString()));
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(title: string, content: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${++this.counter}/${title}.txt` });
    this.contents.set(uri.toString(), content);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.closing.dispose();
    this.contents.clear();
  }
}
