// The .vsix that `npm run package` built, installed into the real VS Code of the integration tests
// as a user installs it (the server's --install-extension into an extensions folder; no
// extensionDevelopmentPath): what the package holds, and the hover, a command and the calculator
// working from the installed copy. Also takes the README's screenshots (test-results/screenshots/readme-*.png).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, suite, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { installExtension } from '../../scripts/vscode-test/index';
import { repoRoot } from '../../scripts/vscode-test/paths';
import { useWorkbench, type Workbench } from '../ui/workbench';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  version: string;
  contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
};
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

/** Hovers the article example's logits in full (grown to show every table) and saves the picture. */
async function hoverPicture(ui: Workbench, name: string, match: string): Promise<string> {
  writeFileSync(join(ui.vscode.workspace, 'article_example.py'), ARTICLE_EXAMPLE);
  await ui.openFile('article_example.py');
  await ui.hoverAt('[0.7, 1.2, 0.3]', { offset: 1, match, timeoutMs: 60_000 });
  await growHover(ui);
  const text = await ui.readHover(match);
  const box = await ui.page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
  const editor = await ui.page.locator('.part.editor .monaco-editor.focused').boundingBox();
  assert.ok(box && editor, 'the hover and its editor are on screen');
  await screenshotAround(ui, name, { x: editor.x, y: editor.y, width: box.x + box.width + 16 - editor.x, height: box.y + box.height + 16 - editor.y }, 0);
  await ui.closeHover();
  return text;
}

/** Titles the palette lists for `>Loss Lens`. */
async function paletteTitles(ui: Workbench, last: string, filter = ''): Promise<string[]> {
  if (!(await ui.page.locator('.quick-input-widget input').isVisible())) await ui.page.keyboard.press('F1');
  await ui.page.locator('.quick-input-widget input').fill(`>Loss Lens${filter ? `: ${filter}` : ''}`);
  const rows = ui.page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: last }).waitFor();
  return rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
}

/** The calculator alone in the window, explaining row 0's loss, saved for the README. */
async function calculatorPicture(ui: Workbench, calculator: Frame, name: string): Promise<void> {
  await ui.runCommand('View: Close Editors in Other Groups');
  if (await ui.page.locator('.part.sidebar').isVisible()) await ui.runCommand('View: Close Primary Side Bar');
  await calculator.locator('table[data-table="softmaxCe"] td[data-row="0"][data-column="1"]').click();
  await calculator.locator('.explain ol.steps > li').nth(2).waitFor();
  // KaTeX's fonts come from the package (dist/webview/katex/fonts) under the webview's CSP.
  await calculator.waitForFunction(() => [...document.fonts].some((font) => font.family.includes('KaTeX_Math') && font.status === 'loaded'));
  await calculator.evaluate(() => document.fonts.ready);
  await calculator.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
  await ui.screenshot(name);
}

const VIEWPORT = { width: 1440, height: 960 };
// One installation for both sessions; each session starts its own VS Code on it.
const extensionsDir = mkdtempSync(join(tmpdir(), 'loss-lens-extensions-'));
const installed = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
before(async () => {
  await installExtension(vsix, extensionsDir);
});
after(() => rmSync(extensionsDir, { recursive: true, force: true }));

suite('the packaged extension, installed from its .vsix', () => {
  const workbench = useWorkbench({ extensionDevelopmentPath: null, extensionsDir, viewport: VIEWPORT });

  test('the package holds the bundles, manifest, translations, media and docs, and nothing else', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 1_000_000, `${vsix} is ${size} bytes`);
    const files = filesUnder(installed);
    assert.deepEqual(
      files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))),
      [],
      'files outside the allow-list',
    );
    assert.deepEqual(
      REQUIRED.filter((file) => !files.includes(file)),
      [],
      'missing files',
    );
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
    await hoverPicture(ui, 'readme-hover', 'Insert as Comment');
  });

  test('the installed extension reads the source article’s script: the hover on its tf.nn call and the inlay hints', async () => {
    const ui = workbench();
    writeFileSync(join(ui.vscode.workspace, 'article_script.py'), readFileSync(join(repoRoot, 'test', 'fixtures', 'code', 'article_script.py'), 'utf8'));
    await ui.openFile('article_script.py');
    const hover = await ui.hoverAt('tf.nn.softmax_cross_entropy_with_logits', { offset: 8, match: 'Insert as Assertion', timeoutMs: 60_000 });
    // The article's printed output (../shared/seed/README.md), float32.
    assert.match(hover, /0\.69967604\s+0\.74342006\s+0\.939831/);
    const box = await ui.page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
    const editor = await ui.page.locator('.part.editor .monaco-editor.focused').boundingBox();
    assert.ok(box && editor, 'the hover and its editor are on screen');
    // A tall hover opens above the line and may reach over the editor's top edge: the picture starts at whichever is higher.
    const top = Math.min(box.y, editor.y);
    await screenshotAround(
      ui,
      'readme-code-hover',
      { x: editor.x, y: top, width: box.x + box.width + 16 - editor.x, height: box.y + box.height + 16 - top },
      0,
    );
    await ui.closeHover();
  });

  test('the palette lists the Loss Lens commands, and Evaluate Selection opens the calculator', async () => {
    const ui = workbench();
    await ui.openFile('article_example.py');
    await ui.selectText(ARTICLE_LOGITS);
    const titles = await paletteTitles(ui, 'Set Framework Dialect');
    for (const title of ['Evaluate Selection', 'Insert Result as Comment', 'Copy Result…', 'Open Calculator', 'Set Label Smoothing…']) {
      assert.ok(
        titles.some((t) => t.startsWith(`Loss Lens: ${title}`)),
        `the palette lists Loss Lens: ${title}`,
      );
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

    await calculatorPicture(ui, calculator, 'readme-calculator');
    // The Compare tab's BigNumber column needs mathjs, which the extension loads on first use.
    await calculator.locator('vscode-tab-header[data-tab="compare"]').click();
    await calculator.locator('.compare-body .wrong-digits').first().waitFor({ timeout: 30_000 });
  });
});

suite('the packaged extension in Simplified Chinese (VS Code started with --locale zh-cn)', () => {
  const chinese = JSON.parse(readFileSync(join(repoRoot, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  const workbench = useWorkbench({ extensionDevelopmentPath: null, extensionsDir, locale: 'zh-cn', viewport: VIEWPORT });

  test('the palette, the hover tables and the calculator speak Chinese', async () => {
    const ui = workbench();
    await ui.setColorTheme('Default Dark Modern', 'dark');
    const hover = await hoverPicture(ui, 'readme-hover.zh-cn', '在计算器中打开');
    assert.match(hover, /· 标签 labels \[3\] \(类别索引\) · K = 3/, 'the heading');
    assert.match(hover, /softmax（粗体 = argmax，✓ = 真实类别）/);
    assert.match(hover, /0\.30129\s+0\.49675 ✓\s+0\.20196/, 'row 0 of the softmax');
    assert.match(hover, /softmax 交叉熵\s+softmax 交叉熵，ε = 0\.1/, 'the per-sample columns');
    assert.match(hover, /均值\s+求和\s+tf 均值/, 'the reductions');
    assert.match(hover, /在计算器中打开 · 插入为注释 · 复制/, 'the links');

    await ui.selectText(ARTICLE_LOGITS);
    // The list is longer than the palette shows at once: each command is looked up by its own title.
    // Commands the palette shows only while debugging (or never) are left out.
    const paletteWhen = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when ?? 'true']));
    const shown = (key: string) => {
      const when = paletteWhen.get(`lossLens.${key.slice('lossLens.command.'.length)}`) ?? 'true';
      return when !== 'false' && !when.includes('inDebugMode');
    };
    for (const key of Object.keys(chinese).filter((k) => k.startsWith('lossLens.command.') && shown(k))) {
      const titles = await paletteTitles(ui, chinese[key], chinese[key]);
      assert.ok(
        titles.some((t) => t.startsWith(`Loss Lens: ${chinese[key]}`)),
        `the palette lists Loss Lens: ${chinese[key]}`,
      );
    }
    await paletteTitles(ui, chinese['lossLens.command.evaluateSelection']);
    await screenshotAround(ui, 'readme-commands.zh-cn', (await ui.page.locator('.quick-input-widget').boundingBox())!);
    await ui.page.keyboard.press('Escape');

    await ui.runCommand(`Loss Lens: ${chinese['lossLens.command.evaluateSelection']}`);
    const calculator = await ui.webview({ containing: 'Loss Lens 计算器', timeoutMs: 30_000 });
    await calculator.getByText('0.69968', { exact: true }).first().waitFor();
    const text = await calculator.locator('body').innerText();
    for (const label of ['标签平滑系数 ε', '框架约定', '逐样本的 softmax 交叉熵', '独热编码标签 y', '3 个样本 × 3 个类别；标签被识别为类别索引']) {
      assert.ok(text.includes(label), `the calculator shows ${label}`);
    }
    await calculatorPicture(ui, calculator, 'readme-calculator.zh-cn');
  });
});
