import { expect } from 'vitest';
import {
  findBuiltInProtocol,
  initialState,
  isRejection,
  step,
  type Command,
  type Protocol,
  type SessionState,
  type Transition,
} from '../src/index.ts';

export const T0 = 1_000_000;

export function builtIn(id: string): Protocol {
  const protocol = findBuiltInProtocol(id);
  if (!protocol) throw new Error(`no built-in ${id}`);
  return protocol;
}

/** Applies a command that must be accepted. */
export function accept(state: SessionState, cmd: Command, now = T0): Transition {
  const result = step(state, cmd, now);
  if (isRejection(result))
    throw new Error(`${cmd.type} by ${cmd.actor} rejected: ${result.code} ${result.message}`);
  return result;
}

export function refuse(state: SessionState, cmd: Command, code: string, now = T0): void {
  const result = step(state, cmd, now);
  expect(isRejection(result) ? result.code : 'accepted').toBe(code);
}

/** A room where everyone named has joined, the first as facilitator. */
export function room(...names: string[]): SessionState {
  return names.reduce(
    (s, name) => accept(s, { type: 'join', actor: name, name }).state,
    initialState,
  );
}
