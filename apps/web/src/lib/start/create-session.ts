import type { Confidentiality } from '@roundtable/wire';

export interface NewSession {
  readonly title: string;
  readonly protocol: string;
  readonly groundRules: readonly string[];
  readonly confidentiality: Confidentiality;
}

export interface CreatedSession {
  readonly sessionId: string;
  readonly facilitatorInvite: string;
  readonly facilitatorLink: string;
  readonly memberLink: string;
}

export type CreateResult =
  | { ok: true; session: CreatedSession }
  | { ok: false; message: string; issues: readonly { path: string; message: string }[] };

/** POST /api/sessions, with the server's refusal turned into words for the form. */
export async function createSession(session: NewSession): Promise<CreateResult> {
  const response = await fetch('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...session,
      groundRules: session.groundRules.map((rule) => rule.trim()).filter(Boolean),
    }),
  }).catch(() => null);
  if (!response) return { ok: false, message: 'The server could not be reached.', issues: [] };
  const body = (await response.json().catch(() => ({}))) as Partial<CreatedSession> & {
    error?: { message?: string; issues?: { path: string; message: string }[] };
  };
  if (
    response.status === 201 &&
    body.sessionId &&
    body.facilitatorInvite &&
    body.facilitatorLink &&
    body.memberLink
  ) {
    return {
      ok: true,
      session: {
        sessionId: body.sessionId,
        facilitatorInvite: body.facilitatorInvite,
        facilitatorLink: body.facilitatorLink,
        memberLink: body.memberLink,
      },
    };
  }
  return {
    ok: false,
    message: body.error?.message ?? `The session could not be created (${response.status}).`,
    issues: body.error?.issues ?? [],
  };
}
