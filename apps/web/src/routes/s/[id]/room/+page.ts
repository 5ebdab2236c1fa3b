import { loadCredential } from '#lib/credentials.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({
  sessionId: params.id,
  credential: loadCredential(params.id),
});
