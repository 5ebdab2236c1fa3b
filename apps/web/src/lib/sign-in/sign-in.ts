import type { Role } from '@roundtable/wire';

/*
 * Sign-in through the server's better-auth routes (wire-protocol.md section 2.4), which answer
 * in better-auth's own shape ({ code, message }), not ours: read here, and nowhere else.
 */

export interface SignedIn {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

const AUTH = '/api/auth';

async function problem(response: Response | null, fallback: string): Promise<Outcome> {
  if (!response) return { ok: false, message: 'The server could not be reached. Try again.' };
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  if (response.status === 429 && typeof body?.message === 'string')
    return { ok: false, message: body.message };
  if (response.status === 400) return { ok: false, message: 'That is not an email address.' };
  return { ok: false, message: fallback };
}

/** Who the session cookie signs in, or null. */
export async function whoIsSignedIn(): Promise<SignedIn | null> {
  const response = await fetch(`${AUTH}/get-session`).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json().catch(() => null)) as { user?: SignedIn } | null;
  if (!body?.user) return null;
  const { email, name, role } = body.user;
  return { email, name, role: role === 'coordinator' ? 'coordinator' : 'member' };
}

/** Asks the server to mail a sign-in link to `email`. */
export async function requestSignInLink(email: string): Promise<Outcome> {
  const response = await fetch(`${AUTH}/sign-in/magic-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: email.trim() }),
  }).catch(() => null);
  if (response?.ok) return { ok: true };
  return problem(response, 'The sign-in link could not be sent. Try again in a moment.');
}

/**
 * Uses the token of a mailed link. A good token answers 200 and sets the session cookie; a
 * used, unknown or expired one is redirected to `/?error=...`, which fetch follows.
 */
export async function confirmSignInLink(token: string): Promise<Outcome> {
  const query = new URLSearchParams({ token });
  const response = await fetch(`${AUTH}/magic-link/verify?${query}`).catch(() => null);
  if (response?.ok && !response.redirected) return { ok: true };
  if (response?.redirected)
    return { ok: false, message: 'This link has been used or has expired.' };
  return problem(response, 'Signing in did not work. Try again in a moment.');
}

export async function signOut(): Promise<void> {
  await fetch(`${AUTH}/sign-out`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => null);
}
