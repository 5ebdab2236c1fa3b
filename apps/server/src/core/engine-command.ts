import type { Command, Protocol } from '@roundtable/protocol';
import { parseCommandPayload, refusal, type Refusal } from '@roundtable/wire';

/** What the session knows that a command names: its protocols by id, its ground rules. */
export interface CommandContext {
  readonly protocols: ReadonlyMap<string, Protocol>;
  readonly ruleCount: number;
}

/**
 * Turns a client's command payload into an engine command: the actor is the authenticated
 * participant, never something the client says, protocols are looked up by id, and a raised
 * rule carries how many rules the session has, for the engine to check the index against.
 */
export function toEngineCommand(
  payload: unknown,
  actor: string,
  context: CommandContext,
): { ok: true; command: Command } | Refusal {
  const parsed = parseCommandPayload(payload);
  if (!parsed.ok) return parsed;
  const p = parsed.payload;
  if (p.type === 'raise-rule')
    return { ok: true, command: { ...p, actor, ruleCount: context.ruleCount } };
  if (p.type !== 'start-round') return { ok: true, command: { ...p, actor } as Command };
  const { protocols } = context;
  const protocol = protocols.get(p.protocolId);
  if (!protocol)
    return refusal('unknown-protocol', `This session has no protocol "${p.protocolId}".`);
  const command: Command = { type: 'start-round', actor, presenter: p.presenter, protocol };
  return { ok: true, command: p.roles ? { ...command, roles: p.roles } : command };
}
