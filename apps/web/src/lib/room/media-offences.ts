import type { MediaOffence } from '@roundtable/wire';

/** How a source a disguised track claimed reads in a sentence. */
const CLAIMED: Record<string, string> = {
  camera: 'a camera',
  screen_share: 'a screen share',
  unknown: 'an unnamed track',
};

export interface OffenceNote {
  readonly participantId: string;
  readonly cutOff: boolean;
  readonly text: string;
}

/**
 * The server's record of disguised audio, in plain words for the facilitator: whose device
 * sent sound labelled as something else, and what the server did. Newest offence per person.
 */
export function offenceNotes(
  offences: Readonly<Record<string, readonly MediaOffence[]>>,
  nameOf: (participantId: string) => string,
): OffenceNote[] {
  return Object.entries(offences)
    .filter(([, list]) => list.length > 0)
    .map(([participantId, list]) => {
      const last = list[list.length - 1]!;
      const who = nameOf(participantId);
      const as = CLAIMED[last.claimed] ?? `a ${last.claimed} track`;
      const cutOff = list.some((o) => o.action === 'cut-off');
      const text = cutOff
        ? `${who}'s device sent sound disguised as ${as} again, so their audio and video are off for the rest of this session.`
        : `${who}'s device sent sound disguised as ${as}. Nobody heard it: the server took it away. Once more and their audio and video are off for the session.`;
      return { participantId, cutOff, text };
    });
}
