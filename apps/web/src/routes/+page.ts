import { api } from '#lib/programs/api.ts';
import type { PageLoad } from './$types';

// "My groups" is the signed-in person's, read with their session cookie: in the browser only.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => ({ me: await api(fetch).me() });
