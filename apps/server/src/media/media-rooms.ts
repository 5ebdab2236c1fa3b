import type { RoomServiceClient } from 'livekit-server-sdk';

/*
 * Each session's LiveKit room is created by the server, never by a joining token: LiveKit runs
 * with `room.auto_create: false`, and the room's name carries a generation
 * (`<sessionId>~<generation>`). When LiveKit loses its state (a restart) the room is gone and a
 * new generation is created, so every token minted before, and every token LiveKit refreshed
 * with the grant it held then, names a room that no longer exists.
 */

/** Room metadata that marks a room as Roundtable's: one a joining token created is not. */
export interface RoomMark {
  readonly roundtable: { readonly sessionId: string };
}

export function roomName(sessionId: string, generation: number): string {
  return `${sessionId}~${generation}`;
}

export function roomMark(sessionId: string): string {
  return JSON.stringify({ roundtable: { sessionId } } satisfies RoomMark);
}

function generationOf(sessionId: string, room: { name: string; metadata: string }): number | null {
  const prefix = `${sessionId}~`;
  if (!room.name.startsWith(prefix)) return null;
  const generation = Number(room.name.slice(prefix.length));
  if (!Number.isSafeInteger(generation)) return null;
  try {
    const mark = JSON.parse(room.metadata) as Partial<RoomMark> | null;
    return mark?.roundtable?.sessionId === sessionId ? generation : null;
  } catch {
    return null;
  }
}

/**
 * Pure: which of LiveKit's rooms is this session's, and which are left over. The current one
 * is the newest generation the server created (it carries the mark); any other room under the
 * session's prefix is stale, e.g. one an external LiveKit with auto_create on made for an old
 * token after a restart.
 */
export function sortRooms(
  sessionId: string,
  rooms: readonly { name: string; metadata: string }[],
): { current: string | null; stale: string[] } {
  let current: { name: string; generation: number } | null = null;
  for (const room of rooms) {
    const generation = generationOf(sessionId, room);
    if (generation !== null && (!current || generation > current.generation))
      current = { name: room.name, generation };
  }
  const stale = rooms
    .filter((r) => r.name.startsWith(`${sessionId}~`) && r.name !== current?.name)
    .map((r) => r.name);
  return { current: current?.name ?? null, stale };
}

/**
 * The current LiveKit room of each session. `resolve` asks LiveKit: it reuses the session's
 * room if LiveKit still has it (asked by name), and otherwise looks through LiveKit's rooms:
 * the newest one of the session's (Roundtable restarted while an external LiveKit ran on),
 * or a new generation, and leftovers closed. One lookup at a time per session.
 */
export class LiveKitRooms {
  private readonly service: RoomServiceClient;
  private readonly names = new Map<string, string>();
  private readonly lookups = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly onMoved: (sessionId: string, name: string) => void;

  constructor(options: {
    service: RoomServiceClient;
    now: () => number;
    /** The session's room changed generation: everyone must be granted again there. */
    onMoved: (sessionId: string, name: string) => void;
  }) {
    this.service = options.service;
    this.now = options.now;
    this.onMoved = options.onMoved;
  }

  /** The last room name resolved for the session, if any. */
  nameOf(sessionId: string): string | undefined {
    return this.names.get(sessionId);
  }

  resolve(sessionId: string): Promise<string> {
    let lookup = this.lookups.get(sessionId);
    if (!lookup) {
      lookup = this.lookUp(sessionId).finally(() => this.lookups.delete(sessionId));
      this.lookups.set(sessionId, lookup);
    }
    return lookup;
  }

  private async lookUp(sessionId: string): Promise<string> {
    const known = this.names.get(sessionId);
    // The usual case, on every token: the room LiveKit had last time, asked for by name.
    if (known !== undefined) {
      const { current } = sortRooms(sessionId, await this.service.listRooms([known]));
      if (current === known) return known;
    }
    // None known yet (a new or reloaded session) or it is gone: every room, to find the
    // session's newest (Roundtable restarted, an external LiveKit ran on) and its leftovers.
    const { current, stale } = sortRooms(sessionId, await this.service.listRooms());
    // Leftovers may hold people on stale tokens; closing the room takes them off the air.
    await Promise.all(stale.map((name) => this.service.deleteRoom(name).catch(() => undefined)));
    const name = current ?? (await this.create(sessionId));
    const before = this.names.get(sessionId);
    this.names.set(sessionId, name);
    if (before !== undefined && before !== name) this.onMoved(sessionId, name);
    return name;
  }

  private async create(sessionId: string): Promise<string> {
    // Monotonic across restarts of either process: a new room is never older than the last.
    const last = Number(this.names.get(sessionId)?.split('~')[1] ?? 0);
    const name = roomName(sessionId, Math.max(this.now(), last + 1));
    await this.service.createRoom({ name, metadata: roomMark(sessionId) });
    return name;
  }

  forget(sessionId: string): void {
    this.names.delete(sessionId);
  }
}
