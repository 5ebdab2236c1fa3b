/**
 * What is rate-limited, per whom, and how much an honest person can do before a limit is
 * reached. Client buckets are keyed by the client's address (IPv6 by its /64), participant
 * buckets by the participant (email buckets by the address mailed), so several people behind one office NAT share the client
 * buckets (connections, joins) but never each other's message budgets.
 */
export const BUCKETS = {
  create: {
    scope: 'client',
    default: { points: 30, seconds: 600 },
    what: 'sessions created',
  },
  join: { scope: 'client', default: { points: 60, seconds: 60 }, what: 'joins' },
  lobby: {
    scope: 'client',
    default: { points: 120, seconds: 60 },
    what: 'lobby views',
  },
  invites: {
    scope: 'client',
    default: { points: 30, seconds: 60 },
    what: 'invite renewals from your address',
  },
  renewals: {
    scope: 'participant',
    default: { points: 10, seconds: 60 },
    what: 'invite renewals',
  },
  transport: {
    scope: 'client',
    // Engine.IO connections, counted before any Socket.IO handshake: one per honest connect
    // (an upgrade from polling to WebSocket joins the connection it upgrades, uncounted).
    default: { points: 300, seconds: 60 },
    what: 'new connections from your address',
  },
  connect: {
    scope: 'client',
    // A restart's reconnect storm: every tab of a NAT'd office retrying with backoff.
    default: { points: 300, seconds: 60 },
    what: 'connections from your address',
  },
  'unknown-events': {
    scope: 'participant',
    // No honest client sends these; the budget only keeps a flood of them cheap and counted.
    default: { points: 30, seconds: 10 },
    what: 'unknown events',
  },
  commands: {
    scope: 'participant',
    default: { points: 50, seconds: 10 },
    what: 'commands',
  },
  sync: {
    scope: 'participant',
    // Every keystroke in one's notes is an update; a fast typist sends 10-15 a second.
    default: { points: 300, seconds: 10 },
    what: 'sync messages',
  },
  'sync-bytes': {
    scope: 'participant',
    // A client sends only what the server lacks (its offline edits), so honest traffic is
    // small; this leaves room for a sync step 2 at its 1 MiB maximum and everything around it.
    default: { points: 2 * 1024 * 1024, seconds: 10 },
    what: 'bytes of sync messages',
  },
  awareness: {
    scope: 'participant',
    default: { points: 300, seconds: 10 },
    what: 'awareness updates',
  },
  clock: { scope: 'participant', default: { points: 30, seconds: 10 }, what: 'clock samples' },
  'media-token': {
    scope: 'participant',
    default: { points: 20, seconds: 60 },
    what: 'media token requests',
  },
  // Sign-in mail goes to an address someone typed: these keep the server from being used to
  // flood an inbox (per address) or many inboxes (per client). An honest person asks again
  // once or twice when a mail is slow; an office onboarding together shares one address.
  'sign-in-mail': {
    scope: 'email',
    default: { points: 5, seconds: 900 },
    what: 'sign-in mails to this address',
  },
  'sign-in': {
    scope: 'client',
    default: { points: 30, seconds: 900 },
    what: 'sign-in mails from your address',
  },
  // Program invitations, one point per address, per coordinator: enough to paste two full
  // lists (200 each) an hour, never a way to mail thousands of strangers.
  'invitation-mail': {
    scope: 'person',
    default: { points: 400, seconds: 3600 },
    what: 'invitation mails',
  },
} as const satisfies Record<string, BucketSpec>;

export interface BucketSpec {
  /** A client address, a participant, an email address (lower-cased), or a signed-in person. */
  readonly scope: 'client' | 'participant' | 'email' | 'person';
  readonly default: Rate;
  /** What is counted, as the refusal's message names it: "Too many <what>". */
  readonly what: string;
}

export type BucketName = keyof typeof BUCKETS;
export const BUCKET_NAMES = Object.keys(BUCKETS) as BucketName[];

/** `points` per `seconds`, in fixed windows that start with the first request. */
export interface Rate {
  readonly points: number;
  readonly seconds: number;
}

/** `ROUNDTABLE_RATE_SYNC_BYTES` for `sync-bytes`. */
export const envName = (bucket: BucketName) =>
  `ROUNDTABLE_RATE_${bucket.toUpperCase().replaceAll('-', '_')}`;
