// The calculator panel in a real VS Code: the command opens one panel whose real webview loads
// its bundle and asks for a result; the host answers typed messages with the engine's numbers,
// rejects malformed ones, explains cells, compares dialects, and is prefilled by Evaluate Selection.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CalculatorPanel } from '../../src/vscode/calculator';
import { DEFAULT_OPTIONS } from '../../src/engine/options';
import { completeForm } from '../../src/vscode/calculator/compute';
import type { CallForm, HostMessage, OptionsForm, WebviewMessage } from '../../src/vscode/calculator/protocol';
import { closeAllEditors, openScratch, waitFor } from './helpers';

type Reply<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

/** The form for the extension's default settings: ε = 0.1 (`lossLens.labelSmoothing`), tf, mean. */
const OPTIONS: OptionsForm = completeForm({ ...DEFAULT_OPTIONS, smoothing: 0.1 });
const SEED_LOGITS = '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],\n [0.6, 0.3, 0.4]]';
const SEED_LABELS = '[1, 2, 0]';
const CROSS_ENTROPY = 'torch.nn.functional.cross_entropy';

/** The Calls tab's form for F.cross_entropy on the article's example, with `args` on top. */
function callForm(args: Record<string, string | boolean | null>): CallForm {
  return { call: CROSS_ENTROPY, arguments: { input: SEED_LOGITS, target: SEED_LABELS, ...args }, float32: true };
}

function calculatorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('lossLens.calculator'));
}

/** Resolves with the first message of `type` the host posts (that passes `accept`). */
function posted<T extends HostMessage['type']>(
  panel: CalculatorPanel,
  type: T,
  accept: (m: Reply<T>) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no "${type}" message within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = panel.onDidPostMessage((message) => {
      if (message.type === type && accept(message as Reply<T>)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(message as Reply<T>);
      }
    });
  });
}

async function ask<T extends HostMessage['type']>(panel: CalculatorPanel, message: WebviewMessage, reply: T): Promise<Reply<T>> {
  const id = 'id' in message ? message.id : undefined;
  const answer = posted(panel, reply, (m) => !('id' in m) || m.id === id);
  await panel.handleMessage(message);
  return answer;
}

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

suite('Calculator panel', () => {
  let panel: CalculatorPanel;
  let scratch: vscode.TextDocument | undefined;
  const problems: string[] = [];
  const postedSoFar: HostMessage[] = [];

  suiteSetup(async () => {
    await closeAllEditors();
    panel = (await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator'))!;
    assert.ok(panel, 'lossLens.openCalculator returns the panel');
    panel.onDidPostMessage((message) => postedSoFar.push(message));
    panel.onDidReceiveMessage((message) => {
      if (message.type === 'problem') problems.push(message.message);
    });
  });

  suiteTeardown(async () => {
    panel?.dispose();
    await closeAllEditors();
  });

  test('the real webview loads its bundle, says ready and asks for the example result', async () => {
    const evaluated = () => postedSoFar.find((m): m is Reply<'evaluated'> => m.type === 'evaluated');
    await waitFor(() => evaluated() !== undefined, 'the webview sends evaluate after init and gets a report', 20_000);
    assert.equal(postedSoFar[0].type, 'init');
    const report = evaluated()!.report;
    close(report.softmaxCrossEntropyHard[0], 0.6996759812098481, 1e-12, 'hard softmax CE of row 0');
    close(report.sigmoidCrossEntropy.data[0], 1.0798527155521245, 1e-12, 'sigmoid CE (0, 0)');
    assert.deepEqual(problems, [], 'no script errors or CSP violations reported by the webview');
    assert.equal(calculatorTabs().length, 1);
  });

  test('opening it again reveals the same panel', async () => {
    const again = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator');
    assert.equal(again, panel);
    assert.equal(calculatorTabs().length, 1);
  });

  test('evaluates literals with arithmetic and the chosen options', async () => {
    const reply = await ask(
      panel,
      { type: 'evaluate', id: 9001, logits: '[[0.7, 0.6 + 0.6, 0.3]]', labels: '[1]', options: { ...OPTIONS, smoothing: '0.1' } },
      'evaluated',
    );
    const report = reply.report;
    assert.deepEqual(report.logitsShape, [1, 3]);
    close(report.softmax.data[1], 0.4967462328313597, 1e-12, 'softmax (0, 1)');
    close(report.smoothedLabels.data[1], 0.9333333333333333, 1e-15, 'smoothed true label');
    close(report.softmaxCrossEntropyHard[0], 0.6996759812098481, 1e-12, 'hard CE');
    assert.equal(report.argmax[0], 1);
  });

  test('puts an input error at its line and column, and option errors at their field', async () => {
    const reply = await ask(
      panel,
      { type: 'evaluate', id: 9002, logits: '[[0.7, 1.2],\n [0.4, 0.2x]]', labels: '[1, 0]', options: { ...OPTIONS, smoothing: '1.5' } },
      'inputErrors',
    );
    const logits = reply.errors.find((e) => e.input === 'logits');
    assert.ok(logits, JSON.stringify(reply.errors));
    assert.equal(logits.line, 2);
    assert.ok(logits.column !== undefined && logits.column >= 7 && logits.column <= 10, `column ${logits.column}`);
    const smoothing = reply.errors.find((e) => e.field === 'smoothing');
    assert.ok(smoothing, JSON.stringify(reply.errors));
    assert.match(smoothing.message, /1\.5/);
  });

  test('explains a softmax cross-entropy row with its steps, CE = H(y) + KL and the gradient', async () => {
    const evaluation = await ask(panel, { type: 'evaluate', id: 9003, logits: SEED_LOGITS, labels: SEED_LABELS, options: OPTIONS }, 'evaluated');
    const reply = await ask(panel, { type: 'derive', id: 9004, evaluationId: 9003, quantity: 'softmaxCrossEntropy', index: [0] }, 'derivation');
    const { derivation, decomposition, gradient } = reply.result;
    assert.ok(derivation.steps.length >= 2, 'several steps');
    assert.ok(derivation.steps.every((step) => step.formula.length > 0 && step.substituted.length > 0));
    close(derivation.result, evaluation.report.softmaxCrossEntropy[0], 1e-12, 'derivation result');
    assert.ok(decomposition);
    close(decomposition.entropy + decomposition.klDivergence, decomposition.crossEntropy, 1e-12, 'H + KL');
    assert.equal(gradient?.length, 3);
    close(gradient[1], evaluation.report.softmax.data[1] - evaluation.report.smoothedLabels.data[1], 1e-12, 'gradient (0, 1)');
  });

  test('compares the dialects and float64 / float32 / BigNumber digits', async () => {
    const reply = await ask(
      panel,
      { type: 'compare', id: 9005, logits: SEED_LOGITS, labels: SEED_LABELS, options: { ...OPTIONS, smoothing: '0' } },
      'comparison',
    );
    const { comparison } = reply;
    assert.deepEqual(
      comparison.dialects.map((d) => d.dialect),
      ['tf', 'tf-v1', 'keras', 'pytorch', 'tfjs', 'optax'],
    );
    const row0 = comparison.precision.find((row) => row.quantity === 'softmaxCrossEntropy' && row.index[0] === 0)!;
    assert.match(row0.bigNumber, /^0\.69967598120984/);
    close(row0.float64, 0.6996759812098481, 1e-15, 'float64');
    close(row0.float32, 0.69967604, 1e-7, 'float32');
  });

  test('the Calls tab: the real webview asks for the first catalogue call with the literals as its input and target', async () => {
    const init = postedSoFar.find((m): m is Reply<'init'> => m.type === 'init');
    assert.ok(
      init?.calls.some((c) => c.id === CROSS_ENTROPY),
      'init carries the catalogue',
    );
    const called = () => postedSoFar.find((m): m is Reply<'callEvaluated'> => m.type === 'callEvaluated');
    await waitFor(() => called() !== undefined, 'the webview sends a call request after init and gets a report', 20_000);
    const report = called()!.report;
    assert.equal(report.call, CROSS_ENTROPY);
    // PyTorch 1.13, float32: F.cross_entropy(torch.tensor(article logits), torch.tensor([1, 2, 0])) = 0.7943090796470642.
    assert.equal(report.value.data[0], 0.7943090796470642);
    assert.equal(report.float32, true);
  });

  test('the Calls tab computes torch.nn.functional.cross_entropy with label_smoothing=0.1 as PyTorch 1.13 does', async () => {
    const reply = await ask(panel, { type: 'call', id: 9101, form: callForm({ label_smoothing: '0.1' }) }, 'callEvaluated');
    // PyTorch 1.13, float32: F.cross_entropy(torch.tensor(article logits), torch.tensor([1, 2, 0]), label_smoothing=0.1).
    assert.equal(reply.report.value.data[0], 0.8287534713745117);
    assert.deepEqual(reply.report.weighted.data, [0.746342658996582, 0.7834200859069824, 0.9564976692199707]);
    assert.equal(reply.report.reduction?.denominator, 3);
    assert.match(reply.report.signature, /reduction='mean', label_smoothing=0\.1\)$/);
    assert.equal(reply.report.docs, 'https://pytorch.org/docs/1.13/generated/torch.nn.functional.cross_entropy.html');
  });

  test('the Calls tab marks an invalid argument on its own field, at its line and column', async () => {
    const range = await ask(panel, { type: 'call', id: 9102, form: callForm({ target: '[1,\n 5, 0]' }) }, 'inputErrors');
    assert.deepEqual(
      range.errors.map((e) => [e.argument, e.line, e.column]),
      [['target', 2, 2]],
      'the 5 on line 2 of the target field',
    );
    const smoothing = await ask(panel, { type: 'call', id: 9103, form: callForm({ label_smoothing: '1.5' }) }, 'inputErrors');
    assert.equal(smoothing.errors[0].argument, 'label_smoothing');
    assert.match(smoothing.errors[0].message, /1\.5/);
    const unparsed = await ask(panel, { type: 'call', id: 9104, form: callForm({ input: '[[0.7, 1.2],\n [0.4, 0.2x]]' }) }, 'inputErrors');
    assert.equal(unparsed.errors[0].argument, 'input');
    assert.equal(unparsed.errors[0].line, 2);
  });

  test('the Calls tab drops calls and arguments outside the catalogue, and opens only the catalogue’s https docs', async () => {
    let replies = 0;
    const listener = panel.onDidPostMessage(() => replies++);
    const env = vscode.env as { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
    const original = env.openExternal;
    const opened: string[] = [];
    env.openExternal = (uri) => {
      opened.push(uri.toString(true));
      return Promise.resolve(true);
    };
    try {
      await panel.handleMessage({ type: 'call', id: 9105, form: { ...callForm({}), call: 'os.system' } });
      await panel.handleMessage({ type: 'call', id: 9106, form: callForm({ command: 'rm -rf /' }) });
      await panel.handleMessage({ type: 'openDocs', call: 'https://example.com' });
      await panel.handleMessage({ type: 'openDocs', call: CROSS_ENTROPY });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      env.openExternal = original;
      listener.dispose();
    }
    assert.equal(replies, 0);
    assert.deepEqual(opened, ['https://pytorch.org/docs/1.13/generated/torch.nn.functional.cross_entropy.html']);
  });

  test('drops malformed messages without answering', async () => {
    let replies = 0;
    const listener = panel.onDidPostMessage(() => replies++);
    try {
      await panel.handleMessage({ type: 'runCommand', command: 'workbench.action.quit' });
      await panel.handleMessage({ type: 'evaluate', id: 'x', logits: 1 });
      await panel.handleMessage('ready');
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      listener.dispose();
    }
    assert.equal(replies, 0);
  });

  test('Evaluate Selection fills the calculator with the selected literals', async () => {
    const editor = await openScratch(`logits = ${SEED_LOGITS.replace(/\n/g, '')}\nlabels = ${SEED_LABELS}\n`, 'python');
    editor.selection = new vscode.Selection(0, 0, 1, editor.document.lineAt(1).text.length);
    const prefilled = Promise.race([posted(panel, 'prefill'), posted(panel, 'init', (m) => m.prefill !== undefined)]);
    await vscode.commands.executeCommand('lossLens.evaluateSelection');
    const message = await prefilled;
    assert.equal(message.prefill?.labels, SEED_LABELS);
    assert.match(message.prefill?.logits ?? '', /^\[\[0\.7, 1\.2, 0\.3\]/);
    await waitFor(() => calculatorTabs().length === 1, 'still one calculator');
    scratch = editor.document;
  });

  test('Insert as comment writes the result below the literals it came from', async () => {
    assert.ok(scratch, 'the Evaluate Selection test opened the document');
    const before = scratch.lineCount;
    await panel.handleMessage({ type: 'insertResult', logits: SEED_LOGITS, labels: SEED_LABELS, options: OPTIONS });
    await waitFor(() => scratch!.lineCount > before, 'the comment is inserted', 10_000);
    const text = scratch.getText();
    const comment = text
      .split('\n')
      .slice(2)
      .filter((line) => line.startsWith('#'));
    assert.ok(comment.length > 3, text);
    assert.match(text, /0\.69968/, 'the hard softmax CE of row 0 is in the comment');
  });

  test('Copy puts the result on the clipboard in the chosen format', async () => {
    await vscode.env.clipboard.writeText('');
    await panel.handleMessage({ type: 'copyResult', format: 'json', logits: SEED_LOGITS, labels: SEED_LABELS, options: OPTIONS });
    await waitFor(async () => (await vscode.env.clipboard.readText()).length > 0, 'the clipboard is filled', 10_000);
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as unknown;
    assert.ok(typeof copied === 'object' && copied !== null);
    assert.match(JSON.stringify(copied), /0\.699675981209848/);
  });

  test('Insert as comment and Copy work for a call result too', async () => {
    assert.ok(scratch, 'the Evaluate Selection test opened the document');
    // The comment inserted above changed the document: select the literals again so the panel has its new version.
    const editor = await vscode.window.showTextDocument(scratch);
    editor.selection = new vscode.Selection(0, 0, 1, scratch.lineAt(1).text.length);
    const prefilled = Promise.race([posted(panel, 'prefill'), posted(panel, 'init', (m) => m.prefill !== undefined)]);
    await vscode.commands.executeCommand('lossLens.evaluateSelection');
    await prefilled;
    const before = scratch.lineCount;
    await panel.handleMessage({ type: 'insertCallResult', form: callForm({ label_smoothing: '0.1' }) });
    await waitFor(() => scratch!.lineCount > before, 'the comment is inserted', 10_000);
    assert.match(scratch.getText(), /# Loss Lens: torch\.nn\.functional\.cross_entropy\(input, target, .*label_smoothing=0\.1\)/);
    assert.match(scratch.getText(), /# value = 0\.82875 \(float32\)/);
    await vscode.env.clipboard.writeText('');
    await panel.handleMessage({ type: 'copyCallResult', format: 'json', form: callForm({ label_smoothing: '0.1' }) });
    await waitFor(async () => (await vscode.env.clipboard.readText()).length > 0, 'the clipboard is filled', 10_000);
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { call: string; value: number; dtype: string };
    assert.equal(copied.call, CROSS_ENTROPY);
    assert.equal(copied.value, 0.8287534713745117);
    assert.equal(copied.dtype, 'float32');
  });
});
