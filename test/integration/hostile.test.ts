// Hostile documents and pages in a real VS Code: names and comments that look like markdown,
// links, HTML or command URIs must reach the hover as inert text; hover links run only Loss
// Lens commands and name the literals' full ranges; the calculator page keeps its CSP.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../src/render/markdown';
import type { CalculatorPanel } from '../../src/vscode/calculator';
import { closeAllEditors, openScratch, positionOf, setSetting, waitFor } from './helpers';

const ALLOWED = [
  'lossLens.openCalculator',
  'lossLens.insertResult',
  'lossLens.copyResult',
  'lossLens.setInput',
  'lossLens.openCallInCalculator',
  'lossLens.copyCallValue',
  'lossLens.insertAssertion',
];
/** The links of a pair's hover; Set What Logits Are is linked only when the logits look like probabilities. */
const PAIR_LINKS = ['lossLens.openCalculator', 'lossLens.insertResult', 'lossLens.copyResult'];

async function lossLensHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.MarkdownString> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  const markdown = hovers
    .flatMap((hover) => hover.contents)
    .find((content): content is vscode.MarkdownString => typeof content !== 'string' && 'value' in content && content.value.includes('Loss Lens'));
  assert.ok(markdown, 'a Loss Lens hover');
  return markdown;
}

/** The markdown with its code spans removed: what markdown would interpret. */
function outsideCode(markdown: string): string {
  return markdown.replace(/`[^`\n]*`/g, '');
}

/** Every command link outside code spans, with its decoded argument. */
function commandLinks(markdown: string): { command: string; argument: unknown }[] {
  return [...outsideCode(markdown).matchAll(/\]\(command:([^?)\s]+)(?:\?([^)\s]*))?\)/g)].map((m) => ({
    command: m[1],
    argument: m[2] === undefined ? undefined : (JSON.parse(decodeURIComponent(m[2])) as unknown),
  }));
}

suite('Hostile input', () => {
  suiteSetup(() => setSetting('labelSmoothing', 0));
  teardown(closeAllEditors);
  suiteTeardown(() => setSetting('labelSmoothing', undefined));

  test('names that look like links, HTML and theme icons stay inside code spans; links run only Loss Lens', async () => {
    const hostile = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> $(terminal) __import__(os)';
    const editor = await openScratch(`{\n  "${hostile}": [[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]],\n  "labels": [1, 2]\n}\n`, 'json');
    const markdown = await lossLensHover(editor.document, positionOf(editor.document, '0.7', 1));
    assert.ok(markdown.value.includes(`\`${hostile}\``), `the name is shown verbatim in a code span:\n${markdown.value}`);
    const interpreted = outsideCode(markdown.value);
    assert.ok(!interpreted.includes('workbench.action.terminal.new'), interpreted);
    assert.ok(!interpreted.includes('<img'), interpreted);
    assert.ok(!interpreted.includes('$(terminal)'), interpreted);
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ALLOWED });
    const links = commandLinks(markdown.value);
    assert.deepEqual(
      links.map((link) => link.command),
      PAIR_LINKS,
    );
  });

  test("a ')' from the document cannot cut a hover link: each argument names the literals' full ranges", async () => {
    const logits = '[[0.7, 1.2, 0.3],  # a note :)\n          [0.4, 0.2, 0.9]]';
    const editor = await openScratch(`logits = ${logits}\nlabels = [1, 2]  # (sic\n`, 'python');
    const markdown = await lossLensHover(editor.document, positionOf(editor.document, '0.7', 1));
    const links = commandLinks(markdown.value);
    assert.deepEqual(
      links.map((link) => link.command),
      PAIR_LINKS,
    );
    const { document } = editor;
    const text = ([start, end]: [number, number]) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end)));
    for (const link of links) {
      const [argument] = link.argument as [{ source: { uri: string; version: number }; logits: [number, number]; labels: [number, number] }];
      assert.deepEqual(argument.source, { uri: document.uri.toString(), version: document.version }, link.command);
      assert.equal(text(argument.logits), logits, link.command);
      assert.equal(text(argument.labels), '[1, 2]', link.command);
    }
  });

  test('an error hover escapes what it quotes from the document', async () => {
    const editor = await openScratch('logits = [1, 2)\n', 'python');
    const markdown = await lossLensHover(editor.document, positionOf(editor.document, '[1', 0));
    const message = "')' does not match the '[' at line 1, column 10";
    assert.equal(markdown.value, `$(error) Loss Lens: ${escapeMarkdown(message)} (line 1, column 15)`);
    assert.ok(markdown.value.includes("\\'\\)\\' does not match the \\'\\[\\'"), markdown.value);
  });

  test('the calculator host drops what a hostile page posts, and answers a too-long literal on its field', async () => {
    const panel = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator');
    const replies: { type: string; id?: number }[] = [];
    const listener = panel.onDidPostMessage((message) => replies.push(message));
    try {
      let deep: unknown = 1;
      for (let i = 0; i < 200_000; i++) deep = [deep];
      const smuggled = JSON.parse('{"__proto__": {"type": "copyResult", "format": "json", "logits": "[[1, 2]]", "labels": "[0]"}}') as unknown;
      await panel.handleMessage({ type: 'evaluate', id: 801, logits: deep, labels: '[0]' });
      await panel.handleMessage(smuggled);
      await panel.handleMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' });
      await panel.handleMessage({ type: 'evaluate', id: 802, logits: '1'.repeat(1_000_001), labels: '[0]', options: {} });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The page's own first requests (ids from 1) may be answered meanwhile; this test's
      // messages use ids from 800, and anything without an id would be a reply to the others.
      const toThisTest = replies.filter((m) => m.type !== 'init' && (m.id === undefined || m.id >= 800));
      assert.deepEqual(
        toThisTest.map((m) => [m.type, m.id]),
        [['inputErrors', 802]],
      );
    } finally {
      listener.dispose();
      panel.dispose();
    }
  });

  test('the calculator page: a nonce-only CSP with no unsafe- exceptions, and the nonce on every script', async () => {
    const panel = await vscode.commands.executeCommand<CalculatorPanel>('lossLens.openCalculator');
    let loaded = false;
    const listener = panel.onDidPostMessage((message) => (loaded ||= message.type === 'init'));
    try {
      // Disposed only once its page has loaded, so the workbench has nothing half-built to drop.
      await waitFor(() => loaded, 'the calculator page loads', 20_000);
      const html = panel.panel.webview.html;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
      assert.ok(csp, html);
      assert.doesNotMatch(csp, /unsafe-/);
      assert.match(csp, /default-src 'none'/);
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce && nonce.length >= 16, csp);
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0);
      for (const script of scripts) assert.ok(script.includes(`nonce="${nonce}"`), script);
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    } finally {
      listener.dispose();
      panel.dispose();
    }
  });
});
