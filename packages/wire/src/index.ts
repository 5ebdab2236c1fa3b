export {
  BOARD,
  CardSchema,
  LIMITS,
  NOTES_TEXT,
  VerdictSchema,
  type Card,
  type Verdict,
} from './board.ts';
export {
  CommandPayloadSchema,
  parseCommandPayload,
  type ClientCommandType,
  type CommandPayload,
  type ParsedPayload,
} from './commands.ts';
export {
  EVENT_ARGS,
  parseEventArgs,
  type ClientEventName,
  type EventArgs,
  type ParsedArgs,
} from './event-args.ts';
export {
  CONNECT_ERRORS,
  ERROR_CODES,
  HTTP_ERROR_CODES,
  SERVER_ERROR_CODES,
  connectError,
  isRefusal,
  refusal,
  type Ack,
  type ConnectErrorData,
  type ConnectErrorReason,
  type ErrorCode,
  type HttpErrorCode,
  type Issue,
  type Refusal,
  type ServerErrorCode,
  type WireError,
} from './errors.ts';
export {
  CLIENT_DOCS,
  type ClientDocName,
  type ClientToServerEvents,
  type ClockReply,
  type MediaTokenReply,
  type ServerToClientEvents,
  type Welcome,
} from './events.ts';
export {
  STATE_KEYS,
  STATE_ROOT,
  readStateValue,
  type StateKey,
  type StateSource,
  type StateValues,
  type CardRemoval,
  type Confidentiality,
  type MediaOffence,
  type MediaState,
  type TalkTimeSummary,
  type SessionInfo,
} from './state-doc.ts';
export { readState, writeState } from './state-projection.ts';
export { DEFAULT_GROUND_RULES, GROUND_RULE_LIMITS } from './ground-rules.ts';
export {
  API_ROUTES,
  apiPath,
  type ApiErrorCode,
  type ApiErrorCodes,
  type ApiRouteName,
  type CommonApiErrorCode,
  type CreateSessionRequest,
  type CreatedSession,
  type CredentialErrorCode,
  type ExportKind,
  type HealthResponse,
  type InviteLinks,
  type JoinRequest,
  type JoinResponse,
  type LobbyResponse,
  type ProtocolsResponse,
  type SignedInErrorCode,
  type ValidatedProtocol,
} from './http.ts';
export {
  type AddCoordinatorRequest,
  type ClaimSetupRequest,
  type Person,
  type PersonResponse,
  type Role,
} from './people.ts';
