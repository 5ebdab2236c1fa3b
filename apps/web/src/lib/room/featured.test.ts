import { describe, expect, test } from 'vitest';
import { featuredPerson } from './featured.ts';

describe('featuredPerson', () => {
  test.each([
    ['the turn holder', { floor: ['ben'], holder: 'ben' }, 'ben'],
    ['the presenter, the only one allowed', { floor: ['pat'], holder: null }, 'pat'],
    ['nobody in an open conversation', { floor: ['a', 'b'], holder: null }, null],
    ['nobody when nobody may speak', { floor: [], holder: null }, null],
  ])('%s', (_, input, expected) => expect(featuredPerson(input)).toBe(expected));
});
