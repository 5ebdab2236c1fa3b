import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/**
 * The shared packages are side-effect free apart from building their constant tables (the
 * built-in protocols, validation schemas). Saying so lets the bundler drop the tables the
 * browser never reads, which keeps the protocol catalogue and most of valibot out of the room.
 */
const PURE_PACKAGES = /\/packages\/(protocol|wire|client)\/src\//;

/**
 * livekit-client (and what only it uses) goes into a chunk of its own with a fixed name, so the
 * room's script budget can leave it out by name: the room loads it with import() only once
 * media is available.
 */
const MEDIA_CLIENT = /\/node_modules\/livekit-client\//;

// SvelteKit 3 takes its configuration here; svelte.config.js is no longer read.
// adapter-node writes build/handler.js, which apps/server mounts at runtime.
export default defineConfig({
  plugins: [sveltekit({ adapter: adapter() })],
  build: {
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !PURE_PACKAGES.test(id) },
      output: { codeSplitting: { groups: [{ name: 'livekit-client', test: MEDIA_CLIENT }] } },
    },
  },
});
