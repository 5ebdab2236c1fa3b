import { randomUUID } from 'node:crypto';
import { initialState } from '@roundtable/protocol';
import type { ConnectErrorReason, SessionInfo } from '@roundtable/wire';
import type { InviteRole, Tokens } from '../auth/tokens.ts';
import type { ParticipantRecord, SessionRecord, Store } from '../store/store.ts';
import { ClientIds } from './client-ids.ts';
import type { Clock } from './clock.ts';
import type { CoreEvents } from './events.ts';
import { Room } from './room.ts';
import { notesMarkdown, takeawaysMarkdown } from './session-end.ts';
import { sessionProtocols, type SessionOptions } from './session-options.ts';

export interface SessionsOptions {
  readonly store: Store;
  readonly tokens: Tokens;
  readonly clock: Clock;
  /** Where the sessions announce what happened (documents, engine events, opened, unloaded). */
  readonly events: CoreEvents;
  readonly inviteTtlSeconds: number;
  readonly resumeTtlSeconds: number;
}

export interface LiveRoom {
  readonly room: Room;
  readonly clientIds: ClientIds;
  readonly record: SessionRecord;
}

/** Why a credential or invite was refused; `code` doubles as the API's `error`. */
export type TokenProblem = ConnectErrorReason | 'session-ended';
/** A refused credential or invite, as a value: each transport says it in its own terms. */
export type Refusal = { ok: false; code: TokenProblem; message: string };

const TOKEN_MESSAGES: Record<TokenProblem, string> = {
  'token-missing': 'No credential was given.',
  'token-invalid': 'The link or credential is not valid.',
  'token-expired': 'The link or credential has expired; ask for a new one.',
  'token-revoked': 'This link was revoked; ask the facilitator for a new one.',
  'session-not-found': 'There is no such session.',
  'session-ended': 'This session has ended.',
};

export function tokenRefusal(code: TokenProblem): Refusal {
  return { ok: false, code, message: TOKEN_MESSAGES[code] };
}

/** Creates sessions, admits participants and keeps one live room per active session. */
export class Sessions {
  private readonly rooms = new Map<string, Promise<LiveRoom>>();
  /** The rooms of `rooms` that have finished opening. */
  private readonly ready = new Map<string, LiveRoom>();
  private readonly opts: SessionsOptions;
  private closing = false;

  constructor(opts: SessionsOptions) {
    this.opts = opts;
  }

  async create(title: string, options: SessionOptions) {
    const record: SessionRecord = {
      id: randomUUID(),
      title,
      options,
      createdAt: this.opts.clock.now(),
      endedAt: null,
      inviteEpoch: 0,
    };
    await this.opts.store.createSession(record);
    return { sessionId: record.id, ...(await this.invites(record)) };
  }

  async invites(record: SessionRecord) {
    const mint = (role: InviteRole) =>
      this.opts.tokens.mintInvite(
        { sid: record.id, role, epoch: record.inviteEpoch },
        this.opts.inviteTtlSeconds,
      );
    return { facilitatorInvite: await mint('facilitator'), memberInvite: await mint('member') };
  }

  /** Revokes every invite minted so far. */
  async rotateInvites(sessionId: string): Promise<SessionRecord> {
    const epoch = await this.opts.store.bumpInviteEpoch(sessionId);
    const record = await this.opts.store.getSession(sessionId);
    if (!record) throw new Error(`session ${sessionId} vanished while rotating invites`);
    return { ...record, inviteEpoch: epoch };
  }

  /** Checks an invite: what the lobby shows before anyone has joined. */
  async admit(
    sessionId: string,
    invite: unknown,
  ): Promise<{ ok: true; record: SessionRecord; role: InviteRole } | Refusal> {
    const verified = await this.opts.tokens.verifyInvite(invite);
    if (!verified.ok) return tokenRefusal(verified.problem);
    if (verified.claims.sid !== sessionId) return tokenRefusal('token-invalid');
    const record = await this.opts.store.getSession(sessionId);
    if (!record) return tokenRefusal('session-not-found');
    if (record.endedAt !== null) return tokenRefusal('session-ended');
    if (verified.claims.epoch < record.inviteEpoch) return tokenRefusal('token-revoked');
    return { ok: true, record, role: verified.claims.role };
  }

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
    };
    await this.opts.store.addParticipant(participant);
    const live = await this.live(admitted.record);
    await live.room.recordAcceptance(participant.id, now);
    const resumeToken = await this.opts.tokens.mintResume(
      { sid: sessionId, pid: participant.id },
      this.opts.resumeTtlSeconds,
    );
    return { ok: true as const, participantId: participant.id, resumeToken };
  }

  /** Who a resume credential belongs to, with their session's live room. */
  async authenticate(
    token: unknown,
  ): Promise<{ ok: true; live: LiveRoom; participant: ParticipantRecord } | Refusal> {
    const verified = await this.opts.tokens.verifyResume(token);
    if (!verified.ok) return tokenRefusal(verified.problem);
    const record = await this.opts.store.getSession(verified.claims.sid);
    if (!record) return tokenRefusal('session-not-found');
    const participant = await this.opts.store.getParticipant(record.id, verified.claims.pid);
    if (!participant) return tokenRefusal('token-revoked');
    return { ok: true, live: await this.live(record), participant };
  }

  /** The live room of a session, opened (or restored after a restart) on first use. */
  live(record: SessionRecord): Promise<LiveRoom> {
    if (this.closing) return Promise.reject(new Error('the server is shutting down'));
    this.ready.get(record.id)?.room.touch();
    let live = this.rooms.get(record.id);
    if (!live) {
      live = this.open(record);
      this.rooms.set(record.id, live);
      live.catch(() => this.rooms.delete(record.id));
    }
    return live;
  }

  private async open(record: SessionRecord): Promise<LiveRoom> {
    const options = record.options as SessionOptions;
    const protocols = sessionProtocols(options);
    const info: SessionInfo = {
      id: record.id,
      title: record.title,
      groundRules: options.groundRules,
      confidentiality: options.confidentiality,
      // Sessions stored before the option existed have no key: treat them as unencrypted.
      e2ee: Boolean(options.e2eeKey),
      protocols: [...protocols.values()].map((p) => ({
        id: p.id,
        title: p.title,
        roles: p.roles,
        phases: p.phases.map((phase) => ({ id: phase.id, title: phase.title })),
      })),
      defaultProtocolId: options.defaultProtocolId,
      createdAt: record.createdAt,
    };
    const [room, clientIds] = await Promise.all([
      Room.open(
        {
          store: this.opts.store,
          events: this.opts.events,
          clock: this.opts.clock,
          info,
          protocols,
          onEnded: (r, at) => this.onEnded(r, info, at),
          onFault: (r, error) => this.evict(r, error),
        },
        initialState,
      ),
      ClientIds.load(this.opts.store, record.id),
    ]);
    // The end is stored in steps (state, take-aways, board, session record); a crash or a
    // storage failure between them left an ended state whose steps are still to do.
    if (room.engine.ended && (record.endedAt === null || boardOutlivedEnd(room, info)))
      await room.serial(() => this.onEnded(room, info, record.endedAt ?? this.opts.clock.now()));
    const live = { room, clientIds, record };
    this.ready.set(record.id, live);
    this.opts.events.emit('session-opened', { session: room });
    return live;
  }

  /**
   * Lets go of rooms nobody uses: no socket (`inUse`), nobody the room counts present, nothing
   * queued, and quiet for `idleMs`. Everything they hold is stored, so the next connection or
   * request simply opens the room again, overdue deadlines included. Without this, every
   * session ever opened would stay in memory until the process ends.
   */
  unloadIdle(idleMs: number, inUse: (sessionId: string) => boolean): void {
    for (const [id, { room }] of this.ready) {
      if (inUse(id) || !room.quietFor(idleMs)) continue;
      if (room.engine.participants.some((p) => p.present)) continue;
      this.forget(id, room);
      this.opts.events.emit('session-unloaded', { sessionId: id });
    }
  }

  /** How many sessions have a room in memory now. */
  get openRooms(): number {
    return this.rooms.size;
  }

  private forget(id: string, room: Room): void {
    this.rooms.delete(id);
    this.ready.delete(id);
    room.close();
  }

  /** Forgets a room whose memory may be ahead of storage; the next connection reloads it. */
  private evict(room: Room, error: unknown): void {
    console.error(`Session ${room.id}: reloading from storage after a failure`, error);
    this.forget(room.id, room);
    this.opts.events.emit('session-reset', { sessionId: room.id });
  }

  /** The live room of a session if it is open in this process. */
  loaded(sessionId: string): Promise<LiveRoom> | undefined {
    return this.rooms.get(sessionId);
  }

  /** Who joined through a facilitator link, the first of whom takes the role on arrival. */
  async facilitatorLinkHolders(sessionId: string): Promise<Set<string>> {
    const participants = await this.opts.store.listParticipants(sessionId);
    return new Set(participants.filter((p) => p.role === 'facilitator').map((p) => p.id));
  }

  /** Restores every session that was running when the server stopped. */
  async restoreAll(): Promise<number> {
    const active = await this.opts.store.listActiveSessions();
    await Promise.all(active.map((record) => this.live(record)));
    return active.length;
  }

  /**
   * Keeps take-aways, clears the board unless the group chose to keep it, and only then marks
   * the session ended: until that last step the session counts as active, so a restart reopens
   * it and finishes the end. Each step may run again: stored take-aways are not recomputed
   * (the board they came from may be gone), clearing and marking are idempotent.
   */
  private async onEnded(room: Room, info: SessionInfo, at: number): Promise<void> {
    const presenters = new Set(room.engine.history.map((r) => r.presenter));
    for (const presenter of presenters) {
      if (await this.opts.store.getExport(info.id, presenter, 'takeaways')) continue;
      const markdown = takeawaysMarkdown(info, room.engine, room.board.guarded.doc, presenter);
      if (markdown) await this.opts.store.putExport(info.id, presenter, 'takeaways', markdown);
    }
    if (info.confidentiality === 'clear-board') await room.clearBoard();
    await this.opts.store.markEnded(info.id, at);
  }

  /** A participant's own notes or take-aways as Markdown. */
  async exportFor(
    live: LiveRoom,
    participantId: string,
    kind: 'notes' | 'takeaways',
  ): Promise<string | null> {
    const { room, record } = live;
    const stored = await this.opts.store.getExport(record.id, participantId, kind);
    if (stored) return stored;
    if (kind === 'notes')
      return notesMarkdown(room.info, (await room.notesOf(participantId)).guarded.doc);
    return takeawaysMarkdown(room.info, room.engine, room.board.guarded.doc, participantId);
  }

  /**
   * Shutdown: every room, including one still opening, finishes what is queued (commands,
   * board changes, media writes) and takes nothing more. Resolves once all of it is stored,
   * so the store may close next.
   */
  async closeAll(): Promise<void> {
    this.closing = true;
    const rooms = await Promise.allSettled(this.rooms.values());
    await Promise.all(
      rooms.map((r) => (r.status === 'fulfilled' ? r.value.room.shutDown() : undefined)),
    );
  }
}

/** A confidential session's board still holds something although the session ended. */
function boardOutlivedEnd(room: Room, info: SessionInfo): boolean {
  return info.confidentiality === 'clear-board' && room.board.guarded.doc.store.clients.size > 0;
}
