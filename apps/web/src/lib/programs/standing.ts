import type { GroupView, Invitation, PersonRef, RuleAcceptance } from '@roundtable/wire';
import { formatMoment, nameOf } from './api.ts';

/** Where the group stands on its current rules: who accepted them, who not yet, and oneself. */
export interface RulesStanding {
  readonly accepted: readonly RuleAcceptance[];
  readonly waitingFor: readonly PersonRef[];
  /** The signed-in person is a member who has not accepted the current version. */
  readonly mustAccept: boolean;
}

export function rulesStanding(view: GroupView, personId: string | null): RulesStanding {
  const current = view.ruleVersions.at(-1)?.version;
  const accepted = view.acceptances.filter((acceptance) => acceptance.version === current);
  const ids = new Set(accepted.map((acceptance) => acceptance.person?.id));
  return {
    accepted,
    waitingFor: view.group.members.filter((member) => !ids.has(member.id)),
    mustAccept: view.isMember && personId !== null && !ids.has(personId),
  };
}

/** An invitation's state in words, for the coordinator's list; `now` decides expiry. */
export function invitationState(invitation: Invitation, now: number): string {
  if (invitation.acceptedAt !== null)
    return `Accepted by ${nameOf(invitation.acceptedBy)} on ${formatMoment(invitation.acceptedAt)}`;
  if (invitation.expiresAt <= now) return 'Expired: invite again';
  if (invitation.mail === 'failed') return 'The mail could not be sent: invite again';
  if (invitation.mail === 'queued') return 'Mail waiting to be sent';
  return 'Sent, not accepted yet';
}
