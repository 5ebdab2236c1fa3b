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
    // @livekit/rtc-node logs at debug level unless NODE_ENV is production: thousands of JSON
    // lines that bury a failure in the output. Nothing else here reads NODE_ENV.
    env: { NODE_ENV: 'production' },
  },
});
