export { CARD_KINDS, type CardKind } from './cards.ts';
export { CardSchema, VerdictSchema, type Card, type Verdict } from './board-card.ts';
export {
  ABSENT,
  checkBoardUpdate,
  isBoardRejection,
  type BoardAccepted,
  type BoardChange,
  type BoardUpdate,
  type CardLookup,
  type CardRemoved,
} from './board-changes.ts';
export {
  addableCardKinds,
  cardPermissions,
  NO_CARD_PERMISSIONS,
  type CardPermissions,
} from './board-permissions.ts';
export {
  BOARD_REJECTION_CODES,
  type BoardRejection,
  type BoardRejectionCode,
} from './board-rejection.ts';
export { PROTOCOL_LIMITS } from './limits.ts';
export {
  PROTOCOL_FORMAT,
  parseProtocol,
  protocolSchema,
  type Audience,
  type ParseResult,
  type Phase,
  type Protocol,
  type ProtocolInput,
  type ProtocolIssue,
  type TurnRule,
} from './definition.ts';
export { BUILT_IN_PROTOCOLS, findBuiltInProtocol } from './builtins.ts';
export { FACILITATOR_COMMANDS, type Command, type CommandType, type RotaRole } from './commands.ts';
export { FORMER_MEMBER } from './forget.ts';
export type { FacilitatorChangeReason, SessionEvent, TurnEndReason } from './events.ts';
export {
  REJECTION_CODES,
  isRejection,
  reject,
  type Rejection,
  type RejectionCode,
} from './rejection.ts';
export {
  initialState,
  type Participant,
  type ParticipantId,
  type Reminder,
  type Rota,
  type Round,
  type RoundSummary,
  type SessionState,
  type Turns,
} from './state.ts';
export type { Clock } from './clock.ts';
export {
  currentPhase,
  eligibleSpeakers,
  remaining,
  silentListeners,
  speakersNow,
  turnOrder,
  type Remaining,
  type TurnOrder,
} from './queries.ts';
export { nextDeadline, step, tick } from './step.ts';
export type { Transition } from './transition.ts';
