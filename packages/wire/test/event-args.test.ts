import { describe, expect, test } from 'vitest';
import { LIMITS, parseEventArgs, type ClientEventName } from '../src/index.ts';

const bytes = (n: number) => new Uint8Array(n);

describe('parseEventArgs', () => {
  test.each<[ClientEventName, unknown[]]>([
    ['command', [{ type: 'next-phase' }]],
    // What a command means is checked later, with its own schema.
    ['command', ['not-a-command']],
    ['sync', ['board', bytes(3)]],
    ['sync', ['no-such-doc', bytes(3)]],
    ['clock', [Date.now()]],
    ['media-token', []],
    ['awareness', [bytes(LIMITS.awarenessBytes)]],
  ])('accepts %s %j', (event, args) => {
    expect(parseEventArgs(event, args)).toEqual({ ok: true, args });
  });

  test.each<[ClientEventName, unknown[], string]>([
    ['command', [], 'argument 1: a command payload is needed'],
    ['command', [{ type: 'pause' }, 1], 'argument 2: one argument too many'],
    ['sync', ['board'], 'argument 2: a binary value'],
    ['sync', [], 'argument 1: a document name is needed'],
    ['sync', ['board', [1, 2, 3]], 'argument 2: a binary value'],
    ['sync', [7, bytes(3)], 'argument 1: a document name is needed'],
    ['sync', ['board', bytes(3), 'extra'], 'argument 3: one argument too many'],
    ['clock', [], 'argument 1: a number is needed'],
    ['clock', ['12'], 'argument 1: a number is needed'],
    ['clock', [Infinity], 'argument 1:'],
    ['clock', [1, 2], 'argument 2: one argument too many'],
    ['media-token', [1], 'argument 1: one argument too many'],
    ['awareness', [], 'argument 1: a binary value'],
    ['awareness', [bytes(LIMITS.awarenessBytes + 1)], `at most ${LIMITS.awarenessBytes} bytes`],
  ])('refuses %s %j', (event, args, problem) => {
    const parsed = parseEventArgs(event, args);
    expect(parsed).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining(problem) },
    });
    expect(parsed.ok || parsed.error.message.startsWith(`"${event}" takes`)).toBe(true);
  });
});
