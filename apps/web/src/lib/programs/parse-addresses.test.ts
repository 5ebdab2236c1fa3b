import { PROGRAM_LIMITS } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { parseAddresses } from './parse-addresses.ts';

describe('a pasted list of addresses', () => {
  test.each([
    ['one address', 'ada@example.org', ['ada@example.org']],
    ['commas', 'ada@example.org,bo@example.org', ['ada@example.org', 'bo@example.org']],
    [
      'semicolons and spaces',
      'ada@example.org; bo@example.org',
      ['ada@example.org', 'bo@example.org'],
    ],
    ['new lines', 'ada@example.org\r\nbo@example.org\n\n', ['ada@example.org', 'bo@example.org']],
    [
      'tabs, as from a spreadsheet',
      'ada@example.org\tbo@example.org',
      ['ada@example.org', 'bo@example.org'],
    ],
    ['a name and address', 'Ada Lovelace <ada@example.org>', ['ada@example.org']],
    [
      'names and addresses on one line',
      '"Lovelace, Ada" <ada@example.org> Bo Diddley <bo@example.org>',
      ['ada@example.org', 'bo@example.org'],
    ],
    ['a mailto: link', 'mailto:ada@example.org', ['ada@example.org']],
    ['nothing', '  \n ,; ', []],
  ])('reads %s', (_, pasted, emails) => {
    const parsed = parseAddresses(pasted);
    expect(parsed.emails).toEqual(emails);
    expect(parsed.invalid).toEqual([]);
  });

  test('reports stray words after a bracketed address, not the names before one', () => {
    const parsed = parseAddresses(
      'Ann Lee <ann@example.org>\ted@example.org oops Bo <bo@example.org>',
    );
    expect(parsed.emails).toEqual(['ann@example.org', 'ed@example.org', 'bo@example.org']);
    expect(parsed.invalid).toEqual([]);
    const stray = parseAddresses('"Dee, D" <dee@example.org>\ted@example.org oops');
    expect(stray.emails).toEqual(['dee@example.org', 'ed@example.org']);
    expect(stray.invalid).toEqual(['oops']);
  });

  test('keeps each address once, whatever its case, in the order pasted', () => {
    const parsed = parseAddresses(
      'bo@example.org, ada@example.org, Ada@Example.org, bo@example.org',
    );
    expect(parsed.emails).toEqual(['bo@example.org', 'ada@example.org']);
  });

  test.each(['ada', 'ada@', '@example.org', 'ada@example', 'ada@@example.org'])(
    'lists %s as not an address',
    (piece) => {
      const parsed = parseAddresses(`bo@example.org, ${piece}`);
      expect(parsed.emails).toEqual(['bo@example.org']);
      expect(parsed.invalid).toEqual([piece]);
    },
  );

  test('says when the list is longer than one request may carry', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.org`).join('\n');
    expect(parseAddresses(many(PROGRAM_LIMITS.invitationsPerRequest)).tooMany).toBe(false);
    expect(parseAddresses(many(PROGRAM_LIMITS.invitationsPerRequest + 1)).tooMany).toBe(true);
  });
});
