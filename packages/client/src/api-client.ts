import {
  apiPath,
  isRefusal,
  type ApiErrorCode,
  type ApiErrorCodes,
  type ApiRouteName,
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
  type ErrorCode,
  type WireError,
} from '@roundtable/wire';

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

/** A refusal, with the HTTP status (0 when the server could not be reached at all). */
export interface ApiFailure<C extends string = string> {
  readonly ok: false;
  readonly status: number;
  readonly error: WireError & { readonly code: C };
}

export type ApiResult<T, C extends string = string> =
  { readonly ok: true; readonly status: number; readonly value: T } | ApiFailure<C>;

type Outcome<T, R extends keyof ApiErrorCodes> = Promise<ApiResult<T, ApiErrorCode<R>>>;

interface Call {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** A JSON body; POST routes that take none are sent without. */
  readonly body?: unknown;
  /** A resume credential, sent as `Authorization: Bearer`. */
  readonly token?: string;
  /** Markdown downloads answer text; everything else JSON. */
  readonly as?: 'json' | 'text';
}

/** One request to a route of `API_ROUTES`, its answer read as the route documents it. */
function caller(base: string, fetcher: typeof fetch, always: Readonly<Record<string, string>>) {
  return async function call<T, C extends ErrorCode>(
    route: ApiRouteName,
    method: string,
    call: Call,
  ): Promise<ApiResult<T, C>> {
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    const headers: Record<string, string> = { ...always };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    const response = await fetcher(`${base}${apiPath(route, call.params)}${query}`, {
      method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    }).catch(() => null);
    if (!response) return failure<C>(0, 'The server could not be reached.');
    if (response.ok) {
      const value = call.as === 'text' ? await response.text() : await response.json();
      return { ok: true, status: response.status, value: value as T };
    }
    const body: unknown = await response.json().catch(() => null);
    // The server answers only the codes its route documents (ApiErrorCodes).
    if (isRefusal(body))
      return { ok: false, status: response.status, error: body.error as ApiFailure<C>['error'] };
    return failure<C>(response.status, `The server answered ${response.status}.`);
  };
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
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** No refusal to read: `internal`, which every route's codes include (CommonApiErrorCode). */
function failure<C extends ErrorCode>(status: number, message: string): ApiFailure<C> {
  const error = { code: 'internal', message } as ApiFailure<C>['error'];
  return { ok: false, status, error };
}

/** The value of a result that must have succeeded (tests, benches): throws with the refusal. */
export function valueOf<T>(result: ApiResult<T>, what: string): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  throw new Error(`${what}: ${result.status} ${code}: ${message}`);
}
