import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const [me, protocols] = await Promise.all([api(fetch).me(), api(fetch).protocols()]);
  return { me, protocols: protocols.ok ? protocols.value.protocols : [] };
};
