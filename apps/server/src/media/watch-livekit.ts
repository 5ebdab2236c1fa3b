import { HEALTH_PROBE, HealthProbe, httpReady } from './health-probe.ts';
import type { MediaBridge } from './media-bridge.ts';
import type { Media } from './media-service.ts';

/**
 * Probes LiveKit all the time and tells the bridge when it goes and comes back; a local
 * LiveKit that stays alive without answering is killed to be restarted (media.notAnswering),
 * and one that dies is down at once. Null without LiveKit. Returns the function that stops it.
 */
export function watchLiveKit(
  media: Media,
  bridge: MediaBridge,
  log: (m: string) => void,
): (() => void) | null {
  const apiUrl = media.endpoint?.apiUrl;
  if (!apiUrl) return null;
  const probe = new HealthProbe({
    check: httpReady(apiUrl, HEALTH_PROBE.timeoutMs),
    now: Date.now,
    onStillDown: (downSince) => media.notAnswering(downSince),
    onTurn: (turned) => {
      if (turned === 'down') {
        log(`Media: LiveKit at ${apiUrl} is down; media is unavailable until it answers again`);
        bridge.liveKitDown();
      } else {
        log(`Media: LiveKit at ${apiUrl} answers again; permissions follow the current state`);
        bridge
          .liveKitBack()
          .catch((error: unknown) =>
            log(`Media: recovery after LiveKit came back failed: ${String(error)}`),
          );
      }
    },
  });
  // The probe then notices it answering again.
  const stopListening = media.onExited(() => probe.exited());
  return () => {
    stopListening();
    probe.stop();
  };
}
