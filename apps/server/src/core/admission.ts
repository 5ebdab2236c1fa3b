import { randomUUID } from 'node:crypto';
import type { ConnectErrorReason, Refusal } from '@roundtable/wire';
import { TOKEN_PROBLEM_MESSAGES, type InviteRole, type Tokens } from '../auth/tokens.ts';
import type { ParticipantRecord, SessionRecord, Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { LiveSession } from './live-session.ts';
import type { SessionRegistry } from './session-registry.ts';

/** Why a credential or invite was refused; each code is also the API's error code. */
export type TokenProblem = ConnectErrorReason | 'session-ended';
/**
 * A refused credential or invite, in the wire's failure shape (a `Refusal` with a narrower
 * code), so each transport maps the code to its own terms: an HTTP status, a connect_error.
 */
export interface TokenRefusal extends Refusal {
  readonly error: { readonly code: TokenProblem; readonly message: string };
}

const TOKEN_MESSAGES: Record<TokenProblem, string> = {
  ...TOKEN_PROBLEM_MESSAGES,
  'token-revoked': 'This link was revoked; ask the facilitator for a new one.',
  'session-not-found': 'There is no such session.',
  'session-ended': 'This session has ended.',
};

export function tokenRefusal(code: TokenProblem): TokenRefusal {
  return { ok: false, error: { code, message: TOKEN_MESSAGES[code] } };
}

/**
 * A credential of a participant whose person deleted their account: revoked like any other,
 * with the reason a person (perhaps in another tab) can understand.
 */
const FORGOTTEN: TokenRefusal = {
  ok: false,
  error: {
    code: 'token-revoked',
    message: 'This account was deleted; its session credentials no longer work.',
  },
};

export interface AdmissionOptions {
  readonly store: Store;
  readonly tokens: Tokens;
  readonly clock: Clock;
  readonly registry: SessionRegistry;
  readonly resumeTtlSeconds: number;
}

/** Who may come in: invites checked for the lobby, joining, and resume credentials. */
export class Admission {
  private readonly opts: AdmissionOptions;

  constructor(opts: AdmissionOptions) {
    this.opts = opts;
  }

  /** Checks an invite: what the lobby shows before anyone has joined. */
  async admit(
    sessionId: string,
    invite: unknown,
  ): Promise<{ ok: true; record: SessionRecord; role: InviteRole } | TokenRefusal> {
    const verified = await this.opts.tokens.verifyInvite(invite);
    if (!verified.ok) return verified;
    if (verified.claims.sid !== sessionId) return tokenRefusal('token-invalid');
    const record = await this.opts.store.getSession(sessionId);
    if (!record) return tokenRefusal('session-not-found');
    if (record.endedAt !== null) return tokenRefusal('session-ended');
    if (verified.claims.epoch < record.inviteEpoch) return tokenRefusal('token-revoked');
    return { ok: true, record, role: verified.claims.role };
  }

  /** Adds a participant who accepted the ground rules, and gives them a resume credential. */
  async join(sessionId: string, invite: unknown, name: string) {
    const admitted = await this.admit(sessionId, invite);
    if (!admitted.ok) return admitted;
    const now = this.opts.clock.now();
    const participant: ParticipantRecord = {
      sessionId,
      id: randomUUID(),
      name,
      role: admitted.role,
      joinedAt: now,
      rulesAcceptedAt: now,
      // Invite links admit guests: nobody signed in, no place in a rota.
      personId: null,
      rotaRole: null,
      forgottenAt: null,
    };
    await this.opts.store.addParticipant(participant);
    const session = await this.opts.registry.live(admitted.record);
    await session.recordAcceptance(participant.id, now);
    const resumeToken = await this.opts.tokens.mintResume(
      { sid: sessionId, pid: participant.id },
      this.opts.resumeTtlSeconds,
    );
    return { ok: true as const, participantId: participant.id, resumeToken };
  }

  /**
   * A signed-in member entering their group's meeting (groups/meetings.ts checked who they
   * are and that they accepted the rules): stores `participant` the first time, and gives a
   * resume credential exactly as `join` does, so the room treats them as any joined person.
   */
  async enterKnown(record: SessionRecord, participant: ParticipantRecord) {
    const known = await this.opts.store.getParticipant(record.id, participant.id);
    if (!known) await this.opts.store.addParticipant(participant);
    const session = await this.opts.registry.live(record);
    if (!known) await session.recordAcceptance(participant.id, participant.rulesAcceptedAt);
    const resumeToken = await this.opts.tokens.mintResume(
      { sid: record.id, pid: participant.id },
      this.opts.resumeTtlSeconds,
    );
    return { participantId: participant.id, resumeToken };
  }

  /** Who a resume credential belongs to, with their live session. */
  async authenticate(
    token: unknown,
  ): Promise<{ ok: true; session: LiveSession; participant: ParticipantRecord } | TokenRefusal> {
    const verified = await this.opts.tokens.verifyResume(token);
    if (!verified.ok) return verified;
    const record = await this.opts.store.getSession(verified.claims.sid);
    if (!record) return tokenRefusal('session-not-found');
    const participant = await this.opts.store.getParticipant(record.id, verified.claims.pid);
    if (!participant) return tokenRefusal('token-revoked');
    if (participant.forgottenAt !== null) return FORGOTTEN;
    return { ok: true, session: await this.opts.registry.live(record), participant };
  }

  /** Who joined through a facilitator link, the first of whom takes the role on arrival. */
  async facilitatorLinkHolders(sessionId: string): Promise<Set<string>> {
    const participants = await this.opts.store.listParticipants(sessionId);
    return new Set(participants.filter((p) => p.role === 'facilitator').map((p) => p.id));
  }
}
