import { initialState, isRejection, step, type SessionState } from '@roundtable/protocol';
import { RoomServiceClient } from 'livekit-server-sdk';
import { expect, onTestFinished, test } from 'vitest';
import { startLocalLiveKit } from '../../src/media/livekit-process.ts';
import { MediaGate } from '../../src/media/media-gate.ts';
import { loopbackLiveKitOptions } from './loopback-livekit.ts';

const joined: SessionState = (() => {
  const result = step(initialState, { type: 'join', actor: 'fran', name: 'Fran' }, 0);
  if (isRejection(result)) throw new Error(result.code);
  return result.state;
})();

test('LiveKit says "participant does not exist" for a gone room too: the gate asks, and sends a gone room to recovery, an absent participant to success', async () => {
  const livekit = await startLocalLiveKit(await loopbackLiveKitOptions());

  onTestFinished(() => livekit.stop());
  const { apiUrl, apiKey, apiSecret } = livekit.endpoint;
  const service = new RoomServiceClient(apiUrl, apiKey, apiSecret);
  await service.createRoom({ name: 'there~1' });
  const rooms: Record<string, string> = { s1: 'there~1', s2: 'gone~1' };
  const seen: string[] = [];
  const gate = new MediaGate({
    service,
    roomOf: (sessionId) => rooms[sessionId],
    cutOff: () => new Set(),
    listener: {
      onHealth: (sessionId, available) => seen.push(`${sessionId} health ${available}`),
      onApplied: (sessionId, id) => seen.push(`${sessionId} applied ${id}`),
      onRoomGone: (sessionId) => seen.push(`${sessionId} room gone`),
    },
  });
  // Fran is not connected to media in either room.
  await gate.stateChanged('s1', joined);
  await gate.stateChanged('s2', joined);
  expect(seen).toEqual(['s2 room gone']);
  expect(gate.isHealthy('s1')).toBe(true);
  // Nothing was counted as told for s2: once its room exists, she is pushed again, and the
  // same answer now means an absent participant, not a gone room.
  await service.createRoom({ name: 'gone~1' });
  seen.length = 0;
  await gate.reconcile('s2', 'fran');
  expect(seen).toEqual([]);
  expect(gate.isHealthy('s2')).toBe(true);
});
