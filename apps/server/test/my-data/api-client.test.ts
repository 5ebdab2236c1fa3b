import { createApiClient, valueOf } from '@roundtable/client';
import { expect, test } from 'vitest';
import type { OwnData } from '../../src/people/own-data.ts';
import { ADA, ADA_NOTES, adaAndBo } from './my-data-harness.ts';

/** The API client's calls (packages/client program-calls.ts) against the real routes. */
test("the API client exports, is refused a wrong address, and deletes Ada's account", async () => {
  const { server, cookies, ids } = await adaAndBo('sqlite');
  const api = createApiClient({
    baseUrl: server.url,
    headers: { cookie: cookies.ada, origin: server.url },
  });
  const data = JSON.parse(valueOf(await api.exportMeJson(), 'export json')) as OwnData;
  expect(data.sessions.map((s) => s.notes)).toEqual([ADA_NOTES]);
  expect(valueOf(await api.exportMeMarkdown(), 'export md')).toContain(ADA_NOTES);

  const wrong = await api.deleteMe({ confirmEmail: 'someone@example.org' });
  expect(wrong).toMatchObject({ ok: false, status: 422, error: { code: 'invalid-request' } });
  expect(valueOf(await api.deleteMe({ confirmEmail: ADA }), 'delete')).toEqual({ deleted: true });
  expect(await api.exportMeJson()).toMatchObject({
    ok: false,
    status: 401,
    error: { code: 'sign-in-required' },
  });
  const gone = await server.store.db.selectFrom('people').select('id').where('id', '=', ids.ada);
  expect(await gone.execute()).toEqual([]);
});
