import type { CardKind } from './cards.ts';
import { currentPhase, silentListeners } from './queries.ts';
import type { ParticipantId, SessionState } from './state.ts';

/** What the board rules need to know about one writer and the session at this moment. */
export interface BoardSeat {
  readonly participantId: ParticipantId;
  /** After the session ends the board is a record: kept or cleared, never changed. */
  readonly ended: boolean;
  readonly isFacilitator: boolean;
  readonly isPresenter: boolean;
  /** The current round's number, or null between rounds and after the end. */
  readonly round: number | null;
  /** The current phase and the card kinds it accepts, or null when it accepts none. */
  readonly open: { readonly phase: string; readonly kinds: readonly CardKind[] } | null;
  readonly isSilentListener: boolean;
}

/** The writer's seat at the board, read off the engine state. */
export function boardSeat(state: SessionState, participantId: ParticipantId): BoardSeat {
  const round = state.round;
  const phase = currentPhase(state);
  const open =
    !state.ended && round && phase && phase.cards.length > 0
      ? { phase: phase.id, kinds: phase.cards }
      : null;
  return {
    participantId,
    ended: state.ended,
    isFacilitator: state.facilitator === participantId,
    isPresenter: round?.presenter === participantId,
    round: state.ended ? null : (round?.number ?? null),
    open,
    isSilentListener: silentListeners(state).includes(participantId),
  };
}
