import { currentPhase, silentListeners, type SessionState } from '@roundtable/protocol';
import type { BoardContext } from './board-rules.ts';

/** What the board rules need, read off the engine state for one writer. */
export function boardContext(
  state: SessionState,
  participantId: string,
  onRemoval: BoardContext['onRemoval'],
): BoardContext {
  const round = state.round;
  const phase = currentPhase(state);
  const open =
    !state.ended && phase && phase.cards.length > 0
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
    onRemoval,
  };
}
