import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, lossLensHoverAt, positionOf, tableRow, waitFor } from './helpers';

/** A Python literal of `rows` × `columns` logits with short decimals, and its labels. */
function largeSource(rows: number, columns: number): string {
  const row = Array.from({ length: columns }, (_, j) => ((j % 97) / 10 - 4.8).toFixed(1)).join(', ');
  const logits = Array.from({ length: rows }, () => `[${row}]`).join(',\n    ');
  const labels = Array.from({ length: rows }, (_, i) => i % columns).join(', ');
  return `logits = [\n    ${logits}\n]\nlabels = [${labels}]\n`;
}

/** Writes `content` to a file in the (temporary copy of the) test workspace and opens it. */
async function openLargeFile(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

function resultTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'loss-lens');
}

suite('Large input', function () {
  this.timeout(180_000);
  teardown(closeAllEditors);

  test('a 50 MB selection is analysed in a worker while hovers elsewhere answer within 50 ms', async () => {
    // VS Code does not sync files above 50 MiB to extensions; this is just under that.
    const source = largeSource(1850, 5000);
    assert.ok(source.length > 50e6 && source.length < 50 * 1024 * 1024, `${source.length} characters`);
    const editor = await openLargeFile('large-50mb.py', source);
    const document = editor.document;
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);

    const seed = await vscode.workspace.openTextDocument(fixtureUri('seed.py'));
    const seedLogits = positionOf(seed, '0.7, 1.2');
    // Opening and selecting 50 MB keeps the workbench busy for a while on its own; start the
    // evaluation once hovers answer quickly again, so the probes measure the evaluation.
    await waitFor(
      async () => {
        const probe = performance.now();
        await lossLensHoverAt(seed, seedLogits);
        return performance.now() - probe < 50;
      },
      'the workbench settles after opening the 50 MB file',
      60_000,
    );
    const started = performance.now();
    const evaluation = vscode.commands.executeCommand('lossLens.evaluateSelection');
    // The command copies the selection out of the document and posts it to the worker; from
    // then on the extension host must answer while the worker parses and computes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies: number[] = [];
    while (resultTabs().length === 0 && performance.now() - started < 120_000) {
      const probe = performance.now();
      const hover = await lossLensHoverAt(seed, seedLogits);
      assert.match(hover, /Loss Lens/);
      // A probe that overlaps the summary document opening measures the display, not the run.
      if (resultTabs().length === 0) latencies.push(performance.now() - probe);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await evaluation;
    await waitFor(() => resultTabs().length === 1, 'the summary document opens', 10_000);
    const total = performance.now() - started;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))];
    const slowest = sorted[sorted.length - 1];
    const timings = `summary after ${total.toFixed(0)} ms; ${latencies.length} probes: ${latencies.map((l) => l.toFixed(0)).join(' ')}`;
    console.log(`50 MB selection: ${timings}`);
    assert.ok(latencies.length >= 5, `the analysis ran long enough to probe (${timings})`);
    // The worker keeps one of the machine's two cores busy, so the scheduler can delay a single
    // probe; what matters is that the editor keeps answering, so 90% of probes must be quick
    // and none may look like a freeze.
    assert.ok(p90 <= 50, `90% of hovers answered within ${p90.toFixed(1)} ms, not 50 (${timings})`);
    assert.ok(slowest <= 500, `slowest hover ${slowest.toFixed(1)} ms (${timings})`);

    const summary = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'loss-lens')?.document.getText() ?? '';
    assert.match(summary, /^Loss Lens: logits \[1850, 5000\], labels \[1850\] \(indices\), K = 5000$/m);
    assert.match(summary, /^softmax CE\s+\d/m);
  });

  test('hovers in a 10 MB document look around the cursor and still pair', async () => {
    const filler = `# ${'x'.repeat(98)}\n`.repeat(100_000);
    const editor = await openLargeFile('large-10mb.py', `logits = [[0.7, 1.2, 0.3]]\nlabels = [1]\n${filler}`);
    // How fast this is belongs to the benchmarks (bench/extension.ts); here: the result is right
    // and the partner is found although the document is too big to scan whole.
    const hover = await lossLensHoverAt(editor.document, positionOf(editor.document, '0.7', 0));
    assert.deepEqual(tableRow(hover, '0', 1), [0.30129, 0.49675, 0.20196]);
    assert.match(hover, /labels `labels` `\[1\]`/);
  });

  test('a literal longer than lossLens.hover.maxCharacters gets a one-line note', async () => {
    const editor = await openLargeFile('large-literal.py', largeSource(100, 1000));
    const hover = await lossLensHoverAt(editor.document, positionOf(editor.document, '-4.8', 0, 500));
    assert.match(hover, /more than `lossLens.hover.maxCharacters` \(20000\)|no complete literal within/);
  });
});
