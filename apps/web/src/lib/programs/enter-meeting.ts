import type { Credential } from '../credentials.ts';
import { api } from './api.ts';

export type EnterResult =
  { ok: true; credential: Credential } | { ok: false; code: string; message: string };

/**
 * A group member's way into the group's meeting: no invite, their session cookie says who they
 * are. The answer is a participant's credential, kept exactly as an invite join keeps it
 * (lobby/join.ts, credentials.ts), so the room resumes it the same way.
 */
export async function enterMeeting(options: {
  groupId: string;
  sessionId: string;
  name: string;
  acceptVersion: number | null;
}): Promise<EnterResult> {
  const request = options.acceptVersion === null ? {} : { acceptVersion: options.acceptVersion };
  const entered = await api().enterMeeting(options.groupId, options.sessionId, request);
  if (!entered.ok) return { ok: false, code: entered.error.code, message: entered.error.message };
  const { participantId, resumeToken } = entered.value;
  return { ok: true, credential: { participantId, resumeToken, name: options.name } };
}
