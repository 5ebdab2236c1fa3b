import { addCard } from '@roundtable/client';
import { RoomServiceClient } from 'livekit-server-sdk';
import { expect, test } from 'vitest';
import { startAppAt, tempDataDir } from '../test/live/harness.ts';
import { Bot } from './support/bots.ts';
import { liveKitRoom, roomOf } from './support/livekit-room.ts';
import { stateKey, startTestLiveKit } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import {
  issueAnalysisGroup,
  phaseOf,
  startRound,
  steer,
  steerTo,
  turnHolder,
  until,
} from './support/room.ts';

/** The app on a LiveKit the test owns, so the test can stop and restart it. */
async function outageSetup() {
  const livekit = await startTestLiveKit(await tempDataDir());
  const { url, apiKey, apiSecret, apiUrl } = livekit.endpoint;
  const app = await startAppAt(await tempDataDir(), {
    MEDIA: '',
    LIVEKIT_URL: url,
    LIVEKIT_API_KEY: apiKey,
    LIVEKIT_API_SECRET: apiSecret,
    ROUNDTABLE_LEAVE_GRACE_MS: '100',
  });
  const rooms = new RoomServiceClient(apiUrl, apiKey, apiSecret);
  const group = await issueAnalysisGroup(app);
  const clients = group.all.map((p) => p.client);
  await startRound(group.fran.client, {
    presenter: group.pat.participantId,
    protocolId: 'issue-analysis',
    watchers: clients,
  });
  return { livekit, rooms, clients, ...group };
}

test('the meeting carries on while LiveKit is down, says so, and media comes back in line with the protocol', async () => {
  const { livekit, fran, pat, peers, clients } = await outageSetup();
  const ali = peers[0]!;
  const media = () => stateKey(fran.client, 'media');
  const aliEars = await joinListener(ali.client);
  const patBot = await joinBot(pat.client);
  await patBot.publishMic();
  patBot.hum();
  await until(() => aliEars.heardFrom(pat.participantId).audible >= 50, 'Pat heard');

  await livekit.stop();
  await aliEars.room.disconnect();
  // Nobody has done anything yet: the health probe alone finds the outage, and everyone is
  // told. A new token now would be for a LiveKit that is not there.
  for (const c of clients)
    await until(() => stateKey(c, 'media')?.available === false, 'everyone told');
  expect(await ali.client.mediaToken()).toMatchObject({
    ok: false,
    error: { code: 'media-unavailable' },
  });
  // Clarifying questions open everyone's microphone: that change hits the dead server.
  await steer(
    fran.client,
    { type: 'next-phase' },
    clients,
    (c) => phaseOf(c) === 'clarifying-questions',
  );
  expect(media()).toEqual({ available: false, reason: expect.stringMatching(/\S/) });
  // The board and the phases do not depend on media.
  addCard(ali.client.docs.board, {
    author: ali.participantId,
    round: 1,
    phase: 'clarifying-questions',
    kind: 'question',
    text: 'What happened just before?',
    created: Date.now(),
  });
  expect(await ali.client.flush()).toEqual([{ ok: true }]);
  await steer(fran.client, { type: 'next-phase' }, clients, (c) => phaseOf(c) === 'peer-feedback');
  expect(turnHolder(pat.client)).toBe(fran.participantId);

  // After the restart the room is a new generation: Pat's token from before opens nothing.
  await livekit.restart();
  await until(() => media()?.available === true, 'media reported available again');
  await expect(Bot.join(patBot.ticket)).rejects.toThrow(/does not exist/);

  // Honest clients ask for new tokens and carry on: Fran speaks in her turn, Pat listens.
  const aliBack = await joinListener(ali.client);
  const franBot = await joinBot(fran.client);
  await franBot.publishMic();
  franBot.hum();
  await until(() => aliBack.heardFrom(fran.participantId).audible >= 50, 'Fran heard');
  const patBack = await joinBot(pat.client);
  const refused = await Promise.race([
    patBack.publishMic().then(
      () => 'published',
      () => 'refused',
    ),
    new Promise((r) => setTimeout(r, 3000, 'no answer')),
  ]);
  expect(refused).not.toBe('published');
  expect(aliBack.heardFrom(pat.participantId).audible).toBe(0);
});

test('twenty LiveKit restarts in a row: a silent presenter who was speaking is never heard on the token he had', async () => {
  const { livekit, rooms, session, fran, pat, peers, clients } = await outageSetup();
  const ali = peers[0]!;
  await steerTo(fran.client, 'clarifying-questions', clients);
  let heardInSilence = 0;
  for (let run = 1; run <= 20; run++) {
    // Pat may speak (clarifying questions) and is heard.
    const ears = await joinListener(ali.client);
    const patBot = await joinBot(pat.client);
    const ticket = patBot.ticket;
    await patBot.publishMic();
    patBot.hum();
    await until(() => ears.heardFrom(pat.participantId).audible >= 20, `Pat heard (run ${run})`);
    // Peer feedback: Pat listens in silence, and LiveKit restarts meanwhile.
    await steerTo(fran.client, 'peer-feedback', clients);
    await livekit.stop();
    await livekit.restart();
    const fresh = await liveKitRoom(rooms, session.sessionId);
    expect(fresh).not.toBe(roomOf(ticket));
    // The old token names a room that is gone; his old connection (still humming) cannot
    // come back either.
    await expect(Bot.join(ticket), `run ${run}`).rejects.toThrow(/does not exist/);
    // Silence can only be watched for a while: a second, with his old connection still trying.
    const earsBack = await joinListener(ali.client);
    await new Promise((r) => setTimeout(r, 1000));
    heardInSilence += earsBack.heardFrom(pat.participantId).audible;
    await Promise.all([patBot.close(), ears.close(), earsBack.close()]);
    await steer(
      fran.client,
      { type: 'previous-phase' },
      clients,
      (c) => phaseOf(c) === 'clarifying-questions',
    );
  }
  expect(heardInSilence).toBe(0);
}, 600_000);

test('talk time counts speech again after LiveKit restarts, with nobody asking for anything', async () => {
  const { livekit, rooms, session, fran, pat, peers } = await outageSetup();
  const talk = () => stateKey(fran.client, 'talkTime')?.total[pat.participantId] ?? 0;
  const before = await joinBot(pat.client);
  await before.publishMic();
  await before.speak(1);
  await until(() => talk() >= 500, 'talk time counted before the restart');

  await livekit.stop();
  await livekit.restart();
  // The server finds LiveKit back by itself and puts its observer in a new room.
  await liveKitRoom(rooms, session.sessionId);
  const counted = talk();
  const ears = await joinListener(peers[0]!.client);
  const after = await joinBot(pat.client);
  await after.publishMic();
  await after.speak(2);
  // Heard by a person too: the speech really went through the restarted LiveKit.
  expect(ears.heardFrom(pat.participantId).audible).toBeGreaterThan(100);
  await until(() => talk() >= counted + 1500, 'two seconds of speech counted after the restart');
});
