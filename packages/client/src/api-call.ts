import {
  apiPath,
  isRefusal,
  type ApiErrorCode,
  type ApiErrorCodes,
  type ApiRouteName,
  type ErrorCode,
  type WireError,
} from '@roundtable/wire';

/** A refusal, with the HTTP status (0 when the server could not be reached at all). */
export interface ApiFailure<C extends string = string> {
  readonly ok: false;
  readonly status: number;
  readonly error: WireError & { readonly code: C };
}

export type ApiResult<T, C extends string = string> =
  { readonly ok: true; readonly status: number; readonly value: T } | ApiFailure<C>;

export type Outcome<T, R extends keyof ApiErrorCodes> = Promise<ApiResult<T, ApiErrorCode<R>>>;

export interface Call {
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
export type Caller = ReturnType<typeof caller>;

export function caller(
  base: string,
  fetcher: typeof fetch,
  always: Readonly<Record<string, string>>,
) {
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

/** No refusal to read: `internal`, which every route's codes include (CommonApiErrorCode). */
function failure<C extends ErrorCode>(status: number, message: string): ApiFailure<C> {
  const error = { code: 'internal', message } as ApiFailure<C>['error'];
  return { ok: false, status, error };
}
