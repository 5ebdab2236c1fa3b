import type { RotaRole } from './commands.ts';
import type { FacilitatorChangeReason } from './events.ts';
import { isPresent } from './queries.ts';
import type { ParticipantId, Rota, SessionState } from './state.ts';

/** Notes the joiner's rota place; a join without one leaves the rota as it was. */
export function withRotaRole(
  state: SessionState,
  who: ParticipantId,
  role: RotaRole | undefined,
): SessionState {
  if (role === undefined || state.rota[role] === who) return state;
  return { ...state, rota: { ...state.rota, [role]: who } };
}

export function rotaRoleOf(rota: Rota, who: ParticipantId | null): RotaRole | null {
  if (who === null) return null;
  if (rota.facilitator === who) return 'facilitator';
  if (rota.deputy === who) return 'deputy';
  return null;
}

/**
 * Whether someone on the rota, arriving, takes the role from whoever holds it. The rota's
 * facilitator relieves a stand-in (someone off the rota who opened the room), but not the
 * deputy, who decides when to hand it back; the deputy relieves a stand-in only while the
 * facilitator is away, since a present facilitator chose to hand the role on.
 */
export function rotaClaims(
  state: SessionState,
  who: ParticipantId,
): FacilitatorChangeReason | null {
  const role = rotaRoleOf(state.rota, who);
  const holder = state.facilitator;
  if (role === null || holder === who || rotaRoleOf(state.rota, holder) !== null) return null;
  if (role === 'facilitator') return 'rota';
  const facilitator = state.rota.facilitator;
  return facilitator !== null && isPresent(state, facilitator) ? null : 'deputy';
}

/**
 * Who takes over from a facilitator who left: the deputy first, then the rota's facilitator
 * (when the deputy held it and left), then the longest-present member, so the room is never
 * without someone to steer.
 */
export function successorOf(
  state: SessionState,
): { id: ParticipantId; reason: FacilitatorChangeReason } | null {
  const { deputy, facilitator } = state.rota;
  if (deputy !== null && isPresent(state, deputy)) return { id: deputy, reason: 'deputy' };
  if (facilitator !== null && isPresent(state, facilitator))
    return { id: facilitator, reason: 'rota' };
  const longest = state.participants.filter((p) => p.present).sort((a, b) => a.seq - b.seq)[0];
  return longest ? { id: longest.id, reason: 'left' } : null;
}
