import type { OwnData, OwnSession } from './own-data.ts';

/**
 * The same export as Markdown, for reading rather than for tools: one section per kind of
 * data, empty sections saying so rather than disappearing, so the reader sees what is kept.
 */
export function ownDataMarkdown(data: OwnData): string {
  const { profile } = data;
  const lines = [
    `# My data in Roundtable`,
    '',
    `Exported ${data.exportedAt}.`,
    '',
    '## Profile',
    '',
    `- Name: ${profile.name || '_none given_'}`,
    `- Email: ${profile.email}`,
    `- Role: ${profile.role}`,
    `- Since: ${profile.createdAt ?? '_unknown_'}`,
    '',
    ...section(
      'Programs',
      data.programs.map((p) => `- ${p.name} (joined ${p.joinedAt})`),
    ),
    ...section(
      'Groups',
      data.groups.map(
        (g) =>
          `- ${g.name}, in ${g.program} (added ${g.addedAt}${g.removedAt ? `, removed ${g.removedAt}` : ''})`,
      ),
    ),
    ...section(
      'Rule versions I proposed',
      data.rulesProposed.map(
        (r) => `- ${r.group}, version ${r.version} (${r.proposedAt}): ${oneLine(r.note)}`,
      ),
    ),
    ...section(
      'Rule versions I accepted',
      data.rulesAccepted.map((a) => `- ${a.group}, version ${a.version} (${a.acceptedAt})`),
    ),
    ...section(
      'Meetings',
      data.meetings.map(
        (m) =>
          `- ${m.group}, meeting ${m.number} (${m.startedAt}): present ${m.minutesPresent} min`,
      ),
    ),
    '## Sessions',
    '',
    ...(data.sessions.length === 0 ? ['_None._', ''] : data.sessions.flatMap(sessionLines)),
  ];
  return lines.join('\n');
}

function section(title: string, items: readonly string[]): string[] {
  return [`## ${title}`, '', ...(items.length === 0 ? ['_None._'] : items), ''];
}

/** Their notes and take-aways, with the headings of those one level down. */
function sessionLines(s: OwnSession): string[] {
  return [
    `### ${s.title}`,
    '',
    `Joined ${s.joinedAt} as ${s.nameInSession}.`,
    '',
    '#### My notes',
    '',
    s.notes.trim() || '_No notes._',
    '',
    '#### My take-aways',
    '',
    s.takeaways ? demote(s.takeaways) : '_None._',
    '',
  ];
}

/** A stored take-aways document starts at `#`; inside this export it sits below level 4. */
function demote(markdown: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) => (line.startsWith('#') ? `####${line}` : line))
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
