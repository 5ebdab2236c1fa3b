import { describe, expect, test } from 'vitest';
import { phaseTimes, spokenDuration, talkShares } from './talk-time.ts';

const people = [
  { id: 'fay', name: 'Fay' },
  { id: 'pat', name: 'Pat' },
  { id: 'ben', name: 'Ben' },
];

describe('talkShares', () => {
  test('longest first, bars relative to the longest, silent people listed', () => {
    expect(talkShares({ pat: 60_000, fay: 15_000 }, people)).toEqual([
      { id: 'pat', name: 'Pat', ms: 60_000, share: 1 },
      { id: 'fay', name: 'Fay', ms: 15_000, share: 0.25 },
      { id: 'ben', name: 'Ben', ms: 0, share: 0 },
    ]);
  });

  test('someone who left keeps their time', () => {
    expect(talkShares({ gone: 1_000 }, [])).toEqual([
      { id: 'gone', name: 'Someone who left', ms: 1_000, share: 1 },
    ]);
  });
});

describe('phaseTimes', () => {
  const summary = { round: 1, byPhase: { presentation: { pat: 5_000 } }, total: { pat: 5_000 } };
  test.each([
    [summary, 'presentation', { pat: 5_000 }],
    [summary, 'response', {}],
    [null, 'presentation', {}],
    [summary, null, {}],
  ])('%#', (given, phase, expected) => expect(phaseTimes(given, phase)).toEqual(expected));
});

describe('spokenDuration', () => {
  test.each([
    [0, '0 s'],
    [42_400, '42 s'],
    [60_000, '1 min'],
    [65_000, '1 min 5 s'],
  ])('%i ms is %s', (ms, text) => expect(spokenDuration(ms)).toBe(text));
});
