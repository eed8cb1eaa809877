// Turns pasted text into names. Pure and dependency-free: the renderer uses it for the live count,
// the core for the real run, so both always agree.
import type { NameFailure } from './failures';

export const MAX_NAME_LENGTH = 100;

export interface ParsedName {
  /** The name as it will be stored: NFC, trimmed, inner whitespace collapsed. */
  name: string;
  /** Case-insensitive identity of the name; unique among stored leads. */
  key: string;
}

export interface ParsedPaste {
  /** Entries found after splitting and dropping empty ones. */
  pasted: number;
  /** Distinct valid names, in the order first seen. */
  names: ParsedName[];
  /** Distinct invalid entries, each with its reason. */
  invalid: NameFailure[];
  /** Entries dropped because an earlier entry had the same key. */
  duplicatesFolded: number;
}

const SEPARATORS = /[\r\n,;\t]+/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_ALL = new RegExp(CONTROL.source, 'gu');
const LETTER = /\p{L}/u;
const CONTROL_REASON = 'Invalid name: contains control characters';

/** The text with each control character written as an escape (\u0007), so an invalid entry can be seen for what it is. */
export function showControlCharacters(text: string): string {
  return text.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function normalizeName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/** The reason an entry is not a usable name, or null when it is one. */
export function invalidReason(name: string): string | null {
  if (CONTROL.test(name)) return CONTROL_REASON;
  if (!LETTER.test(name)) return 'Invalid name: contains no letter';
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    return `Invalid name: ${length} characters long, the limit is ${MAX_NAME_LENGTH}`;
  }
  return null;
}

export function parsePaste(text: string): ParsedPaste {
  return parseEntries(text.split(SEPARATORS));
}

/** Like parsePaste, for entries that are already separate (a retry of stored failures). */
export function parseEntries(entries: Iterable<string>): ParsedPaste {
  const seen = new Set<string>();
  const names: ParsedName[] = [];
  const invalid: NameFailure[] = [];
  let pasted = 0;
  let duplicatesFolded = 0;
  for (const entry of entries) {
    const name = normalizeName(entry);
    if (name === '') continue;
    pasted++;
    const key = name.toLowerCase();
    if (seen.has(key)) {
      duplicatesFolded++;
      continue;
    }
    seen.add(key);
    // Control characters are judged on the entry as pasted: normalising would turn some into spaces.
    const hasControl = CONTROL.test(entry);
    const reason = hasControl ? CONTROL_REASON : invalidReason(name);
    if (reason) invalid.push({ name: hasControl ? entry.trim() : name, code: 'invalid_name', reason });
    else names.push({ name, key });
  }
  return { pasted, names, invalid, duplicatesFolded };
}
