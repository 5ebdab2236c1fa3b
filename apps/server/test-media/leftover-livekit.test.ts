import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { kill9 } from '../test/live/process.ts';
import { startMediaServerProcess } from './support/media-process.ts';
import { joinBot, joinListener } from './support/participants.ts';
import { processWithArgs } from './support/proc.ts';
import { issueAnalysisGroup, startRound, until } from './support/room.ts';

test('a server killed outright leaves its LiveKit running; the next start ends it and has media again', async () => {
  const first = await startMediaServerProcess();
  const configFile = join(first.dataDir, 'livekit.yaml');
  const leftover = first.liveKitPid();
  expect(leftover).toBeDefined();
  await kill9(first.child);
  // Nothing could stop it: it runs on, holding the ports the next start needs.
  expect(processWithArgs(['--config', configFile])).toBe(leftover);

  const again = await startMediaServerProcess(first);
  expect(processWithArgs(['--config', configFile], first.child.pid)).toBeUndefined();
  const current = again.liveKitPid();
  expect(current).toBeDefined();
  expect(current).not.toBe(leftover);
  expect(readFileSync(join(first.dataDir, 'livekit.pid'), 'utf8').trim()).toBe(String(current));

  // And media works: the presenter is heard through the new LiveKit.
  const { fran, pat, peers, all } = await issueAnalysisGroup(again);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: all.map((p) => p.client),
  });
  const ears = await joinListener(peers[0]!.client);
  const presenter = await joinBot(pat.client);
  await presenter.publishMic();
  presenter.hum();
  await until(() => ears.heardFrom(pat.participantId).audible >= 50, 'Pat heard');
});
