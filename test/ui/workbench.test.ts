// The workbench driven as a person would: Quick Open, the palette, hovers, a webview, themes.
// Uses only built-in features, so it checks the harness and the helpers in test/ui/workbench.ts.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import { useWorkbench } from './workbench';

suite('workbench UI', () => {
  const workbench = useWorkbench();

  test('Quick Open opens a file, and a built-in hover shows by mouse and by keyboard', async () => {
    const ui = workbench();
    // CSS, because its language server starts in about a second (TypeScript's takes 10-25 s here).
    writeFileSync(join(ui.vscode.workspace, 'hover-target.css'), '.loss-lens {\n  color: red;\n}\n');
    await ui.openFile('hover-target.css');
    const byMouse = await ui.hoverAt('color', { offset: 2, via: 'mouse' });
    assert.equal(byMouse.split('\n')[0], "Sets the color of an element's text");
    assert.match(byMouse, /^Syntax: <color>$/m);
    await ui.closeHover();
    const byKeyboard = await ui.hoverAt('color', { offset: 2, via: 'keyboard' });
    assert.equal(byKeyboard, byMouse);
    await ui.closeHover();
  });

  test('a palette command edits the selection', async () => {
    const ui = workbench();
    await ui.openFile('hover-target.css');
    await ui.selectText('loss-lens');
    await ui.runCommand('Transform to Uppercase');
    assert.equal((await ui.visibleText()).split('\n')[0], '.LOSS-LENS {');
  });

  test('a webview (Markdown preview) can be read and clicked inside its iframe', async () => {
    const ui = workbench();
    const filler = 'A filler paragraph.\n\n'.repeat(80);
    writeFileSync(join(ui.vscode.workspace, 'preview.md'), `# Harness heading\n\nA *webview* [link to the end](#the-end).\n\n${filler}## The end\n`);
    await ui.openFile('preview.md');
    await ui.runCommand('Markdown: Open Preview to the Side');
    const preview = await ui.webview({ containing: 'Harness heading' });
    assert.equal(await preview.locator('h1').textContent(), 'Harness heading');
    assert.equal(await preview.locator('p em').textContent(), 'webview');
    assert.equal(await preview.evaluate(() => window.scrollY), 0);
    await preview.getByRole('link', { name: 'link to the end' }).click();
    await preview.waitForFunction(() => Math.abs(document.getElementById('the-end')!.getBoundingClientRect().top) < 5);
  });

  test('a dark theme set through settings applies, and a screenshot is saved', async () => {
    const ui = workbench();
    await ui.setColorTheme('Dark Modern', 'dark');
    const path = await ui.screenshot('workbench-dark');
    assert.deepEqual([...readFileSync(path).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
