import {
  findBuiltInProtocol,
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { peopleOf, seatOf } from './people.ts';

/** Applies commands in order, failing loudly on a rejection so a test never runs on stale state. */
function play(commands: readonly Command[], from: SessionState = initialState): SessionState {
  return commands.reduce((state, command, i) => {
    const next = step(state, command, 1_000 * i);
    if (isRejection(next)) throw new Error(`${command.type} rejected: ${next.message}`);
    return next.state;
  }, from);
}

function protocol(id: string) {
  const found = findBuiltInProtocol(id);
  if (!found) throw new Error(`no protocol ${id}`);
  return found;
}

const joined = play([
  { type: 'join', actor: 'fay', name: 'Fay' },
  { type: 'join', actor: 'pat', name: 'Pat' },
  { type: 'join', actor: 'ben', name: 'Ben' },
]);

const voices = (state: SessionState) =>
  Object.fromEntries(peopleOf(state, 'ben').map((p) => [p.name, p.voice]));

describe('peopleOf', () => {
  test('between rounds the room is an open conversation', () => {
    expect(voices(joined)).toEqual({ Fay: 'speaking', Pat: 'speaking', Ben: 'speaking' });
    expect(peopleOf(joined, 'ben').map((p) => [p.name, p.isMe, p.isFacilitator])).toEqual([
      ['Fay', false, true],
      ['Pat', false, false],
      ['Ben', true, false],
    ]);
  });

  const feedback = play(
    [
      {
        type: 'start-round',
        actor: 'fay',
        presenter: 'pat',
        protocol: protocol('issue-analysis'),
      },
      { type: 'next-phase', actor: 'fay' },
      { type: 'next-phase', actor: 'fay' },
      { type: 'raise-hand', actor: 'ben' },
    ],
    joined,
  );

  test('in peer feedback the presenter listens in silence and peers wait for their turn', () => {
    expect(voices(feedback)).toEqual({ Fay: 'speaking', Pat: 'silent', Ben: 'muted' });
    const [fay, pat, ben] = peopleOf(feedback, 'ben');
    expect(fay?.holdsTurn).toBe(true);
    expect(pat?.isPresenter).toBe(true);
    expect(ben?.handPosition).toBe(1);
  });

  test('my seat tells what I may do', () => {
    expect(seatOf(feedback, 'pat')).toMatchObject({
      isPresenter: true,
      voice: 'silent',
      mayTakeTurn: false,
    });
    expect(seatOf(feedback, 'ben')).toMatchObject({
      isPresenter: false,
      voice: 'muted',
      mayTakeTurn: true,
      handRaised: true,
    });
  });

  test('a named role shows on its holder', () => {
    const veridical = play(
      [
        {
          type: 'start-round',
          actor: 'fay',
          presenter: 'pat',
          protocol: protocol('veridical-report'),
          roles: { mentor: 'ben' },
        },
        { type: 'next-phase', actor: 'fay' },
      ],
      joined,
    );
    expect(peopleOf(veridical, null).find((p) => p.id === 'ben')?.roles).toEqual(['Mentor']);
    expect(voices(veridical)).toEqual({ Fay: 'muted', Pat: 'silent', Ben: 'speaking' });
  });

  test('after the session nobody speaks', () => {
    const ended = play([{ type: 'end-session', actor: 'fay' }], joined);
    expect(Object.values(voices(ended))).toEqual(['muted', 'muted', 'muted']);
  });
});
