import * as v from 'valibot';
import { CARD_KINDS } from './cards.ts';

/**
 * The protocol definition format, version 1. Protocols are data so that groups can write
 * their own; this schema is the single source of truth for that format (the JSON Schema in
 * docs/ is generated from it).
 */
export const PROTOCOL_FORMAT = 'roundtable.protocol/v1';

const slug = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9-]{0,47}$/, 'use lowercase letters, digits and dashes (at most 48)'),
);
const text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));

/** Who a phase addresses. `peers-in-turn` means peers, one at a time, under the turn rule. */
const AudienceSchema = v.union(
  [
    v.picklist(['presenter', 'peers', 'peers-in-turn', 'everyone', 'nobody']),
    v.strictObject({ role: slug }),
  ],
  'must be "presenter", "peers", "peers-in-turn", "everyone", "nobody" or { "role": "<role id>" }',
);

const TurnRuleSchema = v.variant('rule', [
  v.strictObject({ rule: v.literal('none') }),
  v.strictObject({
    rule: v.literal('round-robin'),
    secondsPerTurn: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(3600)),
  }),
  v.strictObject({
    rule: v.literal('raise-hand'),
    secondsPerTurn: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(3600)),
  }),
]);

const PhaseSchema = v.strictObject({
  id: slug,
  title: text(80),
  guidance: v.strictObject({ facilitator: text(1000), members: text(1000) }),
  starters: v.optional(v.array(text(120)), []),
  speakers: AudienceSchema,
  silent: v.optional(AudienceSchema, 'nobody'),
  turns: v.optional(TurnRuleSchema, { rule: 'none' }),
  durationSeconds: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(4 * 3600)),
  cards: v.optional(v.array(v.picklist(CARD_KINDS)), []),
  discouragesAdvice: v.optional(v.boolean(), false),
});

const RoleSchema = v.strictObject({ id: slug, title: text(40) });

const ProtocolShapeSchema = v.strictObject({
  format: v.literal(PROTOCOL_FORMAT),
  id: slug,
  title: text(80),
  summary: text(400),
  roles: v.optional(v.array(RoleSchema), []),
  minPeers: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)), 1),
  phases: v.pipe(
    v.array(PhaseSchema),
    v.minLength(1, 'a protocol needs at least one phase'),
    v.maxLength(20),
  ),
});

export type ProtocolInput = v.InferInput<typeof ProtocolShapeSchema>;
export type Protocol = v.InferOutput<typeof ProtocolShapeSchema>;
export type Phase = Protocol['phases'][number];
export type Audience = Phase['speakers'];
export type TurnRule = Phase['turns'];

/** Rules that span fields, reported with the path of the field at fault. */
function crossFieldIssues(p: Protocol): ProtocolIssue[] {
  const issues = roleIssues(p.roles);
  const roleIds = new Set(p.roles.map((r) => r.id));
  const phaseIds = new Set<string>();
  p.phases.forEach((phase, i) => {
    const at = `phases.${i}`;
    if (phaseIds.has(phase.id))
      issues.push({ path: `${at}.id`, message: `duplicate phase id "${phase.id}"` });
    phaseIds.add(phase.id);
    issues.push(...phaseIssues(phase, at, roleIds));
  });
  return issues;
}

function roleIssues(roles: Protocol['roles']): ProtocolIssue[] {
  const issues: ProtocolIssue[] = [];
  const seen = new Set<string>();
  roles.forEach((r, i) => {
    if (r.id === 'presenter')
      issues.push({ path: `roles.${i}.id`, message: '"presenter" is built in; pick another id' });
    if (seen.has(r.id))
      issues.push({ path: `roles.${i}.id`, message: `duplicate role id "${r.id}"` });
    seen.add(r.id);
  });
  return issues;
}

/** The rules within one phase (`at` is its path); phase ids are checked across phases. */
function phaseIssues(phase: Phase, at: string, roleIds: ReadonlySet<string>): ProtocolIssue[] {
  const issues = [
    ...unknownRoleIssues(phase, at, roleIds),
    ...silentListenerIssues(phase, at),
    ...turnRuleIssues(phase, at),
  ];
  if (new Set(phase.cards).size !== phase.cards.length) {
    issues.push({ path: `${at}.cards`, message: 'card kinds are listed more than once' });
  }
  return issues;
}

/** An audience naming a role must name one the protocol declares. */
function unknownRoleIssues(
  phase: Phase,
  at: string,
  roleIds: ReadonlySet<string>,
): ProtocolIssue[] {
  const issues: ProtocolIssue[] = [];
  for (const [field, who] of [
    ['speakers', phase.speakers],
    ['silent', phase.silent],
  ] as const) {
    if (typeof who === 'object' && !roleIds.has(who.role)) {
      issues.push({
        path: `${at}.${field}.role`,
        message: `unknown role "${who.role}"; declare it in roles`,
      });
    }
  }
  return issues;
}

function silentListenerIssues(phase: Phase, at: string): ProtocolIssue[] {
  const issues: ProtocolIssue[] = [];
  if (phase.silent === 'peers-in-turn' || phase.silent === 'everyone') {
    issues.push({
      path: `${at}.silent`,
      message: 'silent listeners must be the presenter, peers, a role or nobody',
    });
  }
  if (audiencesOverlap(phase.speakers, phase.silent)) {
    issues.push({
      path: `${at}.silent`,
      message: 'a silent listener cannot also be a speaker in the same phase',
    });
  }
  return issues;
}

/** A turn rule and turn-taking speakers go together: neither makes sense without the other. */
function turnRuleIssues(phase: Phase, at: string): ProtocolIssue[] {
  const turnTaking = phase.speakers === 'peers-in-turn';
  if (turnTaking && phase.turns.rule === 'none') {
    return [
      {
        path: `${at}.turns`,
        message: 'speakers "peers-in-turn" needs a turn rule (round-robin or raise-hand)',
      },
    ];
  }
  if (!turnTaking && phase.turns.rule !== 'none') {
    return [
      { path: `${at}.turns`, message: 'a turn rule applies only when speakers is "peers-in-turn"' },
    ];
  }
  return [];
}

/** Whether some participant could belong to both audiences. */
function audiencesOverlap(a: Audience, b: Audience): boolean {
  if (a === 'nobody' || b === 'nobody') return false;
  if (a === 'everyone' || b === 'everyone') return true;
  const isPeerish = (x: Audience) =>
    x === 'peers' || x === 'peers-in-turn' || typeof x === 'object';
  if (a === 'presenter' || b === 'presenter') return a === b;
  // Named roles are filled by peers, so a role and "peers" overlap; two roles overlap if equal.
  if (typeof a === 'object' && typeof b === 'object') return a.role === b.role;
  return isPeerish(a) && isPeerish(b);
}

export interface ProtocolIssue {
  /** Dotted path into the input, e.g. `phases.2.turns.secondsPerTurn`. Empty for the root. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; protocol: Protocol } | { ok: false; issues: ProtocolIssue[] };

/** Validates and normalises (defaults filled, text trimmed) a protocol from untrusted input. */
export function parseProtocol(input: unknown): ParseResult {
  const result = v.safeParse(ProtocolShapeSchema, input);
  if (!result.success) {
    return {
      ok: false,
      issues: result.issues.map((issue) => {
        const path = v.getDotPath(issue) ?? '';
        // valibot words an unexpected key as "Expected never"; say what a person would.
        const unknownKey = issue.kind === 'schema' && issue.expected === 'never';
        return {
          path,
          message: unknownKey ? `unknown field "${path.split('.').pop()}"` : issue.message,
        };
      }),
    };
  }
  const issues = crossFieldIssues(result.output);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, protocol: result.output };
}

/** The valibot schema, for tooling that derives other formats (the JSON Schema in docs/). */
export const protocolSchema = ProtocolShapeSchema;
