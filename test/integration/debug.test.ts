// Live tensors from a real debugger: VS Code's built-in JavaScript debugger (js-debug) stopped at a
// `debugger` statement, and debugpy (Debian's python3-debugpy, run by the test-only extension in
// test/fixtures/debugpy-extension) stopped at breakpoint() in a .py file. The fixtures compute their
// tensors at run time, so the values can only come from the debugger.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CalculatorPanel } from '../../src/vscode/calculator';
import type { HostMessage } from '../../src/vscode/calculator/protocol';
import { closeAllEditors, EXTENSION_ID, fixtureUri, setSetting, waitFor } from './helpers';

type Prefill = Extract<HostMessage, { type: 'prefill' }>;

/** The repository (out/test/integration is three levels down): its node_modules has TensorFlow.js. */
const REPO = path.resolve(__dirname, '../../..');
const PYTHON = '/usr/bin/python3';

const LOGITS = '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9], [0.6, 0.3, 0.4]]';
const LABELS = '[1, 2, 0]';

/** Answers the extension's input boxes in order and records what each was opened with. */
function stubInputBoxes(answers: (string | undefined | ((options: vscode.InputBoxOptions) => Promise<string | undefined>))[]): {
  asked: vscode.InputBoxOptions[];
  restore(): void;
} {
  const window = vscode.window as { showInputBox: (options?: vscode.InputBoxOptions) => Thenable<string | undefined> };
  const original = window.showInputBox;
  const asked: vscode.InputBoxOptions[] = [];
  window.showInputBox = (options: vscode.InputBoxOptions = {}) => {
    asked.push(options);
    const answer = answers.shift();
    return typeof answer === 'function' ? answer(options) : Promise.resolve(answer);
  };
  return { asked, restore: () => (window.showInputBox = original) };
}

/** Records error messages the extension shows. */
function captureErrors(): { shown: string[]; restore(): void } {
  const window = vscode.window as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showErrorMessage;
  const shown: string[] = [];
  window.showErrorMessage = (message: unknown) => {
    shown.push(String(message));
    return Promise.resolve(undefined);
  };
  return { shown, restore: () => (window.showErrorMessage = original) };
}

/** Sessions as the adapters report them: which stopped. */
class Watcher implements vscode.Disposable {
  readonly stops: { session: vscode.DebugSession; threadId: number }[] = [];
  private readonly disposables = [
    vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (message: { type?: string; event?: string; body?: { threadId?: number } }) => {
          if (message.type === 'event' && message.event === 'stopped') this.stops.push({ session, threadId: message.body?.threadId ?? 0 });
        },
      }),
    }),
  ];

  async nextStop(after: number, what: string, timeoutMs = 30_000): Promise<vscode.DebugSession> {
    await waitFor(() => this.stops.length > after, `${what}: the debugger did not stop`, timeoutMs);
    const { session } = this.stops[after];
    // The focused frame (activeStackItem) follows the stop once VS Code has fetched the stack.
    await waitFor(() => vscode.debug.activeDebugSession?.id === session.id, `${what}: the stopped session is not the active one`, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return session;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function calculator(): Promise<CalculatorPanel> {
  const panel = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator');
  assert.ok(panel, 'lossLens.openCalculator returns the panel');
  return panel;
}

/** The next prefill the calculator posts (it may arrive in `init` when the page was not ready). */
function nextPrefill(panel: CalculatorPanel, timeoutMs = 30_000): Promise<Prefill> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no prefill within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = panel.onDidPostMessage((message) => {
      if (message.type === 'prefill' || (message.type === 'init' && message.prefill)) {
        clearTimeout(timer);
        listener.dispose();
        resolve({ type: 'prefill', prefill: message.prefill!, ...(message.source ? { source: message.source } : {}) });
      }
    });
  });
}

async function stopAllSessions(): Promise<void> {
  // The fixtures end by themselves once resumed, which ends their sessions more reliably than a
  // kill: js-debug's stopDebugging(session) could wait on its child indefinitely. So: continue,
  // then stop what is left (the root of js-debug's tree ends its children with it), never waiting
  // on a promise alone.
  const settle = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (vscode.debug.activeDebugSession && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  for (let attempt = 0; attempt < 5 && vscode.debug.activeDebugSession; attempt++) {
    const session = vscode.debug.activeDebugSession;
    await Promise.race([vscode.commands.executeCommand('workbench.action.debug.continue'), new Promise((resolve) => setTimeout(resolve, 2000))]);
    await settle(3000);
    if (!vscode.debug.activeDebugSession) break;
    const root = session.parentSession ?? session;
    await Promise.race([
      Promise.all([vscode.debug.stopDebugging(root), vscode.commands.executeCommand('workbench.action.debug.stop')]),
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]);
    await settle(5000);
  }
  const left = vscode.debug.activeDebugSession;
  // Cleanup only: a root session that outlives its program does not stop the next suite (it focuses its own stopped session).
  if (left) console.log(`debug tests: the session ${left.name} (${left.type}) was still listed after stopping`);
}

/** Runs Evaluate Debug Expressions… with these answers; returns the prefill and what the boxes showed. */
async function evaluateCommand(panel: CalculatorPanel, logits: string, labels: string): Promise<{ prefill: Prefill; asked: vscode.InputBoxOptions[] }> {
  const boxes = stubInputBoxes([logits, labels]);
  const errors = captureErrors();
  try {
    const prefilled = nextPrefill(panel);
    const opened = await vscode.commands.executeCommand<CalculatorPanel | undefined>('lossLens.evaluateDebugExpressions');
    assert.deepEqual(errors.shown, [], 'no error message');
    assert.ok(opened, 'the command opens the calculator');
    return { prefill: await prefilled, asked: boxes.asked };
  } finally {
    boxes.restore();
    errors.restore();
  }
}

/** Runs the command expecting a failure; returns the error message shown. */
async function evaluateFailure(logits: string): Promise<string> {
  const boxes = stubInputBoxes([logits, '']);
  const errors = captureErrors();
  try {
    const opened = await vscode.commands.executeCommand<CalculatorPanel | undefined>('lossLens.evaluateDebugExpressions');
    assert.equal(opened, undefined, `${logits}: nothing opens`);
    await waitFor(() => errors.shown.length > 0, `${logits}: an error message`);
    return errors.shown[0];
  } finally {
    boxes.restore();
    errors.restore();
  }
}

/** What the Variables view passes for a variable of the Locals scope (VS Code's Variable.toJSON). */
function variableArgument(session: vscode.DebugSession, name: string): unknown {
  return {
    sessionId: session.id,
    container: { name: 'Local', variablesReference: 1, expensive: false },
    variable: { name, value: '…', evaluateName: name, variablesReference: 7 },
  };
}

/** What the Watch view passes for a watch expression (VS Code's Expression.toJSON: no container). */
function watchArgument(session: vscode.DebugSession, expression: string): unknown {
  return { sessionId: session.id, variable: { name: expression, value: '…', evaluateName: expression, variablesReference: 0 } };
}

suite('Live tensors: no debug session', () => {
  test('without a stopped session the command says so', async () => {
    assert.equal(vscode.debug.activeDebugSession, undefined, 'no session is running before the debugger suites');
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const errors = captureErrors();
    try {
      await vscode.commands.executeCommand('lossLens.evaluateDebugExpressions');
      assert.match(errors.shown[0] ?? '', /no debug session is stopped/);
    } finally {
      errors.restore();
    }
  });
});

suite('Live tensors: JavaScript debugger', function () {
  this.timeout(90_000);
  let watcher: Watcher;
  let session: vscode.DebugSession;
  let panel: CalculatorPanel;

  suiteSetup(async () => {
    watcher = new Watcher();
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await closeAllEditors();
    panel = await calculator();
    const folder = vscode.workspace.workspaceFolders![0];
    const started = await vscode.debug.startDebugging(folder, {
      type: 'pwa-node',
      request: 'launch',
      name: 'Loss Lens tensors.js',
      program: fixtureUri('debug/tensors.js').fsPath,
      env: { NODE_PATH: path.join(REPO, 'node_modules') },
      console: 'internalConsole',
      outputCapture: 'std',
    });
    assert.ok(started, 'the JavaScript debugger starts');
    session = await watcher.nextStop(0, 'tensors.js');
  });

  suiteTeardown(async () => {
    await stopAllSessions();
    watcher.dispose();
    await setSetting('debug.maxElements', undefined);
    await closeAllEditors();
  });

  test('Evaluate Debug Expressions… reads run-time arrays and opens the calculator titled with the frame', async () => {
    const { prefill, asked } = await evaluateCommand(panel, 'logits', 'labels');
    assert.equal(prefill.prefill.logits, LOGITS);
    assert.equal(prefill.prefill.labels, LABELS);
    assert.equal(prefill.source, 'debug/tensors.js:19');
    assert.equal(asked.length, 2, 'two input boxes: logits, then labels');
    // The frame's variables suggest the names, selected so that typing replaces them.
    assert.equal(asked[0].value, 'logits');
    assert.deepEqual(asked[0].valueSelection, [0, 'logits'.length]);
    assert.equal(asked[1].value, 'labels');
    assert.match(asked[0].prompt ?? '', /step \(tensors\.js:19\)/);
  });

  test('typed arrays, TensorFlow.js tensors and expressions evaluate in the frame; labels may be empty', async () => {
    const typed = await evaluateCommand(panel, 'outputs', 'targets');
    assert.equal(typed.prefill.prefill.logits, '[0.7, 1.2, 0.3, 0.4, 0.2, 0.9, 0.6, 0.3, 0.4]');
    assert.equal(typed.prefill.prefill.labels, LABELS);
    const tfjs = await evaluateCommand(panel, 'tensor', 'targets');
    assert.equal(tfjs.prefill.prefill.logits, LOGITS, 'a float32 tfjs tensor is written with its float32 digits');
    const alone = await evaluateCommand(panel, 'logits.map((row) => row.map((x) => 2 * x))', '');
    assert.equal(alone.prefill.prefill.logits, '[[1.4, 2.4, 0.6], [0.8, 0.4, 1.8], [1.2, 0.6, 0.8]]');
    assert.equal(alone.prefill.prefill.labels, undefined);
  });

  test('Use as Logits / Use as Labels from the Variables and Watch views open the pair', async () => {
    const first = await vscode.commands.executeCommand<CalculatorPanel | undefined>('lossLens.useAsLogits', variableArgument(session, 'logits'));
    assert.equal(first, undefined, 'one choice waits for the other');
    const prefilled = nextPrefill(panel);
    const opened = await vscode.commands.executeCommand<CalculatorPanel | undefined>('lossLens.useAsLabels', watchArgument(session, 'labels'));
    assert.ok(opened, 'the second choice opens the calculator');
    const prefill = await prefilled;
    assert.equal(prefill.prefill.logits, LOGITS);
    assert.equal(prefill.prefill.labels, LABELS);
    // Either order: labels first, then a TensorFlow.js tensor as logits.
    await vscode.commands.executeCommand('lossLens.useAsLabels', variableArgument(session, 'targets'));
    const again = nextPrefill(panel);
    await vscode.commands.executeCommand('lossLens.useAsLogits', watchArgument(session, 'tensor'));
    assert.equal((await again).prefill.logits, LOGITS);
  });

  test('every failure says what and where: unknown name, ragged, non-numeric, NaN, too many elements, too long', async () => {
    assert.match(await evaluateFailure('no_such_tensor'), /no_such_tensor is not defined/);
    assert.match(
      await evaluateFailure('ragged'),
      /logits `ragged` is ragged: logits\[1\] has 1 elements where 2 elements were expected.*step \(tensors\.js:19\)/,
    );
    assert.match(await evaluateFailure('words'), /logits `words`\[0\]\[0\] is string, not a number/);
    assert.match(await evaluateFailure('withNaN'), /logits `withNaN`\[0\]\[1\] is NaN/);
    assert.match(await evaluateFailure('huge'), /1,200,000 elements \(shape \[1200000\]\); Loss Lens reads at most 1,000,000 \(lossLens\.debug\.maxElements\)/);
    assert.match(await evaluateFailure('big'), /120,000 elements, [\d,]+ characters as text; the calculator reads at most 1,000,000/);
    await setSetting('debug.maxElements', 100);
    assert.match(await evaluateFailure('big'), /Loss Lens reads at most 100 /);
    await setSetting('debug.maxElements', undefined);
  });

  test('a big tensor within the limits is read in one evaluate, quickly', async () => {
    const started = Date.now();
    const { prefill } = await evaluateCommand(panel, 'big.subarray(0, 60000)', '');
    const elapsed = Date.now() - started;
    console.log(`      60,000 float32 values read from js-debug in ${elapsed} ms (${prefill.prefill.logits?.length} characters)`);
    assert.ok(prefill.prefill.logits?.startsWith('[0, 0.841470'), prefill.prefill.logits?.slice(0, 40));
  });

  test('reading binds nothing, in the frame or globally', async () => {
    const count = '[Object.keys(globalThis).length, state.calls]';
    const before = await evaluateCommand(panel, count, '');
    await evaluateCommand(panel, 'tensor', 'targets');
    const after = await evaluateCommand(panel, count, '');
    assert.equal(after.prefill.prefill.logits, before.prefill.prefill.logits);
  });

  test('a program that resumes while the command waits is reported, not read', async () => {
    const stopsBefore = watcher.stops.length;
    const boxes = stubInputBoxes([
      'logits',
      async () => {
        await vscode.commands.executeCommand('workbench.action.debug.continue');
        await watcher.nextStop(stopsBefore, 'the second step');
        return 'labels';
      },
    ]);
    const errors = captureErrors();
    try {
      const opened = await vscode.commands.executeCommand<CalculatorPanel | undefined>('lossLens.evaluateDebugExpressions');
      assert.equal(opened, undefined);
      await waitFor(() => errors.shown.length > 0, 'an error message');
      assert.match(errors.shown[0], /the program resumed while reading the tensors from (global\.)?step \(tensors\.js:19\); stop it again and retry/);
    } finally {
      boxes.restore();
      errors.restore();
    }
    // At the new stop the values are the second step's (seed 1).
    const { prefill } = await evaluateCommand(panel, 'logits', 'labels');
    assert.equal(prefill.prefill.logits, '[[0.8, 1.3, 0.4], [0.5, 0.3, 1], [0.7, 0.4, 0.5]]');
  });
});

/** Whether Debian's debugpy, NumPy and torch are there (the harness installs them through apt). */
function pythonReady(): boolean {
  return spawnSync(PYTHON, ['-c', 'import debugpy, numpy, torch'], { encoding: 'utf8' }).status === 0;
}

suite('Live tensors: debugpy', function () {
  this.timeout(120_000);
  let watcher: Watcher;
  let panel: CalculatorPanel;

  suiteSetup(async function () {
    watcher = new Watcher();
    assert.ok(pythonReady(), `${PYTHON} -c "import debugpy, numpy, torch" fails: install python3-debugpy python3-numpy python3-torch`);
    assert.ok(vscode.extensions.getExtension('loss-lens-tests.debugpy-adapter'), 'the test-only debugpy extension is loaded');
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    panel = await calculator();
    const folder = vscode.workspace.workspaceFolders![0];
    const started = await vscode.debug.startDebugging(folder, {
      type: 'debugpy',
      request: 'launch',
      name: 'Loss Lens tensors.py',
      program: fixtureUri('debug/tensors.py').fsPath,
      python: PYTHON,
      justMyCode: true,
      console: 'internalConsole',
    });
    assert.ok(started, 'debugpy starts');
    await watcher.nextStop(0, 'tensors.py', 60_000);
  });

  suiteTeardown(async () => {
    await stopAllSessions();
    watcher.dispose();
    await closeAllEditors();
  });

  test('NumPy arrays: Evaluate Debug Expressions… opens the calculator titled with the .py frame', async () => {
    const { prefill, asked } = await evaluateCommand(panel, 'logits', 'labels');
    assert.equal(prefill.prefill.logits, LOGITS);
    assert.equal(prefill.prefill.labels, LABELS);
    assert.equal(prefill.source, 'debug/tensors.py:18');
    assert.equal(asked[0].value, 'logits');
    assert.equal(asked[1].value, 'labels');
  });

  test('torch tensors (requires_grad), lists and expressions', async () => {
    const torch = await evaluateCommand(panel, 'outputs', 'targets');
    assert.equal(torch.prefill.prefill.logits, LOGITS, 'a requires_grad tensor is read through detach()');
    assert.equal(torch.prefill.prefill.labels, LABELS);
    const nested = await evaluateCommand(panel, 'nested', '[1, 0]');
    assert.equal(nested.prefill.prefill.logits, '[[0.5, 1.5], [2.5, 3.5]]');
    assert.equal(nested.prefill.prefill.labels, '[1, 0]');
    const sliced = await evaluateCommand(panel, 'outputs[:2] * 2', 'targets[:2]');
    assert.equal(sliced.prefill.prefill.logits, '[[1.4, 2.4, 0.6], [0.8, 0.4, 1.8]]');
  });

  test('Use as Logits / Use as Labels with debugpy variables', async () => {
    const session = vscode.debug.activeDebugSession!;
    await vscode.commands.executeCommand('lossLens.useAsLogits', variableArgument(session, 'outputs'));
    const prefilled = nextPrefill(panel);
    await vscode.commands.executeCommand('lossLens.useAsLabels', watchArgument(session, 'targets'));
    const prefill = await prefilled;
    assert.equal(prefill.prefill.logits, LOGITS);
    assert.equal(prefill.prefill.labels, LABELS);
  });

  test('failures: unknown name (the adapter’s error), ragged, non-numeric, NaN, too many elements', async () => {
    assert.match(await evaluateFailure('no_such_tensor'), /NameError.*no_such_tensor/);
    assert.match(
      await evaluateFailure('ragged'),
      /logits `ragged` is ragged: logits\[1\] has 1 elements where 2 elements were expected.*step \(tensors\.py:18\)/,
    );
    assert.match(await evaluateFailure('words'), /logits `words`\[0\]\[0\] is str, not a number/);
    assert.match(await evaluateFailure('with_nan'), /logits `with_nan`\[0\]\[1\] is NaN/);
    assert.match(await evaluateFailure('huge'), /1,200,000 elements \(shape \[1200, 1000\]\)/);
  });

  test('the hover on a loss call whose arguments only the running program knows uses their live values', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('debug/tensors.py'));
    await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf('cross_entropy(outputs') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    // PyTorch 1.13: cross_entropy(torch.tensor(the article's logits, float32), torch.tensor([1, 2, 0])) prints tensor(0.7943).
    assert.match(text, /tensor\(0\.7943\)/, text);
    assert.match(text, /`outputs`: the live values of the stopped program/);
  });

  test('reading binds nothing in the frame', async () => {
    const before = await evaluateCommand(panel, 'len(locals())', '');
    await evaluateCommand(panel, 'outputs', 'targets');
    const after = await evaluateCommand(panel, 'len(locals())', '');
    assert.equal(after.prefill.prefill.logits, before.prefill.prefill.logits);
  });
});
