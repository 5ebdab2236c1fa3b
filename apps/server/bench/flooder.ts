import { addCard, editCard } from '@roundtable/client';
import { BOARD, LIMITS, type Card } from '@roundtable/wire';
import { BUCKETS } from '../src/limits/buckets.ts';
import { phaseIdOf, type Crew, type Member } from './crew.ts';
import { OPEN_PHASES } from './schedule.ts';

/** What the flooder sent and how the server answered, by outcome. */
export class FloodCounts {
  readonly commands = new Map<string, number>();
  readonly edits = new Map<string, number>();

  add(kind: 'commands' | 'edits', outcome: string): void {
    const into = this[kind];
    into.set(outcome, (into.get(outcome) ?? 0) + 1);
  }

  line(kind: 'commands' | 'edits'): string {
    const entries = [...this[kind]].sort((a, b) => b[1] - a[1]);
    const total = entries.reduce((n, [, c]) => n + c, 0);
    return `${total} (${entries.map(([outcome, n]) => `${outcome} ${n}`).join(', ')})`;
  }
}

/**
 * The server's default limits as a pace: one board update per sync point, each as large as
 * the byte budget allows per update, so both sync budgets run out together. "As fast as
 * allowed" is this pace: faster is only refused.
 */
const rate = (bucket: 'commands' | 'sync' | 'sync-bytes') => BUCKETS[bucket].default;
const CARD_BYTES = 1100; // a 1,000-character card, as a Yjs update
export const FLOOD_PACE = {
  commandMs: (rate('commands').seconds * 1000) / rate('commands').points,
  editMs: (rate('sync').seconds * 1000) / rate('sync').points,
  cardsPerEdit: Math.max(
    1,
    Math.floor(rate('sync-bytes').points / rate('sync').points / CARD_BYTES),
  ),
} as const;

/** The member who floods: the last peer (0 facilitates, 1 presents). */
export const FLOODER_INDEX = 7;
const flooderOf = (crew: Crew): Member => crew.members[FLOODER_INDEX]!;

/**
 * One member sending at its limits: raising and lowering its hand as often as the command
 * limit allows, and rewriting its own cards (1,000 characters each, the most a card holds) as
 * often and as much as the sync limits allow, each a real accepted-and-relayed board update.
 */
export function startFlood(crew: Crew, counts: FloodCounts): { stop(): void } {
  const flooder = flooderOf(crew);
  const client = flooder.client;
  const ownCards = new Map<string, string[]>();
  let edits = 0;

  const command = () => {
    const raised = client.state?.hands.includes(flooder.participantId) ?? false;
    void client.command({ type: raised ? 'lower-hand' : 'raise-hand' }).then((ack) => {
      counts.add('commands', ack.ok ? 'accepted' : ack.error.code);
    });
  };
  const edit = () => {
    const phaseId = phaseIdOf(client.state);
    const phase = Object.values(OPEN_PHASES).find((p) => p.id === phaseId);
    if (!phase) return;
    const board = client.docs.board;
    const cards = board.getMap<Card>(BOARD.cards);
    const text = String.fromCharCode(97 + (edits++ % 26)).repeat(LIMITS.cardText);
    const mine = (ownCards.get(phase.id) ?? []).filter((id) => cards.has(id));
    ownCards.set(phase.id, mine);
    // One transaction, one update: the flooder's own cards of this phase, all rewritten.
    board.transact(() => {
      for (const id of mine) editCard(board, id, text);
      while (mine.length < FLOOD_PACE.cardsPerEdit) {
        const card = addCard(board, {
          author: flooder.participantId,
          round: 1,
          phase: phase.id,
          kind: phase.kind,
          text,
          created: Date.now(),
        });
        mine.push(card.id);
      }
    });
    void client.flush().then((acks) => {
      const ack = acks.at(-1);
      if (ack) counts.add('edits', ack.ok ? 'accepted' : ack.error.code);
    });
  };
  const timers = [setInterval(command, FLOOD_PACE.commandMs), setInterval(edit, FLOOD_PACE.editMs)];
  return { stop: () => timers.forEach(clearInterval) };
}
