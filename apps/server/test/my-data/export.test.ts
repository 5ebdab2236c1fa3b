import { describe, expect, test } from 'vitest';
import type { OwnData } from '../../src/people/own-data.ts';
import type { BackendName } from '../live/harness.ts';
import { ADA, ADA_NOTES, BO_CARD, adaAndBo, getAs } from './my-data-harness.ts';
import { T } from './program-rows.ts';

const JSON_PATH = '/api/me/export.json';
const MD_PATH = '/api/me/export.md';
const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString();

describe.each<BackendName>(['sqlite', 'postgres'])('exporting my own data (%s)', (backend) => {
  test('signed out, neither export is given', async () => {
    const { server } = await adaAndBo(backend);
    for (const path of [JSON_PATH, MD_PATH]) {
      const response = await getAs(server.url, path);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'sign-in-required' } });
    }
  });

  test('as JSON: profile, program, group, rules, meeting and the session with notes', async () => {
    const { server, cookies, ids } = await adaAndBo(backend);
    const response = await getAs(server.url, JSON_PATH, cookies.ada);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="roundtable-my-data.json"',
    );
    const data = (await response.json()) as OwnData;
    expect(data.profile).toMatchObject({ id: ids.ada, email: ADA, role: 'member' });
    expect(Date.parse(data.profile.createdAt ?? '')).not.toBeNaN();
    expect(data.programs).toEqual([{ id: 'prog-1', name: 'Leaders 2027', joinedAt: at(1) }]);
    expect(data.groups).toEqual([
      { id: 'grp-1', name: 'Circle A', program: 'Leaders 2027', addedAt: at(4), removedAt: null },
    ]);
    expect(data.rulesProposed).toEqual([
      {
        group: 'Circle A',
        version: 1,
        note: 'A first draft',
        rules: ['What is said here stays here.'],
        proposedAt: at(5),
      },
    ]);
    expect(data.rulesAccepted).toEqual([{ group: 'Circle A', version: 1, acceptedAt: at(6) }]);
    expect(data.meetings).toEqual([
      { group: 'Circle A', number: 1, startedAt: at(10), minutesPresent: 30 },
    ]);
    expect(data.sessions).toHaveLength(1);
    const [session] = data.sessions;
    expect(session).toMatchObject({
      sessionId: ids.sessionId,
      participantId: ids.adaParticipant,
      title: 'Circle A, meeting 1',
      nameInSession: 'Ada',
      notes: ADA_NOTES,
    });
    expect(session?.takeaways).toContain(`(Bo): ${BO_CARD}`);
  });

  test("as Markdown, and nothing of Bo's in Ada's export", async () => {
    const { server, cookies } = await adaAndBo(backend);
    const response = await getAs(server.url, MD_PATH, cookies.ada);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="roundtable-my-data.md"',
    );
    const markdown = await response.text();
    for (const line of [
      '# My data in Roundtable',
      `- Email: ${ADA}`,
      `- Leaders 2027 (joined ${at(1)})`,
      `- Circle A, in Leaders 2027 (added ${at(4)})`,
      `- Circle A, version 1 (${at(5)}): A first draft`,
      `- Circle A, version 1 (${at(6)})`,
      `- Circle A, meeting 1 (${at(10)}): present 30 min`,
      '### Circle A, meeting 1',
      ADA_NOTES,
      '##### Take-aways: Circle A, meeting 1',
      `- **positive** (Bo): ${BO_CARD}`,
    ])
      expect(markdown.split('\n')).toContain(line);

    // Bo's own export holds his session but not Ada's notes, and his acceptance only.
    const bos = (await (await getAs(server.url, JSON_PATH, cookies.bo)).json()) as OwnData;
    expect(bos.profile.email).toBe('bo@example.org');
    expect(bos.sessions.map((s) => [s.nameInSession, s.notes, s.takeaways])).toEqual([
      ['Bo', '', null],
    ]);
    expect(bos.rulesProposed).toEqual([]);
    expect(bos.rulesAccepted).toEqual([{ group: 'Circle A', version: 1, acceptedAt: at(7) }]);
    expect(bos.meetings).toEqual([
      { group: 'Circle A', number: 1, startedAt: at(10), minutesPresent: 60 },
    ]);
  });
});
