import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const [view, me] = await Promise.all([api(fetch).group(params.groupId), api(fetch).me()]);
  return { view, me: me.ok ? me.value.person : null };
};
