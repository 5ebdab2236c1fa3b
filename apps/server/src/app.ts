import { loadSecret } from './auth/secret.ts';
import { createTokens } from './auth/tokens.ts';
import { readConfig, type Config } from './config.ts';
import { createRateLimits } from './limits/index.ts';
import type { Outbox } from './core/room.ts';
import { Sessions } from './core/sessions.ts';
import { liveKitSources } from './http/security-headers.ts';
import { givenMailer, startMail } from './mail/mail-service.ts';
import type { Mailer } from './mail/mailer.ts';
import { HEALTH_PROBE, HealthProbe, httpReady } from './media/health-probe.ts';
import { MediaBridge } from './media/media-bridge.ts';
import { startMedia, type Media } from './media/media-service.ts';
import { attachLive } from './socket/socket-server.ts';
import { catalogRoutes } from './http/routes/catalog.ts';
import { sessionRoutes } from './http/routes/sessions.ts';
import { createServer } from './server.ts';
import { openStore } from './store/open-store.ts';
import { loadWebApp } from './web-app.ts';

/** How long people found in a restored session have to come back after a restart. */
const RESTART_GRACE_MS = 15_000;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  /** Where mail goes: SMTP_URL, the local Mailpit, or the log (docs/operations.md, "Mail"). */
  readonly mailer: Mailer;
  /** The local Mailpit's web inbox, when it runs: the start-up message prints it. */
  readonly inboxUrl: string | null;
  /** How many sessions have a room in memory now. */
  openRooms(): number;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env: Record<string, string | undefined>;
  readonly cwd?: string;
  /** Keeps routine messages out of test output; errors are still reported. */
  readonly quiet?: boolean;
  /** Sends mail instead of the configured mailer, which is then not started (tests). */
  readonly mailer?: Mailer;
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
  // A local LiveKit that dies is down at once; the probe then notices it answering again.
  let probe: HealthProbe | null = null;
  const media = await startMedia(config.media, config.dataDir, log, () => probe?.exited());
  const mail = options.mailer
    ? givenMailer(options.mailer)
    : await startMail(config.mail, config.dataDir, log);

  // Rooms publish through Socket.IO, which needs the HTTP server, which needs the routes.
  let outboxFor: (sessionId: string) => Outbox = () => {
    throw new Error('a room opened before Socket.IO was attached');
  };
  const sessions = new Sessions({
    store,
    tokens,
    now,
    outboxFor: (id) => outboxFor(id),
    onStateChanged: (id, state, room) => bridge.stateChanged(id, state, (key) => room.read(key)),
    // People restored with a session get time to reconnect before they count as gone.
    onOpened: (room) =>
      live.presence.restored(room, Math.max(config.leaveGraceMs, RESTART_GRACE_MS)),
    onUnloaded: (id) =>
      bridge
        .unloaded(id)
        .catch((error: unknown) => logError(`Session ${id}: media not closed`, error)),
    inviteTtlSeconds: config.inviteTtlSeconds,
    resumeTtlSeconds: config.resumeTtlSeconds,
  });
  const bridge = new MediaBridge({
    media,
    log,
    loaded: (id) => sessions.loaded(id),
    outboxFor: (id) => outboxFor(id),
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
    leaveGraceMs: config.leaveGraceMs,
    now,
    media: media.status,
    mediaToken: (room, participant) => bridge.token(room, participant.id, participant.name),
    limits: rateLimits.limits,
    addressOf: rateLimits.addressOf,
  });
  outboxFor = live.outboxFor;
  probe = media.endpoint && watchLiveKit(media, media.endpoint.apiUrl, bridge, log);

  // Bind before restoring: restoring opens outgoing connections (LiveKit, the database), and
  // one of their ephemeral ports could otherwise take ours first (EADDRINUSE). Whatever
  // arrives meanwhile opens its session on demand, the same promise the restore awaits.
  let bound: { port: number; url: string };
  try {
    bound = await server.listen(config.port, config.host);
  } catch (error) {
    probe?.stop();
    await bridge.close();
    await sessions.closeAll();
    await store.close();
    await media.stop();
    await mail.stop();
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
  // Input stops first (sockets, timers, media), then the rooms drain their queues, and only
  // then does the store close: whatever state media is in, nothing writes to a closed store.
  const stop = async () => {
    clearInterval(unloading);
    probe?.stop();
    // Closing Socket.IO closes the HTTP server it is attached to.
    await live.close();
    await bridge.close();
    await sessions.closeAll();
    await store.close();
    await media.stop();
    await mail.stop();
    rateLimits.limits.close();
  };

  try {
    const restored = await sessions.restoreAll();
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
    mailer: mail.mailer,
    inboxUrl: mail.inboxUrl,
    openRooms: () => sessions.openRooms,
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
