import { toJsonSchema } from '@valibot/to-json-schema';
import { protocolSchema } from '../src/index.ts';

/** The protocol format as JSON Schema, for people writing protocols in other tools. */
export function protocolJsonSchema(): string {
  const schema = toJsonSchema(protocolSchema, { errorMode: 'ignore' });
  const titled = { title: 'Roundtable protocol definition (roundtable.protocol/v1)', ...schema };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
