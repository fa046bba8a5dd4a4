// Loss Lens as a user meets it in the editor: the hover on the seed's logits, and the
// calculator opened from the palette (test/ui/calculator.ui.test.ts drives the calculator itself). Values are the article's reference output (README of the seed).
import * as assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { useWorkbench } from './workbench';

const SEED_LOGITS = '[[0.7, 1.2, 0.3],\n                                        [0.4, 0.2, 0.9],\n                                        [0.6, 0.3, 0.4]]';

suite('Loss Lens in the workbench', () => {
  const workbench = useWorkbench();

  test('hovering the seed logits shows softmax and cross-entropy', async () => {
    const ui = workbench();
    await ui.openFile('seed.py');
    const hover = await ui.hoverAt('[[0.7, 1.2, 0.3]', { offset: 2, match: 'Loss Lens' });
    assert.match(hover, /0\.30129\s+0\.49675/, 'row 0 of the softmax');
    assert.match(hover, /0\.69968/, 'softmax cross-entropy of row 0');
    assert.match(hover, /1\.0799\s+0\.34328\s+0\.84436/, 'row 0 of the sigmoid cross-entropy');
    await ui.screenshot('loss-lens-hover');
    await ui.closeHover();
  });

  test("the hover's Open in Calculator link opens the calculator with the pair computed", async () => {
    const ui = workbench();
    await ui.openFile('seed.py');
    await ui.hoverAt('[[0.7, 1.2, 0.3]', { offset: 2, match: 'Open in Calculator' });
    await ui.clickHoverLink('Open in Calculator');
    const calculator = await ui.webview({ containing: 'Loss Lens calculator' });
    await calculator.getByText('0.69968', { exact: true }).first().waitFor();
    const text = await calculator.locator('body').innerText();
    assert.match(text, /0\.30129\s+0\.49675/, 'row 0 of the softmax');
  });

  test('Evaluate Selection opens the calculator with the selected logits computed', async () => {
    const ui = workbench();
    await ui.openFile('seed.py');
    await ui.selectText(SEED_LOGITS);
    await ui.runCommand('Loss Lens: Evaluate Selection');
    const calculator = await ui.webview({ containing: 'Loss Lens calculator' });
    await calculator.getByText('0.69968', { exact: true }).first().waitFor();
    const text = await calculator.locator('body').innerText();
    assert.match(text, /0\.30129\s+0\.49675/, 'row 0 of the softmax');
    assert.match(text, /1\.0799\s+0\.34328\s+0\.84436/, 'row 0 of the sigmoid cross-entropy');
    await ui.screenshot('loss-lens-calculator');
  });
});
