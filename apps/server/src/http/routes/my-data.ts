import { API_ROUTES } from '@roundtable/wire';
import * as v from 'valibot';
import type { People } from '../../auth/people.ts';
import type { Clock } from '../../core/clock.ts';
import type { CoreEvents } from '../../core/events.ts';
import type { Sessions } from '../../core/sessions.ts';
import { deleteAccount } from '../../people/delete-account.ts';
import { ownData } from '../../people/own-data.ts';
import { ownDataMarkdown } from '../../people/own-data-markdown.ts';
import type { Store } from '../../store/store.ts';
import { json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, signedIn, signInRequired } from '../signed-in.ts';

export interface MyDataRoutesOptions {
  /** Sign-in, once the server is listening (auth-mount.ts); null until then. */
  readonly people: () => People | null;
  readonly store: Store;
  readonly sessions: Pick<Sessions, 'live'>;
  readonly events: CoreEvents;
  readonly clock: Clock;
  readonly publicUrl: string | null;
}

const FILE = 'roundtable-my-data';

async function exportJson(o: MyDataRoutesOptions, req: ApiRequest): Promise<Reply> {
  const person = await signedIn({ people: o.people, db: o.store.db }, req);
  if (!person) return signInRequired();
  const data = await ownData(o.store, person, o.clock.now());
  return json(200, data, { 'content-disposition': `attachment; filename="${FILE}.json"` });
}

async function exportMarkdown(o: MyDataRoutesOptions, req: ApiRequest): Promise<Reply> {
  const person = await signedIn({ people: o.people, db: o.store.db }, req);
  if (!person) return signInRequired();
  const data = await ownData(o.store, person, o.clock.now());
  return json(200, ownDataMarkdown(data), {
    'content-type': 'text/markdown; charset=utf-8',
    'content-disposition': `attachment; filename="${FILE}.md"`,
  });
}

/** Typing one's own address confirms it: a stray click or a forged form cannot delete. */
const confirmSchema = (email: string) =>
  v.strictObject({
    confirmEmail: v.pipe(
      v.string('your email address'),
      v.trim(),
      v.check((typed) => typed.toLowerCase() === email.toLowerCase(), 'your own email address'),
    ),
  });

async function deleteMe(o: MyDataRoutesOptions, req: ApiRequest): Promise<Reply> {
  const person = await signedIn({ people: o.people, db: o.store.db }, req);
  if (!person) return signInRequired();
  const parsed = v.safeParse(confirmSchema(person.email), req.body);
  if (!parsed.success) return invalidRequest(parsed.issues, 'your own email address to confirm');
  await deleteAccount(o, person);
  return json(200, { deleted: true }, { 'set-cookie': await clearedCookie(o.people) });
}

/** The session cookie, expired: its sign-in is deleted already, this tidies the browser. */
async function clearedCookie(people: () => People | null): Promise<string> {
  const context = await people()?.$context;
  const cookie = context?.authCookies.sessionToken;
  const name = cookie?.name ?? 'roundtable.session_token';
  const secure = cookie?.attributes.secure ? '; Secure' : '';
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
}

/** A signed-in person's own data: export as JSON or Markdown, and deleting the account. */
export function myDataRoutes(o: MyDataRoutesOptions): Route[] {
  return [
    { ...API_ROUTES.exportMeJson, handle: (req) => exportJson(o, req) },
    { ...API_ROUTES.exportMeMarkdown, handle: (req) => exportMarkdown(o, req) },
    {
      ...API_ROUTES.deleteMe,
      handle: (req) => deleteMe(o, req),
      admit: sameOriginOnly(o.publicUrl),
    },
  ];
}
