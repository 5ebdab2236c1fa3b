import type { Protocol } from './definition.ts';
import type { ParticipantId } from './state.ts';

interface By {
  /** Who issues the command; the server sets it from the authenticated connection. */
  readonly actor: ParticipantId;
}

export type Command =
  | (By & {
      type: 'join';
      name: string;
      asFacilitator?: boolean;
      /** The joiner's place in a group meeting's rota, from the server's records. */
      rota?: RotaRole;
    })
  | (By & { type: 'leave' })
  // System only (forget.ts): the actor's person deleted their account.
  | (By & { type: 'forget' })
  | (By & { type: 'hand-facilitation'; to: ParticipantId })
  | (By & {
      type: 'start-round';
      presenter: ParticipantId;
      protocol: Protocol;
      roles?: Readonly<Record<string, ParticipantId>>;
    })
  | (By & { type: 'next-phase' })
  | (By & { type: 'previous-phase' })
  | (By & { type: 'pause' })
  | (By & { type: 'resume' })
  | (By & { type: 'extend-phase'; seconds: number })
  | (By & { type: 'next-turn' })
  | (By & { type: 'skip-turn' })
  | (By & { type: 'pass-turn' })
  | (By & { type: 'extend-turn'; seconds: number })
  | (By & { type: 'raise-hand' })
  | (By & { type: 'lower-hand'; who?: ParticipantId })
  | (By & { type: 'grant-floor'; to: ParticipantId })
  | (By & { type: 'end-round' })
  | (By & { type: 'end-session' })
  /**
   * A gentle reminder of ground rule `rule` (an index into the session's rules); the server
   * sets `ruleCount` from the session's rules, as it looks protocols up by id.
   */
  | (By & { type: 'raise-rule'; rule: number; ruleCount: number });

export type RotaRole = 'facilitator' | 'deputy';

export type CommandType = Command['type'];

/** Commands only the facilitator may issue. */
export const FACILITATOR_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'hand-facilitation',
  'start-round',
  'next-phase',
  'previous-phase',
  'pause',
  'resume',
  'extend-phase',
  'next-turn',
  'skip-turn',
  'extend-turn',
  'grant-floor',
  'end-round',
  'end-session',
]);
