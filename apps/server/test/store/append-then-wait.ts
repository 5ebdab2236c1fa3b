/**
 * Child process for the crash test: opens the SQLite store in the given directory, appends the
 * given number of updates, says "appended" once the last append has resolved, and then waits
 * to be killed. Usage: node append-then-wait.ts <dataDir> <sessionId> <count>
 */
import { openStore } from '../../src/store/open-store.ts';
import { updateNumber } from './crash-payload.ts';

const [dataDir, sessionId, countText] = process.argv.slice(2);
const count = Number(countText);
if (!dataDir || !sessionId || !Number.isInteger(count)) {
  throw new Error('usage: append-then-wait.ts <dataDir> <sessionId> <count>');
}

const store = await openStore({ dataDir });
await store.createSession({
  id: sessionId,
  title: 'crash test',
  options: {},
  createdAt: 0,
  createdBy: null,
  endedAt: null,
  inviteEpoch: 0,
});
for (let i = 0; i < count; i++) await store.appendUpdate(sessionId, 'board', updateNumber(i));
process.stdout.write('appended\n');
// Keep the process (and its open database) alive until the test kills it.
setInterval(() => {}, 60_000);
