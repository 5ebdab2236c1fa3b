import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints; the WAL grows by at most this much writing in between. */
const CHECKPOINT_INTERVAL_MS = 1000;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * SQLite's automatic checkpoint runs inside whichever commit crosses the WAL's size limit, on
 * the committing thread: with synchronous=NORMAL that commit also pays the checkpoint's fsync,
 * measured at 3-51 ms of a stalled event loop every few seconds. The caller turns automatic
 * checkpoints off and this worker thread does them instead. Should the worker die, `fallBack`
 * turns them on again: a stall now and then beats a log that grows without end.
 */
export function startCheckpointer(
  file: string,
  fallBack: () => void,
  logError: (message: string) => void = console.error,
): Checkpointer {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), {
    workerData: { file, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  // Not events.once: it would reject on 'error', with nobody awaiting it until stop().
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) logError(`SQLite checkpoint failed (will retry): ${message.failed}`);
  });
  worker.on('error', (error) => {
    logError(
      `SQLite checkpoint worker stopped, SQLite checkpoints by itself again: ${error.message}`,
    );
    fallBack();
  });
  // The server may exit with the worker still running; it must not keep the process alive.
  worker.unref();
  return {
    async stop() {
      // Waiting on an unref'd worker would let the event loop run dry and the process end
      // before the store is closed. A worker that already died ignores both calls.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
