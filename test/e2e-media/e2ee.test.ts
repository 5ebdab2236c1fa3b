import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { describe, expect } from 'vitest';
import { watchPolicyViolations } from '../support/policy-violations.ts';
import { createSessionByApi, enterRoom, newScreen, waitForText } from '../support/room.ts';
import { micOf, videoPlays } from './media-checks.ts';
import { mediaTest as test } from './media-fixtures.ts';

/** LiveKit's Encryption_Type.NONE (the enum is not exported by livekit-server-sdk). */
const NONE = 0;

// A session created with e2ee: the pages encrypt what they send with the session's key, and
// still see and hear each other (LiveKit relays frames it cannot read).
describe('an end-to-end encrypted session', () => {
  test('encrypts, and the other side still sees and hears', async ({ server, browser }) => {
    const links = await createSessionByApi(server.url, { title: 'Encrypted pair', e2ee: true });
    const context = await newScreen(browser, server.url);
    // The pages' CSP must let the E2EE worker and the LiveKit connection through.
    const refusedForFay = await watchPolicyViolations(context);
    const fay = await context.newPage();
    await enterRoom(fay, links.facilitatorLink, 'Fay');
    const benScreen = await newScreen(browser, server.url);
    const refusedForBen = await watchPolicyViolations(benScreen);
    const ben = { page: await benScreen.newPage() };
    await enterRoom(ben.page, links.memberLink, 'Ben');

    for (const page of [fay, ben.page]) {
      await waitForText(
        page.getByTestId('media-status'),
        'Audio and video are encrypted end to end.',
        30_000,
      );
    }
    await micOf(ben.page, 'Fay', 'published');
    // Decoding works only with the key: a picture means the frames were decrypted.
    await videoPlays(ben.page, 'Fay');
    await videoPlays(fay, 'Ben');

    // The media server's own view: every track the pages published is marked encrypted, so
    // the pictures above were decrypted with the key, not sent in the clear.
    const keys = JSON.parse(readFileSync(join(server.dataDir, 'livekit-keys.json'), 'utf8')) as {
      apiKey: string;
      apiSecret: string;
    };
    const livekitUrl = /LiveKit is running at ws:\/\/(\S+)/.exec(server.output())?.[1];
    expect(livekitUrl).toBeDefined();
    const rooms = new RoomServiceClient(`http://${livekitUrl}`, keys.apiKey, keys.apiSecret);
    const sessionId = new URL(links.facilitatorLink).pathname.split('/')[2]!;
    // The server names the session's LiveKit room `<sessionId>~<generation>`.
    const room = (await rooms.listRooms()).find((r) => r.name.startsWith(`${sessionId}~`));
    expect(room).toBeDefined();
    const tracks = (await rooms.listParticipants(room!.name)).flatMap((p) => p.tracks);
    const sources = tracks.map((track) => track.source).sort();
    expect(sources).toEqual(
      [
        TrackSource.CAMERA,
        TrackSource.CAMERA,
        TrackSource.MICROPHONE,
        TrackSource.MICROPHONE,
      ].sort(),
    );
    for (const track of tracks) expect(track.encryption, String(track.source)).not.toBe(NONE);
    expect([...refusedForFay, ...refusedForBen]).toEqual([]);
  });
});
