import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseSync } from 'node:sqlite';

/**
 * Runs in a worker thread with a connection of its own: moves the WAL's pages into the
 * database file (a PASSIVE checkpoint never blocks the writer) and pays the fsync here, so
 * the server's event loop never waits for it. See sqlite-checkpointer.ts.
 */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const database = new DatabaseSync(file);
database.exec('PRAGMA busy_timeout = 5000');

const timer = setInterval(() => {
  try {
    database.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Busy or I/O trouble: the WAL keeps every commit, so the next round simply retries.
    parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  database.close();
  parentPort?.close();
});
