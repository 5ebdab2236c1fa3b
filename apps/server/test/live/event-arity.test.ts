import { LIMITS } from '@roundtable/wire';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { createSession, join, person, startServer, until } from './harness.ts';

/**
 * A raw Socket.IO client, as a modified client would use it: any event, any arguments. The
 * typed LiveClient cannot even express these calls.
 */
async function rawSocket(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  onTestFinished(() => void socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once('welcome', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const step1 = () => new Uint8Array([0, 1, 0]);
const PATIENCE_MS = 3000;

describe('every event with an ack is answered, whatever its arguments', () => {
  let raw: Socket;
  let fran: Awaited<ReturnType<typeof person>>;
  const docsOf = () =>
    (['state', 'board'] as const).map((d) => Y.encodeStateVector(fran.client.docs[d]).join());

  beforeEach(async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    fran = await person(app.url, session, 'Fran', 'facilitator');
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    raw = await rawSocket(app.url, ali.resumeToken);
    await until(
      () => fran.client.state?.participants.some((p) => p.id === ali.participantId) ?? false,
      'Ali present',
    );
  });

  test.each<[string, unknown[]]>([
    ['clock with no argument', ['clock']],
    ['clock with two', ['clock', Date.now(), 1]],
    ['clock with a string', ['clock', '12']],
    ['command with no payload', ['command']],
    ['command with a payload and one more', ['command', { type: 'raise-hand' }, 1]],
    ['command with a payload that is not one', ['command', 'raise-hand']],
    ['sync with no argument', ['sync']],
    ['sync with a document but no message', ['sync', 'board']],
    ['sync with one argument too many', ['sync', 'board', step1(), 'more']],
    ['sync with a number for the document', ['sync', 7, step1()]],
    ['sync with numbers for the message', ['sync', 'board', [0, 1, 0]]],
    ['media-token with an argument', ['media-token', 1]],
    ['media-token with two', ['media-token', 'a', 'b']],
    ['awareness with an ack (it takes none)', ['awareness', new Uint8Array([1])]],
  ])('%s: invalid-payload, and nothing changes', async (_what, [event, ...args]) => {
    const before = docsOf();
    const reply = await raw.timeout(PATIENCE_MS).emitWithAck(event as string, ...args);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.any(String) },
    });
    // Whatever a refusal had written would reach Fran before the answer to her own request.
    await fran.client.ask('clock', Date.now());
    expect(docsOf()).toEqual(before);
    expect(fran.client.state?.hands).toEqual([]);
  });

  test('the same events with the right arguments are answered as usual', async () => {
    expect(await raw.timeout(PATIENCE_MS).emitWithAck('clock', 5)).toEqual({
      clientTime: 5,
      serverTime: expect.any(Number),
    });
    expect(await raw.timeout(PATIENCE_MS).emitWithAck('sync', 'board', step1())).toEqual({
      ok: true,
    });
    // This server runs without media: a well-formed request gets the usual answer.
    expect(await raw.timeout(PATIENCE_MS).emitWithAck('media-token')).toMatchObject({
      ok: false,
      error: { code: 'media-unavailable' },
    });
  });

  test('awareness stays fire-and-forget: what does not fit is dropped, not relayed', async () => {
    const relayed: number[] = [];
    fran.client.onServer('awareness', (update) => relayed.push(new Uint8Array(update)[0]!));
    raw.emit('awareness', 'not binary');
    raw.emit('awareness', new Uint8Array(LIMITS.awarenessBytes + 1).fill(2));
    raw.emit('awareness', new Uint8Array([3]), 'one too many');
    raw.emit('awareness', new Uint8Array([4]));
    // Relays keep their order, so once the last one is here the others would have been too.
    await until(() => relayed.length > 0, 'the well-formed update relayed', PATIENCE_MS);
    expect(relayed).toEqual([4]);
  });
});
