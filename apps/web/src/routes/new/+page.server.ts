import { BUILT_IN_PROTOCOLS } from '@roundtable/protocol';
import type { PageServerLoad } from './$types';

// Only what the form shows, loaded on the server so the protocol schemas stay out of the page.
export const load: PageServerLoad = () => ({
  protocols: BUILT_IN_PROTOCOLS.map(({ id, title, summary }) => ({ id, title, summary })),
});
