import { TrackSource } from '@livekit/rtc-node';
import { expect, test } from 'vitest';
import { Bot, type Listener } from './support/bots.ts';
import { stateKey, startMediaApp, tokenOf } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import {
  issueAnalysisGroup,
  startRound,
  steerTo,
  turnHolder,
  until,
  type Person,
} from './support/room.ts';

/**
 * What may leak before the observer takes a disguised track away: the bench
 * (bench/media-latency.ts, "disguised audio") measures the window; 10 frames are 100 ms.
 */
const WINDOW_FRAMES = 10;
/** Long enough for a stray packet to arrive after the track went. */
const SETTLE_MS = 300;
/** How long a refused publication is given to come through anyway. */
const REFUSAL_MS = 3000;

/** A fresh connection for each try: a refused publication holds rtc-node's publishing lock. */
async function disguise(who: Person, claimed: TrackSource, ears: Listener) {
  const bot = await joinBot(who.client);
  const before = ears.heardFrom(who.participantId).audible;
  const since = Date.now();
  const publishing = bot.publishAudio(claimed);
  bot.hum();
  return {
    bot,
    /** Frames of the tone the listener heard from this try. */
    heard: () => ears.heardFrom(who.participantId).audible - before,
    /** LiveKit accepted the track and the listener saw it; then the server took it away. */
    async removed(): Promise<void> {
      await publishing;
      await until(
        () => ears.unpublishedSince(who.participantId, since, claimed) !== undefined,
        `the ${TrackSource[claimed]} audio taken away`,
      );
      expect(ears.publishedSince(who.participantId, since, claimed)).toBeDefined();
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    },
    /** LiveKit never let the track through: rtc-node's publishTrack does not settle, or fails. */
    async refused(): Promise<void> {
      const outcome = await Promise.race([
        publishing.then(
          () => 'published',
          () => 'refused',
        ),
        new Promise((r) => setTimeout(r, REFUSAL_MS, 'no answer')),
      ]);
      expect(outcome).not.toBe('published');
      expect(ears.publishedSince(who.participantId, since, claimed)).toBeUndefined();
      await bot.close();
    },
  };
}

const offencesOf = (watcher: Person, who: Person) =>
  stateKey(watcher.client, 'mediaOffences')?.[who.participantId] ?? [];

/** Peer feedback with Fran (facilitator and first peer) holding the turn and heard by Ali. */
async function peerFeedback() {
  const app = await startMediaApp();
  const group = await issueAnalysisGroup(app, { peers: ['Ali', 'Bo'] });
  const { fran, pat, all } = group;
  const clients = all.map((p) => p.client);
  const ears = await joinListener(group.peers[0]!.client);
  const franBot = await joinBot(fran.client);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: clients,
  });
  await steerTo(fran.client, 'peer-feedback', clients);
  expect(turnHolder(fran.client)).toBe(fran.participantId);
  await franBot.publishMic();
  franBot.hum();
  await until(() => ears.heardFrom(fran.participantId).audible >= 50, 'Fran heard in her turn');
  return { ...group, ears };
}

/**
 * One offender's four tries: two sources LiveKit refuses outright, one disguise taken away at
 * once, and the second disguise that cuts them off for the session.
 */
async function offend(
  group: Awaited<ReturnType<typeof peerFeedback>>,
  offender: Person,
  order: { removed: TrackSource; refused: TrackSource[]; cutOff: TrackSource },
) {
  const { fran, ears } = group;
  const first = await disguise(offender, order.removed, ears);
  await first.removed();
  console.log(`audio as ${TrackSource[order.removed]}: ${first.heard()} audible frames heard`);
  expect(first.heard()).toBeLessThanOrEqual(WINDOW_FRAMES);
  await until(() => offencesOf(fran, offender).length === 1, 'the offence recorded');
  expect(offencesOf(fran, offender)[0]).toMatchObject({ action: 'track-removed' });
  // Still in the room after a first offence: a fresh token, and a fresh connection.
  const ticket = await tokenOf(offender.client);
  await first.bot.close();

  for (const source of order.refused) {
    const refused = await disguise(offender, source, ears);
    await refused.refused();
    expect(refused.heard()).toBe(0);
  }

  const second = await disguise(offender, order.cutOff, ears);
  await second.removed();
  console.log(`audio as ${TrackSource[order.cutOff]}: ${second.heard()} audible frames heard`);
  expect(second.heard()).toBeLessThanOrEqual(WINDOW_FRAMES);
  await until(() => !second.bot.room.isConnected, 'the offender removed from the media room');
  await until(() => offencesOf(fran, offender).length === 2, 'the cut-off recorded');
  expect(offencesOf(fran, offender)[1]).toMatchObject({ action: 'cut-off' });
  expect(await offender.client.mediaToken()).toMatchObject({
    ok: false,
    error: { code: 'media-cut-off' },
  });
  // A token minted before the cut-off still opens LiveKit's door, and the server shows them out.
  const again = await Bot.join(ticket);
  try {
    await until(() => !again.room.isConnected, 'an older token shown out again');
  } finally {
    await again.close();
  }

  // The honest speaker was heard all along and still is.
  const franHeard = ears.heardFrom(fran.participantId).audible;
  await until(
    () => ears.heardFrom(fran.participantId).audible >= franHeard + 50,
    'Fran still heard',
  );
}

test('a silent presenter who sends their microphone as a camera or a screen share is not heard, then is cut off', async () => {
  const group = await peerFeedback();
  await offend(group, group.pat, {
    removed: TrackSource.SOURCE_CAMERA,
    refused: [TrackSource.SOURCE_SCREENSHARE_AUDIO, TrackSource.SOURCE_UNKNOWN],
    cutOff: TrackSource.SOURCE_SCREENSHARE,
  });
});

test('a peer waiting for the turn who disguises their microphone is not heard, then is cut off; the others carry on', async () => {
  const group = await peerFeedback();
  const bo = group.peers[1]!;
  await offend(group, bo, {
    removed: TrackSource.SOURCE_SCREENSHARE,
    refused: [TrackSource.SOURCE_UNKNOWN, TrackSource.SOURCE_SCREENSHARE_AUDIO],
    cutOff: TrackSource.SOURCE_CAMERA,
  });
  // Ali was never an offender: she is still in the media room, with a token when she asks.
  expect(await group.peers[0]!.client.mediaToken()).toMatchObject({ ok: true });
  expect(group.ears.room.isConnected).toBe(true);
});
