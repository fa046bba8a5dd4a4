// The bad-input catalogue (test/unit/catalogue/bad-input.ts) inside a real VS Code: each
// classification case written into a document, then hovered (vscode.executeHoverProvider) and
// run through Evaluate Selection and Insert Result with both literals selected. Errors must
// give the message at the document's line and column, and "Show Me" must select that spot;
// the calculator panel gets every case as typed input.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CATALOGUE, inputsOf, type BadInputCase } from '../unit/catalogue/bad-input';
import type { CalculatorPanel } from '../../src/vscode/calculator';
import { DEFAULT_OPTIONS } from '../../src/engine/options';
import { completeForm } from '../../src/vscode/calculator/compute';
import { MAX_INPUT_LENGTH, type HostMessage, type OptionsForm } from '../../src/vscode/calculator/protocol';
import { closeAllEditors, fixtureUri, lossLensHoverAt, openScratch, setSetting, waitFor } from './helpers';

interface Shown {
  readonly message: string;
  readonly items: readonly string[];
}

/**
 * Records what the extension shows with showErrorMessage (it shares this `vscode.window` with
 * the tests) and answers with `answer` when that is one of the offered items.
 */
function captureErrorMessages(answer?: string): { shown: Shown[]; restore(): void } {
  const window = vscode.window as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showErrorMessage;
  const shown: Shown[] = [];
  window.showErrorMessage = (message: unknown, ...items: unknown[]) => {
    const labels = items.filter((item): item is string => typeof item === 'string');
    shown.push({ message: String(message), items: labels });
    return Promise.resolve(answer !== undefined && labels.includes(answer) ? answer : undefined);
  };
  return { shown, restore: () => (window.showErrorMessage = original) };
}

/** Markdown with its backslash escapes removed, as a reader sees it. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()<>#+\-.!|~&"'$])/g, '$1');
}

let documentCount = 0;

interface CaseDocument {
  readonly editor: vscode.TextEditor;
  /** Range of each literal in the document. */
  readonly ranges: Readonly<Record<'logits' | 'labels', vscode.Range>>;
}

/**
 * The case's logits and labels as `name = literal` lines, the input at fault last (so a
 * literal that never closes runs to the end of the document, not into its partner).
 */
async function openCase(testCase: BadInputCase): Promise<CaseDocument> {
  const inputs = inputsOf(testCase) as { logits: string; labels: string };
  const faulty = faultyInput(testCase);
  const order: ('logits' | 'labels')[] = faulty === 'logits' ? ['labels', 'logits'] : ['logits', 'labels'];
  const eol = /\r\n/.test(inputs[faulty]) ? '\r\n' : '\n';
  const content = order.map((name) => `${name} = ${inputs[name].replace(/\r?\n/g, eol)}`).join(eol) + eol;
  // A file of its own, not an untitled document: VS Code reuses untitled names, and a closed
  // 10 MB untitled document can still answer for the next one with its name.
  const uri = fixtureUri(`bad-input-${++documentCount}.py`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const document = editor.document;
  const text = document.getText();
  const ranges = {} as Record<'logits' | 'labels', vscode.Range>;
  for (const name of order) {
    const start = text.indexOf(`${name} = `) + name.length + 3;
    const literal = inputs[name].replace(/\r?\n/g, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
    ranges[name] = new vscode.Range(document.positionAt(start), document.positionAt(start + literal.length));
  }
  return { editor, ranges };
}

/** The literal a case is about: the one an error names, else the one that is not the default. */
function faultyInput(testCase: BadInputCase): 'logits' | 'labels' {
  if ('error' in testCase.outcome) return testCase.outcome.error.input === 'labels' ? 'labels' : 'logits';
  return testCase.labels !== undefined ? 'labels' : 'logits';
}

/** Where a line and column of the literal's own text is in the document (0-based position). */
function inDocument(range: vscode.Range, line: number, column: number): vscode.Position {
  return line === 1 ? range.start.translate(0, column - 1) : new vscode.Position(range.start.line + line - 1, column - 1);
}

/** The expected message in a document: a place it names is counted from the document's start. */
function documentMessage(testCase: BadInputCase, range: vscode.Range): RegExp {
  const message = testCase.documentMessage ?? (testCase.outcome as { error: { message: RegExp } }).error.message;
  return new RegExp(
    message.source.replace(/line (\d+), column (\d+)/, (_, line: string, column: string) => {
      const place = inDocument(range, Number(line), Number(column));
      return `line ${place.line + 1}, column ${place.character + 1}`;
    }),
  );
}

const documentCases = CATALOGUE.filter((c) => c.document !== false && c.p === undefined);

suite('Bad input', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    await setSetting('labelSmoothing', 0);
  });
  teardown(closeAllEditors);
  suiteTeardown(async () => {
    await setSetting('labelSmoothing', undefined);
  });

  for (const testCase of documentCases) {
    test(`hover: ${testCase.name}`, async () => {
      const { editor, ranges } = await openCase(testCase);
      const document = editor.document;
      const outcome = testCase.outcome;
      const hoverMode = testCase.document ? testCase.document.hover : 'error' in outcome ? 'error' : 'result';
      if (hoverMode === 'error' && 'error' in outcome) {
        const { input, line, column } = outcome.error;
        const spot = inDocument(ranges[input as 'logits' | 'labels'], line, column);
        // Hovered at the literal's start: the error names its own place.
        const hover = unescaped(await lossLensHoverAt(document, ranges[input as 'logits' | 'labels'].start));
        const shown = /^\$\(error\) Loss Lens: (.*) \(line (\d+), column (\d+)\)$/.exec(hover);
        assert.ok(shown, `an error hover at ${spot.line + 1}:${spot.character + 1}, got:\n${hover}`);
        assert.match(shown[1], documentMessage(testCase, ranges[input as 'logits' | 'labels']));
        assert.deepEqual([Number(shown[2]), Number(shown[3])], [spot.line + 1, spot.character + 1]);
        return;
      }
      const faulty = faultyInput(testCase);
      const hover = await lossLensHoverAt(document, ranges[faulty].start);
      switch (hoverMode) {
        case 'none':
          assert.equal(hover, '');
          break;
        case 'tooLarge':
          assert.match(hover, /more than `lossLens\.hover\.maxCharacters`|no complete literal within `lossLens\.hover\.maxCharacters`/);
          break;
        case 'unpaired':
          assert.match(hover, /\*\*Loss Lens\*\* · (logits|labels) /, 'the literal described alone');
          assert.doesNotMatch(hover, /\$\(error\)/);
          break;
        default:
          if ('diagnostics' in outcome) {
            for (const diagnostic of outcome.diagnostics) assert.match(hover, new RegExp(`\\$\\(${diagnostic.severity}\\)`), diagnostic.code);
            assert.match(hover, /\*\*Loss Lens\*\* · logits `logits`/, 'paired and computed through');
          } else if ('sameAs' in outcome) {
            const ascii = await openCase({ name: 'ascii', ...outcome.sameAs, outcome });
            const expected = await lossLensHoverAt(ascii.editor.document, ascii.ranges[faulty].start);
            // Everything but the command links, which carry each document's own text.
            const withoutLinks = (markdown: string) => markdown.replace(/\(command:[^)]*\)/g, '()');
            assert.equal(withoutLinks(hover), withoutLinks(expected));
          }
      }
    });
  }

  for (const testCase of documentCases) {
    test(`commands: ${testCase.name}`, async () => {
      const { editor, ranges } = await openCase(testCase);
      const document = editor.document;
      editor.selections = [ranges.logits, ranges.labels].map((range) => new vscode.Selection(range.start, range.end));
      const version = document.version;
      const text = document.getText();
      const outcome = testCase.outcome;
      const capture = captureErrorMessages('Show Me');
      try {
        await vscode.commands.executeCommand('lossLens.evaluateSelection');
        if (!('error' in outcome)) {
          assert.deepEqual(capture.shown, [], 'computed without an error message');
          return;
        }
        const { input, line, column } = outcome.error;
        const spot = inDocument(ranges[input as 'logits' | 'labels'], line, column);
        await waitFor(() => capture.shown.length > 0, 'an error message is shown', 30_000);
        assert.equal(capture.shown.length, 1, JSON.stringify(capture.shown));
        const [shown] = capture.shown;
        // Engine errors name the input; a literal that does not parse is just "the selection".
        const parts = /^Loss Lens: (?:(logits|labels): )?(.*) \(line (\d+), column (\d+)\)$/s.exec(shown.message);
        assert.ok(parts, shown.message);
        if (parts[1] !== undefined) assert.equal(parts[1], input);
        assert.match(parts[2], documentMessage({ ...testCase, documentMessage: undefined }, ranges[input as 'logits' | 'labels']));
        assert.deepEqual([Number(parts[3]), Number(parts[4])], [spot.line + 1, spot.character + 1]);
        assert.deepEqual(shown.items, ['Show Me']);
        // "Show Me" was chosen: the editor selects the spot.
        await waitFor(
          () => vscode.window.activeTextEditor?.document === document && vscode.window.activeTextEditor.selection.start.isEqual(spot),
          `Show Me selects ${spot.line + 1}:${spot.character + 1}`,
        );

        // Insert Result refuses the same input and leaves the document alone.
        capture.shown.length = 0;
        editor.selections = [ranges.logits, ranges.labels].map((range) => new vscode.Selection(range.start, range.end));
        assert.equal(await vscode.commands.executeCommand('lossLens.insertResult'), false);
        await waitFor(() => capture.shown.length > 0, 'Insert Result shows the error too', 30_000);
        assert.equal(capture.shown[0].message, shown.message);
        assert.equal(document.version, version);
        assert.equal(document.getText(), text);
      } finally {
        capture.restore();
      }
    });
  }

  test('a mismatched bracket names the opener in document terms, however far into the document the selection starts', async () => {
    const editor = await openScratch('import numpy as np\n\nx = 1; logits = [[0.7, 1.2, 0.3),\n [0.4, 0.2, 0.9]]\n', 'python');
    const document = editor.document;
    const start = document.getText().indexOf('[[');
    const end = document.getText().indexOf(']]') + 2;
    editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
    const capture = captureErrorMessages();
    try {
      await vscode.commands.executeCommand('lossLens.evaluateSelection');
      await waitFor(() => capture.shown.length > 0, 'an error message is shown');
      assert.equal(capture.shown[0].message, "Loss Lens: ')' does not match the '[' at line 3, column 18 (line 3, column 32)");
    } finally {
      capture.restore();
    }
  });
});

suite('Bad input: calculator', () => {
  let panel: CalculatorPanel;
  /** The engine's defaults (ε = 0, tf, mean) as the calculator's form. */
  const FORM: OptionsForm = completeForm(DEFAULT_OPTIONS);

  suiteSetup(async () => {
    panel = (await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator'))!;
  });
  suiteTeardown(() => panel?.dispose());

  async function answer(message: Parameters<CalculatorPanel['handleMessage']>[0], id: number): Promise<HostMessage> {
    const reply = new Promise<HostMessage>((resolve) => {
      const listener = panel.onDidPostMessage((posted) => {
        if ('id' in posted && posted.id === id) {
          listener.dispose();
          resolve(posted);
        }
      });
    });
    await panel.handleMessage(message);
    return reply;
  }

  CATALOGUE.forEach((testCase, index) => {
    test(`calculator: ${testCase.name}`, async () => {
      const id = 70_000 + index;
      const inputs = inputsOf(testCase);
      const reply = await answer(
        'p' in inputs
          ? { type: 'distributions', id, p: inputs.p, q: inputs.q }
          : { type: 'evaluate', id, ...inputs, options: { ...FORM, ...testCase.options } },
        id,
      );
      const outcome = testCase.outcome;
      const tooLong = Object.values(inputs).some((text) => text.length > MAX_INPUT_LENGTH);
      if (!('error' in outcome)) {
        assert.equal(reply.type, 'evaluated', JSON.stringify(reply).slice(0, 300));
        return;
      }
      assert.equal(reply.type, 'inputErrors', JSON.stringify(reply).slice(0, 300));
      const [problem] = reply.errors;
      assert.equal(problem.input, outcome.error.input);
      assert.match(problem.message, tooLong ? /characters; the calculator reads at most 1000000/ : outcome.error.message);
      assert.deepEqual([problem.line, problem.column], tooLong ? [1, 1] : [outcome.error.line, outcome.error.column]);
    });
  });
});
