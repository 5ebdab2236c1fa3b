import { describe, expect, test } from 'vitest';
import {
  CONNECT_ERRORS,
  ERROR_CODES,
  HTTP_ERROR_CODES,
  SERVER_ERROR_CODES,
  connectError,
  isRefusal,
  refusal,
} from '../src/index.ts';

describe('one list of codes', () => {
  test('every group is in ERROR_CODES, each code once', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CONNECT_ERRORS, ...HTTP_ERROR_CODES])
      expect(ERROR_CODES).toContain(code);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  test('a failure of the server is spelt internal', () => {
    expect(ERROR_CODES).toContain('internal');
    expect(ERROR_CODES).not.toContain('internal-error');
  });
});

describe('the failure shape', () => {
  test('refusal builds { ok: false, error } with only the extras given', () => {
    expect(refusal('not-found', 'No such thing.')).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such thing.' },
    });
    expect(refusal('invalid-join', 'Bad.', { issues: [{ path: 'name', message: 'x' }] })).toEqual({
      ok: false,
      error: { code: 'invalid-join', message: 'Bad.', issues: [{ path: 'name', message: 'x' }] },
    });
  });

  test.each([
    [refusal('rate-limited', 'Wait.', { retryAfterMs: 10 }), true],
    [{ ok: false, error: { code: 'x', message: 'y' } }, true],
    [{ ok: true }, false],
    [{ ok: false, error: 'not-found', message: 'old shape' }, false],
    [{ ok: false, error: { code: 'x' } }, false],
    [null, false],
    ['ok', false],
  ])('isRefusal(%j) is %s', (value, expected) => {
    expect(isRefusal(value)).toBe(expected);
  });

  test('connectError carries the code as message and in data', () => {
    const error = connectError('rate-limited', 'Too many.', 500);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('rate-limited');
    expect(error.data).toEqual({ code: 'rate-limited', message: 'Too many.', retryAfterMs: 500 });
    expect(connectError('token-invalid', 'Bad link.').data).toEqual({
      code: 'token-invalid',
      message: 'Bad link.',
    });
  });
});
