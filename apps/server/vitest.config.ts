import { defineConfig } from 'vitest/config';

// Integration tests start real servers, databases and child processes: give them room on a
// busy two-core machine. Assertions never depend on these limits; they only bound a hang.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});
