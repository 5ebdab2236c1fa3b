import { API_ROUTES } from '@roundtable/wire';
import * as v from 'valibot';
import type { MeetingRefusal, Meetings } from '../../groups/meetings.ts';
import { apiError, json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, notFound, type SignedInOptions } from '../signed-in.ts';
import { groupCaller, isCaller } from './group-access.ts';

/* A group's meetings: starting one, its lobby, and a member entering it (section 2.6). */

export interface MeetingRoutesOptions extends SignedInOptions {
  readonly publicUrl: string | null;
  readonly meetings: Meetings;
}

const EnterSchema = v.strictObject({
  acceptVersion: v.optional(
    v.pipe(v.number('a version number'), v.integer('a whole version number')),
  ),
});

function refused(r: MeetingRefusal): Reply {
  switch (r.reason) {
    case 'not-found':
      return notFound('meeting of this group');
    case 'session-ended':
      return apiError(410, 'session-ended', 'This meeting has ended.');
    case 'rules-changed':
      return apiError(
        409,
        'rules-changed',
        'The rules changed meanwhile: read the current version and accept that one.',
      );
    case 'rules-not-accepted':
      return apiError(
        422,
        'rules-not-accepted',
        "Accept the group's current rules to enter: send acceptVersion.",
      );
  }
}

async function start(o: MeetingRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members');
  if (!isCaller(caller)) return caller;
  const started = await o.meetings.start(caller.groupId, caller.person);
  if (!started) return notFound('group');
  return json(started.alreadyRunning ? 200 : 201, started);
}

async function lobby(o: MeetingRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members');
  if (!isCaller(caller)) return caller;
  const shown = await o.meetings.lobby(caller.groupId, req.params.sessionId ?? '', caller.person);
  return shown.ok ? json(200, shown.lobby) : refused(shown);
}

async function enter(o: MeetingRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members');
  if (!isCaller(caller)) return caller;
  const parsed = v.safeParse(EnterSchema, req.body);
  if (!parsed.success) return invalidRequest(parsed.issues, 'at most the version you accept');
  const entered = await o.meetings.enter(caller.groupId, req.params.sessionId ?? '', {
    person: caller.person,
    acceptVersion: parsed.output.acceptVersion,
  });
  return entered.ok ? json(200, entered.joined) : refused(entered);
}

export function meetingRoutes(o: MeetingRoutesOptions): Route[] {
  const admit = sameOriginOnly(o.publicUrl);
  return [
    { ...API_ROUTES.startMeeting, handle: (req) => start(o, req), admit, body: 'none' },
    { ...API_ROUTES.meetingLobby, handle: (req) => lobby(o, req) },
    { ...API_ROUTES.enterMeeting, handle: (req) => enter(o, req), admit },
  ];
}
