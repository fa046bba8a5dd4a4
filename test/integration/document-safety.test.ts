// Nothing lost: only Insert Result edits a document, as exactly one undoable edit, and only
// when the document is still the version the result was computed from. Hovers, Evaluate,
// Copy, the settings commands and the calculator never change a document's version.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CalculatorPanel } from '../../src/vscode/calculator';
import { DEFAULT_OPTIONS } from '../../src/engine/options';
import { completeForm } from '../../src/vscode/calculator/compute';
import type { HostMessage, OptionsForm } from '../../src/vscode/calculator/protocol';
import { captureWarnings, closeAllEditors, fixtureUri, setSetting, waitFor } from './helpers';

const SOURCE = 'import numpy as np\n\nlogits = np.array([[0.7, 1.2, 0.3],\n                   [0.4, 0.2, 0.9]])\nlabels = [1, 2]\nprint(logits)\n';
/** The engine's defaults (ε = 0, tf, mean) as the calculator's form. */
const OPTIONS: OptionsForm = completeForm(DEFAULT_OPTIONS);

let fileCount = 0;

/** A saved file of its own (a fresh URI each time), shown in an editor. */
async function openFile(content: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(`document-safety-${++fileCount}.py`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

function selectBoth(editor: vscode.TextEditor): void {
  const text = editor.document.getText();
  const start = editor.document.positionAt(text.indexOf('np.array'));
  const end = editor.document.positionAt(text.indexOf('[1, 2]') + '[1, 2]'.length);
  editor.selection = new vscode.Selection(start, end);
}

function unchanged(document: vscode.TextDocument, version: number, text: string): void {
  assert.equal(document.version, version, 'the document version');
  assert.equal(document.getText(), text);
  assert.equal(document.isDirty, false);
}

suite('Document safety', function () {
  this.timeout(60_000);
  suiteSetup(() => setSetting('labelSmoothing', 0.1));
  teardown(async () => {
    await closeAllEditors();
    await setSetting('backgroundThreshold', undefined);
  });
  suiteTeardown(async () => {
    await setSetting('labelSmoothing', undefined);
    await setSetting('dialect', undefined);
  });

  test('hovers, Evaluate, Copy, the settings commands and the calculator leave the version alone', async () => {
    const editor = await openFile(SOURCE);
    const document = editor.document;
    const version = document.version;
    const text = document.getText();
    for (const needle of ['0.7', '0.9', '[1, 2]', 'np.array', 'print']) {
      await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, document.positionAt(text.indexOf(needle) + 1));
    }
    unchanged(document, version, text);

    selectBoth(editor);
    await vscode.commands.executeCommand('lossLens.evaluateSelection');
    await vscode.commands.executeCommand('lossLens.copyResult', { logits: '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]', labels: '[1, 2]', format: 'json' });
    await vscode.commands.executeCommand('lossLens.setLabelSmoothing', 0.2);
    await vscode.commands.executeCommand('lossLens.setDialect', 'keras');
    const panel = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator');
    const replies: HostMessage[] = [];
    const listener = panel.onDidPostMessage((message) => replies.push(message));
    try {
      const logits = '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]';
      await panel.handleMessage({ type: 'evaluate', id: 501, logits, labels: '[1, 2]', options: OPTIONS });
      await panel.handleMessage({ type: 'derive', id: 502, evaluationId: 501, quantity: 'softmaxCrossEntropy', index: [0] });
      await panel.handleMessage({ type: 'compare', id: 503, logits, labels: '[1, 2]', options: OPTIONS });
      await panel.handleMessage({ type: 'distributions', id: 504, p: '[0.5, 0.5]', q: '[0.9, 0.1]' });
      await panel.handleMessage({ type: 'copyResult', format: 'markdown', logits, labels: '[1, 2]', options: OPTIONS });
      await waitFor(() => replies.some((m) => m.type === 'comparison'), 'the comparison is answered', 20_000);
    } finally {
      listener.dispose();
    }
    unchanged(document, version, text);
  });

  test('Insert Result is one edit: the version moves by one, and one undo restores the text', async () => {
    const editor = await openFile(SOURCE);
    const document = editor.document;
    const version = document.version;
    const text = document.getText();
    selectBoth(editor);
    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult'), true);
    assert.equal(document.version, version + 1, 'one edit');
    assert.notEqual(document.getText(), text);
    assert.ok(document.getText().startsWith(text.slice(0, text.indexOf('print'))), 'only added below the selection');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text, 'one undo step restores it');
  });

  test('a large selection (worker) inserts its summary as one edit too', async () => {
    await setSetting('backgroundThreshold', 10);
    const editor = await openFile(SOURCE);
    const document = editor.document;
    const version = document.version;
    const text = document.getText();
    selectBoth(editor);
    assert.equal(await vscode.commands.executeCommand('lossLens.insertResult'), true);
    assert.equal(document.version, version + 1);
    assert.match(document.getText(), /# Loss Lens/);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text);
  });

  test('an edit made while the worker computes is not overwritten: the insert is refused', async () => {
    await setSetting('backgroundThreshold', 10);
    const editor = await openFile(SOURCE);
    const document = editor.document;
    selectBoth(editor);
    const warnings = captureWarnings();
    try {
      const inserting = vscode.commands.executeCommand<boolean>('lossLens.insertResult');
      await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# typed meanwhile\n'));
      const version = document.version;
      const text = document.getText();
      if (await inserting) {
        // The edit reached the extension before the command read the selection: it computed
        // from the edited text, and the insert comes after the typing.
        assert.ok(document.getText().startsWith('# typed meanwhile\n'), document.getText());
        assert.equal(document.version, version + 1);
      } else {
        assert.equal(document.version, version);
        assert.equal(document.getText(), text);
        assert.match(warnings.shown[0] ?? '', /changed since the result was computed/);
      }
    } finally {
      warnings.restore();
    }
  });

  test('a result computed before an edit is not inserted: from a hover link, and from the calculator', async () => {
    const editor = await openFile(SOURCE);
    const document = editor.document;
    const request = {
      logits: '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]',
      labels: '[1, 2]',
      target: { uri: document.uri.toString(), line: 4, version: document.version },
    };
    // Evaluate fills the calculator with this version as its source...
    selectBoth(editor);
    await vscode.commands.executeCommand('lossLens.evaluateSelection');
    const panel = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator');
    // ...then the user edits the document.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# edited\n'));
    await document.save();
    const version = document.version;
    const text = document.getText();
    const warnings = captureWarnings();
    try {
      assert.equal(await vscode.commands.executeCommand('lossLens.insertResult', request), false);
      await panel.handleMessage({ type: 'insertResult', logits: request.logits, labels: request.labels, options: OPTIONS });
      await waitFor(() => warnings.shown.length >= 2, 'both refusals are explained', 10_000);
    } finally {
      warnings.restore();
    }
    unchanged(document, version, text);
    for (const warning of warnings.shown) assert.match(warning, /changed since the result was computed; evaluate again before inserting/);
  });

  test('a request for a document that is not open inserts nothing', async () => {
    const warnings = captureWarnings();
    try {
      const request = { logits: '[[1, 2]]', labels: '[1]', target: { uri: 'file:///nowhere/closed.py', line: 0, version: 1 } };
      assert.equal(await vscode.commands.executeCommand('lossLens.insertResult', request), false);
    } finally {
      warnings.restore();
    }
    assert.match(warnings.shown[0] ?? '', /no longer open; nothing was inserted/);
  });
});
