import { expect, test } from 'vitest';
import { startServer } from './support.ts';

test('GET /healthz answers ok', async () => {
  const base = await startServer();
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual({ status: 'ok' });
});

test('other methods on /healthz are refused with the allowed ones', async () => {
  const base = await startServer();
  const res = await fetch(`${base}/healthz`, { method: 'DELETE' });
  expect(res.status).toBe(405);
  expect(res.headers.get('allow')).toBe('GET');
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'method-not-allowed' } });
});
