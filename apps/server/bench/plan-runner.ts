import type { ScheduledEvent } from './schedule.ts';

/**
 * Fires each event at `startAt + event.at` (performance.now() time), never waiting for what
 * an earlier event caused: an open loop. A late timer fires everything that is due at once
 * and reports how late each event went out.
 */
export function runPlan(
  plan: readonly ScheduledEvent[],
  startAt: number,
  fire: (event: ScheduledEvent, lateByMs: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const tick = () => {
      try {
        while (next < plan.length && startAt + plan[next]!.at <= performance.now()) {
          const event = plan[next++]!;
          fire(event, performance.now() - (startAt + event.at));
        }
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (next >= plan.length) resolve();
      else setTimeout(tick, Math.max(0, startAt + plan[next]!.at - performance.now()));
    };
    setTimeout(tick, Math.max(0, startAt - performance.now()));
  });
}
