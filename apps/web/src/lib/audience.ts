import type { Audience, Phase, Protocol } from '@roundtable/protocol';
import { assertNever } from './assert-never.ts';
import { formatDuration } from './duration.ts';

type Roles = Protocol['roles'];

/**
 * Who an audience is, in the words a group uses ("Peers", "Mentor"), so that nobody has
 * to learn the protocol format to read a phase.
 */
export function describeAudience(audience: Audience, roles: Roles): string {
  if (typeof audience === 'object') {
    return roles.find((role) => role.id === audience.role)?.title ?? audience.role;
  }
  switch (audience) {
    case 'presenter':
      return 'Presenter';
    case 'peers':
    case 'peers-in-turn':
      return 'Peers';
    case 'everyone':
      return 'Everyone';
    case 'nobody':
      return 'Nobody';
    default:
      return assertNever(audience);
  }
}

/** Who speaks in a phase, including how turns are taken when peers speak one at a time. */
export function describeSpeakers(phase: Phase, roles: Roles): string {
  const who = describeAudience(phase.speakers, roles);
  const turns = phase.turns;
  switch (turns.rule) {
    case 'none':
      return who;
    case 'round-robin':
      return `${who}, one at a time (round-robin, ${formatDuration(turns.secondsPerTurn)} each)`;
    case 'raise-hand':
      return `${who}, one at a time (raise a hand, ${formatDuration(turns.secondsPerTurn)} each)`;
    default:
      return assertNever(turns);
  }
}

/** The silent listeners of a phase as a sentence, or undefined when nobody is held silent. */
export function describeSilence(phase: Phase, roles: Roles): string | undefined {
  if (phase.silent === 'nobody') return undefined;
  const who = describeAudience(phase.silent, roles);
  const plural = phase.silent === 'peers';
  return `${who} ${plural ? 'listen' : 'listens'} in silence`;
}
