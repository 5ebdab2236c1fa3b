/**
 * A participant's identity in one session, kept in this browser so that a reload (or a
 * return later in the meeting) resumes the same participant instead of joining anew.
 */
export interface Credential {
  readonly participantId: string;
  readonly resumeToken: string;
  readonly name: string;
}

const key = (sessionId: string) => `roundtable:session:${sessionId}`;

export function saveCredential(sessionId: string, credential: Credential): void {
  localStorage.setItem(key(sessionId), JSON.stringify(credential));
}

export function loadCredential(sessionId: string): Credential | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(sessionId)) ?? 'null');
    return isCredential(parsed) ? parsed : null;
  } catch {
    // Storage can be blocked (private modes) or hold junk; either way there is nothing to resume.
    return null;
  }
}

export function forgetCredential(sessionId: string): void {
  localStorage.removeItem(key(sessionId));
}

function isCredential(value: unknown): value is Credential {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.participantId === 'string' &&
    typeof v.resumeToken === 'string' &&
    typeof v.name === 'string'
  );
}
