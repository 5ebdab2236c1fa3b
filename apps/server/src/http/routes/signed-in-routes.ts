import type { People } from '../../auth/people.ts';
import type { Clock } from '../../core/clock.ts';
import type { CoreEvents } from '../../core/events.ts';
import type { Sessions } from '../../core/sessions.ts';
import type { RateLimits } from '../../limits/rate-limits.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Store } from '../../store/store.ts';
import type { Route } from '../api.ts';
import { groupRoutes, type GroupRoutesOptions } from './groups.ts';
import { myDataRoutes } from './my-data.ts';
import { peopleRoutes } from './people.ts';
import { programRoutes } from './programs.ts';

export interface SignedInRoutesOptions {
  /** Sign-in, once the server is listening (auth-mount.ts); null until then. */
  readonly people: () => People | null;
  readonly store: Store;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly publicUrl: string | null;
  readonly limits: RateLimits;
  readonly sessions: Sessions;
  readonly events: CoreEvents;
  /** The groups' part of the core: their database, clock and meetings. */
  readonly groups: Omit<GroupRoutesOptions, 'people' | 'publicUrl'>;
}

/** The routes of signed-in people: coordinators, programs and groups, and one's own data. */
export function signedInRoutes(o: SignedInRoutesOptions): Route[] {
  const { people, publicUrl } = o;
  const signedIn = { people, db: o.store.db, publicUrl };
  return [
    ...peopleRoutes(signedIn),
    ...programRoutes({
      ...signedIn,
      mailer: o.mailer,
      now: () => o.clock.now(),
      limitInvitations: (id, mails) => o.limits.take('invitation-mail', id, mails),
    }),
    ...groupRoutes({ ...o.groups, people, publicUrl }),
    ...myDataRoutes({
      people,
      store: o.store,
      clock: o.clock,
      sessions: o.sessions,
      events: o.events,
      publicUrl,
    }),
  ];
}
