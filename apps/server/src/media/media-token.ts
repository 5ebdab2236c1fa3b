import type { MediaTokenReply } from '@roundtable/wire';
import type { LiveSession } from '../core/live-session.ts';
import type { SessionOptions } from '../core/session-options.ts';
import { mintMediaToken } from './livekit-grants.ts';
import type { LiveKitEndpoint } from './livekit-process.ts';
import type { MediaGate } from './media-gate.ts';
import { NOT_NOW, unavailable, UNREACHABLE } from './media-health.ts';
import type { LiveKitRooms } from './media-rooms.ts';
import type { Observer } from './observer.ts';
import { CUT_OFF, Offences } from './offences.ts';

/**
 * A participant's LiveKit token is for joining, now: the browser asks a fresh one on every
 * (re)connect, and once in, LiveKit refreshes it by itself. Short, so a leaked or kept token
 * soon opens nothing; it carries no sound source anyway.
 */
export const TOKEN_TTL_SECONDS = 5 * 60;
/**
 * How long a token waits for the session's observer to be in its room (it joins when the
 * session opens, and again when the room moves): without it nobody is granted the microphone
 * and disguised audio goes unseen, so no token is issued.
 */
const OBSERVER_WAIT_MS = 4000;

/** A token asked for while LiveKit answers and took the session's last permission changes. */
export interface MediaTokenRequest {
  readonly session: LiveSession;
  readonly participantId: string;
  readonly name: string;
  readonly endpoint: LiveKitEndpoint;
  /** The LiveKit URL the browser connects to. */
  readonly url: string;
  readonly gate: MediaGate;
  readonly mediaRooms: LiveKitRooms;
  /** The session's observer, if its media is open. */
  readonly observer: Observer | undefined;
  /** LiveKit did not say which room the session is in: the bridge tries again shortly. */
  readonly onRoomUnresolved: () => void;
}

/** A LiveKit token for a joined participant, for the session's current room, without sound. */
export async function issueMediaToken(req: MediaTokenRequest): Promise<MediaTokenReply> {
  const { session, participantId, gate, observer } = req;
  if (Offences.isCutOff((key) => session.read(key), participantId))
    return { ok: false, error: CUT_OFF };
  // Only for someone the session counts present now: a socket asks before its arrival is
  // committed, or after its person left or the session ended, and gets nothing.
  const state = session.engineState;
  const present = state.participants.some((p) => p.id === participantId && p.present);
  const permission = gate.permissionOf(session.id, participantId);
  if (!present || state.ended || !permission)
    return { ok: false, error: { code: 'not-present', message: 'Join the room first.' } };
  // Nobody is let in while the observer is not there to grant and to watch: lost and not
  // on its way back is a refusal now; one joining is waited for (below).
  if (!observer || (observer.lost && !observer.joining)) return unavailable(UNREACHABLE);
  let room: string;
  try {
    // Asked of LiveKit each time: after a restart the room must be a new generation.
    room = await req.mediaRooms.resolve(session.id);
  } catch {
    req.onRoomUnresolved();
    return unavailable(NOT_NOW);
  }
  if (!(await observer.inRoom(room, OBSERVER_WAIT_MS))) return unavailable(NOT_NOW);
  // Read again after the waits: they may have left, or the phase changed their cameras.
  const now = gate.permissionOf(session.id, participantId) ?? permission;
  const grant = { room, participantId, name: req.name };
  const token = await mintMediaToken(req.endpoint, grant, now, TOKEN_TTL_SECONDS);
  const options = session.record.options as SessionOptions;
  return { ok: true, url: req.url, token, e2eeKey: options.e2eeKey ?? null };
}
