// Runs in the harness's second session: workspace trust enabled, the test folder not trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('harness smoke (untrusted workspace)', () => {
  test('the workspace is open but not trusted', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    assert.equal(vscode.workspace.isTrusted, false);
  });
});
