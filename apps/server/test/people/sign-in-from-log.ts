/**
 * Signing in on a test server that prints its mail to the log (MAIL=off, as most test servers
 * run so they need no Mailpit): the same magic-link flow a person follows, with the link read
 * out of the mail text the log mailer printed. Mail itself is tested through a real Mailpit
 * (people-harness.ts); here sign-in is only the way in, e.g. to create sessions.
 */

/** Who signs in to create the test sessions. */
export const HOST_EMAIL = 'host@test.example';

const PATIENCE_MS = 5000;
const printedBy = new Map<string, () => string>();
const cookies = new Map<string, Promise<string>>();

/**
 * Tells the helpers where the server at `url` prints its log. A new server at the same address
 * (a restart, or another over a fresh database) signs in again.
 */
export function registerLog(url: string, output: () => string): void {
  printedBy.set(url, output);
  cookies.delete(url);
}

/** The session cookie a response set, as a `cookie` header value. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('roundtable.session_token='));
  if (!cookie)
    throw new Error(`No session cookie in ${response.headers.getSetCookie().join(' | ')}`);
  return cookie.split(';')[0] ?? '';
}

/** The sign-in link of the first mail to `email` printed after `from`, once it is printed. */
export async function printedLink(
  output: () => string,
  from: number,
  email: string,
): Promise<string> {
  const deadline = Date.now() + PATIENCE_MS;
  const pattern = /(https?:\/\/\S+\/sign-in\/confirm\?token=\S+)/;
  for (;;) {
    const printed = output().slice(from);
    const mail = printed.slice(Math.max(0, printed.indexOf(` to ${email}:`)));
    const link = printed.includes(` to ${email}:`) ? pattern.exec(mail)?.[1] : undefined;
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`No sign-in link for ${email} in:\n${printed}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Asks for a link as the sign-in page does, follows it, and returns the signed-in cookie. */
export async function signInFromLog(
  url: string,
  output: () => string,
  email = HOST_EMAIL,
): Promise<string> {
  const from = output().length;
  const asked = await fetch(`${url}/api/auth/sign-in/magic-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email }),
  });
  if (asked.status !== 200) throw new Error(`Sign-in link refused: ${await asked.text()}`);
  const token = new URL(await printedLink(output, from, email)).searchParams.get('token') ?? '';
  const verified = await fetch(
    `${url}/api/auth/magic-link/verify?token=${encodeURIComponent(token)}`,
    { headers: { origin: url }, redirect: 'manual' },
  );
  return sessionCookie(verified);
}

/**
 * The headers of a signed-in page of the server at `url` (cookie and Origin): signs in once per
 * server, through the log registered for it, and reuses the cookie for every later call.
 */
export async function signedInHeaders(url: string): Promise<{ cookie: string; origin: string }> {
  let cookie = cookies.get(url);
  if (!cookie) {
    const output = printedBy.get(url);
    if (!output) throw new Error(`No log registered for the server at ${url} (registerLog).`);
    cookie = signInFromLog(url, output);
    cookies.set(url, cookie);
    // A failed sign-in is not kept: the next call tries again.
    cookie.catch(() => cookies.delete(url));
  }
  return { cookie: await cookie, origin: url };
}
