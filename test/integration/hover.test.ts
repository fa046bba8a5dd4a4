import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertClose, captureWarnings, closeAllEditors, lossLensHoverAt, openFixture, openScratch, positionOf, setSetting, tableRow } from './helpers';

// Expected values: float64, from the stable formulas (see test/unit/engine for the derivations).
const SEED_SOFTMAX_ROW0 = [0.30129, 0.49675, 0.20196];
const SEED_SOFTMAX_CE_HARD = [0.69968, 0.74342, 0.93983];
const SEED_SOFTMAX_CE_SMOOTHED = [0.74634, 0.78342, 0.9565];
const SEED_SIGMOID_CE_ROW0 = [1.0799, 0.34328, 0.84436];

suite('Hover', () => {
  suiteSetup(async () => {
    await setSetting('labelSmoothing', 0.1);
    await setSetting('precision', 5);
  });
  teardown(closeAllEditors);
  suiteTeardown(async () => {
    await setSetting('labelSmoothing', undefined);
    await setSetting('precision', undefined);
    await setSetting('hover.enabled', undefined);
    await setSetting('hover.maxCharacters', undefined);
  });

  test('logits in the seed pair with its labels and show both losses', async () => {
    const { document } = await openFixture('seed.py');
    const hover = await lossLensHoverAt(document, positionOf(document, '0.7, 1.2', 1));
    assert.match(hover, /logits `logits` `\[3, 3\]` · labels `labels` `\[3\]` \(indices\) · K = 3/);
    assertClose(tableRow(hover, '0', 1), SEED_SOFTMAX_ROW0, 1e-5, 'softmax row 0');
    const perSample = [0, 1, 2].map((i) => tableRow(hover, String(i), 2));
    assertClose(
      perSample.map((r) => r[0]),
      SEED_SOFTMAX_CE_HARD,
      1e-5,
      'softmax CE, hard labels',
    );
    assertClose(
      perSample.map((r) => r[1]),
      SEED_SOFTMAX_CE_SMOOTHED,
      1e-4,
      'softmax CE, smoothed labels',
    );
    assertClose(tableRow(hover, '0', 3), SEED_SIGMOID_CE_ROW0, 1e-4, 'sigmoid CE row 0 (smoothed ε/K)');
    const [mean] = tableRow(hover, 'softmax CE');
    assert.ok(Math.abs(mean - (0.7463426 + 0.78342 + 0.9564977) / 3) < 1e-4, `softmax CE mean ${mean}`);
  });

  test('labels alone hovered still pair, and K comes from the logits', async () => {
    const { document } = await openFixture('seed.py');
    const hover = await lossLensHoverAt(document, positionOf(document, '[1, 2, 0]', 1));
    assert.match(hover, /K = 3/);
    assertClose(tableRow(hover, '0', 1), SEED_SOFTMAX_ROW0, 1e-5, 'softmax row 0');
  });

  test('PyTorch outputs pair with targets; a row of zeros has loss log 5', async () => {
    const { document } = await openFixture('pytorch_example.py');
    const hover = await lossLensHoverAt(document, positionOf(document, '[2.0, -1.0', 1));
    assert.match(hover, /logits `outputs` `\[4, 5\]` · labels `targets` `\[4\]`/);
    const perSample = [0, 1, 2, 3].map((i) => tableRow(hover, String(i), 2));
    assertClose(
      perSample.map((r) => r[0]),
      [0.42051, 0.14493, 0.49517, 1.6094],
      1e-4,
      'cross-entropy per sample',
    );
    assertClose(
      perSample.map((r) => r[1]),
      [0.59451, 0.42693, 0.66717, 1.6094],
      1e-4,
      'with ε = 0.1',
    );
  });

  test('probabilities passed where logits belong get a diagnostic', async () => {
    const { document } = await openFixture('pytorch_example.py');
    const hover = await lossLensHoverAt(document, positionOf(document, '[0.1, 0.7, 0.2]', 1));
    assert.match(hover, /probabilit/i);
    assert.match(hover, /\$\(warning\)/);
    // The switch is offered, never made: the link runs lossLens.setInput with "probabilities".
    assert.match(hover, /\[Read these logits as probabilities\]\(command:lossLens\.setInput\?%5B%22probabilities%22%5D\)/);
    assert.equal(vscode.workspace.getConfiguration('lossLens').get('input'), 'logits');
  });

  test('with lossLens.input = probabilities, a pair of probabilities gets the probability-input losses', async () => {
    await setSetting('input', 'probabilities');
    await setSetting('dialect', 'keras');
    await setSetting('labelSmoothing', 0);
    try {
      // keras-team/keras keras/src/losses/losses.py, CategoricalCrossentropy docstring: y_true [[0, 1, 0], [0, 0, 1]],
      // y_pred [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] → 1.177 (the mean over the batch).
      const { document } = await openScratch('y_true = [[0, 1, 0], [0, 0, 1]]\ny_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]\n', 'python');
      const hover = await lossLensHoverAt(document, positionOf(document, '0.05', 1));
      assert.match(hover, /read as probabilities/);
      assert.match(hover, /CategoricalCrossentropy\\?\(from\\?_logits=False\\?\)/);
      assert.doesNotMatch(hover, /−inf/, 'a probability of 0 is not reported as a −inf logit');
      assert.match(hover, /1\.1769/);
    } finally {
      await setSetting('input', undefined);
      await setSetting('dialect', undefined);
      await setSetting('labelSmoothing', 0.1);
    }
  });

  test('labels with no partner show one-hot and smoothed rows with K = max + 1', async () => {
    const editor = await openScratch('y = [2, 0]\n', 'python');
    const hover = await lossLensHoverAt(editor.document, positionOf(editor.document, '[2, 0]', 1));
    assert.match(hover, /K = 3 \(max label \+ 1\)/);
    assert.deepEqual(tableRow(hover, '0', 1), [0, 0, 1]);
    assertClose(tableRow(hover, '0', 2), [0.033333, 0.033333, 0.93333], 1e-5, 'smoothed row 0');
  });

  test('a malformed literal shows where it is wrong', async () => {
    const { document } = await openFixture('malformed.py');
    const hover = await lossLensHoverAt(document, positionOf(document, '0.4, 0.2', 1));
    assert.match(hover, /\$\(error\) Loss Lens/);
    assert.match(hover, /line 2, column \d+/);
  });

  test('JSON, TypeScript and Markdown documents get hovers too', async () => {
    for (const [file, needle] of [
      ['example.json', '0.7, 1.2'],
      ['example.ts', '0.7, 1.2'],
      ['notes.md', '0.7, 1.2'],
    ] as const) {
      const { document } = await openFixture(file);
      const hover = await lossLensHoverAt(document, positionOf(document, needle, 1));
      assertClose(tableRow(hover, '0', 1), SEED_SOFTMAX_ROW0, 1e-5, `${file} softmax row 0`);
    }
  });

  test('a Jupyter notebook cell gets the same hover', async () => {
    const cell = new vscode.NotebookCellData(
      vscode.NotebookCellKind.Code,
      'logits = np.array([[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]])\nlabels = np.array([1, 2, 0])\n',
      'python',
    );
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([cell]));
    await vscode.window.showNotebookDocument(notebook);
    const document = notebook.cellAt(0).document;
    assert.equal(document.uri.scheme, 'vscode-notebook-cell');
    const hover = await lossLensHoverAt(document, positionOf(document, '0.7, 1.2', 1));
    assertClose(tableRow(hover, '0', 1), SEED_SOFTMAX_ROW0, 1e-5, 'softmax row 0 in a notebook cell');
    const perSample = [0, 1, 2].map((i) => tableRow(hover, String(i), 2));
    assertClose(
      perSample.map((r) => r[0]),
      SEED_SOFTMAX_CE_HARD,
      1e-5,
      'softmax CE in a notebook cell',
    );
  });

  test('hover links run only Loss Lens commands', async () => {
    const { document } = await openFixture('seed.py');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '0.7, 1.2', 1));
    const markdown = hovers
      .flatMap((h) => h.contents)
      .find((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c && c.value.includes('Loss Lens'));
    assert.ok(markdown);
    assert.deepEqual(markdown.isTrusted, {
      enabledCommands: [
        'lossLens.openCalculator',
        'lossLens.insertResult',
        'lossLens.copyResult',
        'lossLens.setInput',
        'lossLens.openCallInCalculator',
        'lossLens.copyCallValue',
        'lossLens.insertAssertion',
      ],
    });
    const commands = [...markdown.value.matchAll(/\(command:([\w.]+)\?/g)].map((m) => m[1]);
    assert.deepEqual(commands, ['lossLens.openCalculator', 'lossLens.insertResult', 'lossLens.copyResult']);
  });

  test("hover links carry the literals' place, not their text, and act on the document as it is", async () => {
    const editor = await openScratch('logits = [[1.0, 2.0], [0.5, 0.5]]\nlabels = [1, 0]\nprint(1)\n', 'python');
    const { document } = editor;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '1.0', 1));
    const markdown = hovers
      .flatMap((h) => h.contents)
      .find((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && c.value.includes('Loss Lens'));
    assert.ok(markdown);
    const links = new Map(
      [...markdown.value.matchAll(/\(command:([\w.]+)\?([^)\s]*)\)/g)].map((m) => [m[1], (JSON.parse(decodeURIComponent(m[2])) as unknown[])[0]]),
    );
    const insert = links.get('lossLens.insertResult');
    assert.deepEqual(insert, { source: { uri: document.uri.toString(), version: document.version }, logits: [9, 33], labels: [43, 49] });
    assert.ok(!JSON.stringify([...links.values()]).includes('2.0'), 'no literal text in the links');

    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult', insert), true);
    const lines = document.getText().split('\n');
    assert.equal(lines[2], '# Loss Lens: logits [2, 2], labels [2] (indices), K = 2');
    assert.equal(lines.at(-2), 'print(1)');
    // The document changed, so the same link now names stale offsets: refused, nothing written.
    const after = document.getText();
    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult', insert), false);
    assert.equal(await vscode.commands.executeCommand('lossLens.copyResult', insert), undefined);
    assert.equal(document.getText(), after);
    await vscode.commands.executeCommand('undo');
  });

  test('in a long CRLF document, hover links name exactly the literals wherever the window starts', async () => {
    // The hover reads a window of the document; a window starting between \r and \n once shifted every offset by one.
    const editor = await openScratch(`${'#\r\n'.repeat(12_000)}logits = [[1.0, 2.0], [0.5, 0.5]]\r\nlabels = [1, 0]\r\n`, 'python');
    const { document } = editor;
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
    const text = ([start, end]: [number, number]) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end)));
    for (const delta of [0, 1, 2]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '1.0', delta));
      const markdown = hovers
        .flatMap((h) => h.contents)
        .find((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && c.value.includes('Loss Lens'));
      assert.ok(markdown, `a hover at +${delta}`);
      const link = /\(command:lossLens\.insertResult\?([^)\s]*)\)/.exec(markdown.value);
      assert.ok(link, markdown.value);
      const [reference] = JSON.parse(decodeURIComponent(link[1])) as [{ logits: [number, number]; labels: [number, number] }];
      assert.equal(text(reference.logits), '[[1.0, 2.0], [0.5, 0.5]]', `logits range at +${delta}`);
      assert.equal(text(reference.labels), '[1, 0]', `labels range at +${delta}`);
    }
  });

  test('settings apply without a reload', async () => {
    const { document } = await openFixture('seed.py');
    const at = positionOf(document, '0.7, 1.2', 1);
    await setSetting('labelSmoothing', 0);
    let hover = await lossLensHoverAt(document, at);
    assert.doesNotMatch(hover, /ε =/);
    await setSetting('precision', 3);
    hover = await lossLensHoverAt(document, at);
    assert.deepEqual(tableRow(hover, '0', 1), [0.301, 0.497, 0.202]);
    await setSetting('hover.maxCharacters', 10);
    hover = await lossLensHoverAt(document, at);
    assert.match(hover, /more than `lossLens.hover.maxCharacters` \(10\)/);
    await setSetting('hover.enabled', false);
    assert.equal(await lossLensHoverAt(document, at), '');
    await setSetting('hover.enabled', undefined);
    await setSetting('hover.maxCharacters', undefined);
    await setSetting('precision', 5);
    await setSetting('labelSmoothing', 0.1);
  });

  test('a setting the schema forbids is replaced by its default, and the user is told once', async () => {
    const { document } = await openFixture('seed.py');
    const at = positionOf(document, '0.7, 1.2', 1);
    const warnings = captureWarnings();
    try {
      await setSetting('labelSmoothing', 1.5);
      const hover = await lossLensHoverAt(document, at);
      assert.match(hover, /ε = 0\.1\b/);
      await lossLensHoverAt(document, at);
      assert.deepEqual(warnings.shown, [
        'Loss Lens: the setting lossLens.labelSmoothing is 1.5, but it must be a number from 0 up to, not including, 1; using 0.1 until it is changed.',
      ]);
      await setSetting('dialect', 'caffe');
      await lossLensHoverAt(document, at);
      assert.equal(warnings.shown.length, 2);
      assert.match(warnings.shown[1], /lossLens\.dialect is "caffe", but it must be one of tf, tf-v1, keras, pytorch, tfjs, optax; using "tf"/);
    } finally {
      warnings.restore();
      await setSetting('dialect', undefined);
      await setSetting('labelSmoothing', 0.1);
    }
  });
});
