import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Keys no client data may hold. lib0 builds decoded objects with `obj[key] = value`, so a
 * `__proto__` key replaces the object's prototype (a card whose `text` lives only there passes
 * a schema that reads `key in value`, and is stored without it), or vanishes when its value is
 * not an object. `constructor` and `prototype` are refused with it: they only ever confuse code
 * that reads plain data.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Thrown while decoding a client update whose data holds a forbidden key. */
export class ForbiddenKeyError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`forbidden key ${key}`);
    this.key = key;
  }
}

/**
 * Walks one lib0 "any" value from `decoder`, throwing at a forbidden key at any depth. It only
 * reads: the value itself is then decoded by lib0, exactly as every client decodes it.
 */
function scanAny(decoder: decoding.Decoder): void {
  // The type tags of lib0's readAny (its lookup table is indexed by 127 - tag).
  switch (decoding.readUint8(decoder)) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125: // integer
      decoding.readVarInt(decoder);
      return;
    case 124: // float32
      decoding.readFloat32(decoder);
      return;
    case 123: // float64
      decoding.readFloat64(decoder);
      return;
    case 122: // bigint
      decoding.readBigInt64(decoder);
      return;
    case 119: // string
      decoding.readVarString(decoder);
      return;
    case 118: {
      // object
      const length = decoding.readVarUint(decoder);
      for (let i = 0; i < length; i++) {
        const key = decoding.readVarString(decoder);
        if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
        scanAny(decoder);
      }
      return;
    }
    case 117: {
      // array
      const length = decoding.readVarUint(decoder);
      for (let i = 0; i < length; i++) scanAny(decoder);
      return;
    }
    case 116: // Uint8Array
      decoding.readVarUint8Array(decoder);
      return;
    default:
      // lib0 would fail on it too; let it, so the update is refused as not decodable.
      return;
  }
}

/**
 * Yjs's V1 update decoder, refusing forbidden keys inside plain values (Y.Map values, Y.Array
 * elements: Yjs's ContentAny). Other content kinds that carry JSON (formats, embeds, the legacy
 * ContentJSON) are refused by the document shape whatever they hold.
 */
export class CheckedUpdateDecoder extends Y.UpdateDecoderV1 {
  override readAny(): unknown {
    scanAny(decoding.clone(this.restDecoder));
    return super.readAny();
  }
}
