import { loadCredential } from '#lib/credentials.ts';
import { fetchLobby } from '#lib/lobby/join.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url, fetch }) => {
  const invite = url.searchParams.get('invite');
  const existing = loadCredential(params.id);
  if (!invite) {
    return {
      sessionId: params.id,
      invite: null,
      existing,
      lobby: { ok: false as const, status: 401, message: 'This link has no invite in it.' },
    };
  }
  return {
    sessionId: params.id,
    invite,
    existing,
    lobby: await fetchLobby(fetch, params.id, invite),
  };
};
