import { describe, expect, test } from 'vitest';
import { invitationLink, invitationMail } from '../../src/programs/invitation-mail.ts';

describe('the invitation mail', () => {
  const mail = invitationMail({
    to: 'ada@example.org',
    programName: 'Mentors <2027> & friends',
    purpose: '  Monthly peer mentoring.  ',
    link: invitationLink('https://rt.example.org', 'tok-en_1'),
    expiresAt: Date.UTC(2027, 1, 3, 12),
  });

  test('links to the accept page at the public origin, with the token', () => {
    expect(invitationLink('https://rt.example.org/', 'a-b_c')).toBe(
      'https://rt.example.org/invitations/accept?token=a-b_c',
    );
    expect(mail.text).toContain('https://rt.example.org/invitations/accept?token=tok-en_1');
  });

  test('says what, why and until when in plain text', () => {
    expect(mail.subject).toBe('You are invited to Mentors <2027> & friends on Roundtable');
    expect(mail.text).toContain('"Mentors <2027> & friends"');
    expect(mail.text).toContain('\nMonthly peer mentoring.\n');
    expect(mail.text).toContain('until 2027-02-03');
  });

  test('escapes the program in its HTML part', () => {
    expect(mail.html).toContain('Mentors &#60;2027&#62; &#38; friends');
    expect(mail.html).not.toContain('<2027>');
  });

  test('leaves out an empty purpose', () => {
    const plain = invitationMail({
      to: 'a@b.c',
      programName: 'P',
      purpose: ' ',
      link: 'https://x/',
      expiresAt: 0,
    });
    expect(plain.text).not.toMatch(/\n\n\n/);
    expect(plain.html).not.toContain('<p></p>');
  });
});
