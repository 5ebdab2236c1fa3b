import { createApiClient } from '@roundtable/client';
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
  const lobby = await createApiClient({ baseUrl: '', fetch: fetcher }).lobby(sessionId, invite);
  if (!lobby.ok) return { ok: false, status: lobby.status, message: lobby.error.message };
  const { title, groundRules, role } = lobby.value;
  return { ok: true, lobby: { title, groundRules, role } };
}

export type JoinResult = { ok: true; credential: Credential } | { ok: false; message: string };

export async function join(options: {
  sessionId: string;
  invite: string;
  name: string;
}): Promise<JoinResult> {
  const joined = await createApiClient({ baseUrl: '' }).join(options.sessionId, {
    invite: options.invite,
    name: options.name,
    acceptRules: true,
  });
  if (!joined.ok) return { ok: false, message: joined.error.message };
  const { participantId, resumeToken } = joined.value;
  return { ok: true, credential: { participantId, resumeToken, name: options.name.trim() } };
}
