import type { Credential } from '../credentials.ts';

export interface Lobby {
  readonly title: string;
  readonly groundRules: readonly string[];
  readonly role: 'facilitator' | 'member';
}

export type LobbyResult =
  { ok: true; lobby: Lobby } | { ok: false; status: number; message: string };

/** What the lobby shows, or why the invite does not open it. */
export async function fetchLobby(
  fetcher: typeof fetch,
  sessionId: string,
  invite: string,
): Promise<LobbyResult> {
  const query = new URLSearchParams({ invite });
  const response = await fetcher(`/api/sessions/${encodeURIComponent(sessionId)}/lobby?${query}`);
  const body = (await response.json().catch(() => ({}))) as Partial<Lobby> & {
    error?: { message?: string };
  };
  if (response.ok && body.title && body.groundRules && body.role) {
    return {
      ok: true,
      lobby: { title: body.title, groundRules: body.groundRules, role: body.role },
    };
  }
  return {
    ok: false,
    status: response.status,
    message: body.error?.message ?? `The lobby could not be opened (${response.status}).`,
  };
}

export type JoinResult = { ok: true; credential: Credential } | { ok: false; message: string };

export async function join(options: {
  sessionId: string;
  invite: string;
  name: string;
}): Promise<JoinResult> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(options.sessionId)}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invite: options.invite, name: options.name, acceptRules: true }),
  }).catch(() => null);
  if (!response) return { ok: false, message: 'The server could not be reached.' };
  const body = (await response.json().catch(() => ({}))) as {
    participantId?: string;
    resumeToken?: string;
    error?: { message?: string };
  };
  if (response.status === 201 && body.participantId && body.resumeToken) {
    return {
      ok: true,
      credential: {
        participantId: body.participantId,
        resumeToken: body.resumeToken,
        name: options.name.trim(),
      },
    };
  }
  return { ok: false, message: body.error?.message ?? `Joining failed (${response.status}).` };
}
