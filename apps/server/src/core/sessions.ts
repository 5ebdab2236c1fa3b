import type { Tokens } from '../auth/tokens.ts';
import type { ParticipantRecord, SessionRecord, Store } from '../store/store.ts';
import { Admission } from './admission.ts';
import type { Clock } from './clock.ts';
import type { CoreEvents } from './events.ts';
import { Invites } from './invites.ts';
import type { LiveSession } from './live-session.ts';
import { exportFor } from './session-end.ts';
import { SessionRegistry } from './session-registry.ts';
import type { SessionOptions } from './session-options.ts';

export type { TokenProblem, TokenRefusal } from './admission.ts';

export interface SessionsOptions {
  readonly store: Store;
  readonly tokens: Tokens;
  readonly clock: Clock;
  /** Where the sessions announce what happened (documents, engine events, opened, unloaded). */
  readonly events: CoreEvents;
  readonly inviteTtlSeconds: number;
  readonly resumeTtlSeconds: number;
}

/**
 * The server's core, as its transports see it (like Hocuspocus's Hocuspocus.ts beside its
 * Server.ts): the live sessions, who may come in, invites, and what a participant takes away.
 * Each part lives in its own file; this only puts them together.
 */
export class Sessions {
  readonly registry: SessionRegistry;
  readonly admission: Admission;
  private readonly invitations: Invites;
  private readonly store: Store;

  constructor(opts: SessionsOptions) {
    const { store, tokens, clock, events } = opts;
    this.store = store;
    this.registry = new SessionRegistry({ store, events, clock });
    this.admission = new Admission({
      store,
      tokens,
      clock,
      registry: this.registry,
      resumeTtlSeconds: opts.resumeTtlSeconds,
    });
    this.invitations = new Invites({
      store,
      tokens,
      clock,
      inviteTtlSeconds: opts.inviteTtlSeconds,
    });
  }

  /** A new session started by `createdBy`, a signed-in person's id. */
  create(title: string, options: SessionOptions, createdBy: string | null) {
    return this.invitations.create(title, options, createdBy);
  }

  admit(sessionId: string, invite: unknown) {
    return this.admission.admit(sessionId, invite);
  }

  join(sessionId: string, invite: unknown, name: string) {
    return this.admission.join(sessionId, invite, name);
  }

  /** A known person's participant in a session (a group meeting), and their credential. */
  enterKnown(record: SessionRecord, participant: ParticipantRecord) {
    return this.admission.enterKnown(record, participant);
  }

  authenticate(token: unknown) {
    return this.admission.authenticate(token);
  }

  live(record: SessionRecord): Promise<LiveSession> {
    return this.registry.live(record);
  }

  /** A facilitator and a member invite for the session as it is now. */
  invites(record: SessionRecord) {
    return this.invitations.mint(record);
  }

  /** Revokes every invite given out so far; mint new ones from the record it returns. */
  rotateInvites(sessionId: string): Promise<SessionRecord> {
    return this.invitations.rotate(sessionId);
  }

  /** A participant's own notes or take-aways as Markdown; null when there are none. */
  exportFor(session: LiveSession, participantId: string, kind: 'notes' | 'takeaways') {
    return exportFor(this.store, session, participantId, kind);
  }
}
