import { expect, test } from 'vitest';
import { startMediaApp } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import {
  issueAnalysisGroup,
  permissionLog,
  turnHolder,
  type Person,
  startRound,
  until,
} from './support/room.ts';

const SETTLE_MS = 300;

test('in peer feedback only the turn holder can publish a microphone and be heard; pass-turn moves it', async () => {
  const app = await startMediaApp();
  const { fran, pat, peers, all } = await issueAnalysisGroup(app, { peers: ['Ali', 'Bo'] });
  const clients = all.map((p) => p.client);
  const [ali, bo] = peers as [Person, Person];
  const aliPermissions = permissionLog(ali.client);
  // The presenter listens in silence, through LiveKit.
  const patEars = await joinListener(pat.client);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    phases: 2,
    watchers: clients,
  });
  // Fran facilitates and arrived first, so the round-robin starts with her, then Ali, then Bo.
  expect(turnHolder(pat.client)).toBe(fran.participantId);
  const franBot = await joinBot(fran.client);
  const aliBot = await joinBot(ali.client);
  const boBot = await joinBot(bo.client);

  // Only Fran's microphone is accepted (the refusals are LiveKit's, after its publish timeout).
  const first = await Promise.allSettled([franBot, aliBot, boBot].map((b) => b.publishMic()));
  expect(first.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
  franBot.hum();
  await until(() => patEars.heardFrom(fran.participantId).audible >= 50, 'Fran heard');
  expect(patEars.heardFrom(ali.participantId).audible).toBe(0);
  expect(patEars.heardFrom(bo.participantId).audible).toBe(0);

  // Fran passes: LiveKit takes her microphone away and Ali is told his is open.
  const passedAt = Date.now();
  expect(await fran.client.command({ type: 'pass-turn' })).toEqual({ ok: true });
  await until(() => turnHolder(pat.client) === ali.participantId, "Ali's turn");
  await until(
    () => patEars.unpublishedSince(fran.participantId, passedAt) !== undefined,
    "Fran's microphone unpublished",
  );
  await until(() => aliPermissions.microphone() === true, 'Ali told his microphone is open');
  await franBot.unpublishMic().catch(() => undefined);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const franHeard = patEars.heardFrom(fran.participantId).audible;

  const second = await Promise.allSettled([franBot, aliBot, boBot].map((b) => b.publishMic()));
  expect(second.map((a) => a.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
  aliBot.hum();
  await until(() => patEars.heardFrom(ali.participantId).audible >= 50, 'Ali heard');
  expect(patEars.heardFrom(fran.participantId).audible).toBe(franHeard);
  expect(patEars.heardFrom(bo.participantId).audible).toBe(0);
});
