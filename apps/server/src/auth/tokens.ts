import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Signed, expiring credentials (HS256 JWTs). An invite lets someone join a session in a role;
 * a resume credential is a joined participant's identity, so a reloaded tab stays the same
 * participant. The `typ` claim keeps one kind from being used as the other.
 */
export type InviteRole = 'facilitator' | 'member';

export interface InviteClaims {
  readonly typ: 'invite';
  readonly sid: string;
  readonly role: InviteRole;
  /** The session's invite epoch when minted; a later epoch revokes the link. */
  readonly epoch: number;
}

export interface ResumeClaims {
  readonly typ: 'resume';
  readonly sid: string;
  readonly pid: string;
}

export type TokenFailureCode = 'token-missing' | 'token-invalid' | 'token-expired';

/** What people are told for each problem; the core's admission uses the same words. */
export const TOKEN_PROBLEM_MESSAGES: Record<TokenFailureCode, string> = {
  'token-missing': 'No credential was given.',
  'token-invalid': 'The link or credential is not valid.',
  'token-expired': 'The link or credential has expired; ask for a new one.',
};

/** A refused token, in the wire's failure shape, so admission can pass it on as it is. */
export interface TokenFailure {
  readonly ok: false;
  readonly error: { readonly code: TokenFailureCode; readonly message: string };
}

export type Verified<T> = { ok: true; claims: T } | TokenFailure;

const failure = (code: TokenFailureCode): TokenFailure => ({
  ok: false,
  error: { code, message: TOKEN_PROBLEM_MESSAGES[code] },
});

const ISSUER = 'roundtable';

export interface Tokens {
  mintInvite(claims: Omit<InviteClaims, 'typ'>, ttlSeconds: number): Promise<string>;
  mintResume(claims: Omit<ResumeClaims, 'typ'>, ttlSeconds: number): Promise<string>;
  verifyInvite(token: unknown): Promise<Verified<InviteClaims>>;
  verifyResume(token: unknown): Promise<Verified<ResumeClaims>>;
}

function sign(secret: Uint8Array, claims: Record<string, unknown>, ttlSeconds: number) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** Checks signature, issuer and expiry only; what the claims say is each kind's own check. */
async function verifySignature(
  secret: Uint8Array,
  token: unknown,
): Promise<Verified<Record<string, unknown>>> {
  if (typeof token !== 'string' || token.length === 0) return failure('token-missing');
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    return { ok: true, claims: payload };
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    return failure(expired ? 'token-expired' : 'token-invalid');
  }
}

/** A validly signed token of another kind or shape is as good as a forged one: invalid. */
function inviteClaimsOf(payload: Record<string, unknown>): Verified<InviteClaims> {
  const { typ, sid, role, epoch } = payload;
  const valid =
    typ === 'invite' &&
    typeof sid === 'string' &&
    (role === 'facilitator' || role === 'member') &&
    typeof epoch === 'number';
  return valid ? { ok: true, claims: { typ, sid, role, epoch } } : failure('token-invalid');
}

function resumeClaimsOf(payload: Record<string, unknown>): Verified<ResumeClaims> {
  const { typ, sid, pid } = payload;
  const valid = typ === 'resume' && typeof sid === 'string' && typeof pid === 'string';
  return valid ? { ok: true, claims: { typ, sid, pid } } : failure('token-invalid');
}

export function createTokens(secret: Uint8Array): Tokens {
  return {
    mintInvite: (claims, ttl) => sign(secret, { ...claims, typ: 'invite' }, ttl),
    mintResume: (claims, ttl) => sign(secret, { ...claims, typ: 'resume' }, ttl),
    async verifyInvite(token) {
      const result = await verifySignature(secret, token);
      return result.ok ? inviteClaimsOf(result.claims) : result;
    },
    async verifyResume(token) {
      const result = await verifySignature(secret, token);
      return result.ok ? resumeClaimsOf(result.claims) : result;
    },
  };
}
