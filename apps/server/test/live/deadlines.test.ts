import type { LiveClient } from '@roundtable/client';
import { nextDeadline, tick, type SessionEvent, type SessionState } from '@roundtable/protocol';
import { expect, onTestFinished, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { FakeClock } from './fake-clock.ts';
import { createSession, person, startAppAt, startRound, tempDataDir, until } from './harness.ts';

/** An app on fake time over a store the test opened; Fran, Pat presenting, Ali and Bo. */
async function issueAnalysisOnFakeTime() {
  const dataDir = await tempDataDir();
  const store = await openStore({ dataDir, logError: () => undefined });
  // Registered before the app, so it runs after the app has drained into the store.
  onTestFinished(() => store.close());
  const clock = new FakeClock();
  const app = await startAppAt(dataDir, {}, { clock, store });
  const session = await createSession(app.url, { protocol: 'issue-analysis' });
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  const ali = await person(app.url, session, 'Ali');
  const bo = await person(app.url, session, 'Bo');
  return { clock, fran, pat, ali, bo };
}

/** Collects the engine events a client is sent. */
function eventsSeenBy(client: LiveClient): SessionEvent[] {
  const seen: SessionEvent[] = [];
  onTestFinished(client.on('events', (events) => seen.push(...events)));
  return seen;
}

/**
 * Moves the fake clock to the state's next deadline, first to just before it (the timer is
 * still armed: nothing fires early), and returns what the engine says the state becomes then.
 */
function advanceToDeadline(clock: FakeClock, before: SessionState): SessionState {
  const due = nextDeadline(before);
  expect(due).not.toBeNull();
  expect(clock.nextDue()).toBe(due);
  clock.advance(due! - clock.now() - 1);
  expect(clock.nextDue()).toBe(due);
  clock.advance(1);
  return tick(before, due!).state;
}

test('a phase deadline passes on fake time: the state document says time is up, as tick does', async () => {
  const { clock, fran, pat, ali } = await issueAnalysisOnFakeTime();
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: [ali.client],
  });
  const seen = eventsSeenBy(ali.client);
  const before = fran.client.state!;
  expect(before.round?.timeUp).toBe(false);

  const expected = advanceToDeadline(clock, before);
  expect(expected.round?.timeUp).toBe(true);
  await until(() => ali.client.state?.round?.timeUp === true, 'time up seen');
  expect(ali.client.state).toEqual(expected);
  await until(() => seen.length > 0, 'the event');
  expect(seen).toEqual([{ type: 'phase-time-up', phaseId: 'presentation' }]);
});

test('a turn times out on fake time: the next peer holds the turn, as tick says', async () => {
  const { clock, fran, pat, ali, bo } = await issueAnalysisOnFakeTime();
  // Peer feedback, the third phase: peers in turn, two minutes each.
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    phases: 2,
    watchers: [ali.client, bo.client],
  });
  const before = fran.client.state!;
  const first = before.round?.turns?.holder;
  expect(first).toBeDefined();
  expect([ali.participantId, bo.participantId, fran.participantId]).toContain(first);

  const expected = advanceToDeadline(clock, before);
  const second = expected.round?.turns?.holder;
  expect(second).not.toBe(first);
  expect(second).not.toBeNull();
  await until(() => bo.client.state?.round?.turns?.holder === second, 'the next turn seen');
  expect(bo.client.state).toEqual(expected);
  // The new turn is armed on the same clock, from the instant the old one ran out.
  expect(clock.nextDue()).toBe(nextDeadline(expected));
});
