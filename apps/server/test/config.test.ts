import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readConfig, REPO_ROOT } from '../src/config.ts';

test('defaults to localhost:3000 with paths inside the repository', () => {
  expect(readConfig({}, '/somewhere/else')).toEqual({
    ok: true,
    config: {
      port: 3000,
      host: '127.0.0.1',
      dataDir: join(REPO_ROOT, 'data'),
      webBuildDir: join(REPO_ROOT, 'apps/web/build'),
      databaseUrl: undefined,
      secret: undefined,
      publicUrl: null,
      leaveGraceMs: 10_000,
      roomIdleMs: 600_000,
      inviteTtlSeconds: 30 * 86_400,
      resumeTtlSeconds: 400 * 86_400,
      signInLinkSeconds: 900,
      media: { mode: 'local', binary: undefined, port: 7880, rtcPort: 7882, nodeIp: '127.0.0.1' },
      mail: {
        mode: 'local',
        from: 'Roundtable <roundtable@localhost>',
        binary: undefined,
        httpPort: 8025,
        smtpPort: 1025,
      },
    },
  });
});

test('an existing LiveKit deployment needs its URL and both keys', () => {
  const external = {
    LIVEKIT_URL: 'wss://lk.example.org',
    LIVEKIT_API_KEY: 'k',
    LIVEKIT_API_SECRET: 's',
  };
  expect(readConfig(external, '/')).toMatchObject({
    ok: true,
    config: { media: { mode: 'external', url: 'wss://lk.example.org' } },
  });
  expect(readConfig({ LIVEKIT_URL: 'wss://lk.example.org' }, '/')).toEqual({
    ok: false,
    problems: [expect.stringContaining('LIVEKIT_API_KEY')],
  });
  expect(readConfig({ MEDIA: 'off' }, '/')).toMatchObject({
    ok: true,
    config: { media: { mode: 'off' } },
  });
});

test('the repository root is the one holding apps/server', () => {
  expect(join(REPO_ROOT, 'apps/server/src/config.ts')).toBe(
    new URL('../src/config.ts', import.meta.url).pathname,
  );
});

test('reads overrides, resolving relative paths from the working directory', () => {
  const result = readConfig(
    {
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: 'state',
      WEB_BUILD_DIR: '/srv/web',
      DATABASE_URL: 'postgres://db/rt',
      ROUNDTABLE_SECRET: 's'.repeat(32),
      PUBLIC_URL: 'https://rt.example.org/',
      ROUNDTABLE_LEAVE_GRACE_MS: '2000',
      ROUNDTABLE_ROOM_IDLE_MS: '30000',
      ROUNDTABLE_INVITE_DAYS: '7',
      ROUNDTABLE_SIGN_IN_LINK_SECONDS: '600',
      SMTP_URL: 'smtp://mail.example.org:587',
      MAIL_FROM: 'Roundtable <no-reply@rt.example.org>',
    },
    '/opt/roundtable',
  );
  expect(result).toEqual({
    ok: true,
    config: {
      port: 0,
      host: '0.0.0.0',
      dataDir: '/opt/roundtable/state',
      webBuildDir: '/srv/web',
      databaseUrl: 'postgres://db/rt',
      secret: 's'.repeat(32),
      publicUrl: 'https://rt.example.org',
      leaveGraceMs: 2000,
      roomIdleMs: 30_000,
      inviteTtlSeconds: 7 * 86_400,
      resumeTtlSeconds: 400 * 86_400,
      signInLinkSeconds: 600,
      media: { mode: 'local', binary: undefined, port: 7880, rtcPort: 7882, nodeIp: '127.0.0.1' },
      mail: {
        mode: 'smtp',
        smtpUrl: 'smtp://mail.example.org:587',
        from: 'Roundtable <no-reply@rt.example.org>',
      },
    },
  });
});

test.each([
  ['PUBLIC_URL', 'rt.example.org'],
  ['ROUNDTABLE_LEAVE_GRACE_MS', '-5'],
  ['ROUNDTABLE_ROOM_IDLE_MS', '50'],
  ['ROUNDTABLE_INVITE_DAYS', '0'],
])('refuses %s=%s', (name, value) => {
  const result = readConfig({ [name]: value }, '/');
  expect(result).toEqual({ ok: false, problems: [expect.stringContaining(name)] });
});

test.each(['abc', '-1', '70000', '3.5'])('refuses PORT=%s', (port) => {
  const result = readConfig({ PORT: port }, '/');
  expect(result).toEqual({ ok: false, problems: [expect.stringContaining(`"${port}"`)] });
});
