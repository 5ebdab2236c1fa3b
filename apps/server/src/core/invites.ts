import { randomUUID } from 'node:crypto';
import type { InviteRole, Tokens } from '../auth/tokens.ts';
import type { SessionRecord, Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { SessionOptions } from './session-options.ts';

export interface InviteLinks {
  readonly facilitatorInvite: string;
  readonly memberInvite: string;
}

/** Creating sessions and their invite links, and revoking the links given out so far. */
export class Invites {
  private readonly opts: {
    store: Store;
    tokens: Tokens;
    clock: Clock;
    inviteTtlSeconds: number;
  };

  constructor(opts: Invites['opts']) {
    this.opts = opts;
  }

  async create(title: string, options: SessionOptions, createdBy: string | null) {
    const record: SessionRecord = {
      id: randomUUID(),
      title,
      options,
      createdAt: this.opts.clock.now(),
      endedAt: null,
      inviteEpoch: 0,
      createdBy,
    };
    await this.opts.store.createSession(record);
    return { sessionId: record.id, ...(await this.mint(record)) };
  }

  /** A facilitator and a member invite, valid until the session's invites are rotated. */
  async mint(record: SessionRecord): Promise<InviteLinks> {
    const mint = (role: InviteRole) =>
      this.opts.tokens.mintInvite(
        { sid: record.id, role, epoch: record.inviteEpoch },
        this.opts.inviteTtlSeconds,
      );
    return { facilitatorInvite: await mint('facilitator'), memberInvite: await mint('member') };
  }

  /** Revokes every invite minted so far. */
  async rotate(sessionId: string): Promise<SessionRecord> {
    const epoch = await this.opts.store.bumpInviteEpoch(sessionId);
    const record = await this.opts.store.getSession(sessionId);
    if (!record) throw new Error(`session ${sessionId} vanished while rotating invites`);
    return { ...record, inviteEpoch: epoch };
  }
}
