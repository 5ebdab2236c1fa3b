import { endLeftover } from '../processes/leftover-process.ts';

/** A LiveKit left behind by a killed server is one started with this data directory's config. */
export function endLeftoverLiveKit(o: {
  pidFile: string;
  configFile: string;
  graceMs?: number;
}): Promise<number | undefined> {
  return endLeftover({
    pidFile: o.pidFile,
    graceMs: o.graceMs,
    isOurs: (argv) => argv.at(-2) === '--config' && argv.at(-1) === o.configFile,
  });
}
