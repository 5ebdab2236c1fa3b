import { networkInterfaces } from 'node:os';
import { killServersNow } from './server-process.ts';

/** The test namespace's media address (scripts/in-test-netns.sh): libwebrtc ignores loopback. */
export const NODE_IP = '10.77.0.1';

/**
 * Media benches run inside the test namespace only, so no media packet leaves this machine;
 * the server processes they start take their media settings from this environment.
 */
export function useTestNamespace(): void {
  const here = Object.values(networkInterfaces()).flat();
  if (!here.some((a) => a?.address === NODE_IP))
    throw new Error(`No ${NODE_IP} on this host: run this inside scripts/in-test-netns.sh.`);
  process.env.BENCH_MEDIA = '';
  process.env.LIVEKIT_NODE_IP = NODE_IP;
}

/** Runs a bench's main; whatever ends this process, the servers it started go with it. */
export function runBench(main: () => Promise<void>): void {
  process.on('exit', killServersNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the server.`);
      process.exit(130);
    });
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
