import type { Person } from './people.ts';

/**
 * Programs, groups, contracting, meetings and attendance as the HTTP API shows them
 * (wire-protocol.md section 2.5, docs/data-model.md). Every route here acts for the signed-in
 * person (the session cookie), and writes also need the server's own Origin (CSRF).
 *
 * Who sees what: a coordinator runs every program of this install; a member sees the programs
 * they belong to and the groups they are in, nothing else (another group answers 404, as an
 * unknown one does). A person shown is `null` once they deleted their account: "a former
 * member".
 */

/** How often a program's groups are expected to meet. */
export type Cadence = 'weekly' | 'fortnightly' | 'monthly';
export const CADENCES: readonly Cadence[] = ['weekly', 'fortnightly', 'monthly'];

/** A group has 2 to 8 members: a pair is a group of two. */
export const GROUP_SIZE = { min: 2, max: 8 } as const;

export const PROGRAM_LIMITS = {
  nameChars: 120,
  purposeChars: 2000,
  groupNameChars: 80,
  /** Addresses in one invitation request (a pasted list). */
  invitationsPerRequest: 200,
  /** A rule is a ground rule: GROUND_RULE_LIMITS (ground-rules.ts) bounds each and their count. */
  ruleNoteChars: 500,
  /** How long an invitation link works. */
  invitationDays: 30,
} as const;

/** A person as another member of the same program sees them. */
export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface Program {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  /** `YYYY-MM-DD`. */
  readonly startsOn: string;
  readonly endsOn: string;
  readonly cadence: Cadence;
  /** The built-in protocol a group's meetings start with (GET /api/protocols). */
  readonly protocolId: string;
  readonly createdAt: number;
}

/** `POST /api/programs` (coordinators). */
export interface CreateProgramRequest {
  readonly name: string;
  readonly purpose: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly cadence: Cadence;
  readonly protocolId: string;
}

export interface ProgramResponse {
  readonly program: Program;
}

export type InvitationMailState = 'queued' | 'sent' | 'failed';

export interface Invitation {
  readonly id: string;
  readonly email: string;
  readonly invitedAt: number;
  readonly expiresAt: number;
  readonly mail: InvitationMailState;
  /** When and by whom it was accepted; null while open. */
  readonly acceptedAt: number | null;
  readonly acceptedBy: PersonRef | null;
}

/**
 * `POST /api/programs/:programId/invitations` (coordinators): one address or a pasted list.
 * Inviting an address again sends a fresh link and revokes the old one; an address that is
 * already a member of the program is listed under `alreadyMembers` and gets no mail.
 */
export interface InviteRequest {
  readonly emails: readonly string[];
}

export interface InviteResponse {
  readonly invitations: readonly Invitation[];
  readonly alreadyMembers: readonly string[];
}

/** `POST /api/invitations/accept`: the token of an invitation link, for the signed-in person. */
export interface AcceptInvitationRequest {
  readonly token: string;
}

export interface AcceptInvitationResponse {
  readonly program: Pick<Program, 'id' | 'name'>;
}

export interface Member extends PersonRef {
  readonly email: string;
  readonly joinedAt: number;
}

/** Minutes present and meetings attended, per member, over a program's or a group's meetings. */
export interface AttendanceSummary {
  readonly person: PersonRef | null;
  readonly meetings: number;
  readonly attended: number;
  readonly minutesPresent: number;
}

export interface GroupSummary {
  readonly id: string;
  readonly name: string;
  readonly programId: string;
  readonly programName: string;
  readonly members: readonly PersonRef[];
  /** The meeting running now, if any: its session. */
  readonly liveMeeting: string | null;
}

/** `GET /api/programs/:programId` (coordinators): the program page. */
export interface ProgramView {
  readonly program: Program;
  readonly members: readonly Member[];
  readonly invitations: readonly Invitation[];
  readonly groups: readonly GroupSummary[];
  readonly attendance: readonly (AttendanceSummary & { readonly groupId: string })[];
}

/** `POST /api/programs/:programId/groups` (coordinators): members are program members. */
export interface CreateGroupRequest {
  readonly name: string;
  readonly memberIds: readonly string[];
}

/**
 * `POST /api/groups/:groupId/members` (coordinators): add program members, remove members.
 * The result must still have 2 to 8 members.
 */
export interface ChangeMembersRequest {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

export interface GroupResponse {
  readonly group: GroupSummary;
}

export interface RuleVersion {
  readonly version: number;
  readonly rules: readonly string[];
  readonly note: string;
  readonly proposedBy: PersonRef | null;
  readonly createdAt: number;
}

export interface RuleAcceptance {
  readonly person: PersonRef | null;
  readonly version: number;
  readonly acceptedAt: number;
}

/** The rota: everyone in turn, and who the next meeting's facilitator and deputy are. */
export interface Rota {
  readonly order: readonly PersonRef[];
  readonly nextFacilitator: PersonRef | null;
  readonly nextDeputy: PersonRef | null;
}

export interface MeetingAttendance {
  readonly person: PersonRef | null;
  readonly firstJoinedAt: number;
  readonly lastLeftAt: number | null;
  readonly minutesPresent: number;
}

export interface Meeting {
  readonly sessionId: string;
  readonly number: number;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly facilitator: PersonRef | null;
  readonly deputy: PersonRef | null;
  readonly attendance: readonly MeetingAttendance[];
}

/** `GET /api/groups/:groupId` (its members and coordinators): the group page. */
export interface GroupView {
  readonly group: GroupSummary;
  readonly program: Pick<Program, 'id' | 'name' | 'cadence' | 'protocolId'>;
  /** The current version is the last. */
  readonly ruleVersions: readonly RuleVersion[];
  readonly acceptances: readonly RuleAcceptance[];
  readonly rota: Rota;
  /** Newest first. */
  readonly meetings: readonly Meeting[];
  readonly attendance: readonly AttendanceSummary[];
  /** Whether the signed-in person is a member (a coordinator may look without being one). */
  readonly isMember: boolean;
}

/**
 * `POST /api/groups/:groupId/rules` (members): a new version of the rules, proposed on top of
 * `basedOn`; answers `rules-changed` (409) if someone proposed another version meanwhile. The
 * proposer accepts their own version by proposing it.
 */
export interface ProposeRulesRequest {
  readonly basedOn: number;
  readonly rules: readonly string[];
  readonly note: string;
}

/** `POST /api/groups/:groupId/rules/accept` (members): accepts exactly this version. */
export interface AcceptRulesRequest {
  readonly version: number;
}

/** `POST /api/groups/:groupId/rota` (members): everyone in the group, in their new order. */
export interface SetRotaRequest {
  readonly order: readonly string[];
}

/**
 * `POST /api/groups/:groupId/meetings` (members): starts the group's meeting now, with the
 * program's protocol and the group's current rules, or answers the one already running.
 */
export interface StartMeetingResponse {
  readonly sessionId: string;
  readonly alreadyRunning: boolean;
}

/**
 * `GET /api/groups/:groupId/meetings/:sessionId/lobby` (members): what the lobby shows. Only
 * the rules this member has not accepted yet need accepting: `toAccept` lists them, empty when
 * they accepted the current version.
 */
export interface MeetingLobby {
  readonly title: string;
  readonly rules: readonly string[];
  readonly version: number;
  readonly toAccept: readonly string[];
  readonly rotaRole: 'facilitator' | 'deputy' | null;
}

/**
 * `POST /api/groups/:groupId/meetings/:sessionId/enter` (members): a participant for the
 * signed-in member, the same one each time they enter this meeting. `acceptVersion` accepts the
 * rules first; without it, a member who has not accepted the current version gets
 * `rules-not-accepted`. Answers a `JoinResponse`.
 */
export interface EnterMeetingRequest {
  readonly acceptVersion?: number;
}

/** `GET /api/me` (anyone signed in): the "my groups" home. */
export interface MeResponse {
  readonly person: Person;
  readonly groups: readonly GroupSummary[];
  /** Programs they belong to or, for a coordinator, every program. */
  readonly programs: readonly Pick<Program, 'id' | 'name' | 'startsOn' | 'endsOn'>[];
}

/**
 * `POST /api/me/delete`: deletes the signed-in person's account. `confirmEmail` must be their
 * address. Memberships, acceptances, private notes and take-aways go; shared history stays,
 * naming them "a former member".
 */
export interface DeleteAccountRequest {
  readonly confirmEmail: string;
}
