// The calculator as a person uses it in a real VS Code: open it from the palette, type logits
// and labels, read the heatmaps, see an error marked where it is, click and key through cells
// to get derivations, compare dialects, plot the likelihood, reload the window and find it
// restored. Screenshots in dark, light and high-contrast themes go to test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';

const HEADING = 'Loss Lens calculator';

function cell(frame: Frame, table: string, row: number, column: number) {
  return frame.locator(`table[data-table="${table}"] td[data-row="${row}"][data-column="${column}"]`);
}

async function rowTexts(frame: Frame, table: string, row: number): Promise<string[]> {
  const texts = await frame.locator(`table[data-table="${table}"] td[data-row="${row}"]`).allTextContents();
  return texts.map((text) => text.replace('▲', '').trim());
}

/**
 * Replaces a textarea's text by typing over its selected content. The selection is made in the
 * page: Ctrl+A in a webview goes through the workbench asynchronously and can land after the
 * first typed character.
 */
async function typeInto(ui: Workbench, frame: Frame, label: string, text: string): Promise<void> {
  const area = frame.locator(`textarea[aria-label="${label}"]`);
  await area.click();
  await area.evaluate((element: HTMLTextAreaElement) => element.select());
  await ui.page.keyboard.type(text, { delay: 5 });
}

/** Runs a Loss Lens command from the palette, retrying while the extension is still being registered. */
async function runLossLensCommand(ui: Workbench, title: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const input = ui.page.locator('.quick-input-widget input');
  for (;;) {
    await ui.page.keyboard.press('F1');
    await input.fill(`>${title}`);
    const row = ui.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${title}"]`).first();
    try {
      await row.click({ timeout: 3000 });
      await ui.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      return;
    } catch (error) {
      await ui.page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}

async function openCalculator(ui: Workbench): Promise<Frame> {
  await runLossLensCommand(ui, 'Loss Lens: Open Calculator');
  const frame = await ui.webview({ containing: HEADING, timeoutMs: 30_000 });
  await cell(frame, 'softmax', 0, 0).waitFor({ timeout: 20_000 });
  return frame;
}

const THEME_CLASS = { light: 'vs', dark: 'vs-dark', 'hc-dark': 'hc-black' } as const;

/**
 * Picks a colour theme in Preferences: Color Theme, as a person would, and waits until it
 * applies. The theme list fills in only once the theme extensions are scanned, so it retries.
 */
async function selectTheme(ui: Workbench, label: string, kind: keyof typeof THEME_CLASS): Promise<void> {
  const page = ui.page;
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('F1');
    await input.fill('>Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
    await input.fill(label);
    try {
      await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${label}"]`).first().click({ timeout: 3000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
  await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls), THEME_CLASS[kind], { timeout: 15_000 });
}

/** No side bar, so screenshots show the calculator at a useful width. */
async function hideSideBar(ui: Workbench): Promise<void> {
  await ui.runCommand({ id: 'workbench.action.closeSidebar' });
}

suite('Calculator webview', () => {
  const workbench = useWorkbench({ viewport: { width: 1500, height: 1000 } });
  const cspReports: string[] = [];
  let frame: Frame;

  test('opens from the palette with the article example computed', async () => {
    const ui = workbench();
    ui.page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspReports.push(message.text());
    });
    frame = await openCalculator(ui);
    await selectTheme(ui, 'Dark 2026', 'dark');
    await hideSideBar(ui);
    assert.deepEqual(await rowTexts(frame, 'softmax', 0), ['0.30129', '0.49675', '0.20196']);
    assert.equal(await cell(frame, 'softmax', 0, 1).getAttribute('title'), '0.4967462328313597 (argmax, true class)');
    assert.match((await cell(frame, 'softmax', 0, 1).getAttribute('aria-label')) ?? '', /sample 0, class 1: 0\.49675 \(argmax, true class\)$/);
    assert.deepEqual(await rowTexts(frame, 'sigmoidCe', 0), ['1.0799', '0.34328', '0.84436']);
    assert.equal(await cell(frame, 'softmaxCe', 0, 1).textContent(), '0.69968');
    assert.equal(await frame.locator('vscode-tab-header[role="tab"]').count(), 5);
    assert.equal(await frame.locator('.results-layout table.heat[role="grid"]').count(), 6);
    // Records what the CSP blocks from here on (the integration suite covers the page load).
    await frame.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
  });

  test('typing new logits and labels recomputes the tables', async () => {
    const ui = workbench();
    await typeInto(ui, frame, 'Logits', '[[2, 1, 0], [0, 0, 0]]');
    await typeInto(ui, frame, 'Labels', '[0, 2]');
    await frame.locator('table[data-table="softmax"] td[data-row="1"]').first().waitFor();
    await frame.waitForFunction(() => document.querySelector('table[data-table="softmax"] td[data-row="0"]')?.textContent?.startsWith('0.66524'));
    assert.deepEqual(await rowTexts(frame, 'softmax', 0), ['0.66524', '0.24473', '0.090031']);
    assert.deepEqual(await rowTexts(frame, 'softmax', 1), ['0.33333', '0.33333', '0.33333']);
    assert.equal(await cell(frame, 'oneHot', 1, 2).textContent(), '1');
    assert.match((await frame.locator('.status').textContent()) ?? '', /^2 samples × 3 classes; labels read as class indices/);
  });

  test('a typing mistake is marked at its line and column, and the link puts the caret there', async () => {
    const ui = workbench();
    await typeInto(ui, frame, 'Logits', '[[2, 1, 0],\n [0, 0, 0x]]');
    const problem = frame.locator('#logits-problem button');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /^Line 2, column 9: /);
    assert.equal(await frame.locator('textarea[aria-label="Logits"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.locator('#logits ~ mark, .editor .mirror mark').first().textContent(), '0x');
    await problem.click();
    const caret = await frame.locator('textarea[aria-label="Logits"]').evaluate((area: HTMLTextAreaElement) => [area.selectionStart, area.selectionEnd]);
    assert.deepEqual(caret, [20, 22]);
    await ui.screenshot('calculator-input-error-dark');
    await typeInto(ui, frame, 'Logits', '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],\n [0.6, 0.3, 0.4]]');
    await typeInto(ui, frame, 'Labels', '[1, 2, 0]');
    await frame.waitForFunction(() => document.querySelector('table[data-table="softmax"] td[data-row="0"]')?.textContent === '0.30129');
    assert.equal(await frame.locator('textarea[aria-label="Logits"]').getAttribute('aria-invalid'), null);
  });

  test('clicking a row explains it step by step, typeset with KaTeX', async () => {
    const ui = workbench();
    await cell(frame, 'softmaxCe', 0, 1).click();
    const heading = frame.locator('#explain-heading');
    await frame.waitForFunction(() => document.querySelector('#explain-heading')?.textContent === 'Softmax cross-entropy of sample 0');
    assert.equal(await heading.textContent(), 'Softmax cross-entropy of sample 0');
    const steps = frame.locator('.explain ol.steps > li');
    assert.ok((await steps.count()) >= 3, 'several steps');
    const tex = await frame.locator('.explain annotation[encoding="application/x-tex"]').allTextContents();
    assert.ok(
      tex.some((t) => t.includes('e^{0.7 - 1.2}')),
      `numbers substituted: ${tex.join(' | ')}`,
    );
    assert.ok(
      tex.some((t) => t.startsWith('H(y, p) = H(y) + \\mathrm{KL}')),
      'the CE = H + KL line',
    );
    // KaTeX laid out its boxes (CSSOM styles survive the CSP): the fraction of the gradient has height.
    const katexHeight = await frame
      .locator('.explain .katex-html')
      .last()
      .evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(katexHeight > 20, `KaTeX rendered with layout (height ${katexHeight})`);
    assert.equal(await cell(frame, 'softmaxCe', 0, 1).getAttribute('aria-selected'), 'true');
    await ui.screenshot('calculator-results-dark');
  });

  test('the keyboard moves between cells and Enter explains the focused one', async () => {
    const ui = workbench();
    await cell(frame, 'softmax', 0, 0).click();
    await frame.waitForFunction(() => document.querySelector('#explain-heading')?.textContent?.startsWith('Softmax probability'));
    await ui.page.keyboard.press('ArrowDown');
    await ui.page.keyboard.press('ArrowRight');
    const focused = await frame.evaluate(() => {
      const active = document.activeElement as HTMLElement;
      return [active.dataset.row, active.dataset.column, active.getAttribute('tabindex')];
    });
    assert.deepEqual(focused, ['1', '1', '0']);
    await ui.page.keyboard.press('Enter');
    await frame.waitForFunction(() => document.querySelector('#explain-heading')?.textContent === 'Softmax probability of class 1 in sample 1');
  });

  test('Compare shows every dialect side by side with differences and digits highlighted', async () => {
    const ui = workbench();
    await frame.locator('vscode-tab-header[data-tab="compare"]').click();
    const table = frame.locator('.compare-body table').first();
    await table.waitFor();
    assert.deepEqual(await table.locator('thead th').allTextContents(), [
      'Quantity',
      'TensorFlow (tf.nn)',
      'TensorFlow (tf.compat.v1.losses)',
      'Keras',
      'PyTorch',
      'TensorFlow.js',
      'optax (JAX)',
    ]);
    const sigmoidRow = table.locator('tbody tr', { hasText: 'sigmoid CE, reduced' });
    const differs = await sigmoidRow.locator('td').evaluateAll((cells) => cells.map((c) => c.classList.contains('differs')));
    assert.deepEqual(differs, [false, true, true, false, true, false], 'tf.compat.v1, Keras and tfjs smooth sigmoid targets toward ½');
    assert.ok((await frame.locator('.compare-body .wrong-digits').count()) > 0, 'float32 digits that disagree with BigNumber are marked');
    await ui.screenshot('calculator-compare-dark');
  });

  test('Likelihood plots log L(θ) with uPlot and marks θ̂', async () => {
    const ui = workbench();
    await frame.locator('vscode-tab-header[data-tab="likelihood"]').click();
    await frame.locator('.likelihood .chart canvas').waitFor();
    const figures = await frame.locator('.likelihood dl.figures dd').allTextContents();
    assert.deepEqual(figures.slice(0, 3), ['10', '6', '0.6']);
    assert.equal(figures[4], '0.25082');
    const legend = await frame.locator('.chart .u-legend .u-label').allTextContents();
    assert.deepEqual(legend, ['θ', 'log L(θ)', 'θ̂', 'θ']);
    await frame.locator('.likelihood .chart').scrollIntoViewIfNeeded();
    await ui.screenshot('calculator-likelihood-dark');
  });

  test('Entropy & KL gives H(p), H(p, q) and KL(p‖q)', async () => {
    await frame.locator('vscode-tab-header[data-tab="distributions"]').click();
    await frame.locator('.distributions dl.figures').waitFor();
    const figures = await frame.locator('.distributions dl.figures dd').allTextContents();
    assert.deepEqual(figures, ['0.29114 nats', '0.74634 nats', '0.4552 nats']);
  });

  test('Calls computes a framework call from a form built from its parameters, and marks a bad argument', async () => {
    const ui = workbench();
    await frame.locator('vscode-tab-header[data-tab="calls"]').click();
    await frame.locator('#call-picker').selectOption('torch.nn.functional.cross_entropy');
    assert.equal(await frame.locator('textarea[aria-label="input"]').inputValue(), '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9],\n [0.6, 0.3, 0.4]]');
    assert.equal(await frame.locator('textarea[aria-label="target"]').inputValue(), '[1, 2, 0]');
    assert.equal(await frame.locator('#call-arg-reduction').inputValue(), 'mean');
    await typeInto(ui, frame, 'label_smoothing', '0.1');
    // PyTorch 1.13, float32: F.cross_entropy(article logits, [1, 2, 0], label_smoothing=0.1) = 0.8287534713745117.
    await frame.waitForFunction(() => document.querySelector('.call-value dd')?.getAttribute('title') === '0.8287534713745117');
    assert.equal(await frame.locator('.call-value dd').textContent(), '0.82875');
    assert.match((await frame.locator('pre.call-signature').textContent()) ?? '', /reduction='mean', label_smoothing=0\.1\)$/);
    assert.deepEqual(await rowTexts(frame, 'callWeighted', 0), ['0.74634', '0.74634']);
    await frame.locator('.call-results').scrollIntoViewIfNeeded();
    await ui.screenshot('calculator-calls-dark');
    await typeInto(ui, frame, 'label_smoothing', '1.5');
    const problem = frame.locator('#call-arg-label_smoothing-problem');
    await frame.waitForFunction(() => (document.querySelector('#call-arg-label_smoothing-problem')?.textContent ?? '').includes('1.5'));
    assert.match((await problem.textContent()) ?? '', /label_smoothing must be in \[0, 1\]/);
    assert.equal(await frame.locator('textarea[aria-label="label_smoothing"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.locator('textarea[aria-label="target"]').getAttribute('aria-invalid'), null);
    await typeInto(ui, frame, 'label_smoothing', '0.1');
    await frame.waitForFunction(() => document.querySelector('.call-value dd')?.getAttribute('title') === '0.8287534713745117');
  });

  test('light and high-contrast themes recolour the heatmaps', async () => {
    const ui = workbench();
    await frame.locator('vscode-tab-header[data-tab="results"]').click();
    const background = () => cell(frame, 'softmax', 0, 1).evaluate((td) => getComputedStyle(td).backgroundColor);
    const dark = await background();
    await selectTheme(ui, 'Light 2026', 'light');
    await frame.waitForFunction((before) => {
      const td = document.querySelector('table[data-table="softmax"] td[data-row="0"][data-column="1"]');
      return td !== null && getComputedStyle(td).backgroundColor !== before;
    }, dark);
    await ui.screenshot('calculator-results-light');
    await selectTheme(ui, 'Dark High Contrast', 'hc-dark');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'));
    await ui.screenshot('calculator-results-high-contrast');
    await selectTheme(ui, 'Dark 2026', 'dark');
  });

  test('nothing the calculator did was blocked by its Content Security Policy', async () => {
    assert.deepEqual(await frame.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
  });

  test('after a window reload the panel comes back with what was typed', async () => {
    const ui = workbench();
    await typeInto(ui, frame, 'Labels', '[1, 2, 1]');
    await frame.waitForFunction(() => document.querySelector('table[data-table="oneHot"] td[data-row="2"][data-column="1"]')?.textContent === '1');
    await ui.runCommand({ id: 'workbench.action.reloadWindow' });
    await ui.page.waitForFunction(() => 'driver' in window, undefined, { timeout: 60_000 });
    frame = await ui.webview({ containing: HEADING, timeoutMs: 60_000 });
    await cell(frame, 'oneHot', 2, 1).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('textarea[aria-label="Labels"]').inputValue(), '[1, 2, 1]');
    assert.equal(await cell(frame, 'oneHot', 2, 1).textContent(), '1');
    await frame.locator('vscode-tab-header[data-tab="calls"]').click();
    assert.equal(await frame.locator('#call-picker').inputValue(), 'torch.nn.functional.cross_entropy');
    assert.equal(await frame.locator('textarea[aria-label="label_smoothing"]').inputValue(), '0.1');
    await frame.waitForFunction(() => document.querySelector('.call-value dd')?.getAttribute('title') === '0.8287534713745117');
  });

  test('no Content Security Policy report reached the console', () => {
    assert.deepEqual(cspReports, []);
  });
});
