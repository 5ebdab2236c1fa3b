import { valueOf } from '@roundtable/client';
import { PROGRAM_LIMITS } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../live/fake-clock.ts';
import { firstLink } from '../mail/mailpit-inbox.ts';
import { INVITATION_SUBJECT, startProgramsServer, waitForNewMail } from './programs-harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(['sqlite', 'postgres'] as const)('invitations (%s)', (backend) => {
  test('the mail names the program, its purpose and expiry; its link joins the program', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const invited = valueOf(
      await server.coordinator.invite(program.id, {
        emails: [' Ada@Example.org ', 'ada@example.org', 'bo@example.org'],
      }),
      'invite',
    );
    expect(invited.alreadyMembers).toEqual([]);
    expect(invited.invitations.map((i) => [i.email, i.mail, i.acceptedAt])).toEqual([
      ['ada@example.org', 'sent', null],
      ['bo@example.org', 'sent', null],
    ]);
    const [first] = invited.invitations;
    expect(first?.expiresAt).toBe((first?.invitedAt ?? 0) + PROGRAM_LIMITS.invitationDays * DAY_MS);

    const { mail, token } = await server.invitationMail('ada@example.org');
    expect(mail.Subject).toBe(`You are invited to ${program.name} on Roundtable`);
    expect(mail.Text).toContain(program.purpose);
    expect(mail.Text).toContain(new Date(first?.expiresAt ?? 0).toISOString().slice(0, 10));
    const link = new URL(firstLink(mail.Text));
    expect(`${link.origin}${link.pathname}`).toBe(`${server.url}/invitations/accept`);
    expect(token).toMatch(/^[\w-]{43}$/);
    // Deduplicated: one mail to ada, though listed twice.
    expect(await server.inbox.listTo('ada@example.org')).toHaveLength(1);

    const ada = await server.signIn('ada@example.org');
    const accepted = valueOf(await ada.acceptInvitation({ token }), 'accept');
    expect(accepted).toEqual({ program: { id: program.id, name: program.name } });
    // Accepting again is harmless.
    expect(valueOf(await ada.acceptInvitation({ token }), 'again')).toEqual(accepted);

    const view = valueOf(await server.coordinator.program(program.id), 'view');
    expect(view.members).toEqual([
      expect.objectContaining({ id: ada.person.id, email: 'ada@example.org' }),
    ]);
    const adaInvitation = view.invitations.find((i) => i.email === 'ada@example.org');
    expect(adaInvitation?.acceptedBy?.id).toBe(ada.person.id);
    expect(adaInvitation?.acceptedAt).toEqual(expect.any(Number));
    expect(view.invitations.find((i) => i.email === 'bo@example.org')?.acceptedBy).toBeNull();

    // Inviting a member again sends nothing.
    const again = valueOf(
      await server.coordinator.invite(program.id, { emails: ['ADA@example.org'] }),
      'again',
    );
    expect(again).toEqual({ invitations: [], alreadyMembers: ['ada@example.org'] });
    expect(await server.inbox.listTo('ada@example.org')).toHaveLength(2); // + her sign-in mail
  });

  test('a link for another address, a link someone else used, and a replaced link', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    valueOf(await server.coordinator.invite(program.id, { emails: ['ada@example.org'] }), 'one');
    const { mail: oldMail, token: oldToken } = await server.invitationMail('ada@example.org');

    const bo = await server.signIn('bo@example.org');
    const wrong = await bo.acceptInvitation({ token: oldToken });
    expect(wrong.ok || [wrong.status, wrong.error.code]).toEqual([
      403,
      'invitation-for-another-address',
    ]);
    expect(wrong.ok || wrong.error.message).toContain('ada@example.org');
    expect(valueOf(await bo.me(), 'me').programs).toEqual([]);

    valueOf(await server.coordinator.invite(program.id, { emails: ['ada@example.org'] }), 'two');
    const fresh = await waitForNewMail(server.inbox, {
      address: 'ada@example.org',
      subject: INVITATION_SUBJECT,
      seen: new Set([oldMail.ID]),
    });
    const newToken = new URL(firstLink(fresh.Text)).searchParams.get('token') ?? '';
    expect(newToken).not.toBe(oldToken);

    const ada = await server.signIn('ada@example.org');
    const replaced = await ada.acceptInvitation({ token: oldToken });
    expect(replaced.ok || [replaced.status, replaced.error.code]).toEqual([
      403,
      'invalid-invitation',
    ]);
    expect(valueOf(await ada.me(), 'me').programs).toEqual([]);
    valueOf(await ada.acceptInvitation({ token: newToken }), 'accept the new link');
    expect(valueOf(await ada.me(), 'me').programs.map((p) => p.id)).toEqual([program.id]);

    // Once used, the link is no one else's, whatever their address.
    const used = await bo.acceptInvitation({ token: newToken });
    expect(used.ok || [used.status, used.error.code]).toEqual([403, 'invalid-invitation']);

    const unknown = await ada.acceptInvitation({ token: 'not-a-token' });
    expect(unknown.ok || unknown.error.code).toBe('invalid-invitation');
  });

  test('bad addresses are listed by index and nobody is invited', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const refused = await server.coordinator.invite(program.id, {
      emails: ['ada@example.org', 'not an address', 'bo@example.org', '@example.org'],
    });
    expect(refused.status).toBe(422);
    expect(refused.ok || refused.error.issues?.map((i) => i.path)).toEqual([
      'emails.1',
      'emails.3',
    ]);
    const none = await server.coordinator.invite(program.id, { emails: [] });
    expect(none.ok || none.error.issues?.map((i) => i.path)).toEqual(['emails']);
    const tooMany = Array.from(
      { length: PROGRAM_LIMITS.invitationsPerRequest + 1 },
      (_, i) => `p${i}@example.org`,
    );
    const over = await server.coordinator.invite(program.id, { emails: tooMany });
    expect(over.ok || over.error.issues?.map((i) => i.path)).toEqual(['emails']);
    expect(valueOf(await server.coordinator.program(program.id), 'view').invitations).toEqual([]);
    expect(await server.inbox.listTo('ada@example.org')).toEqual([]);
  });
});

test('an invitation link expires after the invitation days', async () => {
  const clock = new FakeClock();
  const server = await startProgramsServer('sqlite', { clock });
  const program = await server.createProgram();
  valueOf(
    await server.coordinator.invite(program.id, { emails: ['ada@example.org', 'bo@example.org'] }),
    'invite',
  );
  const ada = await server.invitationMail('ada@example.org');
  const bo = await server.invitationMail('bo@example.org');
  clock.advance(PROGRAM_LIMITS.invitationDays * DAY_MS - 1);
  const adaIn = await server.signIn('ada@example.org');
  valueOf(await adaIn.acceptInvitation({ token: ada.token }), 'accept just in time');
  clock.advance(1);
  const boIn = await server.signIn('bo@example.org');
  const expired = await boIn.acceptInvitation({ token: bo.token });
  expect(expired.ok || [expired.status, expired.error.code]).toEqual([403, 'invalid-invitation']);
  expect(valueOf(await boIn.me(), 'me').programs).toEqual([]);
});

test('invitation mail counts against the coordinator’s budget; over it, nobody is invited', async () => {
  const server = await startProgramsServer('sqlite', {
    env: { ROUNDTABLE_RATE_INVITATION_MAIL: '3/3600' },
  });
  const program = await server.createProgram();
  const first = await server.coordinator.invite(program.id, {
    emails: ['ada@example.org', 'bo@example.org'],
  });
  expect(first.status).toBe(200);
  const over = await server.coordinator.invite(program.id, {
    emails: ['cy@example.org', 'dee@example.org'],
  });
  expect(over.ok || [over.status, over.error.code]).toEqual([429, 'rate-limited']);
  expect(over.ok || over.error.retryAfterMs).toBeGreaterThan(0);
  const view = valueOf(await server.coordinator.program(program.id), 'view');
  expect(view.invitations.map((i) => i.email)).toEqual(['ada@example.org', 'bo@example.org']);
  expect(await server.inbox.listTo('cy@example.org')).toEqual([]);
});

test('an invitation whose mail the mail server did not take says so', async () => {
  const server = await startProgramsServer('sqlite');
  const program = await server.createProgram();
  await server.stopMail();
  const failed = valueOf(
    await server.coordinator.invite(program.id, { emails: ['ada@example.org'] }),
    'invite',
  );
  expect(failed.invitations.map((i) => i.mail)).toEqual(['failed']);
  const view = valueOf(await server.coordinator.program(program.id), 'view');
  expect(view.invitations.map((i) => [i.email, i.mail])).toEqual([['ada@example.org', 'failed']]);
});
