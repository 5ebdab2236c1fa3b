import type { ParticipantId } from './state.ts';

export type TurnEndReason = 'passed' | 'completed' | 'skipped' | 'time' | 'left' | 'floor-granted';
/**
 * `rota`: the rota's facilitator arrived and took the role from a stand-in; `deputy`: the
 * rota's deputy took over from a facilitator who left, or arrived to relieve a stand-in.
 */
export type FacilitatorChangeReason = 'joined' | 'handed-over' | 'left' | 'rota' | 'deputy';

/** What happened, for the server to broadcast and the room to announce. */
export type SessionEvent =
  | { type: 'participant-joined'; who: ParticipantId }
  | { type: 'participant-left'; who: ParticipantId }
  | {
      type: 'facilitator-changed';
      from: ParticipantId | null;
      to: ParticipantId;
      reason: FacilitatorChangeReason;
    }
  | { type: 'round-started'; number: number; protocolId: string; presenter: ParticipantId }
  | { type: 'phase-started'; phaseIndex: number; phaseId: string }
  | { type: 'phase-time-up'; phaseId: string }
  | { type: 'phase-extended'; seconds: number }
  | { type: 'paused'; reason: 'facilitator' | 'presenter-left' }
  | { type: 'resumed' }
  | { type: 'turn-started'; holder: ParticipantId }
  | { type: 'turn-ended'; holder: ParticipantId; reason: TurnEndReason }
  | { type: 'turn-extended'; holder: ParticipantId; seconds: number }
  | { type: 'turns-complete' }
  | { type: 'hand-raised'; who: ParticipantId }
  | { type: 'hand-lowered'; who: ParticipantId }
  | { type: 'round-ended'; number: number }
  | { type: 'session-ended' }
  | { type: 'rule-raised'; rule: number; by: ParticipantId };
