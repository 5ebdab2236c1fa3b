import { defineConfig } from 'vitest/config';

// Unit tests cover the plain helpers in src/lib, so they need no SvelteKit plugin.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
