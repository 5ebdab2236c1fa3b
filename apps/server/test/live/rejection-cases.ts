import type { CommandPayload } from '@roundtable/wire';
/** The table for rejections.test.ts: how each engine rejection is reached over the wire. */
import type { RejectionCode } from '@roundtable/protocol';
import { expect } from 'vitest';
import { person, until, type Created } from './harness.ts';

export type Person = Awaited<ReturnType<typeof person>>;

/** Fran facilitates, Pat presents, Ali is a peer; `extra` holds anyone a case brings in. */
export interface Group {
  url: string;
  session: Created;
  fran: Person;
  pat: Person;
  ali: Person;
  extra: Person[];
}

/** Engine codes that no client command can produce, each with the reason. */
export const NOT_REACHABLE_BY_COMMAND: Partial<Record<RejectionCode, string>> = {
  'unknown-participant':
    'a command always acts as the authenticated participant, who joined the engine when their socket connected',
  'invalid-name':
    'names come only from POST /join, which validates them as the engine does; join is not a client command',
  'invalid-duration':
    'the wire schema bounds `seconds` exactly as the engine does, so a bad duration stops earlier as invalid-payload',
};

export interface Case {
  code: RejectionCode;
  situation: string;
  /** Drives the room to where the command is refused; every step must be accepted. */
  arrange?: (g: Group) => Promise<void>;
  by: (g: Group) => Person;
  payload: (g: Group) => CommandPayload;
}

async function accepted(by: Person, payload: CommandPayload): Promise<void> {
  expect(await by.client.command(payload), JSON.stringify(payload)).toEqual({ ok: true });
}

const startRound = (g: Group, protocolId = 'issue-analysis') =>
  accepted(g.fran, { type: 'start-round', presenter: g.pat.participantId, protocolId });

/** Issue Analysis at peer feedback: Fran holds the first turn, Ali is next, Pat listens. */
async function peerFeedback(g: Group): Promise<void> {
  await startRound(g);
  await accepted(g.fran, { type: 'next-phase' });
  await accepted(g.fran, { type: 'next-phase' });
}

async function leaves(g: Group, who: Person): Promise<void> {
  who.client.close();
  await until(
    () =>
      g.fran.client.state?.participants.find((p) => p.id === who.participantId)?.present === false,
    `${who.name} has left`,
  );
}

/** Each case: a fresh room, driven to where one command is refused with `code`. */
export const cases: Case[] = [
  {
    code: 'not-facilitator',
    situation: 'a member starts a round',
    by: (g) => g.ali,
    payload: (g) => ({
      type: 'start-round',
      presenter: g.pat.participantId,
      protocolId: 'issue-analysis',
    }),
  },
  {
    code: 'not-facilitator',
    situation: "a member lowers someone else's hand",
    arrange: (g) => accepted(g.pat, { type: 'raise-hand' }),
    by: (g) => g.ali,
    payload: (g) => ({ type: 'lower-hand', who: g.pat.participantId }),
  },
  {
    code: 'already-facilitator',
    situation: 'the facilitator hands facilitation to herself',
    by: (g) => g.fran,
    payload: (g) => ({ type: 'hand-facilitation', to: g.fran.participantId }),
  },
  {
    code: 'not-present',
    situation: 'facilitation is handed to someone who has left',
    arrange: async (g) => {
      g.extra.push(await person(g.url, g.session, 'Bo'));
      await leaves(g, g.extra[0]!);
    },
    by: (g) => g.fran,
    payload: (g) => ({ type: 'hand-facilitation', to: g.extra[0]!.participantId }),
  },
  {
    code: 'session-ended',
    situation: 'a member raises a hand after the end',
    arrange: (g) => accepted(g.fran, { type: 'end-session' }),
    by: (g) => g.ali,
    payload: () => ({ type: 'raise-hand' }),
  },
  {
    code: 'no-round',
    situation: 'next phase between rounds',
    by: (g) => g.fran,
    payload: () => ({ type: 'next-phase' }),
  },
  {
    code: 'round-in-progress',
    situation: 'a second round while one runs',
    arrange: (g) => startRound(g),
    by: (g) => g.fran,
    payload: (g) => ({
      type: 'start-round',
      presenter: g.ali.participantId,
      protocolId: 'issue-analysis',
    }),
  },
  {
    code: 'presenter-not-present',
    situation: 'the presenter has left',
    arrange: (g) => leaves(g, g.pat),
    by: (g) => g.fran,
    payload: (g) => ({
      type: 'start-round',
      presenter: g.pat.participantId,
      protocolId: 'issue-analysis',
    }),
  },
  {
    code: 'too-few-peers',
    situation: 'the facilitator presents alone',
    arrange: async (g) => {
      await leaves(g, g.pat);
      await leaves(g, g.ali);
    },
    by: (g) => g.fran,
    payload: (g) => ({
      type: 'start-round',
      presenter: g.fran.participantId,
      protocolId: 'issue-analysis',
    }),
  },
  {
    code: 'invalid-roles',
    situation: 'Veridical Report without a mentor',
    by: (g) => g.fran,
    payload: (g) => ({
      type: 'start-round',
      presenter: g.pat.participantId,
      protocolId: 'veridical-report',
    }),
  },
  {
    code: 'invalid-roles',
    situation: 'the presenter as their own mentor',
    by: (g) => g.fran,
    payload: (g) => ({
      type: 'start-round',
      presenter: g.pat.participantId,
      protocolId: 'veridical-report',
      roles: { mentor: g.pat.participantId },
    }),
  },
  {
    code: 'first-phase',
    situation: 'previous phase from the first',
    arrange: (g) => startRound(g),
    by: (g) => g.fran,
    payload: () => ({ type: 'previous-phase' }),
  },
  {
    code: 'last-phase',
    situation: 'next phase from the last',
    arrange: async (g) => {
      await startRound(g, 'good-news-analysis');
      await accepted(g.fran, { type: 'next-phase' });
      await accepted(g.fran, { type: 'next-phase' });
    },
    by: (g) => g.fran,
    payload: () => ({ type: 'next-phase' }),
  },
  {
    code: 'already-paused',
    situation: 'pausing twice',
    arrange: async (g) => {
      await startRound(g);
      await accepted(g.fran, { type: 'pause' });
    },
    by: (g) => g.fran,
    payload: () => ({ type: 'pause' }),
  },
  {
    code: 'not-paused',
    situation: 'resuming a running round',
    arrange: (g) => startRound(g),
    by: (g) => g.fran,
    payload: () => ({ type: 'resume' }),
  },
  {
    code: 'no-turns-in-phase',
    situation: 'next turn during the presentation',
    arrange: (g) => startRound(g),
    by: (g) => g.fran,
    payload: () => ({ type: 'next-turn' }),
  },
  {
    code: 'no-turn-holder',
    situation: 'skipping once every peer has passed',
    arrange: async (g) => {
      await peerFeedback(g);
      await accepted(g.fran, { type: 'pass-turn' });
      await accepted(g.ali, { type: 'pass-turn' });
    },
    by: (g) => g.fran,
    payload: () => ({ type: 'skip-turn' }),
  },
  {
    code: 'not-your-turn',
    situation: "a peer passes the facilitator's turn",
    arrange: peerFeedback,
    by: (g) => g.ali,
    payload: () => ({ type: 'pass-turn' }),
  },
  {
    code: 'not-eligible',
    situation: 'the floor granted to the silent presenter',
    arrange: peerFeedback,
    by: (g) => g.fran,
    payload: (g) => ({ type: 'grant-floor', to: g.pat.participantId }),
  },
  {
    code: 'hand-already-raised',
    situation: 'raising a raised hand',
    arrange: (g) => accepted(g.ali, { type: 'raise-hand' }),
    by: (g) => g.ali,
    payload: () => ({ type: 'raise-hand' }),
  },
  {
    code: 'hand-not-raised',
    situation: 'lowering a hand that is down',
    by: (g) => g.ali,
    payload: () => ({ type: 'lower-hand' }),
  },
  {
    code: 'unknown-rule',
    situation: 'raising a rule past the end of the session’s ground rules',
    by: (g) => g.ali,
    // The default contract has six rules; the wire allows indexes up to twenty.
    payload: () => ({ type: 'raise-rule', rule: 6 }),
  },
  {
    code: 'rule-raised-recently',
    situation: 'the same person raising a rule again straight away',
    arrange: (g) => accepted(g.pat, { type: 'raise-rule', rule: 4 }),
    by: (g) => g.pat,
    payload: () => ({ type: 'raise-rule', rule: 1 }),
  },
];
