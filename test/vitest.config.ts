import { defineConfig } from 'vitest/config';

// Real processes and a real browser: startup takes seconds, not milliseconds.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
