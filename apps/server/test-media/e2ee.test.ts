import { expect, test } from 'vitest';
import { startMediaApp, tokenOf } from './support/media-app.ts';
import { issueAnalysisGroup } from './support/room.ts';

test('an end-to-end encrypted session gives every joined participant the same key; others get none', async () => {
  const app = await startMediaApp();
  const encrypted = await issueAnalysisGroup(app, {
    peers: ['Ali', 'Bo'],
    session: { e2ee: true },
  });
  const plain = await issueAnalysisGroup(app, { peers: ['Ali'] });

  const keys = await Promise.all(encrypted.all.map(async (p) => (await tokenOf(p.client)).e2eeKey));
  expect(keys[0]).toEqual(expect.any(String));
  expect(keys[0]!.length).toBeGreaterThanOrEqual(32);
  expect(new Set(keys)).toEqual(new Set([keys[0]]));
  // The key belongs to the session: another session's people do not get it.
  for (const p of plain.all) expect((await tokenOf(p.client)).e2eeKey).toBeNull();
  // The session says it is encrypted, and the key never travels in the shared documents.
  const stateDoc = JSON.stringify(encrypted.fran.client.docs.state.toJSON());
  expect(stateDoc).toContain('"e2ee":true');
  expect(stateDoc).not.toContain(keys[0]!);
});
