import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { protocolJsonSchema } from '../scripts/json-schema.ts';

test('docs/protocol.schema.json is generated from the current schema (npm run schema)', () => {
  const committed = readFileSync(
    new URL('../../../docs/protocol.schema.json', import.meta.url),
    'utf8',
  );
  expect(committed).toBe(protocolJsonSchema());
});
