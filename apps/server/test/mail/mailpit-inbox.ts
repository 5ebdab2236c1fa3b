/*
 * Reads a real Mailpit's inbox through its HTTP API (/api/v1/messages, /api/v1/message/{ID}),
 * for any test that needs what was mailed: the mail tests here, and browser tests that follow
 * a sign-in link. Plain fetch, no vitest, so it works from any workspace.
 */

export interface MailAddress {
  readonly Name: string;
  readonly Address: string;
}

/** A message as Mailpit's list shows it. */
export interface MailSummary {
  readonly ID: string;
  readonly From: MailAddress;
  readonly To: readonly MailAddress[];
  readonly Subject: string;
}

/** A whole message: its parts decoded. */
export interface Mail extends MailSummary {
  readonly Text: string;
  readonly HTML: string;
}

export interface MailpitInbox {
  /** Every message held, newest first. */
  list(): Promise<MailSummary[]>;
  /** The messages to this address (case-insensitive), newest first. */
  listTo(address: string): Promise<MailSummary[]>;
  read(id: string): Promise<Mail>;
  /** Polls until a message to this address arrives (sending is asynchronous), then reads it. */
  waitForMailTo(address: string, timeoutMs?: number): Promise<Mail>;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Mailpit answered ${response.status} for ${url}`);
  return (await response.json()) as T;
}

export function mailpitInbox(inboxUrl: string): MailpitInbox {
  const list = async () =>
    (await getJson<{ messages: MailSummary[] }>(`${inboxUrl}/api/v1/messages?limit=500`)).messages;
  const listTo = async (address: string) =>
    (await list()).filter((m) =>
      m.To.some((to) => to.Address.toLowerCase() === address.toLowerCase()),
    );
  const read = (id: string) => getJson<Mail>(`${inboxUrl}/api/v1/message/${id}`);
  return {
    list,
    listTo,
    read,
    waitForMailTo: async (address, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [newest] = await listTo(address);
        if (newest) return read(newest.ID);
        if (Date.now() > deadline)
          throw new Error(`No mail to ${address} reached ${inboxUrl} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** The first http(s) link in a mail's text part: the sign-in or invitation link. */
export function firstLink(text: string): string {
  const match = /https?:\/\/[^\s<>"]+/.exec(text);
  if (!match) throw new Error(`No link in this mail:\n${text}`);
  return match[0];
}
