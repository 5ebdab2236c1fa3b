import type { SessionState } from '@roundtable/protocol';
import type { SessionInfo } from '@roundtable/wire';

/**
 * What the room needs to know about a protocol that is not running: its roles (to fill them
 * when starting a round), its size and the titles of its phases (to name past rounds).
 * The running round carries its whole protocol; these outlines cover the rest. They are the
 * session's own protocols from its SessionInfo, never a built-ins-only list: a session created
 * with a custom protocol must be able to start it and name its past rounds like any other.
 */
export type ProtocolOutline = SessionInfo['protocols'][number];

/** The protocol a round ran, by round number: the live one, or a past one from the catalog. */
export function protocolOfRound(
  state: SessionState,
  catalog: readonly ProtocolOutline[],
  round: number,
): ProtocolOutline | undefined {
  if (state.round?.number === round) return state.round.protocol;
  const id = state.history.find((r) => r.number === round)?.protocolId;
  return catalog.find((p) => p.id === id);
}
