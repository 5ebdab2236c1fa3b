import { readStateValue, STATE_ROOT, type Refusal } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import {
  connect,
  createSession,
  join,
  person,
  signedInHeaders,
  startServer,
  until,
} from './harness.ts';

/** PRODUCT.md's default contract. */
const DEFAULT_RULES = [
  'People do the best they can with the resources they have.',
  'Voluntary, and you are in control.',
  'Supportive and non-competitive.',
  'It is OK to make mistakes.',
  'Avoid advice giving.',
  'Confidential, and no "post mortems".',
];

const quickCheck = {
  format: 'roundtable.protocol/v1',
  id: 'quick-check',
  title: 'Quick check',
  summary: 'Everyone says how they are.',
  phases: [
    {
      id: 'check-in',
      title: 'Check-in',
      guidance: { facilitator: 'Keep it short.', members: 'Say how you are.' },
      speakers: 'everyone',
      durationSeconds: 60,
    },
  ],
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The issues of a refused body (a `Refusal`), to look for one by path. */
const issuesOf = (body: Record<string, unknown>) => (body as unknown as Refusal).error.issues;

const lobby = async (url: string, sessionId: string, invite: string) => {
  const res = await fetch(`${url}/api/sessions/${sessionId}/lobby?invite=${invite}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('creating a session', () => {
  test.each<[string, unknown, string]>([
    ['no title', {}, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['an unknown built-in protocol', { title: 'T', protocol: 'nope' }, 'protocol'],
    ['an unknown confidentiality', { title: 'T', confidentiality: 'shout' }, 'confidentiality'],
    ['ground rules that are not a list', { title: 'T', groundRules: 'be nice' }, 'groundRules'],
    ['an unknown field', { title: 'T', colour: 'red' }, 'colour'],
    [
      'a custom protocol reusing a built-in id',
      { title: 'T', protocol: { ...quickCheck, id: 'issue-analysis' } },
      'protocol.id',
    ],
    [
      'a custom protocol without phases',
      { title: 'T', protocol: { ...quickCheck, phases: [] } },
      'protocol.phases',
    ],
  ])('refuses %s with 422 and the issue', async (_what, body, path) => {
    const app = await startServer();
    const res = await post(`${app.url}/api/sessions`, body, await signedInHeaders(app.url));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      ok: false,
      error: { code: 'invalid-session', message: expect.any(String) },
    });
    expect(issuesOf(res.body)).toContainEqual({ path, message: expect.any(String) });
  });

  test('a valid custom protocol is offered and can be started by id', async () => {
    const app = await startServer();
    const session = await createSession(app.url, { protocol: quickCheck });
    const seen = await lobby(app.url, session.sessionId, session.memberInvite);
    expect(seen.body.protocols).toContainEqual({
      id: 'quick-check',
      title: 'Quick check',
      minPeers: 1,
      roles: [],
      phases: [{ id: 'check-in', title: 'Check-in' }],
    });
    expect(seen.body.protocols).toContainEqual(
      expect.objectContaining({ id: 'issue-analysis', title: 'Issue Analysis' }),
    );
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    const pat = await person(app.url, session, 'Pat');
    expect(fran.client.info?.defaultProtocolId).toBe('quick-check');
    expect(
      await fran.client.command({
        type: 'start-round',
        presenter: pat.participantId,
        protocolId: 'quick-check',
      }),
    ).toEqual({ ok: true });
    await until(() => pat.client.state?.round?.protocol.id === 'quick-check', 'the round starts');
    expect(pat.client.state?.round?.protocol.phases.map((p) => p.id)).toEqual(['check-in']);
  });
});

describe('the lobby', () => {
  test('shows the title, the default ground rules and the role the link grants', async () => {
    const app = await startServer();
    const session = await createSession(app.url, { title: 'Thursday group' });
    const asMember = await lobby(app.url, session.sessionId, session.memberInvite);
    expect(asMember).toMatchObject({
      status: 200,
      body: { title: 'Thursday group', groundRules: DEFAULT_RULES, role: 'member' },
    });
    const asFacilitator = await lobby(app.url, session.sessionId, session.facilitatorInvite);
    expect(asFacilitator.body.role).toBe('facilitator');
  });

  test("shows the group's own rules when it edited them", async () => {
    const app = await startServer();
    const rules = ['Start on time.', 'Cameras on when you can.'];
    const session = await createSession(app.url, { groundRules: rules });
    const seen = await lobby(app.url, session.sessionId, session.memberInvite);
    expect(seen.body.groundRules).toEqual(rules);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    expect(fran.client.info?.groundRules).toEqual(rules);
  });

  test('refuses a missing, garbled or foreign invite', async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    const other = await createSession(app.url);
    const base = `${app.url}/api/sessions/${session.sessionId}/lobby`;
    const missing = await fetch(base);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'token-missing' } });
    expect(await lobby(app.url, session.sessionId, 'garbage')).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'token-invalid' } },
    });
    expect(await lobby(app.url, session.sessionId, other.memberInvite)).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'token-invalid' } },
    });
  });
});

describe('joining', () => {
  test('refuses without accepted rules, a name or a valid invite for this session', async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    const other = await createSession(app.url);
    const url = `${app.url}/api/sessions/${session.sessionId}/join`;
    const good = { invite: session.memberInvite, name: 'Ali', acceptRules: true };

    expect(await post(url, { ...good, acceptRules: false })).toMatchObject({
      status: 422,
      body: { ok: false, error: { code: 'rules-not-accepted', message: expect.any(String) } },
    });
    const blank = await post(url, { ...good, name: '   ' });
    expect(blank).toMatchObject({
      status: 422,
      body: { ok: false, error: { code: 'invalid-join' } },
    });
    expect(issuesOf(blank.body)).toContainEqual({ path: 'name', message: expect.any(String) });
    expect(await post(url, { invite: good.invite, name: good.name })).toMatchObject({
      status: 422,
      body: { ok: false, error: { code: 'invalid-join' } },
    });
    expect(await post(url, { ...good, invite: 'garbage' })).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'token-invalid' } },
    });
    expect(await post(url, { ...good, invite: other.memberInvite })).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'token-invalid' } },
    });

    // None of those refusals admitted anyone: the one accepted join is the only acceptance.
    const before = Date.now();
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    const after = Date.now();
    const client = await connect(app.url, ali.resumeToken);
    const accepted = readStateValue(client.docs.state.getMap(STATE_ROOT), 'acceptances');
    expect(Object.keys(accepted as object)).toEqual([ali.participantId]);
    const at = (accepted as Record<string, number>)[ali.participantId]!;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
  });

  test('the first facilitator-link joiner facilitates, whoever arrived before', async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    // A member alone in the room holds the role so the room is never without a facilitator.
    const mo = await person(app.url, session, 'Mo');
    expect(mo.client.state?.facilitator).toBe(mo.participantId);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    await until(() => mo.client.state?.facilitator === fran.participantId, 'Fran facilitates');
    const ali = await person(app.url, session, 'Ali');
    expect(ali.client.state?.facilitator).toBe(fran.participantId);
    expect(await mo.client.command({ type: 'next-phase' })).toMatchObject({
      ok: false,
      error: { code: 'not-facilitator' },
    });

    // Handed over, the role stays handed over when Fran comes back through her link.
    expect(await fran.client.command({ type: 'hand-facilitation', to: ali.participantId })).toEqual(
      { ok: true },
    );
    fran.client.close();
    const gone = () => ali.client.state?.participants.find((p) => p.id === fran.participantId);
    await until(() => gone()?.present === false, 'Fran has left');
    await connect(app.url, fran.resumeToken);
    await until(() => gone()?.present === true, 'Fran is back');
    // Her return and the facilitator it leaves are written in one update.
    expect(ali.client.state?.facilitator).toBe(ali.participantId);
  });
});
