import { expect, test } from 'vitest';
import { FakeClock } from './fake-clock.ts';
import { createSession, person, startAppAt, tempDataDir, until } from './harness.ts';

const GRACE_MS = 30_000;

test('someone whose tab closed leaves when the grace period has passed on fake time, not before', async () => {
  const clock = new FakeClock();
  const app = await startAppAt(
    await tempDataDir(),
    { ROUNDTABLE_LEAVE_GRACE_MS: String(GRACE_MS) },
    { clock },
  );
  const session = await createSession(app.url);
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const ali = await person(app.url, session, 'Ali');
  const aliPresent = () =>
    fran.client.state?.participants.find((p) => p.id === ali.participantId)?.present;
  expect(clock.nextDue()).toBeNull();

  ali.client.close();
  // The server arms the leave once it sees the socket go.
  await until(() => clock.nextDue() !== null, 'the leave armed');
  expect(clock.nextDue()).toBe(clock.now() + GRACE_MS);
  clock.advance(GRACE_MS - 1);
  expect(clock.nextDue()).not.toBeNull();
  expect(aliPresent()).toBe(true);

  clock.advance(1);
  await until(() => aliPresent() === false, 'Ali gone');
});
