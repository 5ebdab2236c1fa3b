import type { OpenStoreOptions } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';

/** What each part of the contract needs from the backend it runs against. */
export interface ContractContext {
  /** A store on this file's database, closed when the test finishes. */
  open(): Promise<Store>;
  /** The options that open it, for tests that manage a store's lifetime themselves. */
  options(): OpenStoreOptions;
}
