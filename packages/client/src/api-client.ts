import {
  type CreatedSession,
  type CreateSessionRequest,
  type ExportKind,
  type HealthResponse,
  type InviteLinks,
  type JoinRequest,
  type JoinResponse,
  type LobbyResponse,
  type ProtocolsResponse,
  type ValidatedProtocol,
  type AddCoordinatorRequest,
  type ClaimSetupRequest,
  type PersonResponse,
} from '@roundtable/wire';
import { caller, type ApiResult, type Outcome } from './api-call.ts';
export type { ApiFailure, ApiResult } from './api-call.ts';
import { groupCalls, programCalls } from './program-calls.ts';

export interface ApiClientOptions {
  /** The server's origin, e.g. `http://127.0.0.1:3000`; `''` for the page's own origin. */
  readonly baseUrl: string;
  /** Defaults to the global `fetch`; SvelteKit's `load` passes its own. */
  readonly fetch?: typeof fetch;
  /**
   * Sent with every request. Outside a browser this is how a signed-in caller sends its session
   * cookie (and the `Origin` cookie-authenticated writes need); a page's own fetch sends both.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one HTTP client of the API (wire-protocol.md section 2), for the web app, tests and
 * benches alike. It never throws for an expected failure: a refusal comes back as a value, and
 * a server out of reach as status 0 with code `internal`, as LiveClient reports a lost ack.
 */
export function createApiClient(options: ApiClientOptions) {
  // Called as a plain function: a browser's fetch refuses to run as another object's method.
  const call = caller(
    options.baseUrl.replace(/\/+$/, ''),
    options.fetch ?? globalThis.fetch,
    options.headers ?? {},
  );
  return {
    health: (): Outcome<HealthResponse, 'health'> => call('health', 'GET', {}),
    protocols: (): Outcome<ProtocolsResponse, 'protocols'> => call('protocols', 'GET', {}),
    /** Checks a custom protocol without storing it: the normalised protocol, or its issues. */
    validateProtocol: (protocol: unknown): Outcome<ValidatedProtocol, 'validateProtocol'> =>
      call('validateProtocol', 'POST', { body: protocol }),
    /** Needs a signed-in person: the session cookie (sent by the page, or in `headers`). */
    createSession: (request: CreateSessionRequest): Outcome<CreatedSession, 'createSession'> =>
      call('createSession', 'POST', { body: request }),
    lobby: (sessionId: string, invite: string): Outcome<LobbyResponse, 'lobby'> =>
      call('lobby', 'GET', { params: { id: sessionId }, query: { invite } }),
    join: (sessionId: string, request: JoinRequest): Outcome<JoinResponse, 'join'> =>
      call('join', 'POST', { params: { id: sessionId }, body: request }),
    /** The facilitator revokes every invite link and gets new ones. */
    rotateInvites: (sessionId: string, token: string): Outcome<InviteLinks, 'rotateInvites'> =>
      call('rotateInvites', 'POST', { params: { id: sessionId }, token }),
    /** One's own notes or take-aways, as Markdown text. */
    download: (sessionId: string, kind: ExportKind, token: string): Outcome<string, 'download'> =>
      call(kind, 'GET', { params: { id: sessionId }, token, as: 'text' }),
    /** The signed-in person (the session cookie) becomes the first coordinator. */
    claimSetup: (request: ClaimSetupRequest): Outcome<PersonResponse, 'claimSetup'> =>
      call('claimSetup', 'POST', { body: request }),
    /** A coordinator makes the person who signs in with `email` a coordinator too. */
    addCoordinator: (request: AddCoordinatorRequest): Outcome<PersonResponse, 'addCoordinator'> =>
      call('addCoordinator', 'POST', { body: request }),
    ...programCalls(call),
    ...groupCalls(call),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The value of a result that must have succeeded (tests, benches): throws with the refusal. */
export function valueOf<T>(result: ApiResult<T>, what: string): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  throw new Error(`${what}: ${result.status} ${code}: ${message}`);
}
