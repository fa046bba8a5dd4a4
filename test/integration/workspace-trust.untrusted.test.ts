import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, lossLensHoverAt, openFixture, positionOf, tableRow } from './helpers';

// Runs in a window whose workspace is not trusted: Loss Lens only reads documents through
// the API and runs no workspace code, so it declares full support and must work unchanged.
suite('Untrusted workspace', () => {
  test('the workspace really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('hovers and commands work', async () => {
    const { document } = await openFixture('seed.py');
    const hover = await lossLensHoverAt(document, positionOf(document, '0.7, 1.2', 1));
    assert.deepEqual(tableRow(hover, '0', 1), [0.30129, 0.49675, 0.20196]);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const format = await vscode.commands.executeCommand('lossLens.copyResult', { logits: '[[0, 0]]', labels: '[1]', format: 'json' });
    assert.equal(format, 'json');
  });
});
