import { describe, expect, test } from 'vitest';
import type { OwnData } from '../../src/people/own-data.ts';
import { ownDataMarkdown } from '../../src/people/own-data-markdown.ts';

const nobody: OwnData = {
  format: 'roundtable-own-data/1',
  exportedAt: '2027-02-01T10:00:00.000Z',
  profile: { id: 'p1', email: 'cy@example.org', name: '', role: 'member', createdAt: null },
  programs: [],
  groups: [],
  rulesProposed: [],
  rulesAccepted: [],
  meetings: [],
  sessions: [],
};

/** The lines between a `## title` heading and the next `##` heading. */
function sectionOf(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  return rest.slice(0, end < 0 ? undefined : end).filter((l) => l !== '');
}

describe('the Markdown export', () => {
  test.each([
    'Programs',
    'Groups',
    'Rule versions I proposed',
    'Rule versions I accepted',
    'Meetings',
    'Sessions',
  ])('an empty %s section says so rather than disappearing', (title) => {
    expect(sectionOf(ownDataMarkdown(nobody), title)).toEqual(['_None._']);
  });

  test('a profile without a name or a known start says so', () => {
    expect(sectionOf(ownDataMarkdown(nobody), 'Profile')).toEqual([
      '- Name: _none given_',
      '- Email: cy@example.org',
      '- Role: member',
      '- Since: _unknown_',
    ]);
  });

  test('a removed group, a multi-line note, and a session without notes or take-aways', () => {
    const markdown = ownDataMarkdown({
      ...nobody,
      groups: [{ id: 'g', name: 'Circle B', program: 'P', addedAt: 'A', removedAt: 'R' }],
      rulesProposed: [
        { group: 'Circle B', version: 2, note: 'Shorter\n  rules', rules: [], proposedAt: 'T' },
      ],
      sessions: [
        {
          sessionId: 's',
          title: 'Meeting 3',
          participantId: 'x',
          nameInSession: 'Cy',
          joinedAt: 'J',
          notes: '  ',
          takeaways: null,
        },
      ],
    });
    expect(sectionOf(markdown, 'Groups')).toEqual(['- Circle B, in P (added A, removed R)']);
    expect(sectionOf(markdown, 'Rule versions I proposed')).toEqual([
      '- Circle B, version 2 (T): Shorter rules',
    ]);
    expect(sectionOf(markdown, 'Sessions')).toEqual([
      '### Meeting 3',
      'Joined J as Cy.',
      '#### My notes',
      '_No notes._',
      '#### My take-aways',
      '_None._',
    ]);
  });
});
