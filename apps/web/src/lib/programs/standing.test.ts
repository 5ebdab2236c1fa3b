import type { GroupView, Invitation } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { invitationState, rulesStanding } from './standing.ts';

const ann = { id: 'p-ann', name: 'Ann' };
const bo = { id: 'p-bo', name: 'Bo' };

function view(acceptances: GroupView['acceptances'], isMember = true): GroupView {
  const version = (n: number) => ({
    version: n,
    rules: [],
    note: '',
    proposedBy: null,
    createdAt: 0,
  });
  return {
    group: {
      id: 'g',
      name: 'Pair',
      programId: 'p',
      programName: 'P',
      members: [ann, bo],
      liveMeeting: null,
    },
    program: { id: 'p', name: 'P', cadence: 'monthly', protocolId: 'issue-analysis' },
    ruleVersions: [version(1), version(2)],
    acceptances,
    rota: { order: [ann, bo], nextFacilitator: ann, nextDeputy: bo },
    meetings: [],
    attendance: [],
    isMember,
  };
}

describe('where a group stands on its rules', () => {
  test('only acceptances of the current version count', () => {
    const standing = rulesStanding(
      view([
        { person: ann, version: 1, acceptedAt: 1 },
        { person: bo, version: 2, acceptedAt: 2 },
      ]),
      ann.id,
    );
    expect(standing.accepted.map((a) => a.person?.id)).toEqual([bo.id]);
    expect(standing.waitingFor).toEqual([ann]);
    expect(standing.mustAccept).toBe(true);
  });

  test('a member who accepted the current version has nothing to accept', () => {
    const standing = rulesStanding(view([{ person: ann, version: 2, acceptedAt: 1 }]), ann.id);
    expect(standing.mustAccept).toBe(false);
    expect(standing.waitingFor).toEqual([bo]);
  });

  test('a coordinator looking on is never asked to accept', () => {
    expect(rulesStanding(view([], false), 'p-cora').mustAccept).toBe(false);
  });

  test('a former member who accepted is listed, and waits for nobody', () => {
    const standing = rulesStanding(view([{ person: null, version: 2, acceptedAt: 1 }]), bo.id);
    expect(standing.accepted).toHaveLength(1);
    expect(standing.waitingFor).toEqual([ann, bo]);
  });
});

describe('an invitation in words', () => {
  const base: Invitation = {
    id: 'i',
    email: 'ann@example.org',
    invitedAt: 0,
    expiresAt: 1000,
    mail: 'sent',
    acceptedAt: null,
    acceptedBy: null,
  };

  test.each([
    ['sent', { mail: 'sent' }, 500, 'Sent, not accepted yet'],
    ['queued', { mail: 'queued' }, 500, 'Mail waiting to be sent'],
    ['failed', { mail: 'failed' }, 500, 'The mail could not be sent: invite again'],
    ['expired', { mail: 'sent' }, 1000, 'Expired: invite again'],
  ] as const)('%s', (_, change, now, words) => {
    expect(invitationState({ ...base, ...change }, now)).toBe(words);
  });

  test('accepted, by whom, even after it would have expired', () => {
    const accepted = { ...base, acceptedAt: 900, acceptedBy: ann };
    expect(invitationState(accepted, 5000)).toMatch(/^Accepted by Ann on /);
    expect(invitationState({ ...accepted, acceptedBy: null }, 5000)).toMatch(
      /^Accepted by a former member on /,
    );
  });
});
