import { RoomEvent } from '@livekit/rtc-node';
import type { TalkTimeSummary } from '@roundtable/wire';
import { expect, test } from 'vitest';
import { stateKey, startMediaApp } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import { issueAnalysisGroup, startRound, until } from './support/room.ts';

const SPOKEN_MS = 3000;
const TOLERANCE_MS = 500;

test('three seconds of speech are reported as three seconds of talk time, per phase and in total', async () => {
  const app = await startMediaApp();
  const { fran, pat, peers, all } = await issueAnalysisGroup(app);
  const presenter = await joinBot(pat.client);
  const ali = await joinListener(peers[0]!.client);
  // LiveKit sends the same speaker updates to every participant; Ali's tell us when Pat stopped.
  const speakerUpdates: { at: number; ids: string[] }[] = [];
  ali.room.on(RoomEvent.ActiveSpeakersChanged, (speakers) =>
    speakerUpdates.push({ at: Date.now(), ids: speakers.map((s) => s.identity) }),
  );
  const writes: { at: number; value: TalkTimeSummary | null }[] = [];
  fran.client.docs.state.on('afterTransaction', () => {
    const value = stateKey(fran.client, 'talkTime');
    if (value !== undefined && value !== writes.at(-1)?.value)
      writes.push({ at: Date.now(), value });
  });
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: all.map((p) => p.client),
  });
  await presenter.publishMic();

  const playedOutAt = await presenter.speak(SPOKEN_MS / 1000);
  const isSpeaking = (u: { ids: string[] }) => u.ids.includes(pat.participantId);
  expect(speakerUpdates.some(isSpeaking)).toBe(true);
  // Speech is over: wait for the update that says so (LiveKit only sends changes).
  const last = () => speakerUpdates.at(-1);
  await until(() => last() !== undefined && !isSpeaking(last()!), 'Pat reported silent');
  const silentAt = last()!.at;
  // The balance is rewritten after the speaker update that closed Pat's interval.
  await until(() => (writes.at(-1)?.at ?? 0) > silentAt, 'talk time written after the silence');
  const live = writes.at(-1)!.value!;
  const measured = live.total[pat.participantId] ?? 0;
  // What Ali actually received brackets the speech as a subscriber hears it.
  const heard = ali.heardFrom(pat.participantId);
  console.log(
    `talk time: spoke ${SPOKEN_MS} ms, reported ${measured} ms (error ${measured - SPOKEN_MS} ms);` +
      ` a subscriber heard ${heard.lastAudibleAt - heard.firstAudibleAt} ms of tone`,
  );
  expect(Math.abs(measured - SPOKEN_MS)).toBeLessThanOrEqual(TOLERANCE_MS);
  expect(live.round).toBe(1);
  expect(live.byPhase).toEqual({ presentation: { [pat.participantId]: measured } });
  // Nobody else spoke.
  expect(Object.keys(live.total)).toEqual([pat.participantId]);
  // Written more than once while Pat spoke, so the room sees the balance grow live.
  expect(writes.filter((w) => w.at < playedOutAt && w.value).length).toBeGreaterThanOrEqual(2);

  // When the round ends its balance moves to the history.
  expect(await fran.client.command({ type: 'end-round' })).toEqual({ ok: true });
  await until(
    () => (stateKey(fran.client, 'talkTimeHistory') ?? []).length === 1,
    'round balance in the history',
  );
  const [finished] = stateKey(fran.client, 'talkTimeHistory') ?? [];
  expect(finished!.total[pat.participantId]).toBe(measured);
  await until(() => stateKey(fran.client, 'talkTime') === null, 'live balance cleared');
});
