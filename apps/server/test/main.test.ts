import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';
import { freePort } from './live/process.ts';
import { tempDataDir } from './live/harness.ts';
import { testMailpitBinary } from './mail/test-mailpit.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Runs the real entry point as its own process, the way `npm run serve` does. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      WEB_BUILD_DIR: '/nonexistent',
      MEDIA: 'off',
      MAIL: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Created on demand so a test that expects an early exit leaves no promise rejected.
  const listening = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /Roundtable is running at (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      check();
      child.stdout.on('data', check);
      child.once('exit', (code) =>
        reject(new Error(`exited with ${code} before listening:\n${output}`)),
      );
    });
  return { child, listening, output: () => output };
}

test.each(['SIGTERM', 'SIGINT'] as const)(
  'starts, serves, and exits cleanly on %s',
  async (signal) => {
    const { child, listening } = runMain({});
    const url = await listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    child.kill(signal);
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  },
);

test('on a fresh install it prints the one-time link that makes the first coordinator', async () => {
  const { child, listening, output } = runMain({ DATA_DIR: await tempDataDir() });
  const url = await listening();
  await expect
    .poll(output)
    .toMatch(
      new RegExp(
        `Set up Roundtable \\(one-time link, makes you the coordinator\\): ${url}/setup\\?token=`,
      ),
    );
  child.kill('SIGTERM');
  await once(child, 'exit');
});

test('a bad PORT stops the process with a clear message', async () => {
  const { child, output } = runMain({ PORT: 'eighty' });
  const [code] = await once(child, 'exit');
  expect(code).toBe(1);
  expect(output()).toContain('PORT must be a whole number');
});

test('a port already in use stops the process with a clear message', async () => {
  const blocker = createNetServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    blocker.close();
  });
  const { port } = blocker.address() as AddressInfo;

  const { child, output } = runMain({ PORT: String(port) });
  const [code] = await once(child, 'exit');
  expect(code).toBe(1);
  expect(output()).toContain(`Could not listen on 127.0.0.1:${port}: listen EADDRINUSE`);
});

test('without SMTP_URL it runs the local Mailpit, prints its inbox, and stops it on shutdown', async () => {
  testMailpitBinary();
  const httpPort = await freePort();
  const { child, listening, output } = runMain({
    MAIL: '',
    SMTP_URL: '',
    DATA_DIR: await tempDataDir(),
    MAILPIT_PORT: String(httpPort),
    MAILPIT_SMTP_PORT: String(await freePort()),
  });
  await listening();
  const inbox = `http://127.0.0.1:${httpPort}`;
  await expect.poll(output).toContain(`Mail inbox (every mail Roundtable sends): ${inbox}\n`);
  expect((await fetch(`${inbox}/readyz`)).status).toBe(200);

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  await expect(fetch(`${inbox}/readyz`)).rejects.toThrow();
});
