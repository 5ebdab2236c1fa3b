import { describe, expect, test } from 'vitest';
import {
  isDisguisedAudio,
  offenceAction,
  type ClaimedSource,
  type TrackKindName,
} from '../../src/media/disguised-audio.ts';

describe('sound may only come as a microphone or a shared screen’s audio', () => {
  test.each<[TrackKindName, ClaimedSource, boolean]>([
    ['audio', 'microphone', false],
    ['audio', 'screen_share_audio', false],
    ['audio', 'camera', true],
    ['audio', 'screen_share', true],
    ['audio', 'unknown', true],
    ['video', 'camera', false],
    ['video', 'screen_share', false],
    // A picture under a sound label carries no sound: not what this defence is about.
    ['video', 'microphone', false],
    ['unknown', 'camera', false],
  ])('%s track claiming %s: disguised %s', (kind, source, disguised) => {
    expect(isDisguisedAudio(kind, source)).toBe(disguised);
  });
});

describe('the first offence takes the track away, the second cuts the person off', () => {
  test.each<[ClaimedSource, number, 'track-removed' | 'cut-off']>([
    ['camera', 0, 'track-removed'],
    ['screen_share', 0, 'track-removed'],
    ['camera', 1, 'cut-off'],
    ['screen_share', 3, 'cut-off'],
    // No source to withdraw: out at once.
    ['unknown', 0, 'cut-off'],
  ])('audio as %s after %i earlier offences: %s', (claimed, earlier, action) => {
    expect(offenceAction(claimed, earlier)).toBe(action);
  });
});
