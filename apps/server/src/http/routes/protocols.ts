import { BUILT_IN_PROTOCOLS, parseProtocol } from '@roundtable/protocol';
import { apiError, json, type Reply } from '../../transport-reply.ts';

export function listProtocols(): Reply {
  return json(200, { protocols: BUILT_IN_PROTOCOLS });
}

/**
 * Checks a group's own protocol without storing it, so an editor can show problems field
 * by field. A valid protocol comes back normalised (defaults filled in, text trimmed).
 */
export function validateProtocol(body: unknown): Reply {
  const parsed = parseProtocol(body);
  if (parsed.ok) return json(200, { protocol: parsed.protocol });
  const count = parsed.issues.length;
  return apiError(
    422,
    'invalid-protocol',
    `The protocol has ${count} problem${count === 1 ? '' : 's'}.`,
    {
      issues: parsed.issues,
    },
  );
}
