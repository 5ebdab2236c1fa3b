import type { Protocol } from '@roundtable/protocol';
import type { SessionInfo } from '@roundtable/wire';
import type { SessionRecord } from '../store/store.ts';
import type { SessionOptions } from './session-options.ts';

/** What every client is shown of a session (in its state document), read off its record. */
export function sessionInfo(
  record: SessionRecord,
  protocols: ReadonlyMap<string, Protocol>,
): SessionInfo {
  const options = record.options as SessionOptions;
  return {
    id: record.id,
    title: record.title,
    groundRules: options.groundRules,
    confidentiality: options.confidentiality,
    // Sessions stored before the option existed have no key: treat them as unencrypted.
    e2ee: Boolean(options.e2eeKey),
    protocols: [...protocols.values()].map((p) => ({
      id: p.id,
      title: p.title,
      minPeers: p.minPeers,
      roles: p.roles,
      phases: p.phases.map((phase) => ({ id: phase.id, title: phase.title })),
    })),
    defaultProtocolId: options.defaultProtocolId,
    createdAt: record.createdAt,
  };
}
