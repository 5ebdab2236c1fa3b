import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The signing secret: from ROUNDTABLE_SECRET when set (several servers must share it),
 * otherwise generated on first start and kept in the data directory, so links survive a
 * restart. The file is readable by its owner only.
 */
export function loadSecret(env: string | undefined, dataDir: string): Uint8Array {
  if (env && env.length >= 32) return new TextEncoder().encode(env);
  if (env) throw new Error('ROUNDTABLE_SECRET must be at least 32 characters long.');
  const file = join(dataDir, 'secret.key');
  try {
    return new Uint8Array(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32);
    writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
    return new Uint8Array(secret);
  }
}
