import { loadCredential } from '#lib/credentials.ts';
import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const [lobby, me] = await Promise.all([
    api(fetch).meetingLobby(params.groupId, params.sessionId),
    api(fetch).me(),
  ]);
  return {
    groupId: params.groupId,
    sessionId: params.sessionId,
    lobby,
    // The name this browser shows for its saved credential; sign-in asks for none, so the address.
    name: me.ok ? me.value.person.name.trim() || (me.value.person.email.split('@')[0] ?? '') : '',
    existing: loadCredential(params.sessionId),
  };
};
