import { BUILT_IN_PROTOCOLS } from '@roundtable/protocol';
import type { PageServerLoad } from './$types';

// Loaded on the server so the schema library behind the protocol package stays out of
// the browser bundle: the page only needs the parsed data.
export const load: PageServerLoad = () => ({ protocols: BUILT_IN_PROTOCOLS });
