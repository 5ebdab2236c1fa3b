import { addCard, cardsOf, createApiClient, setVerdict, valueOf } from '@roundtable/client';
import { NOTES_TEXT } from '@roundtable/wire';
import { expect, onTestFinished } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import type { Store } from '../../src/store/store.ts';
import { person, serverEnv, tempDataDir, until, type BackendName } from '../live/harness.ts';
import { signInFromLog } from '../people/sign-in-from-log.ts';
import { openForTest, postgresBackend, sqliteBackend } from '../store/backends.ts';
import { insertProgramRows } from './program-rows.ts';

export const ADA = 'ada@example.org';
export const BO = 'bo@example.org';
export const ADA_NOTES = 'Ask the team before deciding.';
export const BO_CARD = 'You listened before you decided.';

export interface MyDataServer {
  readonly app: App;
  readonly url: string;
  /** The server's own store: the test sets up rows with it and reads what was kept. */
  readonly store: Store;
  /** Signs `email` in through the link the server printed; returns the cookie header. */
  signIn(email: string): Promise<string>;
  /** Closes this app and starts another over the same store: no session is in memory. */
  restart(): Promise<MyDataServer>;
}

/** A real server on port 0 over a store the test holds (either backend), closed at the end. */
export async function startMyDataServer(backend: BackendName): Promise<MyDataServer> {
  const place = await (backend === 'postgres' ? postgresBackend : sqliteBackend).create();
  // Hooks run last-in first: the app closes, then the store, then its database goes.
  onTestFinished(() => place.dispose());
  return startOver(await openForTest(place.options));
}

/** An app over `store`; a second one over the same store is the first restarted. */
async function startOver(store: Store): Promise<MyDataServer> {
  let printed = '';
  const app = await startApp({
    env: serverEnv(await tempDataDir()),
    store,
    log: (message) => void (printed += `${message}\n`),
  });
  onTestFinished(() => app.close());
  const signIn = (email: string) => signInFromLog(app.url, () => printed, email);
  const restart = async () => {
    await app.close();
    return startOver(store);
  };
  return { app, url: app.url, store, signIn, restart };
}

export async function personId(store: Store, email: string): Promise<string> {
  const row = await store.db
    .selectFrom('people')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Links participants to the people signed in with these addresses, as the meeting routes do
 * for members who enter a group meeting (these sessions are started with invite links).
 */
export async function linkToPeople(
  server: MyDataServer,
  sessionId: string,
  links: readonly (readonly [participantId: string, email: string])[],
): Promise<void> {
  for (const [participantId, email] of links)
    await server.store.db
      .updateTable('participants')
      .set({ person_id: await personId(server.store, email) })
      .where('session_id', '=', sessionId)
      .where('id', '=', participantId)
      .execute();
}

/**
 * A real session Ada starts: Bo facilitates, Ada presents and keeps Bo's card, types her
 * private notes in her LiveClient, and Bo ends the session (which stores her take-aways).
 * Both are signed in; what links a participant to a person is the meeting routes' job, so
 * the fixture sets `participants.person_id` itself.
 */
export async function endedSession(server: MyDataServer, cookies: { ada: string; bo: string }) {
  const { url } = server;
  const api = createApiClient({ baseUrl: url, headers: { cookie: cookies.ada, origin: url } });
  const session = valueOf(
    await api.createSession({ title: 'Circle A, meeting 1', protocol: 'good-news-analysis' }),
    'create session',
  );
  const bo = await person(url, session, 'Bo', 'facilitator');
  const ada = await person(url, session, 'Ada');
  await linkToPeople(server, session.sessionId, [
    [ada.participantId, ADA],
    [bo.participantId, BO],
  ]);
  expect(
    await bo.client.command({
      type: 'start-round',
      presenter: ada.participantId,
      protocolId: 'good-news-analysis',
    }),
  ).toEqual({ ok: true });
  expect(await bo.client.command({ type: 'next-phase' })).toEqual({ ok: true });
  await until(() => ada.client.state?.round?.phaseIndex === 1, 'feedback');
  const card = addCard(bo.client.docs.board, {
    author: bo.participantId,
    round: 1,
    phase: 'positive-feedback',
    kind: 'positive',
    text: BO_CARD,
    created: Date.now(),
  });
  expect(await bo.client.flush()).toEqual([{ ok: true }]);
  await until(() => cardsOf(ada.client.docs.board).length === 1, "Bo's card reaches Ada");
  setVerdict(ada.client.docs.board, card.id, 'take');
  ada.client.docs.notes.getText(NOTES_TEXT).insert(0, ADA_NOTES);
  expect(await ada.client.flush()).toEqual([{ ok: true }, { ok: true }]);
  expect(await bo.client.command({ type: 'end-session' })).toEqual({ ok: true });
  await until(() => ada.client.state?.ended === true, 'the end reaches Ada');
  return { session, ada, bo };
}

/** Ada and Bo signed in, the ended session, and the program rows around it. */
export async function adaAndBo(backend: BackendName) {
  const server = await startMyDataServer(backend);
  const cookies = { ada: await server.signIn(ADA), bo: await server.signIn(BO) };
  const meeting = await endedSession(server, cookies);
  const ids = {
    ada: await personId(server.store, ADA),
    bo: await personId(server.store, BO),
    sessionId: meeting.session.sessionId,
    adaParticipant: meeting.ada.participantId,
    boParticipant: meeting.bo.participantId,
  };
  await insertProgramRows(server.store, ids);
  return { server, cookies, meeting, ids };
}

/** A GET as a page signed in with `cookie` (or signed out) sends it. */
export function getAs(url: string, path: string, cookie?: string): Promise<Response> {
  return fetch(`${url}${path}`, { headers: cookie ? { cookie } : {} });
}
