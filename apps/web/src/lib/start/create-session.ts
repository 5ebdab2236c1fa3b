import { createApiClient } from '@roundtable/client';
import type { Confidentiality, CreatedSession, Issue } from '@roundtable/wire';

export type { CreatedSession };

export interface NewSession {
  readonly title: string;
  readonly protocol: string;
  readonly groundRules: readonly string[];
  readonly confidentiality: Confidentiality;
}

export type CreateResult =
  { ok: true; session: CreatedSession } | { ok: false; message: string; issues: readonly Issue[] };

/** POST /api/sessions, with the server's refusal turned into words for the form. */
export async function createSession(session: NewSession): Promise<CreateResult> {
  const created = await createApiClient({ baseUrl: '' }).createSession({
    ...session,
    groundRules: session.groundRules.map((rule) => rule.trim()).filter(Boolean),
  });
  if (created.ok) return { ok: true, session: created.value };
  return { ok: false, message: created.error.message, issues: created.error.issues ?? [] };
}
