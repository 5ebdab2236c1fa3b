import { createApiClient, LiveClient, valueOf } from '@roundtable/client';
import type { CommandPayload, CreateSessionRequest } from '@roundtable/wire';
import { currentPhase, type SessionState } from '@roundtable/protocol';
import { signedInHeaders } from '../test/people/sign-in-from-log.ts';
import { OPEN_PHASES, type OpenPhase } from './schedule.ts';

/** One connected participant. Index 0 is the facilitator, 1 the presenter, 2-7 the peers. */
export interface Member {
  readonly index: number;
  readonly participantId: string;
  readonly client: LiveClient;
}

/** The eight people of one session. */
export interface Crew {
  readonly sessionId: string;
  readonly members: readonly Member[];
  /**
   * Who writes cards: everyone but the presenter, who may not write them in either phase the
   * bench uses. The presenter's edits are verdicts on those cards (sift and sort) instead.
   */
  readonly writers: readonly Member[];
  readonly presenter: Member;
}

const PEERS = 6;
const PROTOCOL = 'issue-analysis';
const ACK_TIMEOUT_MS = 10_000;
const SETUP_TIMEOUT_MS = 30_000;

export const phaseIdOf = (state: SessionState | null) =>
  state ? (currentPhase(state)?.id ?? null) : null;

/**
 * Creates a session and brings its people in: the facilitator first (the facilitator link
 * grants the role on first arrival), then the presenter and peers together.
 */
export async function assembleCrew(url: string, title: string): Promise<Crew> {
  const created = await createSession(url, { title, protocol: PROTOCOL });
  const facilitator = await admit(url, created.sessionId, created.facilitatorInvite, 0);
  const others = await Promise.all(
    Array.from({ length: PEERS + 1 }, (_, i) =>
      admit(url, created.sessionId, created.memberInvite, i + 1),
    ),
  );
  const members = [facilitator, ...others];
  try {
    await Promise.all(
      members.map((m) =>
        waitForState(
          m.client,
          (s) => s?.participants.filter((p) => p.present).length === members.length,
          'everyone present',
        ),
      ),
    );
  } catch (error) {
    for (const m of members) m.client.close();
    throw error;
  }
  const presenter = members[1]!;
  return {
    sessionId: created.sessionId,
    members,
    writers: members.filter((m) => m !== presenter),
    presenter,
  };
}

async function admit(url: string, sessionId: string, invite: string, index: number) {
  const name = index === 0 ? 'Facilitator' : index === 1 ? 'Presenter' : `Peer ${index - 1}`;
  const joined = await joinSession(url, sessionId, invite, name);
  const client = new LiveClient({
    url,
    token: joined.resumeToken,
    ackTimeoutMs: ACK_TIMEOUT_MS,
    // A dropped socket is a result to report, not something to paper over.
    reconnection: false,
  }).connect();
  const member: Member = { index, participantId: joined.participantId, client };
  try {
    await waitForState(
      client,
      (s) => s?.participants.some((p) => p.id === joined.participantId && p.present) ?? false,
      `${name} present`,
    );
  } catch (error) {
    client.close();
    throw error;
  }
  return member;
}

/** Starts the Issue Analysis round and steps it into the phase this session's cycle begins in. */
export async function openRound(crew: Crew, phase: OpenPhase): Promise<void> {
  const [facilitator, presenter] = crew.members as [Member, Member];
  const steps: CommandPayload[] = [
    { type: 'start-round', presenter: presenter.participantId, protocolId: PROTOCOL },
    { type: 'next-phase' },
    ...(phase === 'feedback' ? [{ type: 'next-phase' as const }] : []),
  ];
  for (const step of steps) {
    const ack = await facilitator.client.command(step);
    if (!ack.ok) throw new Error(`${JSON.stringify(step)} refused: ${ack.error.code}`);
  }
  const target = OPEN_PHASES[phase].id;
  await Promise.all(
    crew.members.map((m) => waitForState(m.client, (s) => phaseIdOf(s) === target, target)),
  );
}

/** Resolves once the client's state satisfies `check`; driven by state events, not polling. */
export function waitForState(
  client: LiveClient,
  check: (state: SessionState | null) => boolean,
  what: string,
  timeoutMs = SETUP_TIMEOUT_MS,
): Promise<void> {
  if (client.connected && check(client.state)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      stopState();
      stopConnection();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), timeoutMs);
    const stopState = client.on('state', (state) => {
      if (check(state)) done();
    });
    const stopConnection = client.on('connection', (connected, reason) => {
      if (!connected) done(new Error(`lost the connection waiting for ${what}: ${reason}`));
    });
  });
}

/** Creates a session through the API, signed in once per server; a refusal ends the bench. */
export async function createSession(url: string, request: CreateSessionRequest) {
  const api = createApiClient({ baseUrl: url, headers: await signedInHeaders(url) });
  return valueOf(await api.createSession(request), 'create session');
}

/** Joins a session through the API, accepting its ground rules; a refusal ends the bench. */
export async function joinSession(url: string, sessionId: string, invite: string, name: string) {
  const api = createApiClient({ baseUrl: url });
  return valueOf(await api.join(sessionId, { invite, name, acceptRules: true }), 'join');
}
