// The .vsix that `npm run package` built, installed into the real VS Code of the integration tests
// as a user installs it (the server's --install-extension into an extensions folder; no
// extensionDevelopmentPath): what the package holds, and the hover, a command and the calculator
// working from the installed copy. Also takes the README's screenshots (test-results/screenshots/readme-*.png).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, suite, test } from 'node:test';
import { installExtension } from '../../scripts/vscode-test/index';
import { repoRoot } from '../../scripts/vscode-test/paths';
import { useWorkbench, type Workbench } from '../ui/workbench';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
const vsix = join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);

/** What the installed extension may hold: .vscodeignore's allow-list as vsce writes it, and the installer's copy of the manifest. */
const ALLOWED = [
  /^\.vsixmanifest$/,
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^dist\/(extension|analysis-worker|lazy-[a-z]+)\.js$/,
  /^dist\/webview\/.+\.(js|css|ttf|woff2)$/,
  /^media\/[\w.-]+\.(css|svg|png)$/,
  /^(readme\.md|changelog\.md|LICENSE\.txt)$/,
];
const REQUIRED = [
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'l10n/bundle.l10n.json',
  'l10n/bundle.l10n.zh-cn.json',
  'dist/extension.js',
  'dist/analysis-worker.js',
  'dist/webview/webview.js',
  'media/icon.png',
  'media/calculator.css',
  'readme.md',
  'changelog.md',
  'LICENSE.txt',
];

/** The source article's batch, written for the README's pictures (near the top, so hovers open below). */
const ARTICLE_LOGITS = '[\n    [0.7, 1.2, 0.3],\n    [0.4, 0.2, 0.9],\n    [0.6, 0.3, 0.4],\n]';
const ARTICLE_EXAMPLE = `import tensorflow as tf

# The source article's example: three samples, three classes.
logits = tf.constant(${ARTICLE_LOGITS})
labels = tf.constant([1, 2, 0])
`;

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path)];
  });
}

/** A PNG of the window cut to `box` grown by `margin`, for the README. */
async function screenshotAround(ui: Workbench, name: string, box: { x: number; y: number; width: number; height: number }, margin = 16): Promise<void> {
  const size = ui.page.viewportSize()!;
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  await ui.page.screenshot({
    path: join(repoRoot, 'test-results', 'screenshots', `${name}.png`),
    clip: { x, y, width: Math.min(size.width - x, box.width + 2 * margin), height: Math.min(size.height - y, box.height + 2 * margin) },
  });
}

/** Drags the hover's bottom edge down, as a person does to see all of a long hover. */
async function growHover(ui: Workbench): Promise<void> {
  const sash = ui.page.locator('.monaco-resizable-hover .monaco-sash.horizontal').last();
  const edge = await sash.boundingBox();
  if (!edge) throw new Error('the hover has no bottom edge to drag');
  const x = edge.x + edge.width / 2;
  const y = edge.y + edge.height / 2;
  await ui.page.mouse.move(x, y);
  await ui.page.mouse.down();
  await ui.page.mouse.move(x, y + 200, { steps: 5 });
  await ui.page.mouse.move(x, y + 400, { steps: 5 });
  await ui.page.mouse.up();
}

suite('the packaged extension, installed from its .vsix', () => {
  const extensionsDir = mkdtempSync(join(tmpdir(), 'loss-lens-extensions-'));
  const installed = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  before(async () => {
    await installExtension(vsix, extensionsDir);
  });
  after(() => rmSync(extensionsDir, { recursive: true, force: true }));
  const workbench = useWorkbench({ extensionDevelopmentPath: null, extensionsDir, viewport: { width: 1440, height: 960 } });

  test('the package holds the bundles, manifest, translations, media and docs, and nothing else', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 1_000_000, `${vsix} is ${size} bytes`);
    const files = filesUnder(installed);
    assert.deepEqual(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))), [], 'files outside the allow-list');
    assert.deepEqual(REQUIRED.filter((file) => !files.includes(file)), [], 'missing files');
    // Modules the bundles load at run time (mathjs on first use) must have been packaged too.
    for (const bundle of files.filter((file) => /^dist\/[^/]+\.js$/.test(file))) {
      const source = readFileSync(join(installed, bundle), 'utf8');
      for (const [, target] of source.matchAll(/require\("\.\/([^"]+)"\)/g)) {
        assert.ok(files.includes(`dist/${target}`), `${bundle} requires ./${target}, which is not in the package`);
      }
    }
  });

  test('hovering the seed logits shows the installed extension’s softmax', async () => {
    const ui = workbench();
    assert.doesNotMatch(ui.page.url(), /extensionDevelopmentPath/);
    await ui.setColorTheme('Default Dark Modern', 'dark');
    await ui.openFile('seed.py');
    const hover = await ui.hoverAt('[[0.7, 1.2, 0.3]', { offset: 2, match: 'Loss Lens', timeoutMs: 60_000 });
    assert.match(hover, /0\.30129\s+0\.49675 ✓\s+0\.20196/, 'row 0 of the softmax, the true class marked');
    assert.match(hover, /0\.69968/, 'softmax cross-entropy of row 0');
    await ui.closeHover();

    writeFileSync(join(ui.vscode.workspace, 'article_example.py'), ARTICLE_EXAMPLE);
    await ui.openFile('article_example.py');
    await ui.hoverAt('[0.7, 1.2, 0.3]', { offset: 1, match: 'Insert as Comment', timeoutMs: 30_000 });
    await growHover(ui);
    const box = await ui.page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
    const editor = await ui.page.locator('.part.editor .monaco-editor.focused').boundingBox();
    assert.ok(box && editor, 'the hover and its editor are on screen');
    await screenshotAround(ui, 'readme-hover', { x: editor.x, y: editor.y, width: box.x + box.width + 16 - editor.x, height: box.y + box.height + 16 - editor.y }, 0);
    await ui.closeHover();
  });

  test('the palette lists the Loss Lens commands, and Evaluate Selection opens the calculator', async () => {
    const ui = workbench();
    await ui.openFile('article_example.py');
    await ui.selectText(ARTICLE_LOGITS);
    await ui.page.keyboard.press('F1');
    await ui.page.locator('.quick-input-widget input').fill('>Loss Lens');
    const rows = ui.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Set Framework Dialect' }).waitFor();
    const titles = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    for (const title of ['Evaluate Selection', 'Insert Result as Comment', 'Copy Result…', 'Open Calculator', 'Set Label Smoothing…']) {
      assert.ok(titles.some((t) => t.startsWith(`Loss Lens: ${title}`)), `the palette lists Loss Lens: ${title}`);
    }
    const palette = await ui.page.locator('.quick-input-widget').boundingBox();
    assert.ok(palette);
    await screenshotAround(ui, 'readme-commands', palette);
    await ui.page.keyboard.press('Escape');

    await ui.runCommand('Loss Lens: Evaluate Selection');
    const calculator = await ui.webview({ containing: 'Loss Lens calculator', timeoutMs: 30_000 });
    await calculator.getByText('0.69968', { exact: true }).first().waitFor();
    const text = await calculator.locator('body').innerText();
    assert.match(text, /0\.30129\s+0\.49675/, 'row 0 of the softmax');
    assert.match(text, /1\.0799\s+0\.34328\s+0\.84436/, 'row 0 of the sigmoid cross-entropy');

    // The README's picture: the calculator alone in the window, explaining row 0's loss.
    await ui.runCommand('View: Close Editors in Other Groups');
    if (await ui.page.locator('.part.sidebar').isVisible()) await ui.runCommand('View: Close Primary Side Bar');
    await calculator.locator('table[data-table="softmaxCe"] td[data-row="0"][data-column="1"]').click();
    await calculator.locator('.explain ol.steps > li').nth(2).waitFor();
    // KaTeX's fonts come from the package (dist/webview/katex/fonts) under the webview's CSP.
    await calculator.waitForFunction(() => [...document.fonts].some((font) => font.family.includes('KaTeX_Math') && font.status === 'loaded'));
    await calculator.evaluate(() => document.fonts.ready);
    await calculator.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await ui.screenshot('readme-calculator');
    // The Compare tab's BigNumber column needs mathjs, which the extension loads on first use.
    await calculator.locator('vscode-tab-header[data-tab="compare"]').click();
    await calculator.locator('.compare-body .wrong-digits').first().waitFor({ timeout: 30_000 });
  });
});
