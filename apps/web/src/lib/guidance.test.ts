import { findBuiltInProtocol } from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { guidanceFor, splitGuidance, type Seat } from './guidance.ts';

const presenter: Seat = { isPresenter: true, roleTitles: [], protocolRoleTitles: [] };
const peer: Seat = { isPresenter: false, roleTitles: [], protocolRoleTitles: [] };

function membersGuidance(protocolId: string, phaseId: string): string {
  const phase = findBuiltInProtocol(protocolId)?.phases.find((p) => p.id === phaseId);
  if (!phase) throw new Error(`no phase ${protocolId}/${phaseId}`);
  return phase.guidance.members;
}

describe('splitGuidance', () => {
  test('splits at addressees that open a sentence, not inside one', () => {
    expect(
      splitGuidance('Presenter: talk. Peers: listen to the Presenter: quietly.', [
        'Presenter',
        'Peers',
      ]),
    ).toEqual([
      { label: 'Presenter', text: 'talk.' },
      { label: 'Peers', text: 'listen to the Presenter: quietly.' },
    ]);
  });
});

describe('guidanceFor', () => {
  const story = membersGuidance('good-news-analysis', 'story');

  test('the presenter reads their part of a shared text', () => {
    expect(guidanceFor(story, presenter)).toMatch(/^Tell the story of an incident/);
    expect(guidanceFor(story, presenter)).not.toContain('Peers');
  });

  test('peers read theirs', () => {
    expect(guidanceFor(story, peer)).toBe('Listen without interrupting.');
  });

  test('unaddressed text before the presenter part is for the peers', () => {
    const feedback = membersGuidance('issue-analysis', 'peer-feedback');
    expect(guidanceFor(feedback, peer)).toMatch(/^In your turn: tell a similar experience/);
    expect(guidanceFor(feedback, peer)).not.toContain('listen in silence');
    expect(guidanceFor(feedback, presenter)).toBe(
      'Listen in silence, sift and sort, take what you want and leave the rest.',
    );
  });

  test('a named role reads its own part; the mentee is the presenter', () => {
    const text = membersGuidance('veridical-report', 'mentor-story');
    const mentor: Seat = {
      isPresenter: false,
      roleTitles: ['Mentor'],
      protocolRoleTitles: ['Mentor'],
    };
    expect(guidanceFor(text, mentor)).toMatch(/^Tell a story from your own experience/);
    expect(guidanceFor(text, { ...presenter, protocolRoleTitles: ['Mentor'] })).toBe(
      'Listen in silence.',
    );
  });

  test('text for everyone, or with no part for this seat, is shown whole', () => {
    const questions = membersGuidance('issue-analysis', 'clarifying-questions');
    expect(guidanceFor(questions, peer)).toBe(questions);
    expect(guidanceFor(questions, presenter)).toBe(questions);
    const onlyPresenter = membersGuidance('good-news-analysis', 'response');
    expect(guidanceFor(onlyPresenter, peer)).toBe(onlyPresenter);
  });
});
