import { decodeJwt } from 'jose';
import { expect, test } from 'vitest';
import { startMediaApp, tokenOf } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import {
  issueAnalysisGroup,
  permissionLog,
  phaseOf,
  turnHolder,
  connect,
  person,
  startRound,
  until,
} from './support/room.ts';

/** The sources a LiveKit join token lets its holder publish. */
function publishableSources(token: string): string[] {
  const video = decodeJwt(token).video as { canPublish?: boolean; canPublishSources?: string[] };
  return video.canPublish ? (video.canPublishSources ?? []) : [];
}

test('someone arriving during a silent window never holds a microphone grant', async () => {
  const app = await startMediaApp();
  const { session, fran, pat, all } = await issueAnalysisGroup(app);
  const franEars = await joinListener(fran.client);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    phases: 2,
    watchers: all.map((p) => p.client),
  });
  expect(phaseOf(fran.client)).toBe('peer-feedback');
  expect(turnHolder(fran.client)).toBe(fran.participantId);

  // Cy arrives mid-feedback: in the turn order, not holding the turn.
  const cy = await person(app.url, session, 'Cy');
  const cyPermissions = permissionLog(cy.client);
  const cyToken = await tokenOf(cy.client);
  expect(publishableSources(cyToken.token)).not.toContain('microphone');
  expect(publishableSources(cyToken.token)).toContain('camera');

  // Pat drops out of the silent window and comes back (a reload, a lost network).
  pat.client.close();
  await until(
    () =>
      fran.client.state?.participants.some((p) => p.id === pat.participantId && !p.present) ??
      false,
    'Pat counted as gone',
  );
  const patAgain = await connect(app.url, pat.resumeToken);
  const patPermissions = permissionLog(patAgain);
  await until(
    () =>
      fran.client.state?.participants.some((p) => p.id === pat.participantId && p.present) ?? false,
    'Pat back',
  );
  expect(phaseOf(patAgain)).toBe('peer-feedback');
  const patToken = await tokenOf(patAgain);
  expect(publishableSources(patToken.token)).not.toContain('microphone');

  // Both try their microphones anyway: LiveKit refuses, and nobody hears them.
  const [cyBot, patBot] = await Promise.all([joinBot(cyToken), joinBot(patToken)]);
  const attempts = await Promise.allSettled([cyBot.publishMic(), patBot.publishMic()]);
  expect(attempts.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  expect(franEars.heardFrom(cy.participantId).audible).toBe(0);
  expect(franEars.heardFrom(pat.participantId).audible).toBe(0);
  // Nothing the server said opened a microphone for them meanwhile.
  expect(cyPermissions.changes.filter((c) => c.microphone)).toEqual([]);
  expect(patPermissions.changes.filter((c) => c.microphone)).toEqual([]);
});
