// Cleaning an entry down to the name in it: quotes, notes in brackets, a label, an email address beside
// the name, titles and suffixes go; "Last, First" is turned round. Each step is idempotent, so a cleaned
// name (stored, then retried) cleans to itself.
import { HONORIFICS, PARTICLES, PARTICLES_AFTER_PARTICLE, SUFFIXES, token } from './vocabulary';

const QUOTES = new Set(['"', "'", '“', '”', '„', '‘', '’', '‚', '«', '»', '‹', '›', '`', '「', '」']);

/** Quotes around the whole entry removed: `"Maria Garcia"`, `«Maria»`, `""` (which leaves nothing). */
export function stripQuotes(text: string): string {
  let out = text;
  while (out.length >= 2 && QUOTES.has(out.charAt(0)) && QUOTES.has(out.charAt(out.length - 1))) {
    out = out.slice(1, -1).trim();
  }
  return out;
}

const HAS_NOTE = /[([{<"“]/;
const BRACKETED = /\s*[([{<][^()[\]{}<>]*[)\]}>]/gu;
const UNCLOSED = /\s*[([{<][^()[\]{}<>]*$/u;
const NICKNAME = /\s["“][^"“”]+["”](?=\s|$)/gu;

/** Notes in (), [], {} or <> removed (an unclosed one to the end), and a "nickname" in double quotes. */
export function stripNotes(text: string): string {
  if (!HAS_NOTE.test(text)) return text;
  let out = text;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(BRACKETED, ' ');
  }
  return out.replace(UNCLOSED, '').replace(NICKNAME, ' ').replace(/\s+/gu, ' ').trim();
}

const LABEL = /^(?:full name|name|nom|nombre|contact|kontakt)\s*:\s*/iu;
const EMAIL_TOKEN = /(?:^|\s)[^\s@]+@[^\s@]+\.[^\s@]+(?=\s|$)/gu;
const EDGE_SEPARATORS = /^[\s\-–—|/:,]+|[\s\-–—|/:,]+$/gu;

/** A "Name:" label, and an email address written beside the name ("Jane Doe - jane@acme.com"), removed. */
export function stripLabelAndEmail(text: string): string {
  const unlabelled = text.includes(':') ? text.replace(LABEL, '') : text;
  if (!unlabelled.includes('@')) return unlabelled;
  const rest = unlabelled.replace(EMAIL_TOKEN, ' ').replace(EDGE_SEPARATORS, '').replace(/\s+/gu, ' ');
  return /\p{L}/u.test(rest) ? rest : unlabelled;
}

/** Titles before the name (Dr, Mrs, Prof...) and suffixes after it (Jr, III, PhD...) removed, one word kept. */
export function stripTitles(text: string): string {
  const firstSpace = text.indexOf(' ');
  if (firstSpace < 0) return text;
  const first = token(text.slice(0, firstSpace));
  const last = token(text.slice(text.lastIndexOf(' ') + 1));
  if (!HONORIFICS.has(first) && !SUFFIXES.has(last)) return text;
  const words = text.split(' ');
  while (words.length > 1 && HONORIFICS.has(token(words[0]!))) words.shift();
  while (words.length > 1 && SUFFIXES.has(token(words[words.length - 1]!))) {
    words.pop();
    words[words.length - 1] = words[words.length - 1]!.replace(/,+$/u, '');
  }
  return words.join(' ');
}

const NAME_WORD = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*$/u;
const INITIAL = /^(?:\p{L}\.?|(?:\p{L}\.)+)$/u;

function wordsOf(text: string): string[] {
  return text.split(' ').filter((w) => w !== '');
}

function isSurnameParticle(words: readonly string[], i: number): boolean {
  if (i === words.length - 1) return false;
  const word = words[i]!.toLowerCase();
  return PARTICLES.has(word) || (i > 0 && PARTICLES_AFTER_PARTICLE.has(word));
}

/**
 * True when "left, right" reads as "Last, First": the right side is one given name (maybe followed by
 * initials: "Maria E.") and the left side one to three family-name words (particles not counted:
 * "van der Berg", "García López"). So "Garcia, Maria" and "Smith, John (Sales)" are one name each, while
 * "Alan Turing, Grace Hopper" and "Bob, alice martin" are two. "Alice, Bob" is read as "Bob Alice": a line
 * of single words with one comma cannot be told apart from Last, First; two commas make it a list.
 */
export function isLastFirst(left: string, right: string): boolean {
  const surname = wordsOf(stripTitles(stripNotes(left)));
  const given = wordsOf(stripTitles(stripNotes(right)));
  if (surname.length === 0 || given.length === 0) return false;
  if (!surname.every((w) => NAME_WORD.test(w)) || !given.every((w) => NAME_WORD.test(w))) return false;
  const familyWords = surname.filter((_, i) => !isSurnameParticle(surname, i));
  if (familyWords.length < 1 || familyWords.length > 3 || familyWords.every((w) => INITIAL.test(w))) {
    return false;
  }
  return given.slice(1).every((w) => INITIAL.test(w));
}

/** "Garcia, Maria" as "Maria Garcia" when it reads as Last, First (one comma); anything else unchanged. */
export function turnRound(text: string): string {
  const comma = text.indexOf(',');
  if (comma < 0 || text.indexOf(',', comma + 1) >= 0) return text;
  const left = text.slice(0, comma).trim();
  const right = text.slice(comma + 1).trim();
  return isLastFirst(left, right) ? `${right} ${left}` : text;
}

/** The name in a normalised entry (see the steps above); may be empty when the entry was only a note. */
export function cleanName(text: string): string {
  let name = stripQuotes(text);
  name = stripNotes(name);
  name = stripQuotes(stripLabelAndEmail(name));
  name = stripTitles(turnRound(stripTitles(name)));
  return EDGE_COMMAS.test(name) ? name.replace(EDGE_COMMAS_ALL, '') : name;
}

const EDGE_COMMAS = /^[,\s]|[,\s]$/;
const EDGE_COMMAS_ALL = /^[,\s]+|[,\s]+$/g;
