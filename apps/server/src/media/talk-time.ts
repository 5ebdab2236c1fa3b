import type { TalkTimeSummary } from '@roundtable/wire';

/**
 * Speaking time per participant, per phase and per round, from the media server's active-
 * speaker updates. Pure: each update carries its time, and a snapshot includes the intervals
 * still open at `now`.
 */
export interface TalkTime {
  readonly round: number | null;
  readonly phase: string | null;
  /** Who is speaking, and since when. */
  readonly open: Readonly<Record<string, number>>;
  /** Closed speaking time, milliseconds, by phase id then participant id. */
  readonly byPhase: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export const noTalk: TalkTime = { round: null, phase: null, open: {}, byPhase: {} };

function credit(byPhase: TalkTime['byPhase'], phase: string | null, who: string, ms: number) {
  if (phase === null || ms <= 0) return byPhase;
  const current = byPhase[phase] ?? {};
  return { ...byPhase, [phase]: { ...current, [who]: (current[who] ?? 0) + ms } };
}

/** Closes every open interval at `at` into the current phase. */
function closeAll(t: TalkTime, at: number): TalkTime['byPhase'] {
  let byPhase = t.byPhase;
  for (const [who, since] of Object.entries(t.open))
    byPhase = credit(byPhase, t.phase, who, at - since);
  return byPhase;
}

export function speakersChanged(t: TalkTime, speakers: readonly string[], at: number): TalkTime {
  const now = new Set(speakers);
  let byPhase = t.byPhase;
  const open: Record<string, number> = {};
  for (const [who, since] of Object.entries(t.open)) {
    if (now.has(who)) open[who] = since;
    else byPhase = credit(byPhase, t.phase, who, at - since);
  }
  for (const who of now) open[who] ??= at;
  return { ...t, open, byPhase };
}

/** A new phase (or round) starts: speech so far counts for the old one, and goes on in the new. */
export function phaseChanged(
  t: TalkTime,
  round: number | null,
  phase: string | null,
  at: number,
): TalkTime {
  if (t.round === round && t.phase === phase) return t;
  const byPhase = t.round === round ? closeAll(t, at) : {};
  const open = Object.fromEntries(Object.keys(t.open).map((who) => [who, at]));
  return { round, phase, open, byPhase: t.round === round ? byPhase : {} };
}

export function summary(t: TalkTime, now: number): TalkTimeSummary | null {
  if (t.round === null) return null;
  const byPhase = closeAll(t, now);
  const total: Record<string, number> = {};
  for (const phase of Object.values(byPhase)) {
    for (const [who, ms] of Object.entries(phase)) total[who] = (total[who] ?? 0) + ms;
  }
  return { round: t.round, byPhase, total };
}
