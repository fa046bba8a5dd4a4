import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { LargeSelectionJob, LargeSelectionResult } from '../worker/jobs';

/**
 * Runs a large-selection job in a worker thread under a cancellable progress notification.
 * Cancelling terminates the worker at once; the main thread never parses the text itself.
 * Resolves to undefined when cancelled.
 */
export function runInBackground(extension: vscode.ExtensionContext, job: LargeSelectionJob, characters: number): Thenable<LargeSelectionResult | undefined> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Loss Lens: analysing {0} MB of literals…', (characters / 1e6).toFixed(1)),
      cancellable: true,
    },
    (_progress, token) =>
      new Promise<LargeSelectionResult | undefined>((resolve, reject) => {
        const worker = new Worker(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'analysis-worker.js').fsPath);
        let settled = false;
        const settle = (result: LargeSelectionResult | undefined, error?: Error) => {
          if (settled) return;
          settled = true;
          cancellation.dispose();
          void worker.terminate();
          if (error) reject(error);
          else resolve(result);
        };
        const cancellation = token.onCancellationRequested(() => settle(undefined));
        worker.once('message', (result: LargeSelectionResult) => settle(result));
        worker.once('error', (error) => settle(undefined, error));
        worker.once('exit', (code) => settle(undefined, new Error(`the analysis worker stopped (exit code ${code})`)));
        worker.postMessage(job);
      }),
  );
}
