import { describe, expect, test } from 'vitest';
import { offenceNotes } from './media-offences.ts';

const names: Record<string, string> = { pat: 'Pat', bo: 'Bo' };
const nameOf = (id: string) => names[id] ?? 'Someone';

describe('the facilitator reads disguised audio in plain words', () => {
  test('a first offence says the track was taken away and what a second one does', () => {
    const [note] = offenceNotes(
      { pat: [{ at: 1, claimed: 'camera', action: 'track-removed' }] },
      nameOf,
    );
    expect(note).toEqual({
      participantId: 'pat',
      cutOff: false,
      text: expect.stringMatching(
        /^Pat's device sent sound disguised as a camera\. Nobody heard it/,
      ),
    });
  });

  test('a second offence says they are cut off, naming the last disguise', () => {
    const [note] = offenceNotes(
      {
        bo: [
          { at: 1, claimed: 'screen_share', action: 'track-removed' },
          { at: 2, claimed: 'camera', action: 'cut-off' },
        ],
      },
      nameOf,
    );
    expect(note!.cutOff).toBe(true);
    expect(note!.text).toMatch(
      /^Bo's device sent sound disguised as a camera again.*rest of this session/,
    );
  });

  test('nobody recorded, nothing shown', () => {
    expect(offenceNotes({}, nameOf)).toEqual([]);
    expect(offenceNotes({ pat: [] }, nameOf)).toEqual([]);
  });
});
