import { createApiClient } from '@roundtable/client';
import type { PersonRef } from '@roundtable/wire';

/**
 * The API client of the program pages: the page's own origin, whose fetch sends the session
 * cookie and the Origin that cookie-authenticated writes need. A load passes SvelteKit's fetch.
 */
export const api = (fetcher?: typeof fetch) =>
  createApiClient({ baseUrl: '', ...(fetcher ? { fetch: fetcher } : {}) });

/**
 * Someone who deleted their account stays in the group's history, without a name; someone who
 * never gave a name (sign-in asks for none) still needs words on the page.
 */
export const nameOf = (person: PersonRef | null): string =>
  person === null ? 'a former member' : person.name.trim() || '(no name)';

const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const MOMENT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export const formatDay = (at: number | string): string => DAY.format(new Date(at));
export const formatMoment = (at: number): string => MOMENT.format(new Date(at));

/** The sign-in page, with a return link to `path` (one of ours: return-to.ts checks). */
export const signInPath = (path: string): string => `/sign-in?return=${encodeURIComponent(path)}`;
