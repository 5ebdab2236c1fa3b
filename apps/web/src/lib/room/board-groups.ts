import { CARD_KINDS, type CardKind } from '@roundtable/protocol';
import type { Card } from '@roundtable/wire';
import type { ProtocolOutline } from './catalog.ts';

export interface KindGroup {
  readonly kind: CardKind;
  readonly cards: readonly Card[];
}

export interface PhaseGroup {
  readonly phaseId: string;
  readonly title: string;
  readonly kinds: readonly KindGroup[];
}

export interface RoundGroup {
  readonly round: number;
  readonly protocolTitle: string | null;
  readonly phases: readonly PhaseGroup[];
}

/**
 * The board as people read it: by round (newest first, since the current round is what the
 * room is talking about), then by phase in the protocol's order, then by kind of card.
 * `protocolOf` names the protocol a round ran; a round of unknown protocol falls back to
 * the order in which its phases first got cards.
 */
export function groupBoard(
  cards: readonly Card[],
  protocolOf: (round: number) => ProtocolOutline | undefined,
): RoundGroup[] {
  const byRound = groupBy(cards, (card) => card.round);
  return [...byRound.entries()]
    .sort(([a], [b]) => b - a)
    .map(([round, roundCards]) => {
      const protocol = protocolOf(round);
      const order = (phaseId: string) => {
        const index = protocol?.phases.findIndex((p) => p.id === phaseId) ?? -1;
        return index === -1 ? Number.MAX_SAFE_INTEGER : index;
      };
      const phases = [...groupBy(roundCards, (card) => card.phase).entries()]
        .sort(([a], [b]) => order(a) - order(b))
        .map(([phaseId, phaseCards]) => ({
          phaseId,
          title: protocol?.phases.find((p) => p.id === phaseId)?.title ?? phaseId,
          kinds: CARD_KINDS.map((kind) => ({
            kind,
            cards: phaseCards.filter((card) => card.kind === kind),
          })).filter((group) => group.cards.length > 0),
        }));
      return { round, protocolTitle: protocol?.title ?? null, phases };
    });
}

/** Groups keep the order in which their first member appears, and members their order. */
function groupBy<K, T>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
