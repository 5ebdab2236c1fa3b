import { expect, test } from 'vitest';

// The project pins Node 24 (root devDependency `node`) for type stripping and node:sqlite;
// a test run on the machine's older Node would pass or fail for the wrong reasons.
test('tests run on Node 24', () => {
  expect(process.version).toMatch(/^v24\./);
});
