import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { magicLink } from 'better-auth/plugins';
import type { Kysely } from 'kysely';
import type { Mailer } from '../mail/mailer.ts';
import type { Database, StoreKind } from '../store/schema.ts';
import { signInMail } from './sign-in-mail.ts';

/** Where better-auth answers: `toNodeHandler` is mounted on everything under it. */
export const AUTH_BASE_PATH = '/api/auth';

/**
 * The header the HTTP layer writes with the client's address as our limits read it (behind
 * the configured proxies), after removing any a client sent, so nobody can choose their own.
 */
export const CLIENT_ADDRESS_HEADER = 'x-roundtable-client-address';

/** A rate limit's answer, as `limits/` gives it: room, or how long to wait. */
export type SignInVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly error: { readonly message: string; readonly retryAfterMs: number };
    };

export interface PeopleOptions {
  /** The store's own Kysely instance: people live in the same database as sessions. */
  readonly db: Kysely<Database>;
  readonly kind: StoreKind;
  /** PUBLIC_URL, or the server's own URL: links, the trusted origin and cookie security. */
  readonly origin: string;
  /** Signs session cookies; at least 32 characters. */
  readonly secret: string;
  readonly mailer: Mailer;
  /** How long a sign-in link works, in seconds. */
  readonly linkTtlSeconds: number;
  /** Counts one sign-in mail against the address it goes to and the client asking. */
  readonly limitSignIn: (email: string, client: string) => Promise<SignInVerdict>;
}

export type People = ReturnType<typeof createPeople>;

/**
 * Sign-in by email link through better-auth, over the store's database. Tables are created by
 * our own frozen migration (store/migrations/0002-people.ts), never at run time.
 */
export function createPeople(o: PeopleOptions) {
  return betterAuth({
    appName: 'Roundtable',
    baseURL: o.origin,
    basePath: AUTH_BASE_PATH,
    secret: o.secret,
    trustedOrigins: [o.origin],
    database: { db: o.db, type: o.kind },
    telemetry: { enabled: false },
    // Sign-in mail is limited by our own buckets (limits/buckets.ts) in `hooks.before`, which
    // know the client's address behind a proxy; better-auth's would be a second, blinder one.
    rateLimit: { enabled: false },
    user: {
      modelName: 'people',
      additionalFields: { role: { type: 'string', defaultValue: 'member', input: false } },
    },
    session: { modelName: 'sign_ins' },
    account: { modelName: 'accounts' },
    verification: { modelName: 'verifications' },
    advanced: advanced(o.origin),
    hooks: { before: limitSignInMail(o.limitSignIn) },
    plugins: [
      magicLink({
        expiresIn: o.linkTtlSeconds,
        storeToken: 'hashed',
        sendMagicLink: ({ email, token }) =>
          o.mailer.send(signInMail({ to: email, origin: o.origin, token, ttl: o.linkTtlSeconds })),
      }),
    ],
  } satisfies BetterAuthOptions);
}

/** Cookies: HTTP-only and SameSite=Lax always, Secure when people reach us over https. */
function advanced(origin: string): BetterAuthOptions['advanced'] {
  return {
    cookiePrefix: 'roundtable',
    useSecureCookies: origin.startsWith('https:'),
    defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
  };
}

/** Refuses a sign-in mail over the limits before a token is minted or a mail sent. */
function limitSignInMail(limit: PeopleOptions['limitSignIn']) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/magic-link') return;
    const body: unknown = ctx.body;
    const email = typeof body === 'object' && body && 'email' in body ? body.email : undefined;
    // A missing or malformed address is the plugin's to refuse, with its own message.
    if (typeof email !== 'string') return;
    const client = ctx.request?.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
    const verdict = await limit(email.trim().toLowerCase(), client);
    if (verdict.ok) return;
    const { message, retryAfterMs } = verdict.error;
    throw new APIError(
      'TOO_MANY_REQUESTS',
      { code: 'rate-limited', message, retryAfterMs },
      { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
    );
  });
}
