/**
 * Worker-thread entry: runs one large-selection job per message so the extension host's
 * main thread keeps answering while megabytes are parsed. The host terminates the worker
 * to cancel.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runLargeSelection, type LargeSelectionJob } from './jobs';

/**
 * Background work should never compete with typing: on Linux a thread is its own task, so
 * this thread (and only it) can be niced. Elsewhere the call is not available and the worker
 * runs at normal priority.
 */
function lowerThreadPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, 10);
  } catch {
    // Not Linux, or not permitted: normal priority is still correct, only less polite.
  }
}

lowerThreadPriority();

parentPort?.on('message', (job: LargeSelectionJob) => {
  try {
    parentPort?.postMessage(runLargeSelection(job));
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: `internal error: ${(error as Error)?.message ?? String(error)}` });
  }
});
