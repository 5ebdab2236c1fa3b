import { defineConfig } from 'vitest/config';

// Unit tests cover the plain helpers in src/lib, so they need no SvelteKit plugin. The test
// script still runs `svelte-kit sync` first: the TypeScript transform reads tsconfig.json,
// which extends the `$app/tsconfig` that sync generates under node_modules.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
