import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const me = await api(fetch).me();
  return { token: url.searchParams.get('token'), person: me.ok ? me.value.person : null };
};
