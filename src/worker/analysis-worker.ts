/**
 * Worker-thread entry: runs one large-selection job per message so the extension host's
 * main thread keeps answering while megabytes are parsed. The host terminates the worker
 * to cancel.
 */
import { parentPort } from 'node:worker_threads';
import { runLargeSelection, type LargeSelectionJob } from './jobs';

parentPort?.on('message', (job: LargeSelectionJob) => {
  try {
    parentPort?.postMessage(runLargeSelection(job));
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: `internal error: ${(error as Error)?.message ?? String(error)}` });
  }
});
