import { PROTOCOL_LIMITS, type Command } from '@roundtable/protocol';
import * as v from 'valibot';
import { refusal, type Refusal } from './errors.ts';
import { GROUND_RULE_LIMITS } from './ground-rules.ts';

/**
 * What a client sends as a command: an engine command without `actor` (the server sets it
 * from the authenticated connection, so nobody can act as someone else), and with protocols
 * named by id rather than sent whole.
 */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const seconds = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1),
  v.maxValue(PROTOCOL_LIMITS.extensionSeconds),
);
const bare = <T extends string>(type: T) => v.strictObject({ type: v.literal(type) });

export const CommandPayloadSchema = v.variant('type', [
  bare('next-phase'),
  bare('previous-phase'),
  bare('pause'),
  bare('resume'),
  bare('next-turn'),
  bare('skip-turn'),
  bare('pass-turn'),
  bare('raise-hand'),
  bare('end-round'),
  bare('end-session'),
  v.strictObject({ type: v.literal('extend-phase'), seconds }),
  v.strictObject({ type: v.literal('extend-turn'), seconds }),
  v.strictObject({ type: v.literal('lower-hand'), who: v.optional(id) }),
  v.strictObject({ type: v.literal('grant-floor'), to: id }),
  v.strictObject({ type: v.literal('hand-facilitation'), to: id }),
  /** An index into the session's ground rules (`info.groundRules`). */
  v.strictObject({
    type: v.literal('raise-rule'),
    rule: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(GROUND_RULE_LIMITS.count - 1)),
  }),
  v.strictObject({
    type: v.literal('start-round'),
    presenter: id,
    protocolId: id,
    roles: v.optional(v.record(id, id)),
  }),
]);

export type CommandPayload = v.InferOutput<typeof CommandPayloadSchema>;

/**
 * Commands a client may send: join and leave follow the connection itself, and forget is the
 * server's when an account is deleted.
 */
export type ClientCommandType = Exclude<Command['type'], 'join' | 'leave' | 'forget'>;

/** A payload that fits, or the `invalid-payload` refusal an ack carries as it is. */
export type ParsedPayload = { ok: true; payload: CommandPayload } | Refusal;

export function parseCommandPayload(input: unknown): ParsedPayload {
  const result = v.safeParse(CommandPayloadSchema, input);
  if (result.success) return { ok: true, payload: result.output };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return refusal(
    'invalid-payload',
    `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid command'}`,
  );
}
