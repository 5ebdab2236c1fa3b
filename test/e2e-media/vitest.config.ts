import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests with real audio and video: LiveKit, the app and Chromium run inside a network
// namespace of their own (scripts/in-test-netns.sh), one file at a time, since each file starts
// its own LiveKit. WebRTC needs wall-clock seconds, so the limits only bound a hang.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e-media/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
