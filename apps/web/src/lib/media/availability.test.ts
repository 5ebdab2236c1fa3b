import { describe, expect, test } from 'vitest';
import { mediaAvailability } from './availability.ts';

const OFFERED = { available: true, url: 'ws://127.0.0.1:7880' } as const;
const OFF = { available: false, reason: 'Audio and video are switched off.' } as const;
const DOWN = { available: false, reason: 'The media server cannot be reached.' } as const;

describe('mediaAvailability', () => {
  test.each([
    ['nothing known before the welcome', null, null, null],
    ['a server without media says why', OFF, null, { available: false, reason: OFF.reason }],
    ['media offered and healthy', OFFERED, null, { available: true }],
    ['media offered and back', OFFERED, { available: true }, { available: true }],
    ['media offered but unreachable', OFFERED, DOWN, { available: false, reason: DOWN.reason }],
  ] as const)('%s', (_, offer, health, expected) => {
    expect(mediaAvailability(offer, health)).toEqual(expected);
  });
});
