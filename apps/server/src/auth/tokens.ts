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

export type TokenProblem = 'token-missing' | 'token-invalid' | 'token-expired';

export type Verified<T> = { ok: true; claims: T } | { ok: false; problem: TokenProblem };

const ISSUER = 'roundtable';

export interface Tokens {
  mintInvite(claims: Omit<InviteClaims, 'typ'>, ttlSeconds: number): Promise<string>;
  mintResume(claims: Omit<ResumeClaims, 'typ'>, ttlSeconds: number): Promise<string>;
  verifyInvite(token: unknown): Promise<Verified<InviteClaims>>;
  verifyResume(token: unknown): Promise<Verified<ResumeClaims>>;
}

export function createTokens(secret: Uint8Array): Tokens {
  const mint = (claims: Record<string, unknown>, ttlSeconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(secret);

  async function verify(token: unknown): Promise<Verified<Record<string, unknown>>> {
    if (typeof token !== 'string' || token.length === 0)
      return { ok: false, problem: 'token-missing' };
    try {
      const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
      return { ok: true, claims: payload };
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      return { ok: false, problem: expired ? 'token-expired' : 'token-invalid' };
    }
  }

  return {
    mintInvite: (claims, ttl) => mint({ ...claims, typ: 'invite' }, ttl),
    mintResume: (claims, ttl) => mint({ ...claims, typ: 'resume' }, ttl),
    async verifyInvite(token) {
      const result = await verify(token);
      if (!result.ok) return result;
      const c = result.claims;
      const valid =
        c.typ === 'invite' &&
        typeof c.sid === 'string' &&
        (c.role === 'facilitator' || c.role === 'member') &&
        typeof c.epoch === 'number';
      return valid
        ? {
            ok: true,
            claims: {
              typ: 'invite',
              sid: c.sid as string,
              role: c.role as InviteRole,
              epoch: c.epoch as number,
            },
          }
        : { ok: false, problem: 'token-invalid' };
    },
    async verifyResume(token) {
      const result = await verify(token);
      if (!result.ok) return result;
      const c = result.claims;
      const valid = c.typ === 'resume' && typeof c.sid === 'string' && typeof c.pid === 'string';
      return valid
        ? { ok: true, claims: { typ: 'resume', sid: c.sid as string, pid: c.pid as string } }
        : { ok: false, problem: 'token-invalid' };
    },
  };
}
