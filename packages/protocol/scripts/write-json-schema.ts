import { writeFileSync } from 'node:fs';
import { protocolJsonSchema } from './json-schema.ts';

const target = new URL('../../../docs/protocol.schema.json', import.meta.url);
writeFileSync(target, protocolJsonSchema());
console.log(`wrote ${target.pathname}`);
