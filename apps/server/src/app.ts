import { peopleForApp } from './auth/people-for-app.ts';
import { loadSecret } from './auth/secret.ts';
import { mintSetupLink } from './auth/setup-link.ts';
import { createTokens, type Tokens } from './auth/tokens.ts';
import { readConfig, type Config } from './config.ts';
import { createRateLimits } from './limits/index.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { CoreEvents } from './core/events.ts';
import { Presence } from './core/presence.ts';
import { Sessions } from './core/sessions.ts';
import { authMount, createGate } from './http/auth-mount.ts';
import { liveKitSources } from './http/security-headers.ts';
import { givenMailer, startMail, type Mail } from './mail/mail-service.ts';
import type { Mailer } from './mail/mailer.ts';
import { MediaBridge } from './media/media-bridge.ts';
import { startMedia, type Media } from './media/media-service.ts';
import { watchLiveKit } from './media/watch-livekit.ts';
import { attachLive } from './socket/socket-server.ts';
import { recordAttendance } from './groups/attendance-recorder.ts';
import { Meetings } from './groups/meetings.ts';
import { catalogRoutes } from './http/routes/catalog.ts';
import { sessionRoutes } from './http/routes/sessions.ts';
import { signedInRoutes } from './http/routes/signed-in-routes.ts';
import { createServer } from './server.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { loadWebApp, type WebApp } from './web-app.ts';

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
  /** On a fresh install (no coordinator yet), the one-time link that makes the first one. */
  readonly setupLink: string | null;
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
  /** Sends mail instead of the configured mailer, which is then not started (tests). */
  readonly mailer?: Mailer;
  /** Receives routine messages instead of the console, e.g. so a test reads a printed link. */
  readonly log?: (message: string) => void;
}

type Log = (message: string) => void;

/** What the app is built from: configuration and the outside world it opens. */
interface Parts {
  readonly config: Config;
  readonly env: StartOptions['env'];
  readonly log: Log;
  readonly clock: Clock;
  readonly store: Store;
  readonly closeStore: () => Promise<void>;
  readonly secret: Uint8Array;
  readonly tokens: Tokens;
  readonly media: Media;
  readonly mail: Mail;
  readonly web: WebApp;
}

/**
 * Wires the parts together and starts listening: the one place that knows every concrete
 * implementation. Then restores the sessions that were running when the server last stopped,
 * and resolves once they are.
 */
export async function startApp(options: StartOptions): Promise<App> {
  const read = readConfig(options.env, options.cwd ?? process.cwd());
  if (!read.ok) throw new Error(`Configuration: ${read.problems.join('; ')}`);
  const parts = await openParts(options, read.config);
  const core = buildCore(parts);
  const transports = buildTransports(parts, core);
  const stopProbe = watchLiveKit(parts.media, core.bridge, parts.log);
  const stop = shutdown(parts, core, transports, stopProbe);

  // Bind before restoring: restoring opens outgoing connections (LiveKit, the database), and
  // one of their ephemeral ports could otherwise take ours first (EADDRINUSE). Whatever
  // arrives meanwhile opens its session on demand, the same promise the restore awaits.
  const { config } = parts;
  let bound: { port: number; url: string };
  try {
    bound = await transports.server.listen(config.port, config.host);
  } catch (error) {
    await stop({ listening: false });
    // Most often the port is taken; say which one rather than printing a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not listen on ${config.host}:${config.port}: ${reason}`, {
      cause: error,
    });
  }
  let closing: Promise<void> | undefined;
  let setupLink: string | null;
  try {
    // Sign-in's links and trusted origin are this URL when no PUBLIC_URL is set, known only now.
    setupLink = await startSignIn(parts, transports, config.publicUrl ?? bound.url);
    const restored = await core.sessions.registry.restoreAll();
    if (restored > 0) parts.log(`Restored ${restored} active session(s).`);
  } catch (error) {
    // Nothing may keep running behind a start that failed.
    await (closing ??= stop({ listening: true }));
    throw error;
  }
  return {
    ...bound,
    config,
    mailer: parts.mail.mailer,
    inboxUrl: parts.mail.inboxUrl,
    setupLink,
    liveSessions: () => core.sessions.registry.size,
    // Idempotent: a test may stop the app early and its teardown stop it again.
    close: () => (closing ??= stop({ listening: true })),
  };
}

async function openParts(options: StartOptions, config: Config): Promise<Parts> {
  const log: Log = options.log ?? ((message) => options.quiet || console.log(message));
  const logError = (message: string, error: unknown) => console.error(message, error);
  const web = await loadWebApp(config.webBuildDir);
  if (!web.ready) log(`Serving a placeholder page: ${web.reason}. Run npm run build.`);
  const given = options.store;
  const secret = loadSecret(config.secret, config.dataDir);
  const store =
    given ??
    (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logError }));
  return {
    config,
    env: options.env,
    log,
    clock: options.clock ?? systemClock,
    store,
    closeStore: () => (given ? Promise.resolve() : store.close()),
    secret,
    tokens: createTokens(secret),
    media: await startMedia(config.media, config.dataDir, log),
    mail: options.mailer
      ? givenMailer(options.mailer)
      : await startMail(config.mail, config.dataDir, log),
    web,
  };
}

type Core = ReturnType<typeof buildCore>;

/**
 * Built in dependency order: the core announces on `events`; presence and media subscribe to
 * it (and the socket layer, next), so nothing needs a part that is built later.
 */
function buildCore({ config, clock, store, tokens, media, log }: Parts) {
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
  // Group meetings: presence in the room becomes attendance; members enter without invites.
  const attendance = recordAttendance(store.db, events, (message, error) =>
    console.error(message, error),
  );
  const now = () => clock.now();
  const groups = {
    db: store.db,
    now,
    meetings: new Meetings({ db: store.db, store, sessions, now }),
  };
  return { events, sessions, presence, bridge, attendance, groups };
}

type Transports = ReturnType<typeof buildTransports>;

/** Sign-in at `origin`, and the setup link when nobody is a coordinator yet. */
async function startSignIn(parts: Parts, transports: Transports, origin: string) {
  transports.auth.attach(
    peopleForApp({
      store: parts.store,
      origin,
      secret: parts.secret,
      mailer: parts.mail.mailer,
      linkTtlSeconds: parts.config.signInLinkSeconds,
      limits: transports.rateLimits.limits,
    }),
  );
  return mintSetupLink(parts.store.db, { origin, now: parts.clock.now() });
}

/** HTTP (the API and the web app) and Socket.IO on the same server, mapped onto the core. */
function buildTransports(parts: Parts, core: Core) {
  const { config, media, tokens, web } = parts;
  const rateLimits = createRateLimits(parts.env, parts.log);
  // Per-participant HTTP limits count the participant a credential verifiably names.
  const limitBy = rateLimits.limitBy(async (bearer) => {
    const verified = await tokens.verifyResume(bearer);
    return verified.ok ? `${verified.claims.sid}/${verified.claims.pid}` : null;
  });
  const auth = authMount(rateLimits.addressOf);
  const server = createServer({
    web: web.handler,
    auth: auth.handle,
    routes: [
      ...catalogRoutes,
      ...sessionRoutes(core.sessions, createGate(auth, config.publicUrl), limitBy),
      ...signedInRoutes({
        ...parts,
        ...core,
        mailer: parts.mail.mailer,
        people: auth.current,
        publicUrl: config.publicUrl,
        limits: rateLimits.limits,
      }),
    ],
    publicUrl: config.publicUrl,
    logError: (message, error) => console.error(message, error),
    security: {
      https: config.publicUrl?.startsWith('https:') ?? false,
      connectSources: liveKitSources(config.media),
    },
  });
  const live = attachLive(server.http, core.sessions, {
    events: core.events,
    presence: core.presence,
    now: () => parts.clock.now(),
    media: media.status,
    mediaToken: (session, participant) =>
      core.bridge.token(session, participant.id, participant.name),
    limits: rateLimits.limits,
    addressOf: rateLimits.addressOf,
  });
  // Sessions nobody is in leave memory after a while; their next use reloads them.
  const unloading = setInterval(
    () => core.sessions.registry.unloadIdle(config.roomIdleMs, live.inUse),
    Math.min(config.roomIdleMs, 60_000) / 2,
  );
  unloading.unref();
  return { server, live, rateLimits, unloading, auth };
}

/**
 * Input stops first (sockets, timers, media), then the sessions drain their queues, and only
 * then does the store close: whatever state media is in, nothing writes to a closed store.
 */
function shutdown(
  parts: Parts,
  core: Core,
  transports: Transports,
  stopProbe: (() => void) | null,
) {
  return async ({ listening }: { listening: boolean }) => {
    clearInterval(transports.unloading);
    stopProbe?.();
    // Before the sockets go: shutting down disconnects everyone, and nobody has left.
    core.presence.close();
    // Closing Socket.IO closes the HTTP server it is attached to.
    if (listening) await transports.live.close();
    await core.bridge.close();
    await core.sessions.registry.closeAll();
    // Attendance written from the last events (a session ending) lands before the store closes.
    core.attendance.stop();
    await core.attendance.drain();
    await parts.closeStore();
    await parts.media.stop();
    await parts.mail.stop();
    transports.rateLimits.limits.close();
  };
}
