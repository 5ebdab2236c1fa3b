/**
 * `npm run bench`, media part: how much disguised audio leaks before the server takes it away.
 * In peer feedback a peer who may not speak publishes a tone as a CAMERA track (the first
 * offence: the track is withdrawn), then again as SCREEN_SHARE on a fresh connection (the
 * second: they are cut off). A listener counts the audible 10 ms frames it received from them
 * and when it saw the track published and unpublished. Each run is a new peer.
 */
import { TrackSource } from '@livekit/rtc-node';
import type { LiveClient } from '@roundtable/client';
import { Bot, type Listener, type Ticket } from '../test-media/support/bots.ts';
import { summarize, type Summary } from './stats.ts';

export const DISGUISE_RUNS = Number(process.env.BENCH_DISGUISE_RUNS ?? '10');
/** Target: nothing audible; at most 100 ms, ten frames. */
export const DISGUISE_TARGET_FRAMES = 10;
/** After the track went, long enough for a stray packet to arrive. */
const SETTLE_MS = 300;

export interface DisguiseDeps {
  /** A new peer in the session: their participant id and live client. */
  admit(name: string): Promise<{ participantId: string; client: LiveClient }>;
  ticket(client: LiveClient): Promise<Ticket>;
  waitFor(check: () => boolean, what: string): Promise<void>;
  ear: Listener;
}

interface Try {
  frames: number;
  /** From the listener seeing the track published to seeing it unpublished. */
  ms: number;
}

async function disguise(
  deps: DisguiseDeps,
  who: { participantId: string; client: LiveClient },
  claimed: TrackSource,
): Promise<Try> {
  let reconciled = false;
  const stop = who.client.on('media-permission', () => (reconciled = true));
  const bot = await Bot.join(await deps.ticket(who.client));
  try {
    await deps.waitFor(() => reconciled, 'the new connection reconciled');
    const { ear } = deps;
    const before = ear.heardFrom(who.participantId).audible;
    const since = Date.now();
    await bot.publishAudio(claimed);
    bot.hum();
    await deps.waitFor(
      () => ear.unpublishedSince(who.participantId, since, claimed) !== undefined,
      'the disguised track taken away',
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const published = ear.publishedSince(who.participantId, since, claimed) ?? since;
    return {
      frames: ear.heardFrom(who.participantId).audible - before,
      ms: ear.unpublishedSince(who.participantId, since, claimed)! - published,
    };
  } finally {
    stop();
    await bot.close();
  }
}

export async function measureDisguise(deps: DisguiseDeps): Promise<string[]> {
  const first: Try[] = [];
  const second: Try[] = [];
  for (let run = 1; run <= DISGUISE_RUNS; run++) {
    const offender = await deps.admit(`Offender ${run}`);
    first.push(await disguise(deps, offender, TrackSource.SOURCE_CAMERA));
    second.push(await disguise(deps, offender, TrackSource.SOURCE_SCREENSHARE));
    offender.client.close();
  }
  const worst = Math.max(...first.map((t) => t.frames), ...second.map((t) => t.frames));
  return [
    `Disguised audio: a peer who may not speak publishes a tone as CAMERA (taken away), then as` +
      ` SCREEN_SHARE (cut off), ${DISGUISE_RUNS} peers. Audible 10 ms frames another` +
      ` participant received, and ms from the track published to unpublished as it saw them.`,
    line('first offence, frames heard', summarize(first.map((t) => t.frames)), ''),
    line('first offence, published to unpublished', summarize(first.map((t) => t.ms)), ' ms'),
    line('cut-off, frames heard', summarize(second.map((t) => t.frames)), ''),
    line('cut-off, published to unpublished', summarize(second.map((t) => t.ms)), ' ms'),
    `Target at most ${DISGUISE_TARGET_FRAMES} frames (100 ms) heard: ${worst <= DISGUISE_TARGET_FRAMES ? 'met' : 'MISSED'} (worst ${worst}).`,
  ];
}

function line(what: string, s: Summary | null, unit: string): string {
  if (!s) return `  ${what}: no samples`;
  return `  ${what}: p50 ${s.p50}${unit}, p99 ${s.p99}${unit}, max ${s.max}${unit}, mean ${s.mean.toFixed(1)}${unit} (n=${s.count})`;
}
