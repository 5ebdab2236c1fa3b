import { randomBytes } from 'node:crypto';
import { BUILT_IN_PROTOCOLS, parseProtocol, type Protocol } from '@roundtable/protocol';
import {
  DEFAULT_GROUND_RULES,
  GROUND_RULE_LIMITS,
  refusal,
  type Confidentiality,
  type Issue,
  type Refusal,
} from '@roundtable/wire';
import * as v from 'valibot';

const CreateSessionSchema = v.strictObject({
  title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a session needs a title'), v.maxLength(120)),
  /** A built-in protocol id, or a whole custom protocol definition. */
  protocol: v.optional(v.union([v.string(), v.looseObject({})]), 'issue-analysis'),
  groundRules: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(GROUND_RULE_LIMITS.length))),
      v.maxLength(GROUND_RULE_LIMITS.count),
    ),
  ),
  confidentiality: v.optional(v.picklist(['clear-board', 'keep-board']), 'clear-board'),
  /** Encrypt audio and video end to end with a per-session key. */
  e2ee: v.optional(v.boolean(), false),
});

/** What is stored with a session and needed to run it. */
export interface SessionOptions {
  readonly defaultProtocolId: string;
  readonly customProtocol: Protocol | null;
  readonly groundRules: readonly string[];
  readonly confidentiality: Confidentiality;
  /** The media encryption key, or null; handed only to joined participants, never logged. */
  readonly e2eeKey: string | null;
}

export type ParsedCreate = { ok: true; title: string; options: SessionOptions } | Refusal;

/** Every problem of a refused session, by path, in one `invalid-session` refusal. */
const invalid = (issues: readonly Issue[]): Refusal =>
  refusal('invalid-session', 'The session could not be created.', { issues });

export function parseCreateSession(input: unknown): ParsedCreate {
  const result = v.safeParse(CreateSessionSchema, input);
  if (!result.success) {
    return invalid(result.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })));
  }
  const { title, protocol, groundRules, confidentiality, e2ee } = result.output;
  const base = {
    groundRules: groundRules ?? DEFAULT_GROUND_RULES,
    confidentiality,
    e2eeKey: e2ee ? randomBytes(32).toString('base64url') : null,
  };
  if (typeof protocol === 'string') {
    if (!BUILT_IN_PROTOCOLS.some((p) => p.id === protocol)) {
      return invalid([{ path: 'protocol', message: `no built-in protocol "${protocol}"` }]);
    }
    return {
      ok: true,
      title,
      options: { ...base, defaultProtocolId: protocol, customProtocol: null },
    };
  }
  const custom = parseProtocol(protocol);
  if (!custom.ok) return invalid(custom.issues.map((i) => ({ ...i, path: `protocol.${i.path}` })));
  if (BUILT_IN_PROTOCOLS.some((p) => p.id === custom.protocol.id)) {
    return invalid([{ path: 'protocol.id', message: 'a built-in protocol already has this id' }]);
  }
  return {
    ok: true,
    title,
    options: { ...base, defaultProtocolId: custom.protocol.id, customProtocol: custom.protocol },
  };
}

/** The protocols a session's facilitator may start. */
export function sessionProtocols(options: SessionOptions): Map<string, Protocol> {
  const all = options.customProtocol
    ? [...BUILT_IN_PROTOCOLS, options.customProtocol]
    : BUILT_IN_PROTOCOLS;
  return new Map(all.map((p) => [p.id, p]));
}
