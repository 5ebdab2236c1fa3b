import { loadSecret } from './auth/secret.ts';
import { createTokens } from './auth/tokens.ts';
import { readConfig, type Config } from './config.ts';
import { createRateLimits } from './limits/index.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { CoreEvents } from './core/events.ts';
import { Presence } from './core/presence.ts';
import { Sessions } from './core/sessions.ts';
import { liveKitSources } from './http/security-headers.ts';
import { HEALTH_PROBE, HealthProbe, httpReady } from './media/health-probe.ts';
import { MediaBridge } from './media/media-bridge.ts';
import { startMedia, type Media } from './media/media-service.ts';
import { attachLive } from './socket/socket-server.ts';
import { catalogRoutes } from './http/routes/catalog.ts';
import { sessionRoutes } from './http/routes/sessions.ts';
import { createServer } from './server.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { loadWebApp } from './web-app.ts';

/** How long people found in a restored session have to come back after a restart. */
const RESTART_GRACE_MS = 15_000;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  /** How many sessions are live in memory now. */
  liveSessions(): number;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env: Record<string, string | undefined>;
  readonly cwd?: string;
  /** Keeps routine messages out of test output; errors are still reported. */
  readonly quiet?: boolean;
  /**
   * What time it is and how deadlines (turns, phases, leave grace) are scheduled; the wall
   * clock by default. A test passes a fake one to move time on without waiting.
   */
  readonly clock?: Clock;
  /**
   * A store to use instead of opening the configured one. Its owner closes it, after the
   * app has closed (the app drains its sessions into it first).
   */
  readonly store?: Store;
}

/**
 * Wires the parts together and starts listening: the one place that knows every concrete
 * implementation. Then restores the sessions that were running when the server last stopped,
 * and resolves once they are.
 */
export async function startApp(options: StartOptions): Promise<App> {
  const read = readConfig(options.env, options.cwd ?? process.cwd());
  if (!read.ok) throw new Error(`Configuration: ${read.problems.join('; ')}`);
  const config = read.config;
  const log = (message: string) => options.quiet || console.log(message);
  const logError = (message: string, error: unknown) => console.error(message, error);
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const rateLimits = createRateLimits(options.env, log);

  const web = await loadWebApp(config.webBuildDir);
  if (!web.ready) log(`Serving a placeholder page: ${web.reason}. Run npm run build.`);
  const store =
    options.store ??
    (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logError }));
  const closeStore = () => (options.store ? Promise.resolve() : store.close());
  const tokens = createTokens(loadSecret(config.secret, config.dataDir));
  // A local LiveKit that dies is down at once; the probe then notices it answering again.
  let probe: HealthProbe | null = null;
  const media = await startMedia(config.media, config.dataDir, log, () => probe?.exited());

  // Built in dependency order: the core announces on `events`; presence, media and the
  // socket layer subscribe to it, so nothing needs a part that is built later.
  const events = new CoreEvents();
  const sessions = new Sessions({
    store,
    tokens,
    clock,
    events,
    inviteTtlSeconds: config.inviteTtlSeconds,
    resumeTtlSeconds: config.resumeTtlSeconds,
  });
  const presence = new Presence({
    graceMs: config.leaveGraceMs,
    restoredGraceMs: Math.max(config.leaveGraceMs, RESTART_GRACE_MS),
    clock,
    events,
    facilitatorLinkHolders: (sessionId) => sessions.admission.facilitatorLinkHolders(sessionId),
  });
  const bridge = new MediaBridge({
    media,
    log,
    events,
    loaded: (id) => sessions.registry.loaded(id),
  });
  // Per-participant HTTP limits count the participant a credential verifiably names.
  const limitBy = rateLimits.limitBy(async (bearer) => {
    const verified = await tokens.verifyResume(bearer);
    return verified.ok ? `${verified.claims.sid}/${verified.claims.pid}` : null;
  });
  const routes = [...catalogRoutes, ...sessionRoutes(sessions, limitBy)];
  const server = createServer({
    web: web.handler,
    routes,
    publicUrl: config.publicUrl,
    logError,
    security: {
      https: config.publicUrl?.startsWith('https:') ?? false,
      connectSources: liveKitSources(config.media),
    },
  });
  const live = attachLive(server.http, sessions, {
    events,
    presence,
    now,
    media: media.status,
    mediaToken: (session, participant) => bridge.token(session, participant.id, participant.name),
    limits: rateLimits.limits,
    addressOf: rateLimits.addressOf,
  });
  probe = media.endpoint && watchLiveKit(media, media.endpoint.apiUrl, bridge, log);

  // Bind before restoring: restoring opens outgoing connections (LiveKit, the database), and
  // one of their ephemeral ports could otherwise take ours first (EADDRINUSE). Whatever
  // arrives meanwhile opens its session on demand, the same promise the restore awaits.
  let bound: { port: number; url: string };
  try {
    bound = await server.listen(config.port, config.host);
  } catch (error) {
    probe?.stop();
    presence.close();
    await bridge.close();
    await sessions.registry.closeAll();
    await closeStore();
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
    () => sessions.registry.unloadIdle(config.roomIdleMs, live.inUse),
    Math.min(config.roomIdleMs, 60_000) / 2,
  );
  unloading.unref();
  let closing: Promise<void> | undefined;
  // Input stops first (sockets, timers, media), then the sessions drain their queues, and only
  // then does the store close: whatever state media is in, nothing writes to a closed store.
  const stop = async () => {
    clearInterval(unloading);
    probe?.stop();
    // Before the sockets go: shutting down disconnects everyone, and nobody has left.
    presence.close();
    // Closing Socket.IO closes the HTTP server it is attached to.
    await live.close();
    await bridge.close();
    await sessions.registry.closeAll();
    await closeStore();
    await media.stop();
    rateLimits.limits.close();
  };

  try {
    const restored = await sessions.registry.restoreAll();
    if (restored > 0) log(`Restored ${restored} active session(s).`);
  } catch (error) {
    // Nothing may keep running behind a start that failed.
    await (closing ??= stop());
    throw error;
  }

  return {
    url,
    port,
    config,
    liveSessions: () => sessions.registry.size,
    // Idempotent: a test may stop the app early and its teardown stop it again.
    close: () => (closing ??= stop()),
  };
}

/**
 * Probes LiveKit all the time and tells the bridge when it goes and comes back; a local
 * LiveKit that stays alive without answering is killed to be restarted (media.notAnswering).
 */
function watchLiveKit(
  media: Media,
  apiUrl: string,
  bridge: MediaBridge,
  log: (m: string) => void,
): HealthProbe {
  return new HealthProbe({
    check: httpReady(apiUrl, HEALTH_PROBE.timeoutMs),
    now: Date.now,
    onStillDown: (downSince) => media.notAnswering(downSince),
    onTurn: (turned) => {
      if (turned === 'down') {
        log(`Media: LiveKit at ${apiUrl} is down; media is unavailable until it answers again`);
        bridge.liveKitDown();
      } else {
        log(`Media: LiveKit at ${apiUrl} answers again; permissions follow the current state`);
        bridge
          .liveKitBack()
          .catch((error: unknown) =>
            log(`Media: recovery after LiveKit came back failed: ${String(error)}`),
          );
      }
    },
  });
}
