import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import { expect, onTestFinished, test } from 'vitest';
import { liveKitConfig, startLocalLiveKit } from '../../src/media/livekit-process.ts';
import { until } from '../live/harness.ts';
import { loopbackLiveKitOptions } from './loopback-livekit.ts';

test('the offline configuration binds one address, skips external-IP discovery and names no public STUN', () => {
  const yaml = liveKitConfig(
    {
      port: 7880,
      nodeIp: '10.77.0.1',
      bindAddress: '127.0.0.1',
      rtcPort: 7882,
      speakerUpdateMs: 200,
    },
    { apiKey: 'k', apiSecret: 's' },
  );
  expect(yaml).toContain('bind_addresses: ["127.0.0.1"]');
  expect(yaml).toContain('use_external_ip: false');
  expect(yaml).toContain('node_ip: 10.77.0.1');
  expect(yaml).toContain('includes: ["10.77.0.1/32"]');
  expect(yaml).toContain('stun_servers: ["10.77.0.1:7882"]');
  expect(yaml).not.toMatch(/google|stun\.l\./);
  // Rooms come only from the server (media-rooms.ts): a stale token cannot create one.
  expect(yaml).toContain('room:\n  auto_create: false');
});

test('the built LiveKit server starts on loopback with generated keys, answers, and stops', async () => {
  const options = await loopbackLiveKitOptions();
  const { dataDir, port } = options;
  const livekit = await startLocalLiveKit(options);
  onTestFinished(() => livekit.stop());
  expect(livekit.endpoint.url).toBe(`ws://127.0.0.1:${port}`);
  expect((await fetch(livekit.endpoint.apiUrl)).status).toBe(200);
  const keys = JSON.parse(await readFile(join(dataDir, 'livekit-keys.json'), 'utf8')) as {
    apiKey: string;
    apiSecret: string;
  };
  expect(keys.apiSecret.length).toBeGreaterThanOrEqual(32);
  expect(livekit.endpoint.apiKey).toBe(keys.apiKey);
  await livekit.stop();
  await expect(fetch(livekit.endpoint.apiUrl)).rejects.toThrow();
});

test('a LiveKit that dies is started again on the same port with the same keys, and stop() ends supervision', async () => {
  const log: string[] = [];
  const exits: unknown[] = [];
  const livekit = await startLocalLiveKit(
    await loopbackLiveKitOptions({
      log: (m) => log.push(m),
      onExit: (info) => exits.push(info),
    }),
  );

  onTestFinished(() => livekit.stop());
  const first = livekit.pid!;
  process.kill(first, 'SIGKILL');
  await until(() => livekit.pid !== undefined && livekit.pid !== first, 'restarted', 20_000);
  expect(exits).toEqual([{ code: null, signal: 'SIGKILL' }]);
  expect(log.slice(1)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^LiveKit \\(pid ${first}\\) exited unexpectedly \\(signal SIGKILL\\) after .* s; restarting in 0\\.5 s \\(attempt 1\\)$`,
      ),
    ),
    `LiveKit restarted (pid ${livekit.pid}, attempt 1) with the same ports, keys and configuration`,
  ]);
  // The same keys: the server's RPCs are accepted by the restarted LiveKit.
  const { apiUrl, apiKey, apiSecret } = livekit.endpoint;
  expect(await new RoomServiceClient(apiUrl, apiKey, apiSecret).listRooms()).toEqual([]);

  const second = livekit.pid!;
  await livekit.stop();
  await expect(fetch(livekit.endpoint.apiUrl)).rejects.toThrow();
  expect(existsSync(`/proc/${second}`)).toBe(false);
  expect(log).toHaveLength(3);
});
