import { describe, expect, test } from 'vitest';
import { isOwnPath } from './return-to.ts';

describe('a return link after signing in', () => {
  test.each(['/new', '/s/abc?invite=x', '/'])('may lead to our own %s', (path) => {
    expect(isOwnPath(path)).toBe(true);
  });

  test.each(['//evil.example/new', '/\\evil.example', 'https://evil.example', 'new', ''])(
    'may not lead to %s',
    (path) => {
      expect(isOwnPath(path)).toBe(false);
    },
  );
});
