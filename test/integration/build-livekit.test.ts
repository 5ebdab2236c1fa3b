import { expect, test } from 'vitest';
import { runBuildScript } from './build-script.ts';

test('with MEDIA=off nothing is built, and the script says so', () => {
  const run = runBuildScript('build-livekit.sh', { MEDIA: 'off' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('MEDIA=off, so LiveKit is not built.');
  expect(run.goCalled).toBe(false);
  expect(run.cached).toEqual([]);
});

test('with an external LiveKit (LIVEKIT_URL) nothing is built, and the script says so', () => {
  const run = runBuildScript('build-livekit.sh', { LIVEKIT_URL: 'wss://livekit.example.org' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('LIVEKIT_URL is set, so the local LiveKit is not built.');
  expect(run.goCalled).toBe(false);
});

test('with local media and an empty cache it does build (here the fake go fails)', () => {
  const run = runBuildScript('build-livekit.sh', {});
  expect(run.goCalled).toBe(true);
  expect(run.output).toContain('building LiveKit');
  // A failed build still lets `npm start` go on, without media.
  expect(run.status).toBe(0);
  expect(run.output).toContain('the LiveKit build failed');
});
