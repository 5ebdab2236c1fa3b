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
    name: me.ok ? me.value.person.name : '',
    existing: loadCredential(params.sessionId),
  };
};
