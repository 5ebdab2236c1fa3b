import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  view: await api(fetch).program(params.programId),
});
