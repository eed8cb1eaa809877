// Splitting text that is not a table into entries. New lines, tabs and semicolons always separate;
// a comma separates too, except where the line reads as one name or one note:
// - "Garcia, Maria" (exactly one comma, Last, First shape: see isLastFirst) is one name, turned round later;
// - "Smith, John, Jr." and "Patel, Priya, MD": a part after a comma that is only suffixes is not an entry;
// - "met at booth, follow up next week, ask about pricing" (more than five words, two or more lower-case
//   note words) is one entry, refused later as a sentence;
// - commas inside brackets or double quotes never separate: "Smith, John (Sales, EMEA)", "\"Garcia, Maria\"".
import { isLastFirst } from './clean';
import { NOTE_WORDS, SUFFIXES, token } from './vocabulary';

const OPENERS = '([{<“';
const CLOSERS = ')]}>”';

/** The text cut at each `separator` that is outside brackets and double quotes. */
export function splitOutside(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '"') quoted = !quoted;
    else if (OPENERS.includes(char)) depth++;
    else if (CLOSERS.includes(char)) depth = Math.max(0, depth - 1);
    else if (char === separator && depth === 0 && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function isOnlySuffixes(part: string): boolean {
  const words = part.split(/\s+/u).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => SUFFIXES.has(token(w)));
}

/** True when the comma-separated parts read as one note: more than five words, two of them note words. */
export function isNote(parts: readonly string[]): boolean {
  const words = parts.flatMap((p) => p.split(/\s+/u)).filter((w) => w !== '');
  if (words.length <= 5) return false;
  return words.filter((w) => w === w.toLowerCase() && NOTE_WORDS.has(w.replace(/[.,!?]+$/u, ''))).length >= 2;
}

function splitCommas(part: string): string[] {
  const pieces = splitOutside(part, ',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pieces.length <= 1) return pieces;
  const named = [...pieces];
  while (named.length > 1 && isOnlySuffixes(named[named.length - 1]!)) named.pop();
  if (named.length === 1) return [part];
  if (isNote(named)) return [part];
  if (named.length === 2 && isLastFirst(named[0]!, named[1]!)) return [part];
  return named;
}

/** The entries on one line (or in one cell) of text. */
export function splitLine(line: string): string[] {
  const entries: string[] = [];
  for (const raw of splitOutside(line, ';')) {
    const part = raw.trim();
    if (part === '') continue;
    if (part.includes(',')) entries.push(...splitCommas(part));
    else entries.push(part);
  }
  return entries;
}

export const LINE_BREAK = /\r\n|\n|\r/u;

/** Every entry of a text that is not a table, given to `collector`: lines, then tabs, then the rules above. */
export function addTextEntries(
  text: string,
  collector: { add(entry: string, line?: number): void },
  /** The line number of the text's first line (a header line dropped before it counts). */
  firstLine = 1,
): void {
  let number = firstLine;
  for (const line of text.split(LINE_BREAK)) {
    const at = number++;
    if (!line.includes(',') && !line.includes(';') && !line.includes('\t')) {
      collector.add(line, at);
      continue;
    }
    for (const cell of line.split('\t')) for (const entry of splitLine(cell)) collector.add(entry, at);
  }
}
