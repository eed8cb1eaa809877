// How a name is shown: ALL-CAPS and all-lower names in title case, anything else as typed.
//
// Rules (each tested in tests/unit/names/case.test.ts):
// - Only a name whose cased letters are all upper or all lower is changed: "McDonald", "DeShawn",
//   "Maria GARCIA" stay as typed. Scripts without case (王伟, محمد) are never changed.
// - A letter starts a word after a space, a hyphen, an apostrophe or a dot: "jean-luc" → "Jean-Luc",
//   "o'brien" → "O'Brien", "j.r.r." → "J.R.R.".
// - "Mc" is followed by a capital ("mcdonald" → "McDonald"); "Mac" is not ("macdonald" → "Macdonald"),
//   since Mack, Macy and Machado are names of their own.
// - Particles stay lower inside a name, never first or last ("ludwig van beethoven" → "Ludwig van
//   Beethoven", "VAN DYKE" → "Van Dyke"); so does an elided d' or l' after the first word
//   ("jean d'alembert" → "Jean d'Alembert").
// The key is case-insensitive, so showing a name differently never makes it another lead.
import { isParticle } from './vocabulary';

const STARTS_WORD = new Set([' ', '-', "'", '’', '.']);

/** True when the name is written in one case only (and has cased letters at all). */
export function isSingleCase(name: string, lowerCased = name.toLowerCase()): boolean {
  const hasUpper = name !== lowerCased;
  const hasLower = name !== name.toUpperCase();
  return hasUpper !== hasLower;
}

function capitalizeWord(word: string): string {
  let out = '';
  let startOfWord = true;
  for (const char of word) {
    out += startOfWord ? char.toUpperCase() : char;
    startOfWord = STARTS_WORD.has(char);
  }
  if (out.length > 3 && out.startsWith('Mc')) out = `Mc${out.charAt(2).toUpperCase()}${out.slice(3)}`;
  return out;
}

function titleCaseWord(words: readonly string[], index: number): string {
  const word = words[index]!;
  if (isParticle(words, index)) return word;
  const elided = /^([dl]['’])(.+)$/u.exec(word);
  if (index > 0 && elided) return elided[1]! + capitalizeWord(elided[2]!);
  return capitalizeWord(word);
}

/** The name in title case, particles lower. Expects a normalised name (single spaces). */
export function titleCase(name: string): string {
  const words = name.toLowerCase().split(' ');
  return words
    .map((_, i) => titleCaseWord(words, i))
    .join(' ')
    .normalize('NFC');
}

/** The name as it is shown and stored: title case when written in one case, else as typed. */
export function displayCase(name: string, lowerCased?: string): string {
  return isSingleCase(name, lowerCased) ? titleCase(name) : name;
}
