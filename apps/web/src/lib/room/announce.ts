import type { SessionEvent, SessionState } from '@roundtable/protocol';
import { assertNever } from '../assert-never.ts';
import { formatDuration } from '../duration.ts';
import { nameOf } from './people.ts';

export interface Listener {
  readonly me: string | null;
  /** The facilitator also hears raised hands: they decide who speaks next. */
  readonly isFacilitator: boolean;
}

/**
 * What a screen reader hears when something happens in the room, read against the state the
 * events led to (the server sends the state before the events). Null for events that change
 * nothing a person needs to hear, so the live region stays calm.
 */
export function announce(event: SessionEvent, state: SessionState, who: Listener): string | null {
  const name = (id: string) => (id === who.me ? 'You' : nameOf(state, id));
  const round = state.round;
  switch (event.type) {
    case 'participant-joined':
      return event.who === who.me ? null : `${name(event.who)} joined.`;
    case 'participant-left':
      return `${name(event.who)} left.`;
    case 'facilitator-changed':
      return facilitatorChanged(event, event.to === who.me ? null : name(event.to));
    case 'round-started':
      return `Round ${event.number} started: ${round?.protocol.title ?? 'a new round'}, presented by ${name(event.presenter)}.`;
    case 'phase-started': {
      const count = round?.protocol.phases.length;
      const title = round?.protocol.phases[event.phaseIndex]?.title ?? event.phaseId;
      return `Phase ${event.phaseIndex + 1}${count ? ` of ${count}` : ''}: ${title}.`;
    }
    case 'phase-time-up': {
      const title = round?.protocol.phases.find((p) => p.id === event.phaseId)?.title;
      return title ? `Time is up for ${title}.` : 'Time is up.';
    }
    case 'phase-extended':
      return `The phase was extended by ${formatDuration(event.seconds)}.`;
    case 'paused':
      return event.reason === 'presenter-left'
        ? 'The round is paused until the presenter is back.'
        : 'The round is paused.';
    case 'resumed':
      return 'The round resumed.';
    case 'turn-started':
      return event.holder === who.me ? 'Your turn to speak.' : `${name(event.holder)}'s turn.`;
    case 'turn-extended':
      return `${event.holder === who.me ? 'Your' : `${name(event.holder)}'s`} turn was extended by ${formatDuration(event.seconds)}.`;
    case 'turns-complete':
      return 'Everyone has had a turn.';
    case 'hand-raised':
      return who.isFacilitator && event.who !== who.me ? `${name(event.who)} raised a hand.` : null;
    case 'round-ended':
      return `Round ${event.number} ended.`;
    case 'session-ended':
      return 'The session has ended.';
    // The reminder banner is a polite live region of its own: it says rule-raised, rule included.
    case 'turn-ended':
    case 'hand-lowered':
    case 'rule-raised':
      return null;
    default:
      return assertNever(event);
  }
}

function facilitatorChanged(
  event: Extract<SessionEvent, { type: 'facilitator-changed' }>,
  /** The new facilitator's name, or null when it is the listener. */
  to: string | null,
): string {
  const why = event.reason === 'deputy' ? ', as the deputy' : '';
  return to === null ? `You are now the facilitator${why}.` : `${to} is now the facilitator${why}.`;
}

/** One sentence per batch: a command's events are announced together. */
export function announceAll(
  events: readonly SessionEvent[],
  state: SessionState,
  who: Listener,
): string | null {
  const said = events.map((e) => announce(e, state, who)).filter((s): s is string => s !== null);
  return said.length > 0 ? said.join(' ') : null;
}
