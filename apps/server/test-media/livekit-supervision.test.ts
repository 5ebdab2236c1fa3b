import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LiveClient } from '@roundtable/client';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { expect, test } from 'vitest';
import { liveKitRoom } from './support/livekit-room.ts';
import { stateKey } from './support/media-app.ts';
import { startMediaServerProcess } from './support/media-process.ts';
import { joinBot, joinListener } from './support/participants.ts';
import { issueAnalysisGroup, startRound, until } from './support/room.ts';

const media = (c: LiveClient) => stateKey(c, 'media');

test('LiveKit killed mid-round while nobody does anything: the room says so and refuses tokens, the server restarts it, and LiveKit follows the protocol again', async () => {
  const server = await startMediaServerProcess();
  const { session, fran, pat, peers, all } = await issueAnalysisGroup(server);
  const ali = peers[0]!;
  const clients = all.map((p) => p.client);
  // The presentation: Pat alone may speak.
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: clients,
  });
  const aliEars = await joinListener(ali.client);
  const patBot = await joinBot(pat.client);
  await patBot.publishMic();
  patBot.hum();
  await until(() => aliEars.heardFrom(pat.participantId).audible >= 50, 'Pat heard');

  const killed = server.liveKitPid();
  expect(killed).toBeDefined();
  process.kill(killed!, 'SIGKILL');
  // Nobody sends anything: the server finds out by itself, and everyone is told.
  for (const c of clients)
    await until(() => media(c)?.available === false, 'everyone told media is down');
  expect(media(ali.client)).toEqual({ available: false, reason: expect.stringMatching(/\S/) });
  expect(await ali.client.mediaToken()).toMatchObject({
    ok: false,
    error: { code: 'media-unavailable' },
  });
  expect(server.output()).toContain(`LiveKit (pid ${killed}) exited unexpectedly (signal SIGKILL)`);
  expect(server.output()).toMatch(/restarting in 0\.5 s \(attempt 1\)/);

  for (const c of clients)
    await until(() => media(c)?.available === true, 'everyone told media is back', 30_000);
  expect(server.output()).toMatch(/LiveKit restarted \(pid \d+, attempt 1\)/);
  const restarted = server.liveKitPid();
  expect(restarted).toBeDefined();
  expect(restarted).not.toBe(killed);

  // The old connections are gone with the old LiveKit; everyone gets new tokens.
  await Promise.allSettled([aliEars.close(), patBot.close()]);
  const aliBack = await joinListener(ali.client);
  const patBack = await joinBot(pat.client);
  const franBot = await joinBot(fran.client);
  const keys = JSON.parse(await readFile(join(server.dataDir, 'livekit-keys.json'), 'utf8')) as {
    apiKey: string;
    apiSecret: string;
  };
  const rooms = new RoomServiceClient(server.liveKitApiUrl, keys.apiKey, keys.apiSecret);
  // A restarted LiveKit has forgotten its rooms: the server made a new generation.
  const room = await liveKitRoom(rooms, session.sessionId);
  const mayUseMic = async () => {
    const listed = await rooms.listParticipants(room);
    return Object.fromEntries(
      listed
        .filter((p) => !p.identity.startsWith('observer:'))
        .map((p) => [
          p.identity,
          p.permission?.canPublishSources.includes(TrackSource.MICROPHONE) ?? false,
        ]),
    );
  };
  const expected = {
    [pat.participantId]: true,
    [ali.participantId]: false,
    [fran.participantId]: false,
  };
  // One question at a time: answers to overlapping ones could arrive out of order.
  let seen: Record<string, boolean> = {};
  const asked = Date.now();
  while (!Object.keys(expected).every((id) => seen[id] === expected[id])) {
    if (Date.now() - asked > 20_000)
      throw new Error(
        `LiveKit permissions ${JSON.stringify(seen)}, not ${JSON.stringify(expected)}`,
      );
    seen = await mayUseMic().catch(() => ({}));
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(seen).toEqual(expected);
  // And they hold: Pat is heard again, Fran may not publish.
  await patBack.publishMic();
  patBack.hum();
  await until(() => aliBack.heardFrom(pat.participantId).audible >= 50, 'Pat heard again');
  await expect(franBot.publishMic()).rejects.toThrow();
});

test('a LiveKit that hangs (SIGSTOP: alive, not answering) is killed after 10 s without answers and restarted, and media comes back', async () => {
  const server = await startMediaServerProcess();
  const { fran, pat, all } = await issueAnalysisGroup(server, { peers: [] });
  const clients = all.map((p) => p.client);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: clients,
  });
  const hung = server.liveKitPid();
  expect(hung).toBeDefined();
  process.kill(hung!, 'SIGSTOP');
  for (const c of clients) await until(() => media(c)?.available === false, 'media shown down');
  // Nobody continues it: the supervisor ends it and starts another.
  for (const c of clients)
    await until(() => media(c)?.available === true, 'media back after the restart', 45_000);
  expect(server.output()).toMatch(
    new RegExp(
      `LiveKit \\(pid ${hung}\\) has not answered for 1\\d\\.\\d s; killing it \\(SIGKILL\\)`,
    ),
  );
  expect(server.output()).toContain(`LiveKit (pid ${hung}) exited unexpectedly (signal SIGKILL)`);
  const restarted = server.liveKitPid();
  expect(restarted).toBeDefined();
  expect(restarted).not.toBe(hung);
  // Media works again: Pat, presenting, is heard by Fran.
  const franEars = await joinListener(fran.client);
  const patBot = await joinBot(pat.client);
  await patBot.publishMic();
  patBot.hum();
  await until(() => franEars.heardFrom(pat.participantId).audible >= 50, 'Pat heard');
}, 120_000);
