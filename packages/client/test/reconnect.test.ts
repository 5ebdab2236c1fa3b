import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Reconnector } from '../src/reconnect.ts';

/** A connection that counts connect calls; `wanted` and `retrying` are set per test. */
function link(options: { wanted?: boolean; retrying?: boolean } = {}) {
  const calls = { connects: 0 };
  const reconnector = new Reconnector({
    connect: () => void calls.connects++,
    isConnected: () => false,
    isRetrying: () => options.retrying ?? false,
    isWanted: () => options.wanted ?? true,
  });
  return { calls, reconnector };
}

const refusal = (code: string, retryAfterMs?: number) =>
  Object.assign(new Error(code), { data: { code, message: 'm', retryAfterMs } });

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('Reconnector', () => {
  test('comes back 250 ms after the server dropped the connection, not after other drops', () => {
    const { calls, reconnector } = link();
    reconnector.disconnected('transport close');
    reconnector.disconnected('io server disconnect');
    vi.advanceTimersByTime(249);
    expect(calls.connects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls.connects).toBe(1);
  });

  test('backs off 0.5, 1, 2 s after failed handshakes, and starts over once connected', () => {
    const { calls, reconnector } = link();
    for (const wait of [500, 1000, 2000]) {
      reconnector.refused(refusal('internal'));
      vi.advanceTimersByTime(wait - 1);
      const before = calls.connects;
      vi.advanceTimersByTime(1);
      expect(calls.connects).toBe(before + 1);
    }
    reconnector.connected();
    reconnector.refused(refusal('internal'));
    vi.advanceTimersByTime(500);
    expect(calls.connects).toBe(4);
  });

  test('waits as long as a rate limit says, when that is longer', () => {
    const { calls, reconnector } = link();
    reconnector.refused(refusal('rate-limited', 3000));
    vi.advanceTimersByTime(2999);
    expect(calls.connects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls.connects).toBe(1);
  });

  test.each([
    ['a refused credential', link(), refusal('token-revoked')],
    ['a transport failure Socket.IO retries itself', link({ retrying: true }), refusal('x')],
    ['a closed client', link({ wanted: false }), refusal('internal')],
  ])('does not retry %s', (_what, { calls, reconnector }, error) => {
    reconnector.refused(error);
    vi.advanceTimersByTime(60_000);
    expect(calls.connects).toBe(0);
  });

  test('a closed client does not come back after the server dropped it either', () => {
    const { calls, reconnector } = link({ wanted: false });
    reconnector.disconnected('io server disconnect');
    vi.advanceTimersByTime(60_000);
    expect(calls.connects).toBe(0);
  });
});
