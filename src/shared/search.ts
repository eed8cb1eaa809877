// Search and name order that ignore case and accents ("muller" finds Müller, "nguyen" finds Nguyễn), the
// same in the core (stored on each lead, so an index serves them) and anywhere a query is typed.

/** Letters that lose nothing to NFKD (no combining mark to strip) but are read as these. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'gu');
const MARKS = /\p{M}+/gu;
/** Anything that is not a letter or a digit separates words. */
const SEPARATOR = /[^\p{L}\p{N}]+/u;
/** Inside a word, these join its parts: "O'Brien" is also "obrien", "Jean-Luc" also "jeanluc". */
const JOINERS = /['’.\-‐]/gu;

/** Lower case, accents and ligatures folded: "Nguyễn Thị" → "nguyen thi", "Straße" → "strasse". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_LETTERS, (c) => SPECIAL[c] ?? c);
}

/** The words a query is made of, folded: each must start a word of the lead. */
export function searchTerms(query: string): string[] {
  return [...new Set(foldText(query.normalize('NFC')).split(SEPARATOR))].filter((w) => w !== '');
}

/** The words a lead is found by: of its name and its country (name and code), folded, each once. */
export function searchWords(...texts: Array<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const folded = foldText(text);
    for (const word of folded.split(SEPARATOR)) if (word) words.add(word);
    for (const part of folded.split(/\s+/u)) {
      const joined = part.replace(JOINERS, '');
      if (joined && !SEPARATOR.test(joined)) words.add(joined);
    }
  }
  return [...words];
}

/**
 * The order names and countries sort in: case and accents folded, so "Ólafur" comes before "Zoë" and
 * "Åland Islands" before "Zimbabwe". The database sorts on this stored key (an index serves it, on any MongoDB).
 */
export function sortKey(text: string): string {
  return foldText(text).replace(/\s+/gu, ' ').trim();
}

/** A name's sort key (see sortKey). */
export const nameSortKey = sortKey;
