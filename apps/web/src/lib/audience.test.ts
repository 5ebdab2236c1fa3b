import { findBuiltInProtocol, type Audience, type Phase } from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { describeAudience, describeSilence, describeSpeakers } from './audience.ts';

const roles = [{ id: 'mentor', title: 'Mentor' }];

/** A phase that differs from a plain presenter phase only in the fields a test names. */
function phase(overrides: Partial<Phase>): Phase {
  return {
    id: 'p',
    title: 'P',
    guidance: { facilitator: 'f', members: 'm' },
    starters: [],
    speakers: 'presenter',
    silent: 'nobody',
    turns: { rule: 'none' },
    durationSeconds: 60,
    cards: [],
    discouragesAdvice: false,
    ...overrides,
  };
}

describe('describeAudience', () => {
  test.each<[Audience, string]>([
    ['presenter', 'Presenter'],
    ['peers', 'Peers'],
    ['peers-in-turn', 'Peers'],
    ['everyone', 'Everyone'],
    ['nobody', 'Nobody'],
    [{ role: 'mentor' }, 'Mentor'],
    [{ role: 'scribe' }, 'scribe'],
  ])('%j reads as %s', (audience, words) => {
    expect(describeAudience(audience, roles)).toBe(words);
  });
});

describe('describeSpeakers', () => {
  test.each<[Partial<Phase>, string]>([
    [{ speakers: 'presenter' }, 'Presenter'],
    [{ speakers: { role: 'mentor' } }, 'Mentor'],
    [
      { speakers: 'peers-in-turn', turns: { rule: 'round-robin', secondsPerTurn: 120 } },
      'Peers, one at a time (round-robin, 2 min each)',
    ],
    [
      { speakers: 'peers-in-turn', turns: { rule: 'raise-hand', secondsPerTurn: 90 } },
      'Peers, one at a time (raise a hand, 1 min 30 s each)',
    ],
  ])('%j reads as %s', (overrides, words) => {
    expect(describeSpeakers(phase(overrides), roles)).toBe(words);
  });
});

describe('describeSilence', () => {
  test.each<[Audience, string | undefined]>([
    ['nobody', undefined],
    ['presenter', 'Presenter listens in silence'],
    ['peers', 'Peers listen in silence'],
    [{ role: 'mentor' }, 'Mentor listens in silence'],
  ])('silent %j reads as %s', (silent, words) => {
    expect(describeSilence(phase({ speakers: 'everyone', silent }), roles)).toBe(words);
  });

  test('the presenter listens in silence during Issue Analysis peer feedback', () => {
    const protocol = findBuiltInProtocol('issue-analysis');
    const feedback = protocol?.phases.find((p) => p.id === 'peer-feedback');
    expect(feedback && describeSilence(feedback, protocol?.roles ?? [])).toBe(
      'Presenter listens in silence',
    );
  });
});
