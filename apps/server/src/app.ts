import { loadSecret } from './auth/secret.ts';
import { createTokens } from './auth/tokens.ts';
import { readConfig, type Config } from './config.ts';
import { createRateLimits } from './limits/index.ts';
import type { Outbox } from './live/room.ts';
import { Sessions } from './live/sessions.ts';
import { MediaBridge } from './media/media-bridge.ts';
import { startMedia } from './media/media-service.ts';
import { attachLive } from './live/socket-server.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { createServer } from './server.ts';
import { openStore } from './store/open-store.ts';
import { loadWebApp } from './web-app.ts';

/** How long people found in a restored session have to come back after a restart. */
const RESTART_GRACE_MS = 15_000;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  /** How many sessions have a room in memory now. */
  openRooms(): number;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env: Record<string, string | undefined>;
  readonly cwd?: string;
  /** Keeps routine messages out of test output; errors are still reported. */
  readonly quiet?: boolean;
}

/**
 * Wires the parts together and starts listening: the one place that knows every concrete
 * implementation. Restores the sessions that were running when the server last stopped.
 */
export async function startApp(options: StartOptions): Promise<App> {
  const read = readConfig(options.env, options.cwd ?? process.cwd());
  if (!read.ok) throw new Error(`Configuration: ${read.problems.join('; ')}`);
  const config = read.config;
  const log = (message: string) => options.quiet || console.log(message);
  const logError = (message: string, error: unknown) => console.error(message, error);
  const now = () => Date.now();
  const rateLimits = createRateLimits(options.env, log);

  const web = await loadWebApp(config.webBuildDir);
  if (!web.ready) log(`Serving a placeholder page: ${web.reason}. Run npm run build.`);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logError,
  });
  const tokens = createTokens(loadSecret(config.secret, config.dataDir));
  const media = await startMedia(config.media, config.dataDir, log);

  // Rooms publish through Socket.IO, which needs the HTTP server, which needs the routes.
  let outboxFor: (sessionId: string) => Outbox = () => {
    throw new Error('a room opened before Socket.IO was attached');
  };
  const sessions = new Sessions({
    store,
    tokens,
    now,
    outboxFor: (id) => outboxFor(id),
    onStateChanged: (id, state) => bridge.stateChanged(id, state),
    // People restored with a session get time to reconnect before they count as gone.
    onOpened: (room) =>
      live.presence.restored(room, Math.max(config.leaveGraceMs, RESTART_GRACE_MS)),
    onUnloaded: (id) => void bridge.unloaded(id),
    inviteTtlSeconds: config.inviteTtlSeconds,
    resumeTtlSeconds: config.resumeTtlSeconds,
  });
  const bridge = new MediaBridge({
    media,
    loaded: (id) => sessions.loaded(id),
    outboxFor: (id) => outboxFor(id),
  });
  const routes = [...catalogRoutes, ...sessionRoutes(sessions, rateLimits.limitBy)];
  const server = createServer({ web: web.handler, routes, publicUrl: config.publicUrl, logError });
  const live = attachLive(server.http, sessions, {
    leaveGraceMs: config.leaveGraceMs,
    now,
    media: media.status,
    mediaToken: (room, participant) => bridge.token(room, participant.id, participant.name),
    limits: rateLimits.limits,
    addressOf: rateLimits.addressOf,
  });
  outboxFor = live.outboxFor;

  const restored = await sessions.restoreAll();
  if (restored > 0) log(`Restored ${restored} active session(s).`);
  let bound: { port: number; url: string };
  try {
    bound = await server.listen(config.port, config.host);
  } catch (error) {
    await store.close();
    await media.stop();
    // Most often the port is taken; say which one rather than printing a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not listen on ${config.host}:${config.port}: ${reason}`, {
      cause: error,
    });
  }
  const { port, url } = bound;
  // Sessions nobody is in leave memory after a while; their next use reloads them.
  const unloading = setInterval(
    () => sessions.unloadIdle(config.roomIdleMs, live.inUse),
    Math.min(config.roomIdleMs, 60_000) / 2,
  );
  unloading.unref();
  let closing: Promise<void> | undefined;
  const stop = async () => {
    clearInterval(unloading);
    sessions.closeAll();
    await bridge.close();
    // Closing Socket.IO closes the HTTP server it is attached to.
    await live.close();
    await store.close();
    await media.stop();
    rateLimits.limits.close();
  };

  return {
    url,
    port,
    config,
    openRooms: () => sessions.openRooms,
    // Idempotent: a test may stop the app early and its teardown stop it again.
    close: () => (closing ??= stop()),
  };
}
