import { refusal, type Refusal, type WireError } from '@roundtable/wire';
import type { Store } from '../store/store.ts';
import { authoringClients } from './guarded-doc.ts';

/**
 * Which participant each Yjs clientID belongs to. A clientID is bound by the first accepted
 * update that uses it and then refused to anyone else, so nobody can write structs in another
 * member's name. A clientID is never a user id: Yjs regenerates it on a clash, so one
 * participant may own several.
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

  /**
   * Checks the update's authoring clientIDs against their owners without binding anything, so
   * an update refused later leaves no trace. Returns the clientIDs that are still unbound.
   */
  check(participantId: string, update: Uint8Array): ClaimCheck {
    let clients: Set<number>;
    try {
      clients = authoringClients(update);
    } catch {
      return refusal('invalid-payload', 'That is not a Yjs update.');
    }
    const unbound: number[] = [];
    for (const client of clients) {
      const owner = this.owners.get(client);
      if (owner === undefined) unbound.push(client);
      else if (owner !== participantId) return { ok: false, error: foreign(client) };
    }
    return { ok: true, unbound };
  }

  /** Binds clientIDs of an accepted update to their author, durably. */
  async bind(participantId: string, clients: readonly number[]): Promise<void> {
    for (const client of clients) {
      const owner = await this.store.bindClientId(this.sessionId, client, participantId);
      this.owners.set(client, owner);
      // Only another process writing the same session could have bound it meanwhile.
      if (owner !== participantId) throw new Error(foreign(client).message);
    }
  }
}

export type ClaimCheck = Refusal | { ok: true; unbound: number[] };

const foreign = (client: number): WireError => ({
  code: 'foreign-client-id',
  message: `Yjs client ${client} belongs to another participant.`,
});
