import { BOARD, CardSchema, LIMITS, VerdictSchema, type WireError } from '@roundtable/wire';
import * as v from 'valibot';
import * as Y from 'yjs';
import { transientValues } from './doc-shape.ts';
import type { Inspector } from './guarded-doc.ts';

/** What the board rules need to know about the writer and the room at this moment. */
export interface BoardContext {
  readonly participantId: string;
  /** After the session ends the board is a record: kept or cleared, never changed. */
  readonly ended: boolean;
  readonly isFacilitator: boolean;
  readonly isPresenter: boolean;
  /** The current round's number, or null between rounds. */
  readonly round: number | null;
  /** The current phase and the card kinds it accepts, or null when it accepts none. */
  readonly open: { readonly phase: string; readonly kinds: readonly string[] } | null;
  readonly isSilentListener: boolean;
  /** Called for each card the facilitator removed, so the removal is recorded. */
  readonly onRemoval: (cardId: string, author: string) => void;
}

const refuse = (code: WireError['code'], message: string): WireError => ({ code, message });

/**
 * The board's rules, checked against what an update actually did to the shadow copy. The
 * document's shape (two maps of plain values) is checked before, by the GuardedDoc.
 */
export function boardInspector(ctx: BoardContext): Inspector {
  return (tr, shadow) => {
    const cards = shadow.getMap(BOARD.cards);
    const verdicts = shadow.getMap(BOARD.verdicts);
    for (const [changed, keys] of tr.changed) {
      // Yjs types the changed set loosely; identity with the roots is what matters.
      const type = changed as unknown;
      let problem: WireError | null;
      // Only a real change is refused: a reconnecting client's empty sync changes nothing.
      if (ctx.ended)
        problem = refuse('board-closed', 'The session has ended; its board is closed.');
      else if (type === cards)
        problem = checkCards(ctx, new Y.YMapEvent(cards, tr, keys), transientValues(tr, cards));
      else if (type === verdicts)
        problem = checkVerdicts(
          ctx,
          new Y.YMapEvent(verdicts, tr, keys),
          transientValues(tr, verdicts),
          cards,
        );
      else problem = refuse('unknown-structure', 'The board holds only cards and verdicts.');
      if (problem) return problem;
    }
    return null;
  };
}

function checkCards(
  ctx: BoardContext,
  event: Y.YMapEvent<unknown>,
  transient: readonly [string, unknown][],
): WireError | null {
  const cards = event.target as Y.Map<unknown>;
  if (cards.size > LIMITS.cards)
    return refuse('too-large', `A board holds at most ${LIMITS.cards} cards.`);
  for (const [key, change] of event.changes.keys) {
    const before = change.oldValue as { author?: unknown } | undefined;
    if (change.action === 'delete') {
      const author = typeof before?.author === 'string' ? before.author : '';
      if (author === ctx.participantId && !ctx.isSilentListener) continue;
      if (ctx.isFacilitator) {
        ctx.onRemoval(key, author);
        continue;
      }
      return author === ctx.participantId
        ? refuse('silent-listener', 'You are listening in silence in this phase.')
        : refuse('not-your-card', 'Only its author or the facilitator can remove a card.');
    }
    if (change.action === 'update' && before?.author !== ctx.participantId) {
      return refuse('not-your-card', 'Only its author can edit a card.');
    }
    const problem = checkWrite(ctx, key, cards.get(key), before);
    if (problem) return problem;
  }
  for (const [key, value] of transient) {
    // What the key held before this update: the event's old value if it changed, else the same.
    const change = event.changes.keys.get(key);
    const before = (change ? change.oldValue : cards.get(key)) as { author?: unknown } | undefined;
    if (before && before.author !== ctx.participantId)
      return refuse('not-your-card', 'Only its author can edit a card.');
    const problem = checkWrite(ctx, key, value, before);
    if (problem) return problem;
  }
  return null;
}

/** A new or edited card: the writer's own, in the open phase, of a kind it accepts. */
function checkWrite(
  ctx: BoardContext,
  key: string,
  value: unknown,
  before: unknown,
): WireError | null {
  if (ctx.isSilentListener)
    return refuse('silent-listener', 'You are listening in silence in this phase.');
  if (!ctx.open || ctx.round === null)
    return refuse('board-closed', 'This phase does not take cards.');
  // Own properties only: a schema reading `key in value` would also find a prototype's.
  const own = typeof value === 'object' && value !== null ? { ...value } : value;
  const parsed = v.safeParse(CardSchema, own);
  if (!parsed.success)
    return refuse(
      'invalid-card',
      `Invalid card: ${parsed.issues[0]?.message ?? 'unknown problem'}.`,
    );
  const card = parsed.output;
  if (card.id !== key) return refuse('invalid-card', 'A card is stored under its own id.');
  if (card.author !== ctx.participantId)
    return refuse('not-your-card', 'You can only write cards as yourself.');
  const original = before as { phase?: string; round?: number } | undefined;
  const samePlace = original
    ? original.phase === card.phase && original.round === card.round
    : true;
  if (!samePlace) return refuse('invalid-card', 'A card stays in the phase it was written in.');
  if (!original && (card.phase !== ctx.open.phase || card.round !== ctx.round)) {
    return refuse('board-closed', 'New cards belong to the current phase.');
  }
  if (!ctx.open.kinds.includes(card.kind)) {
    return refuse('kind-not-accepted', `This phase takes ${ctx.open.kinds.join(', ')} cards.`);
  }
  return null;
}

function checkVerdicts(
  ctx: BoardContext,
  event: Y.YMapEvent<unknown>,
  transient: readonly [string, unknown][],
  cards: Y.Map<unknown>,
): WireError | null {
  if (!ctx.isPresenter) return refuse('not-presenter', 'Only the presenter sifts and sorts.');
  const verdicts = event.target as Y.Map<unknown>;
  const written: [string, unknown][] = [...transient];
  for (const [key, change] of event.changes.keys)
    if (change.action !== 'delete') written.push([key, verdicts.get(key)]);
  for (const [key, verdict] of written) {
    const card = cards.get(key) as { round?: number } | undefined;
    if (!card || card.round !== ctx.round) {
      return refuse('invalid-card', 'Verdicts are for cards of the current round.');
    }
    if (!v.is(VerdictSchema, verdict))
      return refuse('invalid-card', 'A verdict is "take" or "leave".');
  }
  return null;
}
