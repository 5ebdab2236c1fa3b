import { randomUUID } from 'node:crypto';
import type { ParticipantRecord, SessionRecord } from '../../src/store/store.ts';

/**
 * Records with fresh ids, so tests sharing one database never see each other's rows. Time is
 * passed in, never read from the clock, so ordering assertions are deterministic.
 */
export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: randomUUID(),
    title: 'Thursday peer group',
    options: { protocol: 'consultancy', rules: ['confidential', 'no advice'], ünïcode: '✓' },
    createdAt: 1_700_000_000_000,
    endedAt: null,
    inviteEpoch: 0,
    createdBy: null,
    ...overrides,
  };
}

export function participantRecord(
  sessionId: string,
  overrides: Partial<ParticipantRecord> = {},
): ParticipantRecord {
  return {
    sessionId,
    id: randomUUID(),
    name: 'Ada',
    role: 'member',
    joinedAt: 1_700_000_000_100,
    rulesAcceptedAt: 1_700_000_000_200,
    personId: null,
    rotaRole: null,
    forgottenAt: null,
    ...overrides,
  };
}
