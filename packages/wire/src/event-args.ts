import * as v from 'valibot';
import { LIMITS } from './board.ts';
import { refusal, type Refusal } from './errors.ts';

/**
 * The arguments of each client event, without its acknowledgement (which Socket.IO always puts
 * last). The server checks them before anything else, so a call with too few, too many or
 * wrongly typed arguments is answered `invalid-payload` instead of being left without an answer.
 * What the values mean (a command's fields, a sync message's content) is checked later.
 */
const exactly = <const T extends v.TupleItems>(items: T) =>
  v.strictTuple(items, 'one argument too many');
const binary = v.instance(Uint8Array, 'a binary value (Uint8Array) is needed');

export const EVENT_ARGS = {
  command: exactly([v.nonOptional(v.unknown(), 'a command payload is needed')]),
  sync: exactly([v.string('a document name is needed'), binary]),
  clock: exactly([v.pipe(v.number('a number is needed'), v.finite())]),
  'media-token': exactly([]),
  awareness: exactly([
    v.pipe(
      binary,
      v.check(
        (update) => update.byteLength <= LIMITS.awarenessBytes,
        `at most ${LIMITS.awarenessBytes} bytes`,
      ),
    ),
  ]),
} as const;

export type ClientEventName = keyof typeof EVENT_ARGS;
export type EventArgs<E extends ClientEventName> = v.InferOutput<(typeof EVENT_ARGS)[E]>;

/** Arguments that fit, or the `invalid-payload` refusal an ack carries as it is. */
export type ParsedArgs<E extends ClientEventName> = { ok: true; args: EventArgs<E> } | Refusal;

/** Checks one event's arguments; the message names the first problem, by argument position. */
export function parseEventArgs<E extends ClientEventName>(
  event: E,
  args: readonly unknown[],
): ParsedArgs<E> {
  const result = v.safeParse(EVENT_ARGS[event], args);
  if (result.success) return { ok: true, args: result.output as EventArgs<E> };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  const where = path === null ? '' : `argument ${Number(path.split('.')[0]) + 1}: `;
  const expected = EVENT_ARGS[event].items.length;
  return refusal(
    'invalid-payload',
    `"${event}" takes ${expected} argument${expected === 1 ? '' : 's'}; ${where}${issue?.message ?? 'invalid'}`,
  );
}
