import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertClose, closeAllEditors, openFixture, openScratch, rangeOf, setSetting, waitFor } from './helpers';

const SEED_SOFTMAX_CE_SMOOTHED = [0.7463426478765146, 0.78342003714231, 0.9564977275111267];

function calculatorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('lossLens.calculator'));
}

suite('Commands', () => {
  suiteSetup(async () => {
    await setSetting('labelSmoothing', 0.1);
  });
  teardown(closeAllEditors);
  suiteTeardown(async () => {
    await setSetting('labelSmoothing', undefined);
    await setSetting('dialect', undefined);
  });

  test('every command is registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'lossLens.evaluateSelection',
      'lossLens.insertResult',
      'lossLens.copyResult',
      'lossLens.openCalculator',
      'lossLens.setLabelSmoothing',
      'lossLens.setDialect',
      'lossLens.setInput',
    ]) {
      assert.ok(commands.includes(id), id);
    }
  });

  test('Evaluate Selection with two selections (labels first) opens the results panel', async () => {
    const editor = await openFixture('seed.py');
    const labels = rangeOf(editor.document, '[1, 2, 0]');
    const logitsStart = rangeOf(editor.document, '[[0.7').start;
    const logitsEnd = rangeOf(editor.document, '0.4]]').end;
    editor.selections = [new vscode.Selection(labels.start, labels.end), new vscode.Selection(logitsStart, logitsEnd)];
    await vscode.commands.executeCommand('lossLens.evaluateSelection');
    await waitFor(() => calculatorTabs().length === 1, 'the calculator panel opens');
  });

  test('Insert Result writes one comment below the selection, and one undo removes it', async () => {
    const editor = await openFixture('seed.py');
    const original = editor.document.getText();
    const start = rangeOf(editor.document, 'logits = tf').start;
    const end = rangeOf(editor.document, 'labels = tf.Variable([1, 2, 0])').end;
    editor.selection = new vscode.Selection(start, end);
    const inserted = await vscode.commands.executeCommand<boolean>('lossLens.insertResult');
    assert.equal(inserted, true);
    const text = editor.document.getText();
    const added = text.slice(
      text.indexOf('labels = tf.Variable([1, 2, 0])') + 'labels = tf.Variable([1, 2, 0])'.length,
      text.indexOf('    labels = tf.one_hot'),
    );
    const lines = added.split('\n').filter((line) => line.trim() !== '');
    assert.ok(
      lines.every((line) => line.startsWith('    # ')),
      `every inserted line is an indented comment:\n${added}`,
    );
    assert.match(added, /# Loss Lens: logits \[3, 3\], labels \[3\] \(indices\), K = 3/);
    // Numbers follow lossLens.precision (5 significant digits by default).
    assert.match(added, /# softmax CE {2}0\.82875 {2}2\.4863 {2}0\.82875$/m);
    assert.match(added, /# {3}0 {12}1 {5}0\.69968 {16}0\.74634$/m);
    assert.match(added, /# {3}0 {3}1\.0799 {2}0\.34328 {2}0\.84436$/m);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  test('Insert Result refuses when the document changed since the result was computed', async () => {
    const editor = await openScratch('logits = [[1.0, 2.0]]\nlabels = [1]\n', 'python');
    const request = {
      logits: '[[1.0, 2.0]]',
      labels: '[1]',
      target: { uri: editor.document.uri.toString(), line: 1, version: editor.document.version },
    };
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# edited\n'));
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult', request), false);
    assert.equal(editor.document.getText(), before);
  });

  test('Insert Result from a hover link argument writes below the given line', async () => {
    const editor = await openScratch('logits = [[1.0, 2.0]]\nlabels = [1]\nprint(1)\n', 'python');
    const request = {
      logits: '[[1.0, 2.0]]',
      labels: '[1]',
      options: { smoothing: 0 },
      target: { uri: editor.document.uri.toString(), line: 1, version: editor.document.version },
    };
    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult', request), true);
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[2], '# Loss Lens: logits [1, 2], labels [1] (indices), K = 2');
    assert.equal(lines.at(-2), 'print(1)');
    // −log softmax([1, 2])[1] = log(1 + e^−1)
    assert.ok(editor.document.getText().includes(`softmax CE  ${Math.log1p(Math.exp(-1)).toPrecision(5)}`));
  });

  test('Copy Result as JSON puts the CLI object on the clipboard', async () => {
    const editor = await openFixture('seed.py');
    const start = rangeOf(editor.document, '[[0.7').start;
    const end = rangeOf(editor.document, '[1, 2, 0]').end;
    editor.selection = new vscode.Selection(start, end);
    await vscode.env.clipboard.writeText('');
    const format = await vscode.commands.executeCommand('lossLens.copyResult', {
      logits: editor.document.getText(new vscode.Range(start, rangeOf(editor.document, '0.4]]').end)),
      labels: '[1, 2, 0]',
      format: 'json',
    });
    assert.equal(format, 'json');
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { softmaxCrossEntropy: number[]; oneHot: number[][] };
    assertClose(copied.softmaxCrossEntropy, SEED_SOFTMAX_CE_SMOOTHED, 1e-12, 'softmaxCrossEntropy');
    assert.deepEqual(copied.oneHot, [
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  test('Copy Result as NumPy writes code that recreates the values', async () => {
    await vscode.commands.executeCommand('lossLens.copyResult', { logits: '[[0.0, 0.0]]', labels: '[0]', options: { smoothing: 0 }, format: 'numpy' });
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^import numpy as np$/m);
    assert.match(copied, /^softmax = np\.array\(\[\[0\.5, 0\.5\]\]\)$/m);
    assert.match(copied, new RegExp(`^softmax_cross_entropy = np\\.array\\(\\[${String(Math.LN2).replace('.', '\\.')}\\]\\)$`, 'm'));
  });

  test('Set Label Smoothing and Set Dialect update the settings', async () => {
    await vscode.commands.executeCommand('lossLens.setLabelSmoothing', 0.2);
    assert.equal(vscode.workspace.getConfiguration('lossLens').get('labelSmoothing'), 0.2);
    await vscode.commands.executeCommand('lossLens.setDialect', 'pytorch');
    assert.equal(vscode.workspace.getConfiguration('lossLens').get('dialect'), 'pytorch');
    await vscode.commands.executeCommand('lossLens.setInput', 'log-probabilities');
    assert.equal(vscode.workspace.getConfiguration('lossLens').get('input'), 'log-probabilities');
    await setSetting('input', undefined);
    await vscode.commands.executeCommand('lossLens.setLabelSmoothing', 1.5);
    assert.equal(vscode.workspace.getConfiguration('lossLens').get('labelSmoothing'), 0.2, 'an ε outside [0, 1) is refused');
  });

  test('bad input reports an error and changes nothing', async () => {
    const editor = await openScratch('logits = [[1.0, 2.0], [3.0]]\nlabels = [0, 1]\n', 'python');
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 1, 15);
    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult'), false);
    assert.equal(editor.document.getText(), before);
  });
});
