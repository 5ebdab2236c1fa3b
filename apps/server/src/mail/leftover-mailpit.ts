import { endLeftover } from '../processes/leftover-process.ts';

/** A Mailpit left behind by a killed server is one using this data directory's database. */
export function endLeftoverMailpit(o: {
  pidFile: string;
  database: string;
}): Promise<number | undefined> {
  return endLeftover({
    pidFile: o.pidFile,
    isOurs: (argv) => {
      const at = argv.indexOf('--database');
      return at >= 0 && argv[at + 1] === o.database;
    },
  });
}
