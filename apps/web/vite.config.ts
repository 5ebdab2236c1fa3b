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

/** SvelteKit does not export the type of its `csp.directives` option. */
type CspDirectives = NonNullable<
  NonNullable<NonNullable<Parameters<typeof sveltekit>[0]>['csp']>['directives']
>;

/**
 * The pages' Content-Security-Policy. SvelteKit adds a nonce for the scripts it inlines into
 * each page (mode 'auto': nonces for rendered pages, hashes for prerendered ones; this app
 * prerenders none). Everything comes from this origin: no CDN, no third party. The one
 * outside origin, the LiveKit server the room's media goes to, is configuration the server
 * reads at start, so the server adds it to connect-src (apps/server/src/http/security-headers.ts,
 * docs/decisions/0050-security-headers.md).
 */

const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ['self'],
  'script-src': ['self'],
  'style-src': ['self'],
  // Style attributes: none but SvelteKit's own route announcer (a visually hidden live region
  // it adds to every page), allowed by the hash of its exact style. Svelte's style: directives
  // and components' style props go through the CSSOM, which CSP does not restrict. Should a
  // SvelteKit update change the announcer, the browser test reports the new hash.
  'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
  'img-src': ['self', 'data:'],
  'font-src': ['self'],
  // Socket.IO's websocket on this origin ('self' covers ws:/wss: to it); LiveKit is added.
  'connect-src': ['self'],
  // The E2EE worker is a file of the build, not a blob: URL.
  'worker-src': ['self'],
  // Cameras and remote sound play from MediaStream objects (srcObject), which CSP never fetches.
  'media-src': ['self'],
  'frame-src': ['none'],
  'object-src': ['none'],
  'base-uri': ['none'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
};

// SvelteKit 3 takes its configuration here; svelte.config.js is no longer read.
// adapter-node writes build/handler.js, which apps/server mounts at runtime.
export default defineConfig({
  plugins: [sveltekit({ adapter: adapter(), csp: { mode: 'auto', directives: CSP_DIRECTIVES } })],
  build: {
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !PURE_PACKAGES.test(id) },
      output: { codeSplitting: { groups: [{ name: 'livekit-client', test: MEDIA_CLIENT }] } },
    },
  },
});
