import type { Command, Protocol } from '@roundtable/protocol';
import { parseCommandPayload, refusal, type Refusal } from '@roundtable/wire';

/**
 * Turns a client's command payload into an engine command: the actor is the authenticated
 * participant, never something the client says, and protocols are looked up by id.
 */
export function toEngineCommand(
  payload: unknown,
  actor: string,
  protocols: ReadonlyMap<string, Protocol>,
): { ok: true; command: Command } | Refusal {
  const parsed = parseCommandPayload(payload);
  if (!parsed.ok) return parsed;
  const p = parsed.payload;
  if (p.type !== 'start-round') return { ok: true, command: { ...p, actor } as Command };
  const protocol = protocols.get(p.protocolId);
  if (!protocol)
    return refusal('unknown-protocol', `This session has no protocol "${p.protocolId}".`);
  const command: Command = { type: 'start-round', actor, presenter: p.presenter, protocol };
  return { ok: true, command: p.roles ? { ...command, roles: p.roles } : command };
}
