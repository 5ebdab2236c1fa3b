import type {
  AcceptInvitationRequest,
  AcceptInvitationResponse,
  AcceptRulesRequest,
  ChangeMembersRequest,
  CreateGroupRequest,
  CreateProgramRequest,
  DeleteAccountRequest,
  EnterMeetingRequest,
  GroupResponse,
  GroupView,
  InviteRequest,
  InviteResponse,
  JoinResponse,
  MeResponse,
  MeetingLobby,
  PersonResponse,
  ProgramResponse,
  ProgramView,
  ProposeRulesRequest,
  RuleVersion,
  Rota,
  SetRotaRequest,
  StartMeetingResponse,
  UpdateProfileRequest,
} from '@roundtable/wire';
import type { Caller, Outcome } from './api-call.ts';

/**
 * Programs, groups and one's own data (wire programs.ts): every call acts for the signed-in
 * person, whose session cookie the page sends (or `headers` outside a browser).
 */
export function programCalls(call: Caller) {
  return {
    me: (): Outcome<MeResponse, 'me'> => call('me', 'GET', {}),
    /** Sets the name others see (1 to 60 characters). */
    updateProfile: (request: UpdateProfileRequest): Outcome<PersonResponse, 'updateProfile'> =>
      call('updateProfile', 'POST', { body: request }),
    /** Everything the server keeps about the signed-in person, as JSON text. */
    exportMeJson: (): Outcome<string, 'exportMeJson'> =>
      call('exportMeJson', 'GET', { as: 'text' }),
    exportMeMarkdown: (): Outcome<string, 'exportMeMarkdown'> =>
      call('exportMeMarkdown', 'GET', { as: 'text' }),
    deleteMe: (request: DeleteAccountRequest): Outcome<{ deleted: true }, 'deleteMe'> =>
      call('deleteMe', 'POST', { body: request }),
    createProgram: (request: CreateProgramRequest): Outcome<ProgramResponse, 'createProgram'> =>
      call('createProgram', 'POST', { body: request }),
    program: (programId: string): Outcome<ProgramView, 'program'> =>
      call('program', 'GET', { params: { programId } }),
    invite: (programId: string, request: InviteRequest): Outcome<InviteResponse, 'invite'> =>
      call('invite', 'POST', { params: { programId }, body: request }),
    acceptInvitation: (
      request: AcceptInvitationRequest,
    ): Outcome<AcceptInvitationResponse, 'acceptInvitation'> =>
      call('acceptInvitation', 'POST', { body: request }),
    createGroup: (
      programId: string,
      request: CreateGroupRequest,
    ): Outcome<GroupResponse, 'createGroup'> =>
      call('createGroup', 'POST', { params: { programId }, body: request }),
  };
}

/** A group's page, rules, rota and meetings: its members (and coordinators, to look). */
export function groupCalls(call: Caller) {
  const group = (groupId: string) => ({ params: { groupId } });
  const meeting = (groupId: string, sessionId: string) => ({ params: { groupId, sessionId } });
  return {
    changeMembers: (
      groupId: string,
      request: ChangeMembersRequest,
    ): Outcome<GroupResponse, 'changeMembers'> =>
      call('changeMembers', 'POST', { ...group(groupId), body: request }),
    group: (groupId: string): Outcome<GroupView, 'group'> => call('group', 'GET', group(groupId)),
    proposeRules: (
      groupId: string,
      request: ProposeRulesRequest,
    ): Outcome<{ version: RuleVersion }, 'proposeRules'> =>
      call('proposeRules', 'POST', { ...group(groupId), body: request }),
    acceptRules: (
      groupId: string,
      request: AcceptRulesRequest,
    ): Outcome<{ accepted: number }, 'acceptRules'> =>
      call('acceptRules', 'POST', { ...group(groupId), body: request }),
    setRota: (groupId: string, request: SetRotaRequest): Outcome<{ rota: Rota }, 'setRota'> =>
      call('setRota', 'POST', { ...group(groupId), body: request }),
    startMeeting: (groupId: string): Outcome<StartMeetingResponse, 'startMeeting'> =>
      call('startMeeting', 'POST', group(groupId)),
    meetingLobby: (groupId: string, sessionId: string): Outcome<MeetingLobby, 'meetingLobby'> =>
      call('meetingLobby', 'GET', meeting(groupId, sessionId)),
    enterMeeting: (
      groupId: string,
      sessionId: string,
      request: EnterMeetingRequest = {},
    ): Outcome<JoinResponse, 'enterMeeting'> =>
      call('enterMeeting', 'POST', { ...meeting(groupId, sessionId), body: request }),
  };
}
