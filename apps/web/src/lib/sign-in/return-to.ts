/*
 * Where to go back to after signing in (the page that sent a signed-out person to sign in),
 * kept while they follow the mailed link: it opens in a tab of its own, so the confirm page
 * finds it here. Only our own paths: a return link must not lead to another site.
 */
const KEY = 'roundtable.return-to';

/** A path on this site (`/new`), not an address elsewhere (`//evil.example`, `https:`). */
export const isOwnPath = (path: string): boolean => /^\/(?![/\\])/.test(path);

export function keepReturnTo(path: string | null): void {
  if (path && isOwnPath(path)) localStorage.setItem(KEY, path);
}

export function takeReturnTo(): string | null {
  const path = localStorage.getItem(KEY);
  localStorage.removeItem(KEY);
  return path && isOwnPath(path) ? path : null;
}
