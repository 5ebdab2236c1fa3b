import { readFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import type { ClientToServerEvents, MediaTokenReply, ServerToClientEvents } from '@roundtable/wire';
import { decodeJwt, SignJWT } from 'jose';
import { io, type Socket } from 'socket.io-client';
import { expect, onTestFinished, test } from 'vitest';
import type { App } from '../src/app.ts';
import { join } from '../test/live/harness.ts';
import { TrackSource } from '@livekit/rtc-node';
import { Listener } from './support/bots.ts';
import { startMediaApp, stateKey, tokenOf } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import { issueAnalysisGroup, connect, person, startRound, until } from './support/room.ts';

/**
 * Connects with a participant's credential and asks for a media token in the same instant,
 * before the server has counted them present. Resolves with the reply and whether the room's
 * "participant-joined" for them reached this socket before it.
 */
async function askAtConnect(app: App, resumeToken: string, participantId: string) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(app.url, {
    auth: { token: resumeToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  onTestFinished(() => void socket.close());
  let joinedFirst = false;
  socket.on('events', (events) => {
    if (events.some((e) => e.type === 'participant-joined' && e.who === participantId))
      joinedFirst = true;
  });
  const reply = await new Promise<MediaTokenReply>((resolve) =>
    socket.on('connect', () => socket.emit('media-token', resolve)),
  );
  const joinedBeforeReply = joinedFirst;
  socket.close();
  return { reply, joinedBeforeReply };
}

async function liveKitKeys(app: App): Promise<{ apiKey: string; apiSecret: string }> {
  const file = joinPath(app.config.dataDir, 'livekit-keys.json');
  return JSON.parse(await readFile(file, 'utf8')) as { apiKey: string; apiSecret: string };
}

test('a token is issued only to someone the room counts present, even when asked for at the instant of connecting', async () => {
  const app = await startMediaApp();
  const { session, fran } = await issueAnalysisGroup(app, { peers: [] });
  const isPresent = (id: string) =>
    fran.client.state?.participants.some((p) => p.id === id && p.present) ?? false;
  // A newcomer, then the same person coming back after they left.
  const joined = await join(app.url, session.sessionId, session.memberInvite, 'Newcomer');
  for (const attempt of ['first arrival', 'return after leaving']) {
    const { reply, joinedBeforeReply } = await askAtConnect(
      app,
      joined.resumeToken,
      joined.participantId,
    );
    if (reply.ok) {
      expect(joinedBeforeReply, attempt).toBe(true);
      const claims = decodeJwt(reply.token);
      expect(claims.sub).toBe(joined.participantId);
      const grant = claims.video as { room?: string; canPublishSources?: string[] };
      // The session's current LiveKit room, a generation the server created.
      expect(grant.room).toMatch(new RegExp(`^${session.sessionId}~\\d+$`));
      // Tokens never carry sound: the microphone comes through updateParticipant.
      expect(grant.canPublishSources).toEqual(['camera', 'screen_share']);
    } else {
      expect(reply.error.code, attempt).toBe('not-present');
    }
    await until(() => !isPresent(joined.participantId), `Newcomer gone (${attempt})`);
  }
});

test('someone who left can neither speak nor listen through the LiveKit connection they still hold', async () => {
  const app = await startMediaApp();
  const { session, fran, peers } = await issueAnalysisGroup(app, { peers: ['Ali'] });
  const bo = await person(app.url, session, 'Bo');
  const ali = await joinListener(peers[0]!.client);
  const franBot = await joinBot(fran.client);
  const boBot = await joinBot(bo.client, { listen: true });
  const boEars = Listener.of(boBot);
  // Between rounds everyone may speak.
  await franBot.publishMic();
  await boBot.publishMic();
  franBot.hum();
  boBot.hum();
  await until(() => ali.heardFrom(bo.participantId).audible >= 50, 'Bo heard');
  await until(() => boEars.heardFrom(fran.participantId).audible >= 50, 'Bo hears Fran');

  const leftAt = Date.now();
  bo.client.close();
  await until(
    () =>
      fran.client.state?.participants.some((p) => p.id === bo.participantId && !p.present) ?? false,
    'Bo counted as gone',
  );
  await until(
    () => ali.unpublishedSince(bo.participantId, leftAt) !== undefined,
    "Bo's mic closed",
  );
  // Subscriptions end with the permission to subscribe: Bo's ears go quiet while Fran hums
  // on. Silence can only be watched for a while: a second without a frame, then another.
  await until(
    () => Date.now() - boEars.heardFrom(fran.participantId).lastAudibleAt > 1000,
    'Bo hears nothing',
  );
  const boHeard = boEars.heardFrom(fran.participantId).audible;
  await new Promise((r) => setTimeout(r, 1000));
  expect(boEars.heardFrom(fran.participantId).audible).toBe(boHeard);

  // Coming back makes Bo a member again, and LiveKit follows.
  const back = await connect(app.url, bo.resumeToken);
  await until(
    () => back.state?.participants.some((p) => p.id === bo.participantId && p.present) ?? false,
    'Bo back',
  );
  await until(
    () => boEars.heardFrom(fran.participantId).audible > boHeard + 50,
    'Bo hears Fran again',
  );
});

test('LiveKit refuses a token signed with other keys, an expired one, and one for a room the server did not create', async () => {
  const app = await startMediaApp();
  const { session, fran } = await issueAnalysisGroup(app, { peers: [] });
  const { url, token } = await tokenOf(fran.client);
  const { room } = decodeJwt(token).video as { room: string };
  const keys = await liveKitKeys(app);
  const now = Math.floor(Date.now() / 1000);
  const mint = (secret: string, exp: number, name = room) =>
    new SignJWT({ video: { roomJoin: true, room: name, canSubscribe: true } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(keys.apiKey)
      .setSubject('intruder')
      .setNotBefore(now - 600)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));

  // LiveKit allows a minute of clock skew, so "expired" here means ten minutes ago.
  await expect(joinBot({ url, token: await mint(keys.apiSecret, now - 600) })).rejects.toThrow();
  await expect(
    joinBot({ url, token: await mint(`${keys.apiSecret}-not`, now + 600) }),
  ).rejects.toThrow();
  // A room the server did not create is refused (auto_create is off), whatever the token says.
  await expect(
    joinBot({ url, token: await mint(keys.apiSecret, now + 600, `${session.sessionId}~1`) }),
  ).rejects.toThrow(/does not exist/);
  // The same claims, signed right and in date, are accepted: the refusals were the key and time.
  const control = await joinBot({ url, token: await mint(keys.apiSecret, now + 600) });
  expect(control.identity).toBe('intruder');
});

test('after the session ends nobody gets a token, and LiveKit takes everyone off the air', async () => {
  const app = await startMediaApp();
  const { fran, peers } = await issueAnalysisGroup(app, { peers: ['Ali'] });
  const ali = await joinListener(peers[0]!.client);
  const franBot = await joinBot(fran.client);
  await franBot.publishMic();
  franBot.hum();
  await until(() => ali.heardFrom(fran.participantId).audible >= 50, 'Fran heard');

  const endedAt = Date.now();
  expect(await fran.client.command({ type: 'end-session' })).toEqual({ ok: true });
  await until(
    () => ali.unpublishedSince(fran.participantId, endedAt) !== undefined,
    "Fran's microphone closed",
  );
  const again = await connect(app.url, fran.resumeToken);
  expect(await again.mediaToken()).toMatchObject({ ok: false });
});

test('a token that grants the microphone, as LiveKit refreshes a speaker’s, used by a listener: the microphone is taken away and hardly a frame is heard', async () => {
  const app = await startMediaApp();
  const { fran, pat, peers, all } = await issueAnalysisGroup(app);
  const ali = peers[0]!;
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: all.map((p) => p.client),
  });
  const franEars = await joinListener(fran.client);
  const { url, token } = await tokenOf(ali.client);
  const { room } = decodeJwt(token).video as { room: string };
  const keys = await liveKitKeys(app);
  const now = Math.floor(Date.now() / 1000);
  // Ali may not speak in the presentation; this token says she may (LiveKit's own refresh of
  // a token carries the grant it held, so one from when she could speak looks like this).
  const sources = ['camera', 'microphone', 'screen_share', 'screen_share_audio'];
  const speaking = await new SignJWT({
    video: {
      roomJoin: true,
      room,
      canSubscribe: true,
      canPublish: true,
      canPublishSources: sources,
    },
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(keys.apiKey)
    .setSubject(ali.participantId)
    .setNotBefore(now - 60)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(keys.apiSecret));
  const since = Date.now();
  const bot = await joinBot({ url, token: speaking });
  // Published before or after the server's reconcile: refused, or taken away at once.
  const publishing = bot.publishMic().then(
    () => 'published',
    () => 'refused',
  );
  bot.hum();
  const outcome = await Promise.race([
    publishing,
    new Promise((r) => setTimeout(r, 3000, 'no answer')),
  ]);
  if (outcome === 'published')
    await until(
      () =>
        franEars.unpublishedSince(ali.participantId, since, TrackSource.SOURCE_MICROPHONE) !==
        undefined,
      'Ali’s microphone taken away',
    );
  await new Promise((r) => setTimeout(r, 500));
  // The same allowance as for disguised audio (test-media/disguised-audio.test.ts): 100 ms.
  expect(franEars.heardFrom(ali.participantId).audible).toBeLessThanOrEqual(10);
  // Not an offence: an honest client can race a phase change the same way.
  const offences = stateKey(fran.client, 'mediaOffences');
  expect(offences?.[ali.participantId]).toBeUndefined();
});
