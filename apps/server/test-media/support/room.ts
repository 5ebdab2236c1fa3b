import type { CommandPayload } from '@roundtable/wire';
import type { LiveClient } from '@roundtable/client';
import { currentPhase, turnOrder } from '@roundtable/protocol';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import * as harness from '../../test/live/harness.ts';
import { createSession, type Created } from '../../test/live/harness.ts';

/*
 * The harness's helpers with more patience: media tests share two cores with LiveKit, the
 * bots' WebRTC stacks and often other people's builds, and a welcome can take seconds.
 */
const PATIENCE_MS = 20_000;

export const until = (check: () => boolean, what: string, timeoutMs = PATIENCE_MS) =>
  harness.until(check, what, timeoutMs);

export const connect = (url: string, token: string) => harness.connect(url, token, PATIENCE_MS);

export const person = (
  url: string,
  session: Created,
  name: string,
  role: 'facilitator' | 'member' = 'member',
) => harness.person(url, session, name, role, PATIENCE_MS);

export type Person = Awaited<ReturnType<typeof person>>;

/** The facilitator starts a round and moves it `phases` phases on; everyone sees it. */
export const startRound = (
  facilitator: LiveClient,
  options: { presenter: string; protocolId: string; phases?: number; watchers?: LiveClient[] },
) => harness.startRound(facilitator, { ...options, patienceMs: PATIENCE_MS });

/** What the server told one participant about their microphone, in order. */
export interface PermissionLog {
  readonly changes: { at: number; microphone: boolean; camera: boolean }[];
  /** The last word, or null before any. */
  microphone(): boolean | null;
}

export function permissionLog(client: LiveClient): PermissionLog {
  const changes: PermissionLog['changes'] = [];
  client.on('media-permission', (p) => changes.push({ at: Date.now(), ...p }));
  return { changes, microphone: () => changes.at(-1)?.microphone ?? null };
}

/**
 * An Issue Analysis group: Fran facilitates (and is a peer, so she holds the first turn),
 * Pat presents, and the named peers join after them in order.
 */
export async function issueAnalysisGroup(
  app: Pick<App, 'url'>,
  options: { peers?: string[]; session?: Record<string, unknown> } = {},
): Promise<{ session: Created; fran: Person; pat: Person; peers: Person[]; all: Person[] }> {
  const session = await createSession(app.url, {
    protocol: 'issue-analysis',
    ...options.session,
  });
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  const peers: Person[] = [];
  for (const name of options.peers ?? ['Ali']) peers.push(await person(app.url, session, name));
  const all = [fran, pat, ...peers];
  await until(
    () =>
      all.every((p) => p.client.state?.participants.filter((x) => x.present).length === all.length),
    'everyone present',
  );
  return { session, fran, pat, peers, all };
}

export const phaseOf = (c: LiveClient): string | null =>
  c.state ? (currentPhase(c.state)?.id ?? null) : null;

export const turnHolder = (c: LiveClient): string | null =>
  c.state ? (turnOrder(c.state)?.holder ?? null) : null;

/** A facilitator command, accepted, then seen by everyone. Resolves with the ack time. */
export async function steer(
  from: LiveClient,
  payload: CommandPayload,
  everyone: LiveClient[],
  check: (c: LiveClient) => boolean,
): Promise<number> {
  expect(await from.command(payload)).toEqual({ ok: true });
  const ackedAt = Date.now();
  for (const c of everyone)
    await until(() => check(c), `${JSON.stringify(payload)} seen by everyone`);
  return ackedAt;
}

/** Moves the round on until `phase`, phase by phase. */
export async function steerTo(from: LiveClient, phase: string, everyone: LiveClient[]) {
  while (phaseOf(from) !== phase) {
    const index = from.state?.round?.phaseIndex ?? -1;
    await steer(
      from,
      { type: 'next-phase' },
      everyone,
      (c) => (c.state?.round?.phaseIndex ?? -1) > index,
    );
  }
}
