import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMail, type MailConfig } from './mail/mail-config.ts';

export interface Config {
  port: number;
  host: string;
  /** Where the server will keep its data; unused until sessions are stored. */
  dataDir: string;
  /** The web app's adapter-node output, loaded at run time. */
  webBuildDir: string;
  /** PostgreSQL connection string; SQLite under dataDir when absent. */
  databaseUrl: string | undefined;
  /** Signing secret shared by several servers; generated into dataDir when absent. */
  secret: string | undefined;
  /** The origin people reach Roundtable at (for invite links), e.g. https://rt.example.org. */
  publicUrl: string | null;
  /** How long a participant may be disconnected before they count as having left. */
  leaveGraceMs: number;
  /** How long a session nobody is in stays in memory before it is unloaded (reloaded on use). */
  roomIdleMs: number;
  inviteTtlSeconds: number;
  resumeTtlSeconds: number;
  /** How long a sign-in link works (ROUNDTABLE_SIGN_IN_LINK_SECONDS). */
  signInLinkSeconds: number;
  media: MediaConfig;
  mail: MailConfig;
}

/**
 * Where audio and video come from: an existing LiveKit deployment when its URL and keys are
 * set, otherwise a local LiveKit server started with Roundtable, or none (MEDIA=off).
 */
export type MediaConfig =
  | { mode: 'off' }
  | { mode: 'external'; url: string; apiKey: string; apiSecret: string }
  | { mode: 'local'; binary: string | undefined; port: number; rtcPort: number; nodeIp: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** The repository root, so defaults do not depend on the directory the server starts in. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Reads the configuration from environment variables; relative paths resolve from `cwd`. */
export function readConfig(env: Record<string, string | undefined>, cwd: string): ConfigResult {
  const problems: string[] = [];
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const pathFrom = (value: string | undefined, fallback: string) =>
    value?.trim() ? resolve(cwd, value) : resolve(REPO_ROOT, fallback);

  const whole = (name: string, fallback: number, min: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < min)
      problems.push(`${name} must be a whole number of at least ${min}, not "${env[name]}"`);
    return value;
  };
  const leaveGraceMs = whole('ROUNDTABLE_LEAVE_GRACE_MS', 10_000, 0);
  const roomIdleMs = whole('ROUNDTABLE_ROOM_IDLE_MS', 600_000, 100);
  const inviteDays = whole('ROUNDTABLE_INVITE_DAYS', 30, 1);
  // Long enough for a slow mail server and a person between tabs; a link is a credential.
  const signInLinkSeconds = whole('ROUNDTABLE_SIGN_IN_LINK_SECONDS', 900, 1);
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^/]+$/.test(publicUrl))
    problems.push(`PUBLIC_URL must be an origin like https://rt.example.org, not "${publicUrl}"`);
  const media = readMedia(env, whole, problems);
  const mail = readMail(env, whole, problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      port,
      host,
      dataDir: pathFrom(env.DATA_DIR, 'data'),
      webBuildDir: pathFrom(env.WEB_BUILD_DIR, 'apps/web/build'),
      databaseUrl: env.DATABASE_URL?.trim() || undefined,
      secret: env.ROUNDTABLE_SECRET || undefined,
      publicUrl,
      leaveGraceMs,
      roomIdleMs,
      inviteTtlSeconds: inviteDays * 86_400,
      // A participant's credential outlives the invite so a long programme keeps its people.
      resumeTtlSeconds: 400 * 86_400,
      signInLinkSeconds,
      media,
      mail,
    },
  };
}

function readMedia(
  env: Record<string, string | undefined>,
  whole: (name: string, fallback: number, min: number) => number,
  problems: string[],
): MediaConfig {
  if (env.MEDIA === 'off') return { mode: 'off' };
  const external = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET];
  if (external.every(Boolean)) {
    const [url, apiKey, apiSecret] = external as [string, string, string];
    return { mode: 'external', url, apiKey, apiSecret };
  }
  if (external.some(Boolean)) {
    problems.push(
      'LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET go together: set all three or none',
    );
  }
  return {
    mode: 'local',
    binary: env.LIVEKIT_BINARY,
    port: whole('LIVEKIT_PORT', 7880, 1),
    rtcPort: whole('LIVEKIT_RTC_PORT', 7882, 1),
    nodeIp: env.LIVEKIT_NODE_IP?.trim() || '127.0.0.1',
  };
}
