import { expect, test } from 'vitest';
import type { Store } from '../../../src/store/store.ts';
import { sessionRecord } from '../records.ts';
import type { ContractContext } from './context.ts';

/** Yjs picks clientIDs as random unsigned 32-bit integers: test the top of that range. */
const LARGEST_CLIENT_ID = 2 ** 32 - 1;

async function newSession(store: Store): Promise<string> {
  const session = sessionRecord();
  await store.createSession(session);
  return session.id;
}

export function clientIdAndExportContract({ open }: ContractContext): void {
  test('a clientID binds on first use and keeps its first owner', async () => {
    const store = await open();
    const id = await newSession(store);
    expect(await store.bindClientId(id, LARGEST_CLIENT_ID, 'ada')).toBe('ada');
    expect(await store.bindClientId(id, LARGEST_CLIENT_ID, 'ada')).toBe('ada');
    expect(await store.bindClientId(id, LARGEST_CLIENT_ID, 'mallory')).toBe('ada');
    expect(await store.bindClientId(id, 7, 'grace')).toBe('grace');
    expect(await store.clientIdOwners(id)).toEqual(
      new Map([
        [LARGEST_CLIENT_ID, 'ada'],
        [7, 'grace'],
      ]),
    );
  });

  test('racing binds of one clientID all see the same single owner', async () => {
    const store = await open();
    const id = await newSession(store);
    const claimants = Array.from({ length: 20 }, (_, i) => `participant-${i}`);
    const owners = await Promise.all(claimants.map((p) => store.bindClientId(id, 42, p)));

    const [owner] = owners;
    expect(claimants).toContain(owner);
    expect(new Set(owners)).toEqual(new Set([owner]));
    expect(await store.clientIdOwners(id)).toEqual(new Map([[42, owner]]));
  });

  test('the same clientID is independent in another session', async () => {
    const store = await open();
    const [a, b] = [await newSession(store), await newSession(store)];
    await store.bindClientId(a, 42, 'ada');
    expect(await store.bindClientId(b, 42, 'grace')).toBe('grace');
    expect(await store.clientIdOwners(a)).toEqual(new Map([[42, 'ada']]));
  });

  test('an export is replaced by the next one of its kind', async () => {
    const store = await open();
    const id = await newSession(store);
    expect(await store.getExport(id, 'ada', 'notes')).toBeNull();
    await store.putExport(id, 'ada', 'notes', '# Notes\n\nfirst');
    await store.putExport(id, 'ada', 'notes', '# Notes\n\nsecond');
    await store.putExport(id, 'ada', 'takeaways', '- listen');
    await store.putExport(id, 'grace', 'notes', 'Grace’s');

    expect(await store.getExport(id, 'ada', 'notes')).toBe('# Notes\n\nsecond');
    expect(await store.getExport(id, 'ada', 'takeaways')).toBe('- listen');
    expect(await store.getExport(id, 'grace', 'notes')).toBe('Grace’s');
    expect(await store.getExport(await newSession(store), 'ada', 'notes')).toBeNull();
  });
}
