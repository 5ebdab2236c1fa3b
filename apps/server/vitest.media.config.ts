import { defineConfig } from 'vitest/config';

// Media tests run real LiveKit servers, WebRTC bots and the app inside a network namespace
// (scripts/in-test-netns.sh). Audio needs wall-clock seconds, so the limits are generous; they
// only bound a hang. One file at a time: each starts its own LiveKit and bots.
export default defineConfig({
  test: {
    include: ['test-media/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
