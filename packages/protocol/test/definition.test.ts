import { describe, expect, test } from 'vitest';
import { BUILT_IN_PROTOCOLS, parseProtocol, type ProtocolInput } from '../src/index.ts';

const base = BUILT_IN_PROTOCOLS[0] as ProtocolInput;

function withPhase(index: number, patch: Record<string, unknown>): unknown {
  return { ...base, phases: base.phases.map((p, i) => (i === index ? { ...p, ...patch } : p)) };
}

describe('parseProtocol', () => {
  test('a minimal custom protocol is normalised with defaults', () => {
    const result = parseProtocol({
      format: 'roundtable.protocol/v1',
      id: 'check-in',
      title: '  Check-in ',
      summary: 'Everyone says how they are.',
      phases: [
        {
          id: 'round',
          title: 'Round',
          guidance: { facilitator: 'Go round.', members: 'One sentence each.' },
          speakers: 'peers-in-turn',
          turns: { rule: 'round-robin', secondsPerTurn: 60 },
          durationSeconds: 600,
        },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      protocol: {
        title: 'Check-in',
        roles: [],
        minPeers: 1,
        phases: [{ silent: 'nobody', cards: [], starters: [] }],
      },
    });
  });

  test.each([
    ['wrong format', { ...base, format: 'v0' }, 'format'],
    ['no phases', { ...base, phases: [] }, 'phases'],
    ['unknown field', { ...base, colour: 'red' }, 'colour'],
    ['unknown speakers', withPhase(0, { speakers: 'all' }), 'phases.0.speakers'],
    ['negative duration', withPhase(0, { durationSeconds: -1 }), 'phases.0.durationSeconds'],
    ['unknown card kind', withPhase(1, { cards: ['advice'] }), 'phases.1.cards.0'],
    [
      'turns without turn-taking',
      withPhase(0, { turns: { rule: 'round-robin', secondsPerTurn: 60 } }),
      'phases.0.turns',
    ],
    ['turn-taking without turns', withPhase(2, { turns: { rule: 'none' } }), 'phases.2.turns'],
    ['speaker who is silent', withPhase(4, { silent: 'presenter' }), 'phases.4.silent'],
    ['undeclared role', withPhase(0, { speakers: { role: 'mentor' } }), 'phases.0.speakers.role'],
    ['duplicate phase id', withPhase(1, { id: 'presentation' }), 'phases.1.id'],
    ['bad id', { ...base, id: 'Issue Analysis' }, 'id'],
  ])('%s is refused at its path', (_name, input, path) => {
    const result = parseProtocol(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toContain(path);
      for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(3);
    }
  });

  test('messages are readable', () => {
    expect(parseProtocol({ ...base, colour: 'red' })).toEqual({
      ok: false,
      issues: [{ path: 'colour', message: 'unknown field "colour"' }],
    });
  });

  test('non-objects are refused with a root issue', () => {
    expect(parseProtocol('nope')).toMatchObject({ ok: false, issues: [{ path: '' }] });
  });
});
