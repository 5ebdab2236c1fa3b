import {
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { peopleOf } from './people.ts';
import { handBackOffer } from './rota.ts';

function play(commands: readonly Command[], from: SessionState = initialState): SessionState {
  return commands.reduce((state, command, i) => {
    const next = step(state, command, 1_000 * i);
    if (isRejection(next)) throw new Error(`${command.type} rejected: ${next.message}`);
    return next.state;
  }, from);
}

const fayJoins: Command = { type: 'join', actor: 'fay', name: 'Fay', rota: 'facilitator' };
const devJoins: Command = { type: 'join', actor: 'dev', name: 'Dev', rota: 'deputy' };
const deputising = play([
  fayJoins,
  devJoins,
  { type: 'join', actor: 'sam', name: 'Sam' },
  { type: 'leave', actor: 'fay' },
]);
const back = play([fayJoins], deputising);

describe('handBackOffer', () => {
  test.each<[string, SessionState, string, ReturnType<typeof handBackOffer>]>([
    ['the deputy, once the facilitator is back', back, 'dev', { to: 'fay', name: 'Fay' }],
    ['the deputy, while the facilitator is still away', deputising, 'dev', null],
    ['the facilitator who came back', back, 'fay', null],
    ['anyone else', back, 'sam', null],
    [
      'the deputy after handing back',
      play([{ type: 'hand-facilitation', actor: 'dev', to: 'fay' }], back),
      'dev',
      null,
    ],
  ])('%s', (_name, state, me, offer) => {
    expect(handBackOffer(state, me)).toEqual(offer);
  });
});

test('the people list marks the rota facilitator and deputy, whoever facilitates', () => {
  expect(peopleOf(back, 'sam').map((p) => [p.name, p.rota, p.isFacilitator])).toEqual([
    ['Fay', 'facilitator', false],
    ['Dev', 'deputy', true],
    ['Sam', null, false],
  ]);
});
