import { BUILT_IN_PROTOCOLS } from '@roundtable/protocol';
import type { ProtocolOutline } from '#lib/room/catalog.ts';
import type { PageServerLoad } from './$types';

// Outlines of the built-in protocols, loaded on the server so the protocol schemas stay out
// of the room's bundle. The running round's full protocol arrives in the live state.
export const load: PageServerLoad = () => ({
  catalog: BUILT_IN_PROTOCOLS.map(({ id, title, minPeers, roles, phases }): ProtocolOutline => ({
    id,
    title,
    minPeers,
    roles,
    phases: phases.map((phase) => ({ id: phase.id, title: phase.title })),
  })),
});
