import type { Protocol } from '@roundtable/protocol';
import type { ConnectErrorReason, ErrorCode } from './errors.ts';
import type { Confidentiality, SessionInfo } from './state-doc.ts';

/**
 * The HTTP half of the contract (wire-protocol.md section 2): each route's method and path,
 * and what it takes and answers. The server's routes and `createApiClient` both read these,
 * so a path or a body cannot drift between them. Failures are `Refusal`s (errors.ts).
 */
export const API_ROUTES = {
  health: { method: 'GET', path: '/healthz' },
  protocols: { method: 'GET', path: '/api/protocols' },
  validateProtocol: { method: 'POST', path: '/api/protocols/validate' },
  createSession: { method: 'POST', path: '/api/sessions' },
  lobby: { method: 'GET', path: '/api/sessions/:id/lobby' },
  join: { method: 'POST', path: '/api/sessions/:id/join' },
  rotateInvites: { method: 'POST', path: '/api/sessions/:id/invites' },
  notes: { method: 'GET', path: '/api/sessions/:id/notes.md' },
  takeaways: { method: 'GET', path: '/api/sessions/:id/takeaways.md' },
  claimSetup: { method: 'POST', path: '/api/people/setup' },
  addCoordinator: { method: 'POST', path: '/api/people/coordinators' },
  // Programs, groups and the signed-in person's own data (programs.ts, section 2.5).
  me: { method: 'GET', path: '/api/me' },
  updateProfile: { method: 'POST', path: '/api/me/profile' },
  exportMeJson: { method: 'GET', path: '/api/me/export.json' },
  exportMeMarkdown: { method: 'GET', path: '/api/me/export.md' },
  deleteMe: { method: 'POST', path: '/api/me/delete' },
  createProgram: { method: 'POST', path: '/api/programs' },
  program: { method: 'GET', path: '/api/programs/:programId' },
  invite: { method: 'POST', path: '/api/programs/:programId/invitations' },
  acceptInvitation: { method: 'POST', path: '/api/invitations/accept' },
  createGroup: { method: 'POST', path: '/api/programs/:programId/groups' },
  changeMembers: { method: 'POST', path: '/api/groups/:groupId/members' },
  group: { method: 'GET', path: '/api/groups/:groupId' },
  proposeRules: { method: 'POST', path: '/api/groups/:groupId/rules' },
  acceptRules: { method: 'POST', path: '/api/groups/:groupId/rules/accept' },
  setRota: { method: 'POST', path: '/api/groups/:groupId/rota' },
  startMeeting: { method: 'POST', path: '/api/groups/:groupId/meetings' },
  meetingLobby: { method: 'GET', path: '/api/groups/:groupId/meetings/:sessionId/lobby' },
  enterMeeting: { method: 'POST', path: '/api/groups/:groupId/meetings/:sessionId/enter' },
} as const;

export type ApiRouteName = keyof typeof API_ROUTES;

/** A route's path with its `:name` segments filled in, each one percent-encoded. */
export function apiPath(
  route: ApiRouteName,
  params: Readonly<Record<string, string>> = {},
): string {
  return API_ROUTES[route].path.replace(/:([a-z]+)/gi, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`apiPath(${route}): no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/** Codes any route may answer (section 2.2), besides its own. */
export type CommonApiErrorCode =
  | 'invalid-path'
  | 'not-found'
  | 'method-not-allowed'
  | 'malformed-json'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'internal';

/** An invite or resume credential refused, or the session it names gone. */
export type CredentialErrorCode = ConnectErrorReason | 'session-ended';

export interface HealthResponse {
  readonly status: 'ok';
}

export interface ProtocolsResponse {
  readonly protocols: readonly Protocol[];
}

/** `POST /api/protocols/validate`: the protocol normalised, or `invalid-protocol` with issues. */
export interface ValidatedProtocol {
  readonly protocol: Protocol;
}

export interface CreateSessionRequest {
  readonly title: string;
  /**
   * A built-in protocol id, or a whole custom `roundtable.protocol/v1` definition (a
   * `ProtocolInput`). Typed loosely on purpose: it comes from an editor or a file, and the
   * server checks it field by field, answering `invalid-session` with the issues.
   */
  readonly protocol?: string | Readonly<Record<string, unknown>>;
  readonly groundRules?: readonly string[];
  readonly confidentiality?: Confidentiality;
  readonly e2ee?: boolean;
}

export interface InviteLinks {
  readonly facilitatorInvite: string;
  readonly memberInvite: string;
  readonly facilitatorLink: string;
  readonly memberLink: string;
}

export interface CreatedSession extends InviteLinks {
  readonly sessionId: string;
}

export interface LobbyResponse {
  readonly title: string;
  readonly groundRules: readonly string[];
  readonly role: 'facilitator' | 'member';
  readonly protocols: SessionInfo['protocols'];
}

export interface JoinRequest {
  readonly invite: string;
  readonly name: string;
  readonly acceptRules: boolean;
}

export interface JoinResponse {
  readonly participantId: string;
  /** The participant's resume credential: their identity from now on. */
  readonly resumeToken: string;
}

export type ExportKind = 'notes' | 'takeaways';

/** The codes each route answers besides `CommonApiErrorCode`. */
export interface ApiErrorCodes {
  readonly health: never;
  readonly protocols: never;
  readonly validateProtocol: 'invalid-protocol';
  readonly createSession: 'invalid-session' | 'sign-in-required' | 'cross-site-request';
  readonly lobby: CredentialErrorCode;
  readonly join: 'invalid-join' | 'rules-not-accepted' | CredentialErrorCode;
  // A resume credential stays good after the session ended (its people still read the summary
  // and download their notes), so these two never answer `session-ended`.
  readonly rotateInvites: 'not-facilitator' | ConnectErrorReason;
  readonly download: 'not-found' | ConnectErrorReason;
  readonly claimSetup: SignedInErrorCode | 'invalid-setup-link';
  readonly addCoordinator: SignedInErrorCode | 'not-coordinator' | 'person-not-found';
  readonly me: SignedInErrorCode;
  readonly updateProfile: SignedInErrorCode;
  readonly exportMeJson: SignedInErrorCode;
  readonly exportMeMarkdown: SignedInErrorCode;
  readonly deleteMe: SignedInErrorCode;
  readonly createProgram: SignedInErrorCode | 'not-coordinator';
  // A program or group the person may not see answers `not-found`, as an unknown one does.
  readonly program: SignedInErrorCode;
  readonly invite: SignedInErrorCode;
  readonly acceptInvitation:
    SignedInErrorCode | 'invalid-invitation' | 'invitation-for-another-address';
  readonly createGroup: SignedInErrorCode;
  readonly changeMembers: SignedInErrorCode;
  readonly group: SignedInErrorCode;
  readonly proposeRules: SignedInErrorCode | 'rules-changed';
  readonly acceptRules: SignedInErrorCode | 'rules-changed';
  readonly setRota: SignedInErrorCode;
  readonly startMeeting: SignedInErrorCode;
  readonly meetingLobby: SignedInErrorCode | 'session-ended';
  readonly enterMeeting:
    SignedInErrorCode | 'rules-not-accepted' | 'rules-changed' | 'session-ended';
}

/** What a route for the signed-in person answers before its own checks. */
export type SignedInErrorCode = 'sign-in-required' | 'cross-site-request' | 'invalid-request';

/** Checks at compile time that every route's codes are codes of the one list. */
export type ApiErrorCode<R extends keyof ApiErrorCodes> =
  (ApiErrorCodes[R] & ErrorCode) | CommonApiErrorCode;
