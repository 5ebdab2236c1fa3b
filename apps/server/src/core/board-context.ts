import type { CardRemoved, ParticipantId, SessionState } from '@roundtable/protocol';

/** Who writes to the board, the engine state their update is judged by, and where removals go. */
export interface BoardContext {
  readonly state: SessionState;
  readonly participantId: ParticipantId;
  /** Called for each card the facilitator removed, once the update is accepted, to record it. */
  readonly onRemoval: (cardId: CardRemoved['cardId'], author: CardRemoved['author']) => void;
}

export function boardContext(
  state: SessionState,
  participantId: ParticipantId,
  onRemoval: BoardContext['onRemoval'],
): BoardContext {
  return { state, participantId, onRemoval };
}
