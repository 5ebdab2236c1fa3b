import { afterEach, expect, test, vi } from 'vitest';
import { connect, createSession, join, serverEnv, tempDataDir } from './harness.ts';
import { freePort, spawnServer } from './process.ts';

/** The machine's real clock, which `Date.now` spies below do not touch. */
const trueNow = () => performance.timeOrigin + performance.now();

afterEach(() => {
  vi.restoreAllMocks();
});

test.each([
  ['five seconds fast', 5000],
  ['three seconds slow', -3000],
])(
  'a client whose clock is %s still counts down with the server, within 25 ms',
  async (_label, skewMs) => {
    // The server in its own process keeps the true clock; only this process's is skewed.
    const port = await freePort();
    await spawnServer(serverEnv(await tempDataDir(), { PORT: String(port) }));
    const url = `http://127.0.0.1:${port}`;
    const session = await createSession(url);
    const joined = await join(url, session.sessionId, session.memberInvite, 'Ali');

    const realDateNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realDateNow() + skewMs);
    const client = await connect(url, joined.resumeToken);
    await client.syncClock();

    expect(Math.abs(client.offsetMs + skewMs)).toBeLessThan(25);
    // A countdown is a deadline minus serverNow(): it is right if serverNow() is.
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(client.serverNow() - trueNow())).toBeLessThan(25);
      await new Promise((r) => setTimeout(r, 50));
    }
  },
);
