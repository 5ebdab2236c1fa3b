import {
  eligibleSpeakers,
  silentListeners,
  speakersNow,
  type ParticipantId,
  type SessionState,
} from '@roundtable/protocol';

/**
 * What the protocol lets a person do with their voice right now. The media server enforces
 * it; the room shows it, so nobody wonders why their microphone is closed.
 */
export type Voice = 'speaking' | 'silent' | 'muted';

export interface PersonView {
  readonly id: ParticipantId;
  readonly name: string;
  readonly present: boolean;
  readonly isMe: boolean;
  readonly isFacilitator: boolean;
  /** This meeting's place on the group's rota, whoever facilitates right now. */
  readonly rota: 'facilitator' | 'deputy' | null;
  readonly isPresenter: boolean;
  /** Titles of the protocol roles held this round, e.g. ["Mentor"]. */
  readonly roles: readonly string[];
  readonly voice: Voice;
  readonly holdsTurn: boolean;
  /** 1 for the oldest raised hand; null when the hand is down. */
  readonly handPosition: number | null;
}

function roleTitlesOf(state: SessionState, id: ParticipantId): string[] {
  const round = state.round;
  if (!round) return [];
  return Object.entries(round.roles)
    .filter(([, holder]) => holder === id)
    .map(([roleId]) => round.protocol.roles.find((r) => r.id === roleId)?.title ?? roleId);
}

function rotaPlaceOf(state: SessionState, id: ParticipantId): PersonView['rota'] {
  if (state.rota.facilitator === id) return 'facilitator';
  return state.rota.deputy === id ? 'deputy' : null;
}

/** Everyone who has been in the room, in order of arrival, as the room shows them. */
export function peopleOf(state: SessionState, me: ParticipantId | null): PersonView[] {
  const speaking = new Set(speakersNow(state));
  const silent = new Set(silentListeners(state));
  const holder = state.round?.turns?.holder ?? null;
  return [...state.participants]
    .sort((a, b) => a.seq - b.seq)
    .map((p) => {
      const hand = state.hands.indexOf(p.id);
      return {
        id: p.id,
        name: p.name,
        present: p.present,
        isMe: p.id === me,
        isFacilitator: state.facilitator === p.id,
        rota: rotaPlaceOf(state, p.id),
        isPresenter: state.round?.presenter === p.id,
        roles: roleTitlesOf(state, p.id),
        voice: speaking.has(p.id) ? 'speaking' : silent.has(p.id) ? 'silent' : 'muted',
        holdsTurn: holder === p.id,
        handPosition: hand === -1 ? null : hand + 1,
      };
    });
}

/** What the room needs to know about the person at this screen. */
export interface MySeat {
  readonly isFacilitator: boolean;
  readonly isPresenter: boolean;
  readonly roles: readonly string[];
  readonly voice: Voice;
  readonly holdsTurn: boolean;
  readonly handRaised: boolean;
  /** Whether this phase's speakers include me, turns aside: who may queue for a turn. */
  readonly mayTakeTurn: boolean;
}

export function seatOf(state: SessionState, me: ParticipantId | null): MySeat {
  const mine = peopleOf(state, me).find((p) => p.isMe);
  return {
    isFacilitator: mine?.isFacilitator ?? false,
    isPresenter: mine?.isPresenter ?? false,
    roles: mine?.roles ?? [],
    voice: mine?.voice ?? 'muted',
    holdsTurn: mine?.holdsTurn ?? false,
    handRaised: mine?.handPosition != null,
    mayTakeTurn: me !== null && eligibleSpeakers(state).includes(me),
  };
}

export function nameOf(state: SessionState, id: ParticipantId | null | undefined): string {
  if (!id) return 'Nobody';
  return state.participants.find((p) => p.id === id)?.name ?? 'Someone who left';
}
