// Character-level rules: what an entry's text is made of, before any judgement of it as a name.

export const MAX_NAME_LENGTH = 100;
/** A failure keeps at most this much of its entry, so a 9 MB paste never becomes a 9 MB document. */
export const FAILURE_NAME_LIMIT = 200;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
/**
 * Invisible characters that would make two identical-looking names two leads: every format character
 * (zero-width spaces and joiners, bidi controls, soft hyphen, word joiner, BOM...) and the Hangul fillers,
 * letters that draw nothing.
 */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0]/gu;
export const LETTER = /\p{L}/u;

/** The text with each control character written as an escape (\u0007), so an invalid entry can be seen for what it is. */
export function showControlCharacters(text: string): string {
  return text.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Printable ASCII words with single spaces: already normal, the common case, checked cheaply. */
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** Invisible characters removed, NFC, trimmed, inner whitespace collapsed. */
export function normalizeName(raw: string): string {
  if (PLAIN_ASCII.test(raw)) return raw;
  return raw.replace(INVISIBLE, '').normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** Case-insensitive identity of a name; unique among stored leads. */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/** Length in characters (code points), without building an array: entries can be megabytes long. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) length--;
    }
  }
  return length;
}

/** The first `limit` characters (code points) of the text. */
export function firstCharacters(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = 0;
  for (let count = 0; count < limit && end < text.length; count++) {
    const unit = text.charCodeAt(end);
    end += unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, end);
}
