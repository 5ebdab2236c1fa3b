import {
  API_ROUTES,
  LIMITS,
  type CreatedSession,
  type InviteLinks,
  type JoinResponse,
  type LobbyResponse,
} from '@roundtable/wire';
import * as v from 'valibot';
import type { ApiRequest, Route } from '../api.ts';
import type { BucketName } from '../../limits/buckets.ts';
import { apiError, json, refusalReply, type Reply } from '../../transport-reply.ts';
import { parseCreateSession } from '../../core/session-options.ts';
import type { Sessions, TokenProblem, TokenRefusal } from '../../core/sessions.ts';

const STATUS: Record<TokenProblem, number> = {
  'token-missing': 401,
  'token-invalid': 401,
  'token-expired': 401,
  'token-revoked': 401,
  'session-not-found': 404,
  'session-ended': 410,
};
const refused = (r: TokenRefusal): Reply => refusalReply(STATUS[r.error.code], r);

const JoinSchema = v.strictObject({
  invite: v.string(),
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'a display name is needed'),
    v.maxLength(LIMITS.nameChars),
  ),
  acceptRules: v.boolean(),
});

const links = (
  origin: string,
  sessionId: string,
  invites: { facilitatorInvite: string; memberInvite: string },
): InviteLinks => ({
  ...invites,
  facilitatorLink: `${origin}/s/${sessionId}?invite=${invites.facilitatorInvite}`,
  memberLink: `${origin}/s/${sessionId}?invite=${invites.memberInvite}`,
});

/** Who may create sessions: the signed-in person's id (the session cookie), or null. */
export interface CreateGate {
  readonly signedIn: (req: ApiRequest) => Promise<string | null>;
  /** Refuses a cookie-authenticated write from another site's page (same-origin.ts). */
  readonly sameOrigin: NonNullable<Route['admit']>;
}

async function create(sessions: Sessions, req: ApiRequest, gate: CreateGate): Promise<Reply> {
  const personId = await gate.signedIn(req);
  if (personId === null)
    return apiError(
      401,
      'sign-in-required',
      'Sign in first: only a signed-in person can start a session.',
    );
  const parsed = parseCreateSession(req.body);
  if (!parsed.ok) return refusalReply(422, parsed);
  const created = await sessions.create(parsed.title, parsed.options, personId);
  return json(201, {
    sessionId: created.sessionId,
    ...links(req.origin, created.sessionId, created),
  } satisfies CreatedSession);
}

/** What the lobby shows: title, ground rules and the role the link grants. */
async function lobby(sessions: Sessions, req: ApiRequest): Promise<Reply> {
  const admitted = await sessions.admit(req.params.id ?? '', req.query.get('invite'));
  if (!admitted.ok) return refused(admitted);
  const { info } = await sessions.live(admitted.record);
  return json(200, {
    title: info.title,
    groundRules: info.groundRules,
    role: admitted.role,
    protocols: info.protocols,
  } satisfies LobbyResponse);
}

async function join(sessions: Sessions, req: ApiRequest): Promise<Reply> {
  const parsed = v.safeParse(JoinSchema, req.body);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => ({
      path: v.getDotPath(i) ?? '',
      message: i.message,
    }));
    return apiError(
      422,
      'invalid-join',
      'Joining needs an invite, a display name and acceptRules.',
      {
        issues,
      },
    );
  }
  if (!parsed.output.acceptRules) {
    return apiError(422, 'rules-not-accepted', 'Accept the ground rules to enter.');
  }
  const joined = await sessions.join(req.params.id ?? '', parsed.output.invite, parsed.output.name);
  return joined.ok
    ? json(201, {
        participantId: joined.participantId,
        resumeToken: joined.resumeToken,
      } satisfies JoinResponse)
    : refused(joined);
}

/** The facilitator revokes every earlier invite link and gets new ones. */
async function rotateInvites(sessions: Sessions, req: ApiRequest): Promise<Reply> {
  const who = await sessions.authenticate(req.bearer);
  if (!who.ok) return refused(who);
  const { session, participant } = who;
  if (session.id !== req.params.id)
    return apiError(401, 'token-invalid', 'That credential is for another session.');
  if (session.engineState.facilitator !== participant.id) {
    return apiError(403, 'not-facilitator', 'Only the facilitator can renew the invite links.');
  }
  const record = await sessions.rotateInvites(session.id);
  return json(200, links(req.origin, record.id, await sessions.invites(record)));
}

async function download(
  sessions: Sessions,
  req: ApiRequest,
  kind: 'notes' | 'takeaways',
): Promise<Reply> {
  const who = await sessions.authenticate(req.bearer);
  if (!who.ok) return refused(who);
  if (who.session.id !== req.params.id)
    return apiError(401, 'token-invalid', 'That credential is for another session.');
  const markdown = await sessions.exportFor(who.session, who.participant.id, kind);
  if (markdown === null)
    return apiError(404, 'not-found', 'You have no take-aways in this session.');
  return {
    status: 200,
    body: markdown,
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${kind}.md"`,
    },
  };
}

/** Turns rate-limit buckets into a route's admission check; none by default. */
export type LimitBy = (...buckets: BucketName[]) => NonNullable<Route['admit']>;
const unlimited: LimitBy = () => async () => null;

/** Creating, entering and leaving with one's notes: the session lifecycle over HTTP. */
export function sessionRoutes(
  sessions: Sessions,
  gate: CreateGate,
  limitBy: LimitBy = unlimited,
): Route[] {
  const limitCreate = limitBy('create');
  return [
    {
      ...API_ROUTES.createSession,
      handle: (req) => create(sessions, req, gate),
      // The Origin check first, as on every cookie-authenticated write; then the limits.
      admit: async (req, bearer) =>
        (await gate.sameOrigin(req, bearer)) ?? limitCreate(req, bearer),
    },
    { ...API_ROUTES.lobby, handle: (req) => lobby(sessions, req), admit: limitBy('lobby') },
    { ...API_ROUTES.join, handle: (req) => join(sessions, req), admit: limitBy('join') },
    {
      ...API_ROUTES.rotateInvites,
      handle: (req) => rotateInvites(sessions, req),
      body: 'none',
      admit: limitBy('invites', 'renewals'),
    },
    { ...API_ROUTES.notes, handle: (req) => download(sessions, req, 'notes') },
    { ...API_ROUTES.takeaways, handle: (req) => download(sessions, req, 'takeaways') },
  ];
}
