import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CalculatorPanel } from '../../src/vscode/calculator';
import type { Prefill } from '../../src/vscode/calculator/protocol';
import { expectedNumber, SNIPPETS } from '../unit/code/snippet-manifest';
import { closeAllEditors, lossLensHoverAt, openScratch, positionOf, setSetting, waitFor } from './helpers';

function corpusUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with test/fixtures/workspace open');
  return vscode.Uri.joinPath(folder.uri, '..', 'code', ...parts);
}

async function openCorpus(...parts: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(corpusUri(...parts));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The numbers of the first fenced block of a hover: the value as the framework prints it. */
function printedNumbers(hover: string): number[] {
  const block = /```text\n([\s\S]*?)\n```/.exec(hover)?.[1];
  assert.ok(block, `no printed value in:\n${hover}`);
  const cleaned = block
    .replace(/shape=\([^)]*\)/g, '')
    .replace(/dtype=\w+/g, '')
    .replace(/float(16|32|64)|int(32|64)/g, '');
  return (cleaned.match(/-?(?:\d+\.?\d*(?:e[-+]?\d+)?|inf|nan)/gi) ?? []).map((t) =>
    /nan/i.test(t) ? NaN : /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t),
  );
}

async function diagnosticsOf(document: vscode.TextDocument, code: string): Promise<vscode.Diagnostic[]> {
  let found: vscode.Diagnostic[] = [];
  await waitFor(() => {
    found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Loss Lens' && d.code === code);
    return found.length > 0;
  }, `no ${code} diagnostic`);
  return found;
}

async function inlayHints(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
}

function hintText(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

suite('Loss calls read from code', () => {
  teardown(closeAllEditors);
  suiteTeardown(async () => {
    await setSetting('inlayHints', undefined);
    await setSetting('codeDiagnostics', undefined);
  });

  suite('documented snippets: the hover shows what the documentation prints', () => {
    // Each snippet is a documented example (its source is in the manifest); its expected value
    // is the documented output, or a real PyTorch 1.13 / TensorFlow.js 4.22 run where the docs print none.
    test('at least a dozen resolvable snippets per framework', () => {
      const snippets = SNIPPETS;
      for (const framework of ['pytorch', 'keras', 'tensorflow', 'optax', 'tfjs']) {
        const resolvable = snippets.filter((s) => s.framework === framework && s.expected !== null);
        assert.ok(resolvable.length >= 12, `${framework}: ${resolvable.length} resolvable snippets`);
      }
    });

    for (const snippet of SNIPPETS) {
      test(`${snippet.file}: ${snippet.expected === null ? 'says why it cannot compute' : `hover shows ${snippet.documented.slice(0, 40)}, and an inlay hint`} (${snippet.source.slice(0, 80)})`, async () => {
        const document = await openCorpus('snippets', snippet.file);
        const at = positionOf(document, snippet.target, 1);
        const hover = await lossLensHoverAt(document, at);
        assert.match(hover, /Loss Lens/, `${snippet.file}: no hover`);
        if (snippet.expected === null) {
          assert.match(hover, /cannot compute this call/, `${snippet.file} (${snippet.source})`);
          // The manifest names the cause in a word ("random") or describes it; a word must appear in the hover's reason.
          const reason = snippet.unresolved?.reason ?? '';
          if (/^\w+$/.test(reason)) assert.ok(hover.toLowerCase().includes(reason), `${snippet.file}: reason ${reason}`);
          return;
        }
        const printed = printedNumbers(hover);
        const expected = (snippet.expected ?? []).map(expectedNumber);
        // The hover prints as the framework prints (4 decimals for torch): compare to that precision.
        const tolerance = Math.max(snippet.tolerance ?? 0, 6e-4);
        assert.equal(printed.length, expected.length, `${snippet.file}: printed ${printed.join(', ')} vs documented ${snippet.documented}`);
        printed.forEach((value, i) => {
          const want = expected[i];
          const ok = Number.isNaN(want) ? Number.isNaN(value) : value === want || Math.abs(value - want) <= tolerance * Math.max(1, Math.abs(want));
          assert.ok(ok, `${snippet.file} [${i}]: ${value} vs documented ${snippet.documented} (${snippet.source})`);
        });
        const hints = await inlayHints(document);
        const end = document.offsetAt(at) - 1 + snippet.target.length;
        assert.ok(
          hints.some((h) => Math.abs(document.offsetAt(h.position) - end) <= 1 && hintText(h).startsWith(' = ')),
          `${snippet.file}: no inlay hint after ${snippet.target}`,
        );
      });
    }
  });

  suite('the source article’s script, opened as it is', () => {
    test('tf.nn.sigmoid_cross_entropy_with_logits and softmax_cross_entropy_with_logits show the article’s printed output', async () => {
      const document = await openCorpus('article_script.py');
      // The article's printed output (../shared/seed/README.md), float32.
      const sigmoid = await lossLensHoverAt(document, positionOf(document, 'tf.nn.sigmoid_cross_entropy_with_logits', 8));
      const sigmoidValues = printedNumbers(sigmoid);
      const article = [1.0798527, 0.34328249, 0.84435523, 0.89968193, 0.7914722, 0.40115389, 0.47748795, 0.84435523, 0.89968193];
      article.forEach((v, i) => assert.ok(Math.abs(sigmoidValues[i] - v) <= 1e-7, `sigmoid [${i}] ${sigmoidValues[i]} vs ${v}`));
      assert.match(sigmoid, /shape=\(3, 3\), dtype=float32/);
      // And in the article's own layout (TF 1.x's `.eval()` printed by NumPy < 1.14). Two of the nine values end one
      // float32 ulp away (0.84435529 for 0.84435523, 0.40115386 for 0.40115389): TensorFlow's exp/log1p kernels round differently.
      const legacy = /```numpy\n([\s\S]*?)\n```/.exec(sigmoid)?.[1] ?? '';
      assert.match(
        legacy,
        /^\[\[ 1\.0798527 {3}0\.34328249 {2}0\.844355\d\d\]\n \[ 0\.89968193 {2}0\.7914722 {3}0\.401153\d\d\]\n \[ 0\.47748795 {2}0\.844355\d\d {2}0\.89968193\]\]$/,
      );
      const softmax = await lossLensHoverAt(document, positionOf(document, 'tf.nn.softmax_cross_entropy_with_logits', 8));
      const softmaxValues = printedNumbers(softmax);
      [0.69967604, 0.74342006, 0.93983102].forEach((v, i) => assert.ok(Math.abs(softmaxValues[i] - v) <= 1e-7, `softmax [${i}] ${softmaxValues[i]} vs ${v}`));
      assert.ok(softmax.includes('[ 0.69967604  0.74342006  0.93983102]'), softmax);
      // Where each argument came from: labels from line 63 (the one-hot), logits from the tf.Variable.
      assert.match(softmax, /| labels | .* | line 63 |/);
    });

    test('the script’s own functions evaluate too, and agree with the API', async () => {
      const document = await openCorpus('article_script.py');
      const custom = printedNumbers(await lossLensHoverAt(document, positionOf(document, 'custom_softmax_loss =', 2)));
      [0.69967604, 0.74342006, 0.93983102].forEach((v, i) => assert.ok(Math.abs(custom[i] - v) <= 3e-7, `custom softmax [${i}] ${custom[i]} vs ${v}`));
      const smooth = printedNumbers(await lossLensHoverAt(document, positionOf(document, 'label_smoothing(labels)', 2)));
      // The article prints 0.03333334 and 0.93333334 (float32 of 0.1/3 and 0.9 + 0.1/3).
      assert.ok(Math.abs(smooth[0] - 0.03333334) < 1e-8 && Math.abs(smooth[1] - 0.93333334) < 1e-8, smooth.join(', '));
    });

    test('its assert a.all() == b.all() is flagged, with a fix that compares the arrays', async () => {
      const document = await openCorpus('article_script.py');
      const found = await diagnosticsOf(document, 'assert-compares-booleans');
      assert.equal(found.length, 2);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, found[0].range);
      const fix = actions.find((a) => a.title.startsWith('Compare the arrays'));
      assert.ok(fix?.edit, 'a quick fix');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /assert \(loss_sigmoid\.eval\(\) == custom_sigmoid_loss\.eval\(\)\)\.all\(\)/);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });

  suite('problems and quick fixes', () => {
    test('Keras logits with from_logits=False: both values, and the fix adds from_logits=True', async () => {
      const { document } = await openScratch(
        [
          'import keras',
          'import numpy as np',
          'y_true = np.array([[0, 1, 0], [0, 0, 1]])',
          'y_pred = np.array([[2.0, 5.0, -1.0], [0.5, 0.3, 3.0]])',
          'cce = keras.losses.CategoricalCrossentropy()',
          'loss = cce(y_true, y_pred)',
          '',
        ].join('\n'),
        'python',
      );
      const [diagnostic] = await diagnosticsOf(document, 'logits-with-from-logits-false');
      assert.match(diagnostic.message, /with from_logits=True it returns/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const fix = actions.find((a) => a.title === 'Add from_logits=True');
      assert.ok(fix?.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /CategoricalCrossentropy\(from_logits=True\)/);
    });

    test('softmax applied twice: the fix passes the logits', async () => {
      const { document } = await openScratch(
        [
          'import torch',
          'import torch.nn.functional as F',
          'logits = torch.tensor([[2.0, 0.5, -1.0]])',
          'target = torch.tensor([0])',
          'loss = F.cross_entropy(F.softmax(logits, dim=1), target)',
          '',
        ].join('\n'),
        'python',
      );
      const [diagnostic] = await diagnosticsOf(document, 'activation-applied-twice');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const fix = actions.find((a) => a.title.startsWith('Pass the logits'));
      assert.ok(fix?.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /F\.cross_entropy\(logits, target\)/);
    });

    test('a class index out of range is placed at that element; -100 is PyTorch’s default ignore_index', async () => {
      const { document } = await openScratch(
        [
          'import torch',
          'from torch import nn',
          'criterion = nn.CrossEntropyLoss()',
          'x = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 0.3]])',
          'loss = criterion(x, torch.tensor([-100, 3]))',
          '',
        ].join('\n'),
        'python',
      );
      const [diagnostic] = await diagnosticsOf(document, 'invalid-value');
      assert.equal(document.getText(diagnostic.range), '3');
    });

    test('one-hot rows to a sparse loss: the fix names the one-hot loss', async () => {
      const { document } = await openScratch(
        [
          'import tensorflow as tf',
          'y_true = tf.constant([[0.0, 1.0], [1.0, 0.0]])',
          'y_pred = tf.constant([[0.2, 0.8], [0.6, 0.4]])',
          'loss = tf.keras.losses.SparseCategoricalCrossentropy()(y_true, y_pred)',
          '',
        ].join('\n'),
        'python',
      );
      const [diagnostic] = await diagnosticsOf(document, 'one-hot-labels-to-sparse-loss');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const fix = actions.find((a) => a.title === 'Use CategoricalCrossentropy');
      assert.ok(fix?.edit);
    });

    test('diagnostics follow the setting', async () => {
      const { document } = await openScratch(
        'import torch\nimport torch.nn.functional as F\nF.cross_entropy(torch.tensor([[1.0, 2.0]]), torch.tensor([2]))\n',
        'python',
      );
      await diagnosticsOf(document, 'invalid-value');
      await setSetting('codeDiagnostics', false);
      await waitFor(() => vscode.languages.getDiagnostics(document.uri).length === 0, 'diagnostics cleared');
      await setSetting('codeDiagnostics', undefined);
    });
  });

  suite('hover, inlay hints and edits', () => {
    test('the code wins over the settings inside a call, and the hover says which argument came from where', async () => {
      await setSetting('labelSmoothing', 0.3);
      try {
        const { document } = await openScratch(
          [
            'import torch',
            'import torch.nn.functional as F',
            'logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])',
            'target = torch.tensor([0, 2])',
            'loss = F.cross_entropy(logits, target, label_smoothing=0.1)',
            'print(loss)',
            '',
          ].join('\n'),
          'python',
        );
        // PyTorch 1.13: F.cross_entropy(logits, target, label_smoothing=0.1) prints tensor(0.3455)
        //.
        const onCall = await lossLensHoverAt(document, positionOf(document, 'F.cross_entropy', 3));
        assert.match(onCall, /tensor\(0\.3455\)/);
        assert.match(onCall, /\| label_smoothing \| `0\.1` \| line 5 \|/);
        assert.match(onCall, /\| ignore_index \| `-100` \| default \|/);
        const onName = await lossLensHoverAt(document, positionOf(document, 'loss =', 1));
        const onPrint = await lossLensHoverAt(document, positionOf(document, 'print(loss)', 7));
        assert.equal(printedNumbers(onName).join(), printedNumbers(onCall).join());
        assert.equal(printedNumbers(onPrint).join(), printedNumbers(onCall).join());
        // A literal inside the call is the call's argument: no settings-based literal hover there.
        assert.doesNotMatch(onCall, /label smoothing 0\.3/);
      } finally {
        await setSetting('labelSmoothing', undefined);
      }
    });

    test('inlay hints update as the user types, and follow the setting', async () => {
      const editor = await openScratch(
        'import torch\nimport torch.nn.functional as F\nx = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(x, torch.tensor([1]))\n',
        'python',
      );
      const before = (await inlayHints(editor.document)).map(hintText);
      assert.equal(before.length, 1);
      await editor.edit((edit) => edit.replace(rangeOfText(editor.document, '2.0'), '5.0'));
      const after = (await inlayHints(editor.document)).map(hintText);
      assert.notEqual(after[0], before[0]);
      await setSetting('inlayHints', false);
      assert.equal((await inlayHints(editor.document)).length, 0);
      await setSetting('inlayHints', undefined);
    });

    test('Insert as Assertion is one undoable edit with the framework’s assert', async () => {
      const editor = await openScratch(
        'import torch\nfrom torch import nn\nx = torch.tensor([[1.0, 2.0, 0.5]])\nloss = nn.CrossEntropyLoss()(x, torch.tensor([1]))\n',
        'python',
      );
      const document = editor.document;
      const original = document.getText();
      const reference = { uri: document.uri.toString(), version: document.version, offset: document.offsetAt(positionOf(document, 'nn.CrossEntropyLoss', 1)) };
      assert.equal(await vscode.commands.executeCommand('lossLens.insertAssertion', reference), true);
      assert.match(document.getText(), /\ntorch\.testing\.assert_close\(loss, torch\.tensor\(0\.\d+\), rtol=1e-5, atol=1e-6\)/);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), original);
    });

    test('Open in Calculator opens the Calls tab on the call, with the arguments the code gives', async () => {
      const { document } = await openScratch(
        'import torch\nimport torch.nn.functional as F\nx = torch.tensor([[1.0, 2.0, 0.5]])\nloss = F.cross_entropy(x, torch.tensor([1]), label_smoothing=0.1)\n',
        'python',
      );
      const reference = { uri: document.uri.toString(), version: document.version, offset: document.offsetAt(positionOf(document, 'F.cross_entropy', 1)) };
      const panel = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCallInCalculator', reference);
      assert.ok(panel, 'the calculator opened');
      const prefill = await new Promise<Prefill>((resolve) => {
        const listener = panel.onDidPostMessage((message) => {
          const candidate = message.type === 'prefill' || message.type === 'init' ? message.prefill : undefined;
          if (candidate?.call) {
            listener.dispose();
            resolve(candidate);
          }
        });
      });
      assert.equal(prefill.call?.id, 'torch.nn.functional.cross_entropy');
      assert.equal(prefill.call?.arguments.label_smoothing, '0.1');
      assert.equal(prefill.logits, '[[1, 2, 0.5]]');
      assert.equal(prefill.labels, '[1]');
      panel.dispose();
    });

    test('a syntax error elsewhere does not break the hover', async () => {
      const { document } = await openScratch(
        'import torch\nimport torch.nn.functional as F\ndef broken(:\n    pass\nx = torch.tensor([[1.0, 2.0]])\nloss = F.cross_entropy(x, torch.tensor([0]))\n',
        'python',
      );
      const hover = await lossLensHoverAt(document, positionOf(document, 'F.cross_entropy', 3));
      assert.match(hover, /tensor\(1\.3133\)/);
    });

    test('tfjs in JavaScript: require, hover and expect(...) assertion', async () => {
      const editor = await openScratch(
        "const tf = require('@tensorflow/tfjs');\nconst labels = tf.tensor2d([[0, 1], [1, 0]]);\nconst logits = tf.tensor2d([[1, 2], [3, 1]]);\nconst loss = tf.losses.softmaxCrossEntropy(labels, logits);\n",
        'javascript',
      );
      const document = editor.document;
      const hover = await lossLensHoverAt(document, positionOf(document, 'softmaxCrossEntropy', 2));
      assert.match(hover, /Tensor/);
      const reference = { uri: document.uri.toString(), version: document.version, offset: document.offsetAt(positionOf(document, 'tf.losses', 1)) };
      assert.equal(await vscode.commands.executeCommand('lossLens.insertAssertion', reference), true);
      assert.match(document.getText(), /expect\(loss\.dataSync\(\)\[0\]\)\.toBeCloseTo\(/);
    });
  });
});

function rangeOfText(document: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(document, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}
