import { createApiClient } from '@roundtable/client';
import { describe, expect, test } from 'vitest';
import { person, signedInHeaders, startServer } from './harness.ts';

/** The one HTTP client against a real server: every route, accepted and refused. */
describe('createApiClient against the server', () => {
  test('creates, opens the lobby and joins; refusals carry their codes', async () => {
    const app = await startServer();
    const api = createApiClient({ baseUrl: app.url, headers: await signedInHeaders(app.url) });
    expect(await api.health()).toEqual({ ok: true, status: 200, value: { status: 'ok' } });

    const created = await api.createSession({ title: 'Peer group', protocol: 'issue-analysis' });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.status).toBe(201);
    const { sessionId, memberInvite } = created.value;
    expect(created.value.memberLink).toBe(`${app.url}/s/${sessionId}?invite=${memberInvite}`);

    const lobby = await api.lobby(sessionId, memberInvite);
    expect(lobby).toMatchObject({ ok: true, value: { title: 'Peer group', role: 'member' } });
    expect(await api.lobby(sessionId, 'garbage')).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'token-invalid' },
    });

    const join = { invite: memberInvite, name: 'Ali', acceptRules: false };
    expect(await api.join(sessionId, join)).toMatchObject({
      ok: false,
      status: 422,
      error: { code: 'rules-not-accepted' },
    });
    const joined = await api.join(sessionId, { ...join, acceptRules: true });
    expect(joined).toMatchObject({
      ok: true,
      status: 201,
      value: { resumeToken: expect.any(String) },
    });

    const invalid = await api.createSession({ title: '' });
    expect(invalid).toMatchObject({ ok: false, status: 422, error: { code: 'invalid-session' } });
    if (!invalid.ok)
      expect(invalid.error.issues).toContainEqual({ path: 'title', message: expect.any(String) });
  });

  test('renews invites for the facilitator only, and downloads with the credential', async () => {
    const app = await startServer();
    const api = createApiClient({ baseUrl: app.url, headers: await signedInHeaders(app.url) });
    const created = await api.createSession({ title: 'Peer group' });
    if (!created.ok) throw new Error(created.error.message);
    const fran = await person(app.url, created.value, 'Fran', 'facilitator');
    const ali = await person(app.url, created.value, 'Ali');
    const { sessionId } = created.value;

    const renewed = await api.rotateInvites(sessionId, fran.resumeToken);
    if (!renewed.ok) throw new Error(renewed.error.message);
    expect(renewed.value.memberInvite).not.toBe(created.value.memberInvite);
    expect(await api.rotateInvites(sessionId, ali.resumeToken)).toMatchObject({
      ok: false,
      status: 403,
      error: { code: 'not-facilitator' },
    });

    const notes = await api.download(sessionId, 'notes', ali.resumeToken);
    expect(notes).toMatchObject({
      ok: true,
      value: expect.stringMatching(/^# My notes: Peer group/),
    });
    expect(await api.download(sessionId, 'takeaways', ali.resumeToken)).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'not-found' },
    });
  });

  test('lists and validates protocols', async () => {
    const app = await startServer();
    const api = createApiClient({ baseUrl: app.url });
    const listed = await api.protocols();
    expect(listed.ok && listed.value.protocols.map((p) => p.id)).toContain('issue-analysis');
    const checked = await api.validateProtocol({ format: 'roundtable.protocol/v1' });
    expect(checked).toMatchObject({ ok: false, status: 422, error: { code: 'invalid-protocol' } });
    if (!checked.ok) expect(checked.error.issues?.length).toBeGreaterThan(0);
  });
});
