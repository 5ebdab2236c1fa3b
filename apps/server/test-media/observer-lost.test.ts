import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LiveClient } from '@roundtable/client';
import type { MediaTokenReply } from '@roundtable/wire';
import { RoomServiceClient } from 'livekit-server-sdk';
import { expect, test } from 'vitest';
import { liveKitRoom, roomOf } from './support/livekit-room.ts';
import { startMediaApp, stateKey, tokenOf } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import { issueAnalysisGroup, startRound, until } from './support/room.ts';

const media = (c: LiveClient) => stateKey(c, 'media');

test('the session’s LiveKit room vanishes under a running LiveKit: no tokens and media unavailable while the observer is out, then the server makes a new room and both come back', async () => {
  const app = await startMediaApp();
  const { session, fran, pat, peers, all } = await issueAnalysisGroup(app);
  const ali = peers[0]!;
  const clients = all.map((p) => p.client);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: clients,
  });
  const before = roomOf(await tokenOf(ali.client));
  const keys = JSON.parse(
    await readFile(join(app.config.dataDir, 'livekit-keys.json'), 'utf8'),
  ) as { apiKey: string; apiSecret: string };
  const config = app.config.media;
  if (config.mode !== 'local') throw new Error('the app runs its own LiveKit');
  const rooms = new RoomServiceClient(
    `http://127.0.0.1:${config.port}`,
    keys.apiKey,
    keys.apiSecret,
  );
  expect(await liveKitRoom(rooms, session.sessionId)).toBe(before);

  // Every media change the room shows, and a token asked the moment it shows "unavailable".
  const shown: (boolean | undefined)[] = [];
  let refused: Promise<MediaTokenReply> | undefined;
  const watch = () => {
    const available = media(ali.client)?.available;
    if (shown.at(-1) !== available) shown.push(available);
    if (available === false) refused ??= ali.client.mediaToken();
  };
  ali.client.docs.state.on('update', watch);
  // LiveKit keeps running; the room and everyone in it, the observer too, are gone.
  await rooms.deleteRoom(before);
  for (const c of clients) await until(() => media(c)?.available === false, 'media shown down');
  expect(media(ali.client)).toEqual({ available: false, reason: expect.stringMatching(/\S/) });
  expect(await refused).toMatchObject({ ok: false, error: { code: 'media-unavailable' } });

  // The bridge retries the session: a new generation, the observer in it, media back.
  for (const c of clients)
    await until(() => media(c)?.available === true, 'media shown back', 30_000);
  ali.client.docs.state.off('update', watch);
  expect(shown).toEqual([false, true]);
  const after = roomOf(await tokenOf(ali.client));
  expect(after).not.toBe(before);
  expect(after.startsWith(`${session.sessionId}~`)).toBe(true);
  // The observer is there again: it grants Pat the microphone on arrival, and he is heard.
  const aliEars = await joinListener(ali.client);
  const patBot = await joinBot(pat.client);
  await patBot.publishMic();
  patBot.hum();
  await until(
    () => aliEars.heardFrom(pat.participantId).audible >= 50,
    'Pat heard in the new room',
  );
  const listed = await rooms.listParticipants(after);
  expect(listed.some((p) => p.identity.startsWith('observer:'))).toBe(true);
});
