import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  /** Where the server will keep its data; unused until sessions are stored. */
  dataDir: string;
  /** The web app's adapter-node output, loaded at run time. */
  webBuildDir: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** The repository root, so defaults do not depend on the directory the server starts in. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Reads the configuration from environment variables; relative paths resolve from `cwd`. */
export function readConfig(env: Record<string, string | undefined>, cwd: string): ConfigResult {
  const problems: string[] = [];
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const pathFrom = (value: string | undefined, fallback: string) =>
    value?.trim() ? resolve(cwd, value) : resolve(REPO_ROOT, fallback);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      port,
      host,
      dataDir: pathFrom(env.DATA_DIR, 'data'),
      webBuildDir: pathFrom(env.WEB_BUILD_DIR, 'apps/web/build'),
    },
  };
}
