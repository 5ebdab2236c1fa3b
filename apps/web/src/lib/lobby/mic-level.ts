/** The quietest level the meter shows, in decibels below full scale. */
const FLOOR_DB = -60;

/**
 * A microphone level from 0 to 1 for a meter, from one frame of samples. Loudness is heard
 * on a log scale, so the root mean square is mapped from -60 dB (silence) to 0 dB (full).
 */
export function levelFromSamples(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}
