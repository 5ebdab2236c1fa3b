import type { WireError } from '@roundtable/wire';
import type { Store } from '../store/store.ts';
import { authoringClients } from './guarded-doc.ts';

/**
 * Which participant each Yjs clientID belongs to. A clientID is bound on first use and then
 * refused to anyone else, so nobody can write structs in another member's name. A clientID is
 * never a user id: Yjs regenerates it on a clash, so one participant may own several.
 */
export class ClientIds {
  private readonly owners: Map<number, string>;
  private readonly store: Store;
  private readonly sessionId: string;

  private constructor(store: Store, sessionId: string, owners: Map<number, string>) {
    this.store = store;
    this.sessionId = sessionId;
    this.owners = owners;
  }

  static async load(store: Store, sessionId: string): Promise<ClientIds> {
    return new ClientIds(store, sessionId, await store.clientIdOwners(sessionId));
  }

  ownedBy(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /** Binds the update's authoring clientIDs to `participantId`, or says whose they are. */
  async claim(participantId: string, update: Uint8Array): Promise<WireError | null> {
    let clients: Set<number>;
    try {
      clients = authoringClients(update);
    } catch {
      return { code: 'invalid-payload', message: 'That is not a Yjs update.' };
    }
    for (const client of clients) {
      const owner =
        this.owners.get(client) ??
        (await this.store.bindClientId(this.sessionId, client, participantId));
      this.owners.set(client, owner);
      if (owner !== participantId) {
        return {
          code: 'foreign-client-id',
          message: `Yjs client ${client} belongs to another participant.`,
        };
      }
    }
    return null;
  }
}
