import { expect, test } from 'vitest';
import {
  connect,
  createSession,
  join as joinSession,
  startAppAt,
  tempDataDir,
} from '../live/harness.ts';
import { liveKitPorts } from '../live/process.ts';

async function appWith(env: Record<string, string>) {
  // MEDIA back to its default, which the test harness switches off.
  const app = await startAppAt(await tempDataDir(), { MEDIA: '', ...env });
  const session = await createSession(app.url);
  const joined = await joinSession(app.url, session.sessionId, session.memberInvite, 'Ali');
  return { app, client: await connect(app.url, joined.resumeToken) };
}

test('the app starts its own LiveKit and tells each participant media is available', async () => {
  const { port, rtcPort } = await liveKitPorts();
  const { client } = await appWith({
    LIVEKIT_PORT: String(port),
    LIVEKIT_RTC_PORT: String(rtcPort),
  });
  expect(client.welcome?.media).toEqual({ available: true, url: `ws://127.0.0.1:${port}` });
  expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
});

test('without a LiveKit binary the meeting runs and says plainly there is no audio or video', async () => {
  const { client } = await appWith({ LIVEKIT_BINARY: '/nonexistent/livekit-server' });
  expect(client.welcome?.media).toMatchObject({
    available: false,
    reason: expect.stringContaining('no audio or video'),
  });
  expect(await client.command({ type: 'raise-hand' })).toEqual({ ok: true });
});
