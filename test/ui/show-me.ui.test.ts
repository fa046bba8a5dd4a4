// Bad input as a user meets it: Evaluate Selection on a malformed literal shows an error
// notification with the line and column, and its "Show Me" button selects that spot.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import { useWorkbench } from './workbench';

const SOURCE = 'import numpy as np\n\nlogits = [[0.7, 1.2, 0.3],\n          [0.4, 0.2]]\nlabels = [1, 0]\n';
const LITERAL = '[[0.7, 1.2, 0.3],\n          [0.4, 0.2]]';
const MESSAGE = 'Loss Lens: row 2 has 2 elements, expected 3 (line 4, column 11)';

suite('Show Me', () => {
  const workbench = useWorkbench();

  test('an error notification for a ragged literal selects the short row when Show Me is clicked', async () => {
    const ui = workbench();
    writeFileSync(join(ui.vscode.workspace, 'show-me.py'), SOURCE);
    await ui.openFile('show-me.py');
    await ui.selectText(LITERAL);
    await ui.page.locator('[id="status.editor.selection"]', { hasText: `(${LITERAL.length} selected)` }).waitFor();
    await ui.runCommand('Loss Lens: Evaluate Selection');

    // This workbench build files notifications raised right after the palette closes in the
    // notification center rather than as a toast; the center shows the same item and buttons.
    await ui.runCommand('Notifications: Show Notifications');
    const item = ui.page.locator('.notifications-center .notifications-list-container .monaco-list-row', { hasText: 'row 2 has 2 elements' });
    await item.waitFor({ timeout: 15_000 });
    assert.equal((await item.locator('.notification-list-item-message').innerText()).trim(), MESSAGE);
    await ui.screenshot('show-me-notification');

    await item.getByRole('button', { name: 'Show Me' }).click();
    // The selection moves from the whole literal to the '[' of the short row (line 4, column 11);
    // the status bar shows where the selection ends.
    await ui.page.locator('[id="status.editor.selection"]', { hasText: /^Ln 4, Col 12 \(1 selected\)$/ }).waitFor({ timeout: 10_000 });
    await ui.screenshot('show-me-selected');
  });
});
