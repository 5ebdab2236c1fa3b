import { RoomServiceClient } from 'livekit-server-sdk';
import { expect, onTestFinished, test } from 'vitest';
import { LiveKitRooms } from '../../src/media/media-rooms.ts';
import { startLocalLiveKit } from '../../src/media/livekit-process.ts';
import { loopbackLiveKitOptions } from './loopback-livekit.ts';

/** A real LiveKit on loopback (its RoomService is plain HTTP); restartable on the same port. */
async function liveKit() {
  const options = await loopbackLiveKitOptions();

  let current = await startLocalLiveKit(options);
  onTestFinished(() => current.stop());
  const { apiUrl, apiKey, apiSecret } = current.endpoint;
  return {
    service: new RoomServiceClient(apiUrl, apiKey, apiSecret),
    restart: async () => {
      await current.stop();
      current = await startLocalLiveKit(options);
    },
  };
}

test("a session's room is reused while LiveKit has it, and a new generation once LiveKit lost it", async () => {
  const { service, restart } = await liveKit();
  let clock = 1000;
  const moves: string[] = [];
  const rooms = () =>
    new LiveKitRooms({ service, now: () => clock, onMoved: (_id, name) => moves.push(name) });
  const server = rooms();
  const first = await server.resolve('s1');
  expect(first).toBe('s1~1000');
  // Asking twice at once creates one room.
  clock = 2000;
  expect(await Promise.all([server.resolve('s1'), server.resolve('s1')])).toEqual([first, first]);
  // Roundtable restarted, LiveKit did not: the same room.
  expect(await rooms().resolve('s1')).toBe(first);
  expect(moves).toEqual([]);

  await restart();
  const second = await server.resolve('s1');
  expect(second).toBe('s1~2000');
  expect(moves).toEqual([second]);
  expect((await service.listRooms()).map((r) => r.name)).toEqual([second]);
});

test('rooms under a session’s name that the server did not make are closed, never used', async () => {
  const { service } = await liveKit();
  // As an old token would make on a LiveKit with auto_create on: no mark.
  await service.createRoom({ name: 's1~5000' });
  const rooms = new LiveKitRooms({ service, now: () => 3000, onMoved: () => undefined });
  const name = await rooms.resolve('s1');
  // Its own generation, however new the stray one looks: only the mark makes a room current.
  expect(name).toBe('s1~3000');
  expect((await service.listRooms()).map((r) => r.name)).toEqual(['s1~3000']);
});

test('a known room is asked for by name; all rooms are listed only when it is gone or none is known', async () => {
  const { service, restart } = await liveKit();
  // The real client, counting how it is asked: by name, or for every room.
  const asked: string[] = [];
  const counting = Object.create(service) as RoomServiceClient;
  counting.listRooms = (names?: string[]) => {
    asked.push(names?.length ? names.join(',') : '*');
    return service.listRooms(names);
  };
  await service.createRoom({ name: 'other~1' });
  const rooms = new LiveKitRooms({ service: counting, now: () => 7000, onMoved: () => undefined });
  expect(await rooms.resolve('s1')).toBe('s1~7000');
  expect(await rooms.resolve('s1')).toBe('s1~7000');
  expect(await rooms.resolve('s1')).toBe('s1~7000');
  expect(asked).toEqual(['*', 's1~7000', 's1~7000']);
  await restart();
  asked.length = 0;
  expect(await rooms.resolve('s1')).toBe('s1~7001');
  expect(asked).toEqual(['s1~7000', '*']);
});
