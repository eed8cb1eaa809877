// One entry's fate: the name it holds (cleaned, shown in a readable case, keyed), or why it is not one.
// The checks run in this order, so each entry gets the most useful reason:
//   control characters · over ten times the limit (refused unread) · email, web address, phone,
//   placeholder · cleaning (quotes, notes, titles, Last, First) · no letter · sentence · length.
import type { NameFailure } from '../failures';
import { displayCase } from './case';
import { cleanName, stripQuotes, stripTitles } from './clean';
import { notAName, phoneNumber, placeholderWord, sentence, webAddress, type NotAName } from './notName';
import {
  CONTROL,
  FAILURE_NAME_LIMIT,
  LETTER,
  MAX_NAME_LENGTH,
  codePointLength,
  firstCharacters,
  normalizeName,
} from './text';
import type { ParsedName } from './types';

export type EntryFate = { key: string } & (
  { ok: true; name: ParsedName } | { ok: false; failure: NameFailure }
);

const CONTROL_REASON = 'Invalid name: contains control characters';
/** Past this many UTF-16 units no cleaning is tried: nothing that long holds a name of 100 characters. */
const UNREAD_LIMIT = MAX_NAME_LENGTH * 10;

/** Characters no person's name holds: a formula, a template, a code, a price ("=SUM", "{{first}}", "API_KEY"). */
const SYMBOL = /[=_$%^*+<>{}[\]|\\~`#@]/u;

/** Letters, digits, spaces, apostrophes, dots and hyphens, not starting with a quote or a dot. */
const PLAIN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} '’.-]*$/u;

/** notAName for a PLAIN entry: of its rules only these can apply to such text. */
function plainNotAName(text: string, lower: string): NotAName | null {
  return (
    (/\d/u.test(text) ? phoneNumber(text) : null) ??
    (text.includes('.') ? webAddress(text) : null) ??
    placeholderWord(lower)
  );
}

function failure(
  entry: string,
  code: NameFailure['code'],
  reason: string,
  extra: Partial<NameFailure> = {},
): NameFailure {
  const name = firstCharacters(entry, FAILURE_NAME_LIMIT);
  const length = name.length < entry.length ? { length: codePointLength(entry) } : {};
  return { name, code, reason, ...length, ...extra };
}

function tooLong(entry: string): NameFailure {
  const length = codePointLength(entry);
  return failure(
    entry,
    'invalid_name',
    `Invalid name: ${length.toLocaleString('en-US')} characters long, the limit is ${MAX_NAME_LENGTH}`,
    { length },
  );
}

/** The fate of one entry, or null when it is empty (blank, or only invisible characters). */
export function classifyEntry(raw: string): EntryFate | null {
  // Control characters are judged on the entry as typed: normalising would turn some into spaces.
  if (CONTROL.test(raw)) {
    const entry = raw.trim();
    return {
      ok: false,
      key: normalizeName(raw).toLowerCase(),
      failure: failure(entry, 'invalid_name', CONTROL_REASON),
    };
  }
  const text = normalizeName(raw);
  if (text === '') return null;
  const key = text.toLowerCase();
  if (text.length > UNREAD_LIMIT) return { ok: false, key, failure: tooLong(text) };

  // Most entries are plain words: no quotes, notes, commas or email addresses to look for.
  const plain = PLAIN.test(text);
  const notName = plain ? plainNotAName(text, key) : notAName(stripQuotes(text));
  if (notName) {
    const { code, reason, suggestion } = notName;
    return { ok: false, key, failure: failure(text, code, reason, suggestion ? { suggestion } : {}) };
  }
  const cleaned = plain ? stripTitles(text) : cleanName(text);
  if (cleaned === '') {
    return { ok: false, key, failure: failure(text, 'invalid_name', 'Invalid name: only a note, no name') };
  }
  if (!LETTER.test(cleaned)) {
    return { ok: false, key, failure: failure(text, 'invalid_name', 'Invalid name: contains no letter') };
  }
  // A plain entry has none of these; judged on the cleaned name, so a note in brackets does not count.
  const symbol = plain ? null : SYMBOL.exec(cleaned);
  if (symbol) {
    const reason = `Invalid name: contains "${symbol[0]}", which names do not have`;
    return { ok: false, key, failure: failure(text, 'invalid_name', reason) };
  }
  const isSentence = sentence(cleaned);
  if (isSentence) return { ok: false, key, failure: failure(text, 'sentence', isSentence.reason) };
  if (cleaned.length > MAX_NAME_LENGTH && codePointLength(cleaned) > MAX_NAME_LENGTH)
    return { ok: false, key, failure: tooLong(text) };

  const name = displayCase(cleaned, cleaned === text ? key : undefined);
  const nameKey = name === text ? key : name.toLowerCase();
  return {
    ok: true,
    key: nameKey,
    name: name === text ? { name, key: nameKey } : { name, key: nameKey, original: text },
  };
}

/** The reason an entry is not a usable name, or null when it is one (or is blank). */
export function invalidReason(entry: string): string | null {
  const fate = classifyEntry(entry);
  return fate && !fate.ok ? fate.failure.reason : null;
}
