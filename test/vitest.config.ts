import { defineConfig } from 'vitest/config';

// Real processes and a real browser: startup takes seconds, not milliseconds.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // The media browser tests need a network namespace: e2e-media/vitest.config.ts runs them.
    exclude: ['**/node_modules/**', 'e2e-media/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
