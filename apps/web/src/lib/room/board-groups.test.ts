import { findBuiltInProtocol } from '@roundtable/protocol';
import type { Card } from '@roundtable/wire';
import { expect, test } from 'vitest';
import { groupBoard } from './board-groups.ts';

let created = 0;
function card(round: number, phase: string, kind: Card['kind'], text: string): Card {
  created += 1;
  return { id: `card${created}xx`, author: 'ben', round, phase, kind, text, created };
}

const issueAnalysis = findBuiltInProtocol('issue-analysis');

test('rounds newest first, phases in protocol order, kinds in board order', () => {
  const cards = [
    card(1, 'response', 'action', 'a'),
    card(1, 'clarifying-questions', 'question', 'q'),
    card(1, 'peer-feedback', 'concern', 'c'),
    card(1, 'peer-feedback', 'experience', 'e'),
    card(2, 'custom-phase', 'insight', 'i'),
  ];
  const groups = groupBoard(cards, (round) => (round === 1 ? issueAnalysis : undefined));
  expect(groups.map((g) => [g.round, g.protocolTitle])).toEqual([
    [2, null],
    [1, 'Issue Analysis'],
  ]);
  expect(groups[1]?.phases.map((p) => p.title)).toEqual([
    'Clarifying questions',
    'Peer feedback',
    'Response',
  ]);
  expect(groups[1]?.phases[1]?.kinds.map((k) => [k.kind, k.cards.map((c) => c.text)])).toEqual([
    ['experience', ['e']],
    ['concern', ['c']],
  ]);
  expect(groups[0]?.phases[0]?.title).toBe('custom-phase');
});

test('an empty board has no groups', () => {
  expect(groupBoard([], () => undefined)).toEqual([]);
});
