import { describe, expect, test } from 'vitest';
import {
  isDisguisedAudio,
  isUngrantedSound,
  offenceAction,
  type ClaimedSource,
  type TrackKindName,
} from '../../src/media/disguised-audio.ts';
import { NOTHING, type MediaPermission } from '../../src/media/permissions.ts';

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

describe('sound under its own label from someone who may not use that source now', () => {
  const listening: MediaPermission = {
    canSubscribe: true,
    canPublish: true,
    canPublishData: false,
    canPublishSources: ['camera', 'screen_share'],
  };
  const speaking: MediaPermission = {
    ...listening,
    canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
  };
  test.each<[string, TrackKindName, ClaimedSource, MediaPermission | undefined, boolean]>([
    ['a microphone from a listener', 'audio', 'microphone', listening, true],
    ['screen-share audio from a listener', 'audio', 'screen_share_audio', listening, true],
    ['a microphone from someone with nothing', 'audio', 'microphone', NOTHING, true],
    [
      'a microphone from someone the protocol does not know',
      'audio',
      'microphone',
      undefined,
      true,
    ],
    ['a microphone from a speaker', 'audio', 'microphone', speaking, false],
    ['screen-share audio from a speaker', 'audio', 'screen_share_audio', speaking, false],
    // Disguised audio has its own rule (an offence), and pictures carry no sound.
    ['audio as a camera', 'audio', 'camera', listening, false],
    ['a camera', 'video', 'camera', listening, false],
  ])('%s: reconcile at once %s', (_what, kind, source, permission, ungranted) => {
    expect(isUngrantedSound(kind, source, permission)).toBe(ungranted);
  });
});
