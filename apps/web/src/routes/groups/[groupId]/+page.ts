import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const [view, me] = await Promise.all([api(fetch).group(params.groupId), api(fetch).me()]);
  const person = me.ok ? me.value.person : null;
  // A coordinator may change who is in the group: from the program's members.
  const program =
    view.ok && person?.role === 'coordinator'
      ? await api(fetch).program(view.value.group.programId)
      : null;
  return { view, me: person, programMembers: program?.ok ? program.value.members : null };
};
