import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'loss-lens.loss-lens';

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with test/fixtures/workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document);
}

/** An untitled document with `content`, shown in an editor. */
export async function openScratch(content: string, language: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(document);
}

/** The position of the `occurrence`-th match of `needle`, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 1): vscode.Position {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = document.getText().indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" #${i + 1} not found in ${path.basename(document.fileName)}`);
  }
  return document.positionAt(offset + delta);
}

export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 1): vscode.Range {
  const start = positionOf(document, needle, 0, occurrence);
  return new vscode.Range(start, start.translate(0, needle.length));
}

/** Markdown of the Loss Lens hovers at a position (other extensions' hovers are left out). */
export async function lossLensHoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .filter((text) => text.includes('Loss Lens'))
    .join('\n');
}

/** The numbers in a markdown table row whose first cell is `label`. */
export function tableRow(markdown: string, label: string, occurrence = 1): number[] {
  const rows = markdown.split('\n').filter((line) => line.startsWith(`| ${label} |`));
  const row = rows[occurrence - 1];
  assert.ok(row, `no table row "${label}" #${occurrence} in:\n${markdown}`);
  return row
    .split('|')
    .slice(2, -1)
    .map((cell) => Number(cell.replace(/[*✓\s]/g, '')));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('lossLens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Records warning messages the extension shows (it shares this `vscode.window`). */
export function captureWarnings(): { shown: string[]; restore(): void } {
  const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showWarningMessage;
  const shown: string[] = [];
  window.showWarningMessage = (message: unknown) => {
    shown.push(String(message));
    return Promise.resolve(undefined);
  };
  return { shown, restore: () => (window.showWarningMessage = original) };
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Waits until `condition` holds, polling; fails with `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(message);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function assertClose(actual: number[], expected: number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.join()} vs ${expected.join()}`);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) <= tolerance, `${what}[${i}]: ${value} vs ${expected[i]}`));
}
