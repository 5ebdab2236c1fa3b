/**
 * `npm run bench`, third part, inside scripts/in-test-netns.sh: how soon a LiveKit outage shows
 * in the room and how soon media is back, with nobody sending anything. The goal is an outage
 * shown within 2 s; a timing goal lives here, not in the tests.
 *
 * Local: the server's own LiveKit is killed (SIGKILL); the supervisor sees it die and restarts
 * it after its first backoff step (0.5 s). A fresh server per run, so each is a first crash.
 * Hung: the server's LiveKit is stopped with SIGSTOP (alive, not answering) and continued
 * before the supervisor's 10 s hang kill; only the probe's timeout can notice.
 * External: a LiveKit the bench runs is stopped and started again; only the health probe
 * (every 500 ms, 2 misses) can notice, as with a deployment the server does not own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClient } from '@roundtable/client';
import { readStateValue, STATE_ROOT, type MediaState } from '@roundtable/wire';
import { REPO_ROOT } from '../src/config.ts';
import { liveKitBinaryPath } from '../src/media/livekit-binary.ts';
import { startLocalLiveKit } from '../src/media/livekit-process.ts';
import { childRunning } from '../test-media/support/proc.ts';
import { createSession, joinSession } from './crew.ts';
import { freePort, startServerProcess, type ServerProcess } from './server-process.ts';
import { NODE_IP, runBench, useTestNamespace } from './run-bench.ts';
import { summarize, type Summary } from './stats.ts';

const RUNS = Number(process.env.BENCH_OUTAGE_RUNS ?? '5');
const TARGET_MS = 2000;
const STEP_TIMEOUT_MS = 30_000;

interface Samples {
  down: number[];
  back: number[];
  token: number[];
}

async function main(): Promise<void> {
  useTestNamespace();
  const started = performance.now();
  const local = await localRuns();
  const hung = await hungRuns();
  const external = await externalRuns();
  console.log(machineLine());
  console.log(
    `Media outage: ${RUNS} runs each, nobody sending anything; times as a client sees them` +
      ' (its state document), and until a participant gets a media token again.',
  );
  console.log("Local LiveKit killed with SIGKILL (the server's supervisor restarts it):");
  report(local, 'kill');
  console.log(
    'Local LiveKit hung with SIGSTOP, then SIGCONT (found by the probe; continued before the 10 s hang kill):',
  );
  report(hung, 'SIGSTOP', 'SIGCONT');
  console.log('External LiveKit stopped, then started again (found by the health probe only):');
  report(external, 'stop', 'start');
  const worst = Math.max(...local.down, ...hung.down, ...external.down);
  console.log(
    `Target: outage shown within ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'MISSED'}` +
      ` (worst ${worst} ms; a goal to compare against, a miss does not fail the run).`,
  );
  console.log(`Total runtime ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function report(s: Samples, gone: string, back = gone): void {
  console.log(line(`${gone} -> media shown unavailable`, summarize(s.down)));
  console.log(line(`${back} -> media shown available again`, summarize(s.back)));
  console.log(line(`${back} -> a media token again`, summarize(s.token)));
}

async function localRuns(): Promise<Samples> {
  const samples: Samples = { down: [], back: [], token: [] };
  for (let run = 0; run < RUNS; run++) {
    const server = await startServerProcess({ leaveGraceMs: 3_600_000 });
    try {
      const ali = await admitted(server);
      const pid = childRunning(server.pid, 'livekit-server');
      if (pid === undefined) throw new Error(`no LiveKit child of the server:\n${server.tail()}`);
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      await waitFor(() => media(ali)?.available === false, 'media shown unavailable');
      samples.down.push(Date.now() - killedAt);
      await waitFor(() => media(ali)?.available === true, 'media shown available');
      samples.back.push(Date.now() - killedAt);
      await tokenAgain(ali);
      samples.token.push(Date.now() - killedAt);
      ali.close();
    } finally {
      await server.stop();
    }
  }
  return samples;
}

/** One server; its LiveKit stops answering without exiting, and resumes. */
async function hungRuns(): Promise<Samples> {
  const samples: Samples = { down: [], back: [], token: [] };
  const server = await startServerProcess({ leaveGraceMs: 3_600_000 });
  const pid = childRunning(server.pid, 'livekit-server');
  try {
    if (pid === undefined) throw new Error(`no LiveKit child of the server:\n${server.tail()}`);
    const ali = await admitted(server);
    for (let run = 0; run < RUNS; run++) {
      const stoppedAt = Date.now();
      process.kill(pid, 'SIGSTOP');
      await waitFor(() => media(ali)?.available === false, 'media shown unavailable');
      samples.down.push(Date.now() - stoppedAt);
      const continuedAt = Date.now();
      process.kill(pid, 'SIGCONT');
      await waitFor(() => media(ali)?.available === true, 'media shown available');
      samples.back.push(Date.now() - continuedAt);
      await tokenAgain(ali);
      samples.token.push(Date.now() - continuedAt);
    }
    ali.close();
  } finally {
    if (pid !== undefined) process.kill(pid, 'SIGCONT');
    await server.stop();
  }
  return samples;
}

async function externalRuns(): Promise<Samples> {
  const samples: Samples = { down: [], back: [], token: [] };
  const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-livekit-'));
  const options = {
    binary: liveKitBinaryPath(process.env, REPO_ROOT),
    dataDir,
    port: await freePort(),
    rtcPort: await freePort(),
    nodeIp: NODE_IP,
    bindAddress: '127.0.0.1',
    speakerUpdateMs: 100,
    log: () => {},
  };
  let livekit = await startLocalLiveKit(options);
  process.env.LIVEKIT_URL = livekit.endpoint.url;
  process.env.LIVEKIT_API_KEY = livekit.endpoint.apiKey;
  process.env.LIVEKIT_API_SECRET = livekit.endpoint.apiSecret;
  const server = await startServerProcess({ leaveGraceMs: 3_600_000 });
  try {
    const ali = await admitted(server);
    for (let run = 0; run < RUNS; run++) {
      await livekit.stop();
      const stoppedAt = Date.now();
      await waitFor(() => media(ali)?.available === false, 'media shown unavailable');
      samples.down.push(Date.now() - stoppedAt);
      livekit = await startLocalLiveKit(options);
      const answeringAt = Date.now();
      await waitFor(() => media(ali)?.available === true, 'media shown available');
      samples.back.push(Date.now() - answeringAt);
      await tokenAgain(ali);
      samples.token.push(Date.now() - answeringAt);
    }
    ali.close();
  } finally {
    await server.stop();
    await livekit.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

/** A member in a fresh session, connected and present. */
async function admitted(server: ServerProcess): Promise<LiveClient> {
  const { url } = server;
  const session = await createSession(url, {
    title: 'Media outage',
    protocol: 'issue-analysis',
  });
  const joined = await joinSession(url, session.sessionId, session.memberInvite, 'Ali');
  const client = new LiveClient({ url, token: joined.resumeToken, ackTimeoutMs: 10_000 }).connect();
  await waitFor(
    () =>
      client.state?.participants.some((p) => p.id === joined.participantId && p.present) ?? false,
    'Ali present',
  );
  const token = await client.mediaToken();
  if (!token.ok) throw new Error(`no media token before the outage: ${token.error.message}`);
  return client;
}

function media(client: LiveClient): MediaState | undefined {
  return readStateValue(client.docs.state.getMap(STATE_ROOT), 'media');
}

async function tokenAgain(client: LiveClient): Promise<void> {
  const until = Date.now() + STEP_TIMEOUT_MS;
  while (!(await client.mediaToken()).ok) {
    if (Date.now() > until) throw new Error('no media token after the outage');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Polls every 2 ms: fine enough for times measured in hundreds of milliseconds. */
async function waitFor(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + STEP_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function line(what: string, s: Summary | null): string {
  if (!s) return `  ${what}: no samples`;
  return `  ${what}: p50 ${s.p50} ms, max ${s.max} ms, mean ${s.mean.toFixed(0)} ms (n=${s.count})`;
}

function machineLine(): string {
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return `Machine: ${cpus().length} x ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${load}.`;
}

runBench(main);
