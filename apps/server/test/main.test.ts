import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Runs the real entry point as its own process, the way `npm run serve` does. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', WEB_BUILD_DIR: '/nonexistent', MEDIA: 'off', ...env },
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
