import type { Round, SessionState } from '@roundtable/protocol';
import { readStateValue, STATE_KEYS, STATE_ROOT } from './state-doc.ts';
import type * as Y from 'yjs';

/**
 * The engine state as it appears in the state document: one key per top-level field, so a
 * command rewrites only what it changed. The protocol is kept apart from the round because
 * it is large and changes only when a round starts.
 */
type StoredRound = Omit<Round, 'protocol'>;

const NO_ROTA: SessionState['rota'] = { facilitator: null, deputy: null };

function fields(state: SessionState): Record<string, unknown> {
  const { protocol = null, ...round } = state.round ?? {};
  return {
    [STATE_KEYS.participants]: state.participants,
    [STATE_KEYS.facilitator]: state.facilitator,
    [STATE_KEYS.rota]: state.rota,
    [STATE_KEYS.reminders]: state.reminders,
    [STATE_KEYS.hands]: state.hands,
    [STATE_KEYS.round]: state.round ? (round as StoredRound) : null,
    [STATE_KEYS.protocol]: protocol,
    [STATE_KEYS.history]: state.history,
    [STATE_KEYS.ended]: state.ended,
  };
}

/** Writes what differs between `prev` and `next` (everything when `prev` is null). */
export function writeState(doc: Y.Doc, prev: SessionState | null, next: SessionState): void {
  const map = doc.getMap(STATE_ROOT);
  const before = prev ? fields(prev) : {};
  for (const [key, value] of Object.entries(fields(next))) {
    // The engine returns unchanged parts by reference, so identity is a cheap first test.
    if (prev && (before[key] === value || JSON.stringify(before[key]) === JSON.stringify(value)))
      continue;
    map.set(key, value);
  }
}

/** Reads the engine state back, as a client or a restarting server does. */
export function readState(doc: Y.Doc): SessionState | null {
  const map = doc.getMap(STATE_ROOT);
  if (!map.has(STATE_KEYS.participants)) return null;
  const read = <K extends keyof SessionState | 'protocol'>(key: K) => readStateValue(map, key);
  const round = read('round') ?? null;
  const protocol = read('protocol') ?? null;
  return {
    participants: read('participants') ?? [],
    facilitator: read('facilitator') ?? null,
    // Sessions stored before the rota existed have neither key.
    rota: read('rota') ?? NO_ROTA,
    reminders: read('reminders') ?? [],
    hands: read('hands') ?? [],
    round: round && protocol ? { ...round, protocol } : null,
    history: read('history') ?? [],
    ended: read('ended') ?? false,
  };
}
