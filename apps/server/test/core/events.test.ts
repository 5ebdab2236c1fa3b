import { initialState } from '@roundtable/protocol';
import { expect, test } from 'vitest';
import { CoreEvents } from '../../src/core/events.ts';

test('listeners hear an event in the order they subscribed, synchronously', () => {
  const events = new CoreEvents();
  const heard: string[] = [];
  events.on('session-unloaded', ({ sessionId }) => heard.push(`first ${sessionId}`));
  events.on('session-unloaded', ({ sessionId }) => heard.push(`second ${sessionId}`));
  events.on('board-cleared', ({ sessionId }) => heard.push(`cleared ${sessionId}`));

  events.emit('session-unloaded', { sessionId: 's1' });
  // Nothing is deferred: media sees a state change before the command that caused it is acked.
  expect(heard).toEqual(['first s1', 'second s1']);
});

test('an unsubscribed listener hears nothing more; the others still do', () => {
  const events = new CoreEvents();
  const heard: string[] = [];
  const stop = events.on('session-reset', ({ sessionId }) => heard.push(`a ${sessionId}`));
  events.on('session-reset', ({ sessionId }) => heard.push(`b ${sessionId}`));
  events.emit('session-reset', { sessionId: 's1' });
  stop();
  events.emit('session-reset', { sessionId: 's2' });
  expect(heard).toEqual(['a s1', 'b s1', 'b s2']);
});

test('a listener that throws reaches the emitter, as a direct call would', () => {
  const events = new CoreEvents();
  events.on('session-opened', () => {
    throw new Error('a bug in a subscriber');
  });
  expect(() =>
    events.emit('session-opened', {
      session: {
        id: 's1',
        engineState: initialState,
        read: () => undefined,
        system: async () => ({ ok: true }),
      },
    }),
  ).toThrow('a bug in a subscriber');
});
