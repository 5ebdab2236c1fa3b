import { PROGRAM_LIMITS } from '@roundtable/wire';

/**
 * A pasted list of addresses, as a coordinator copies it from a spreadsheet or a mail client:
 * separated by commas, semicolons, spaces or new lines, and "Ada Lovelace <ada@example.org>"
 * as mail clients write them. Pure, so the invitation form can say what it will send before
 * anything is sent.
 */
export interface ParsedAddresses {
  /** Each address once (compared without case), in the order pasted. */
  readonly emails: readonly string[];
  /** What does not look like an address, as pasted, for the form to list. */
  readonly invalid: readonly string[];
  /** More addresses than one request may carry (PROGRAM_LIMITS.invitationsPerRequest). */
  readonly tooMany: boolean;
}

// Deliberately loose: the server validates; this only catches what is plainly not an address.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/;
const BRACKETED = /<([^<>]*)>/g;
const BRACKETED_SPLIT = /<[^<>]*>/;

/**
 * The address-like pieces of one comma-, semicolon- or line-separated entry. Words just before
 * a bracketed address are its display name ("Ann Lee <ann@example.org>") unless they hold an
 * `@`; after the last bracketed address every word counts, so stray text is still reported.
 */
function piecesOf(entry: string): string[] {
  const bracketed = [...entry.matchAll(BRACKETED)].map((match) => (match[1] ?? '').trim());
  const between = entry.split(BRACKETED_SPLIT);
  const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');
  const pieces = bracketed.flatMap((address, i) => [
    ...words(between[i] ?? '').filter((word) => word.includes('@')),
    address,
  ]);
  return [...pieces, ...words(between[bracketed.length] ?? '')];
}

export function parseAddresses(pasted: string): ParsedAddresses {
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  // A quoted display name may hold a comma ("Lovelace, Ada" <ada@example.org>): drop it first.
  const unquoted = pasted.replace(/"[^"]*"/g, ' ');
  const pieces = unquoted.split(/[,;\n]+/).flatMap(piecesOf);
  for (const raw of pieces) {
    const piece = raw.trim().replace(/^mailto:/i, '');
    if (piece === '') continue;
    if (!ADDRESS.test(piece)) {
      invalid.push(piece);
      continue;
    }
    const key = piece.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    emails.push(piece);
  }
  return { emails, invalid, tooMany: emails.length > PROGRAM_LIMITS.invitationsPerRequest };
}
