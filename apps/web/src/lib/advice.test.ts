import { expect, test } from 'vitest';
import { experiencePhrasings, openingOf, readsAsAdvice } from './advice.ts';

test.each([
  'You should talk to your manager first.',
  'Why don’t you just say no?',
  'why dont you try again',
  'You need to set boundaries.',
  'Have you tried a checklist?',
  'If I were you I would leave.',
  'Honestly YOU SHOULD rest.',
])('"%s" reads as advice', (text) => {
  expect(readsAsAdvice(text)).toBe(true);
});

test.each([
  'That reminds me of when I had to say no to a client.',
  "I'm wondering about what your manager expected.",
  'It seems to me that the deadline was unrealistic.',
  'Your shoulders must have felt heavy.',
  'The youth should be heard.',
  '',
])('"%s" does not read as advice', (text) => {
  expect(readsAsAdvice(text)).toBe(false);
});

test('offers the phase starters, or experience-based defaults when a phase has none', () => {
  expect(experiencePhrasings(['What impressed me was...'])).toEqual(['What impressed me was...']);
  expect(experiencePhrasings([])).toContain('That reminds me of when I...');
});

test.each([
  ['That reminds me of when I...', 'That reminds me of when I '],
  ['How did you feel when...?', 'How did you feel when '],
  ['I’m wondering about…', 'I’m wondering about '],
])('the starter "%s" opens a card as "%s"', (starter, opening) => {
  expect(openingOf(starter)).toBe(opening);
});
