import { createHmac } from 'node:crypto';
import type { RateLimits } from '../limits/rate-limits.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Store } from '../store/store.ts';
import { createPeople, type People } from './people.ts';

export interface PeopleParts {
  readonly store: Store;
  /** PUBLIC_URL, or the URL the server is bound at. */
  readonly origin: string;
  /** The server's signing secret (auth/secret.ts); better-auth gets a key derived from it. */
  readonly secret: Uint8Array;
  readonly mailer: Mailer;
  readonly linkTtlSeconds: number;
  readonly limits: RateLimits;
}

/** Sign-in as the app runs it: its database, mail, secret and rate limits. */
export function peopleForApp(o: PeopleParts): People {
  // A key of its own, so a cookie signature can never be replayed as an invite's or the reverse.
  const secret = createHmac('sha256', o.secret).update('roundtable: sign-in cookies').digest('hex');
  return createPeople({
    db: o.store.db,
    kind: o.store.kind,
    origin: o.origin,
    secret,
    mailer: o.mailer,
    linkTtlSeconds: o.linkTtlSeconds,
    limitSignIn: (email, client) =>
      o.limits.takeAll([
        ['sign-in-mail', email, 1],
        ['sign-in', client, 1],
      ]),
  });
}
