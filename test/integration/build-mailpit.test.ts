import { expect, test } from 'vitest';
import { runBuildScript } from './build-script.ts';

test('with MAIL=off nothing is built, and the script says so', () => {
  const run = runBuildScript('build-mailpit.sh', { MAIL: 'off' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('MAIL=off, so Mailpit is not built.');
  expect(run.goCalled).toBe(false);
  expect(run.cached).toEqual([]);
});

test('with a real mail server (SMTP_URL) nothing is built, and the script says so', () => {
  const run = runBuildScript('build-mailpit.sh', { SMTP_URL: 'smtp://smtp.example.org' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('SMTP_URL is set, so the local Mailpit is not built.');
  expect(run.goCalled).toBe(false);
});

test('with an empty cache it does build (here the fake go fails), and a failure is no stop', () => {
  const run = runBuildScript('build-mailpit.sh', {});
  expect(run.goCalled).toBe(true);
  expect(run.output).toContain('building Mailpit');
  expect(run.status).toBe(0);
  expect(run.output).toContain('the Mailpit build failed');
});

test('without Go it says mail goes to the log instead', () => {
  const run = runBuildScript('build-mailpit.sh', {}, true);
  expect(run.status).toBe(0);
  expect(run.output).toContain(
    'mail: no Go toolchain, so Mailpit is not built; Roundtable will print its mail (sign-in links) to the log.',
  );
  expect(run.cached).toEqual([]);
});
