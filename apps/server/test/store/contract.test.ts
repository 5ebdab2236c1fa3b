import { beforeAll, describe, expect, test } from 'vitest';
import type { OpenStoreOptions } from '../../src/store/open-store.ts';
import { backends, openForTest } from './backends.ts';
import { clientIdAndExportContract } from './contract/client-ids-and-exports.ts';
import type { ContractContext } from './contract/context.ts';
import { docContract } from './contract/docs.ts';
import { sessionContract } from './contract/sessions.ts';

/**
 * One contract, every backend: the server must not be able to tell SQLite from PostgreSQL.
 * Each backend gets a fresh database for this file; tests use fresh ids so they can share it.
 */
describe.each(backends)('$name store', (backend) => {
  let options: OpenStoreOptions | undefined;
  beforeAll(async () => {
    const target = await backend.create();
    options = target.options;
    return target.dispose;
  });
  const context: ContractContext = {
    options() {
      if (!options) throw new Error('The backend was not created');
      return options;
    },
    open: () => openForTest(context.options()),
  };

  test('says which backend it is', async () => {
    const store = await context.open();
    expect(store.kind).toBe(backend.name);
  });

  sessionContract(context);
  docContract(context);
  clientIdAndExportContract(context);
});
