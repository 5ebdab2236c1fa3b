import { expect, test } from 'vitest';
import { startMediaApp } from './support/media-app.ts';
import { joinBot, joinListener } from './support/participants.ts';
import {
  issueAnalysisGroup,
  permissionLog,
  phaseOf,
  steerTo,
  startRound,
  until,
} from './support/room.ts';

/** Long enough for a stray packet to arrive, short next to the silent window itself. */
const SETTLE_MS = 300;

test("the presenter's microphone is closed by LiveKit for the whole silent window, and opens for the response", async () => {
  const app = await startMediaApp();
  const { fran, pat, peers, all } = await issueAnalysisGroup(app);
  const clients = all.map((p) => p.client);
  const patPermissions = permissionLog(pat.client);
  const presenter = await joinBot(pat.client);
  // Ali listens through LiveKit, as a browser would.
  const ali = await joinListener(peers[0]!.client);
  const heard = () => ali.heardFrom(pat.participantId).audible;

  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    watchers: clients,
  });
  await presenter.publishMic();
  presenter.hum();
  await until(() => heard() >= 50, 'Pat heard presenting');

  // Clarifying questions keep Pat's microphone; peer feedback is the silent window.
  await steerTo(fran.client, 'clarifying-questions', clients);
  const windowOpened = Date.now();
  await steerTo(fran.client, 'peer-feedback', clients);
  await until(
    () => ali.unpublishedSince(pat.participantId, windowOpened) !== undefined,
    "Pat's microphone track unpublished as Ali sees it",
  );
  await until(() => patPermissions.microphone() === false, 'Pat told the microphone is off');
  await presenter.unpublishMic().catch(() => undefined);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const heardAtClose = heard();

  // LiveKit refuses a new microphone track while the protocol says Pat listens.
  const publishedBefore = ali.published.length;
  await expect(presenter.publishMic()).rejects.toThrow();
  await steerTo(fran.client, 'positive-feedback', clients);
  expect(patPermissions.microphone()).toBe(false);
  expect(ali.published.slice(publishedBefore)).toEqual([]);
  expect(heard()).toBe(heardAtClose);

  // The window ends with the response: Pat is told, may publish, and is heard again.
  const toldBefore = patPermissions.changes.length;
  await steerTo(fran.client, 'response', clients);
  expect(phaseOf(pat.client)).toBe('response');
  await until(() => patPermissions.changes.length > toldBefore, 'Pat told about the response');
  expect(patPermissions.changes.at(-1)).toMatchObject({ microphone: true });
  await presenter.publishMic();
  presenter.hum();
  await until(() => heard() >= heardAtClose + 50, 'Pat heard in the response');
  expect(heard()).toBeGreaterThanOrEqual(heardAtClose + 50);
});
