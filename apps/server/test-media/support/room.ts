import { LiveClient } from '@roundtable/client';
import { currentPhase, turnOrder } from '@roundtable/protocol';
import { expect, onTestFinished } from 'vitest';
import type { App } from '../../src/app.ts';
import {
  createSession,
  join,
  until as untilWithin,
  type Created,
} from '../../test/live/harness.ts';

/*
 * The harness's helpers with more patience: media tests share two cores with LiveKit, the
 * bots' WebRTC stacks and often other people's builds, and a welcome can take seconds.
 */
const PATIENCE_MS = 20_000;

export function until(check: () => boolean, what: string, timeoutMs = PATIENCE_MS) {
  return untilWithin(check, what, timeoutMs);
}

/** A connected client, closed when the test ends. */
export async function connect(url: string, token: string): Promise<LiveClient> {
  const client = new LiveClient({ url, token, ackTimeoutMs: PATIENCE_MS }).connect();
  onTestFinished(() => client.close());
  await until(
    () => client.welcome !== null && client.state !== null && client.socket.connected,
    'welcome',
  );
  return client;
}

/** Joins and connects one person, and waits until the room counts them present. */
export async function person(
  url: string,
  session: Created,
  name: string,
  role: 'facilitator' | 'member' = 'member',
) {
  const invite = role === 'facilitator' ? session.facilitatorInvite : session.memberInvite;
  const joined = await join(url, session.sessionId, invite, name);
  const client = await connect(url, joined.resumeToken);
  await until(
    () =>
      client.state?.participants.some((p) => p.id === joined.participantId && p.present) ?? false,
    `${name} present`,
  );
  return { ...joined, client, name };
}

export type Person = Awaited<ReturnType<typeof person>>;

/** The facilitator starts a round and moves it `phases` phases on; everyone sees it. */
export async function startRound(
  facilitator: LiveClient,
  options: { presenter: string; protocolId: string; phases?: number; watchers?: LiveClient[] },
): Promise<void> {
  const start = {
    type: 'start-round',
    presenter: options.presenter,
    protocolId: options.protocolId,
  };
  expect(await facilitator.command(start)).toEqual({ ok: true });
  for (let i = 0; i < (options.phases ?? 0); i++)
    expect(await facilitator.command({ type: 'next-phase' })).toEqual({ ok: true });
  for (const c of [facilitator, ...(options.watchers ?? [])])
    await until(() => c.state?.round?.phaseIndex === (options.phases ?? 0), 'the round in place');
}

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
  app: App,
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
  payload: object,
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
