/**
 * Runs inside the VS Code extension host (bundled by bench/extension.ts and passed to the
 * harness as `extensionTestsPath`): in `activation` mode times loading the extension's main
 * module and `extension.activate()` (when nothing activated it before); in in `hovers` mode, `vscode.executeHoverProvider` on a seed-sized literal, on a
 * line with no literal (the command's round trip) and on a [100, 1000] literal, and prints the
 * timings as one marked console line, which reaches the harness through its log channel.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { labelsLiteral, longPythonScript, makeProblem, pythonAssignment } from '../lib/inputs';
import { BENCH_RESULT_MARKER, type HoverBenchConfig, type HoverBenchResult, type HoverSeries } from './protocol';

const EXTENSION_ID = 'loss-lens.loss-lens';

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

function positionAfter(document: vscode.TextDocument, needle: string, delta: number): vscode.Position {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${document.uri.toString()}`);
  return document.positionAt(offset + delta);
}

/** Times `count` hovers (fewer if `budgetMs` runs out) after untimed warm-up; `expect` checks the first hover's text. */
async function series(
  name: string,
  document: vscode.TextDocument,
  position: vscode.Position,
  counts: { warmup: number; count: number; budgetMs: number },
  expect: (text: string) => boolean,
): Promise<HoverSeries> {
  const first = await hoverText(document, position);
  if (!expect(first)) throw new Error(`${name}: unexpected hover:\n${first.slice(0, 2000)}`);
  // Slow series get fewer warm-up hovers: a tenth of the budget at most.
  const warmupStarted = performance.now();
  for (let i = 0; i < counts.warmup && performance.now() - warmupStarted < counts.budgetMs / 10; i++) await hoverText(document, position);
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < counts.count && performance.now() - started < counts.budgetMs) {
    const t = performance.now();
    await hoverText(document, position);
    samples.push(performance.now() - t);
  }
  return { name, samples, characters: first.length };
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('lossLens').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function run(): Promise<void> {
  const config = JSON.parse(process.env.LOSS_LENS_BENCH_CONFIG ?? '{}') as HoverBenchConfig;
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  if (config.mode === 'activation') {
    if (extension.isActive) {
      report({ activation: null, bigLiteralCharacters: 0, series: [] });
      return;
    }
    // Let the extension host finish starting the built-in extensions first, so their work does
    // not land on this clock.
    await new Promise((resolve) => setTimeout(resolve, config.settleMs));
    const main = join(extension.extensionPath, (extension.packageJSON as { main: string }).main);
    const started = performance.now();
    // The extension host loads the main module with the same require, so activate() finds it cached.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing that CommonJS load is the measurement
    require(main);
    const loaded = performance.now();
    await extension.activate();
    report({ activation: { loadMs: loaded - started, activateMs: performance.now() - loaded }, bigLiteralCharacters: 0, series: [] });
    return;
  }
  await extension.activate();

  const counts = { warmup: config.warmup, count: config.hovers, budgetMs: config.budgetMs };
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  const seed = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'seed.py'));
  await vscode.window.showTextDocument(seed);
  const results: HoverSeries[] = [];
  results.push(
    await series('seed', seed, positionAfter(seed, '0.7, 1.2', 1), counts, (text) => text.includes('Loss Lens') && text.includes('K = 3')),
    await series('no literal', seed, positionAfter(seed, 'import os', 2), counts, (text) => !text.includes('Loss Lens')),
  );

  const big = makeProblem(100, 1000);
  const content = `${pythonAssignment(big)}labels = ${labelsLiteral(big)}`;
  const document = await vscode.workspace.openTextDocument({ content, language: 'python' });
  await vscode.window.showTextDocument(document);
  const inside = positionAfter(document, '[[', 4);
  results.push(await series('100x1000 default', document, inside, counts, (text) => text.includes('maxCharacters')));
  await setSetting('hover.maxCharacters', 10_000_000);
  try {
    results.push(await series('100x1000 full', document, inside, { ...counts, budgetMs: counts.budgetMs / 2 }, (text) => text.includes('K = 1000')));
  } finally {
    await setSetting('hover.maxCharacters', undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  // A loss call read from a 2,000-line script: the hover, and the inlay hints of the whole file.
  const script = longPythonScript();
  const long = await vscode.workspace.openTextDocument({ content: script.text, language: 'python' });
  await vscode.window.showTextDocument(long);
  results.push(
    await series('loss call 2000 lines', long, positionAfter(long, script.target, 3), counts, (text) => text.includes('Loss Lens') && text.includes('tensor(')),
  );
  const everything = new vscode.Range(0, 0, long.lineCount, 0);
  const inlayHints = () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', long.uri, everything);
  const hints = await inlayHints();
  if (hints.length < 100) throw new Error(`inlay hints: only ${hints.length} in the 2,000-line script`);
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < Math.max(10, counts.count / 4) && performance.now() - started < counts.budgetMs / 2) {
    const t = performance.now();
    await inlayHints();
    samples.push(performance.now() - t);
  }
  results.push({ name: 'inlay hints 2000 lines', samples, characters: hints.length });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  report({ activation: null, bigLiteralCharacters: content.indexOf('\nlabels'), series: results });
}

function report(measured: Pick<HoverBenchResult, 'activation' | 'bigLiteralCharacters' | 'series'>): void {
  const result: HoverBenchResult = {
    vscodeVersion: vscode.version,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    node: process.version,
    ...measured,
  };
  console.log(`${BENCH_RESULT_MARKER}${JSON.stringify(result)}`);
}
