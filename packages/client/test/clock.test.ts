import { expect, test } from 'vitest';
import { offsetFrom } from '../src/index.ts';

test('the offset comes from the shortest round trip', () => {
  const samples = [
    { sentAt: 1000, receivedAt: 1100, serverTime: 5090 }, // slow: midpoint 1050, offset 4040
    { sentAt: 2000, receivedAt: 2010, serverTime: 6005 }, // fast: midpoint 2005, offset 4000
    { sentAt: 3000, receivedAt: 3040, serverTime: 7050 },
  ];
  expect(offsetFrom(samples)).toEqual({ offsetMs: 4000, rttMs: 10 });
});

test('no samples, no offset', () => {
  expect(offsetFrom([])).toBeNull();
});
