import type { SessionEvent } from '@roundtable/protocol';
import type { CommandPayload } from './commands.ts';
import type { Ack, Refusal, WireError } from './errors.ts';

/** Documents a client syncs: `notes` is always the caller's own private notes. */
export type ClientDocName = 'state' | 'board' | 'notes';
export const CLIENT_DOCS: readonly ClientDocName[] = ['state', 'board', 'notes'];

export interface Welcome {
  readonly sessionId: string;
  readonly participantId: string;
  readonly name: string;
  readonly serverTime: number;
  /** Whether this server has audio and video; if not, why (to show in the room). */
  readonly media:
    | { readonly available: true; readonly url: string }
    | { readonly available: false; readonly reason: string };
}

export interface ClockReply {
  readonly clientTime: number;
  readonly serverTime: number;
}

export type MediaTokenReply =
  | {
      readonly ok: true;
      /** LiveKit's URL (ws:// or wss://) and a join token for this participant only. */
      readonly url: string;
      readonly token: string;
      /** The session's end-to-end encryption key, when the session uses it; never logged. */
      readonly e2eeKey: string | null;
    }
  | Refusal;

/** Client to server. Binary payloads are y-protocols messages (sync) or awareness updates. */
export interface ClientToServerEvents {
  /** The server checks the payload against `CommandPayloadSchema` all the same. */
  command: (payload: CommandPayload, ack: (result: Ack) => void) => void;
  sync: (doc: ClientDocName, message: Uint8Array, ack: (result: Ack) => void) => void;
  awareness: (update: Uint8Array) => void;
  /** Answered with a `Refusal` only when the arguments are wrong or the client is rate-limited. */
  clock: (clientTime: number, ack: (reply: ClockReply | Refusal) => void) => void;
  /**
   * Asks for a LiveKit token to join the session's current room. It never grants sound (no
   * microphone or screen-share audio); the server grants those to the live connection.
   */
  'media-token': (ack: (reply: MediaTokenReply) => void) => void;
}

/** Server to client. */
export interface ServerToClientEvents {
  welcome: (welcome: Welcome) => void;
  sync: (doc: ClientDocName, message: Uint8Array) => void;
  awareness: (update: Uint8Array) => void;
  /** An update of yours was refused: discard your local copy of `doc` and sync again. */
  resync: (doc: ClientDocName, error: WireError) => void;
  /** What the last accepted command or deadline did, for announcements. */
  events: (events: readonly SessionEvent[], serverTime: number) => void;
  /** The media server now lets you (or no longer lets you) use your microphone. */
  'media-permission': (permission: {
    readonly microphone: boolean;
    readonly camera: boolean;
  }) => void;
}
