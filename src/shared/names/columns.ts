// Choosing the column(s) names are read from: by the person's choice, else from the headers, else from
// what the cells look like.
import { classifyEntry } from './entry';
import { foldHeader } from './headers';
import { COMPANY_WORDS, JOB_WORDS, token } from './vocabulary';
import type { ColumnRef, ColumnRole, NameColumnChoice, NameColumns, TableColumn } from './types';

/**
 * From the headers: a full-name column (Full name, Contact); else a first and a last name column, joined
 * (a plain "Name" beside "First name" is the family name, as in German "Name, Vorname" or French
 * "Nom, Prénom"; beside "Last name" it is the given name, as in Spanish "Nombre, Apellidos"); else a
 * plain "Name"; else a first-name or a last-name column alone.
 */
export function chooseByHeader(roles: ReadonlyArray<ColumnRole | null>): NameColumns | null {
  const at = (role: ColumnRole): number => roles.indexOf(role);
  const [full, name, first, last] = [at('full'), at('name'), at('first'), at('last')];
  if (full >= 0) return { kind: 'single', index: full };
  if (first >= 0 && last >= 0) return { kind: 'pair', first, last };
  if (first >= 0 && name >= 0) return { kind: 'pair', first, last: name };
  if (name >= 0 && last >= 0) return { kind: 'pair', first: name, last };
  if (name >= 0) return { kind: 'single', index: name };
  if (first >= 0) return { kind: 'single', index: first };
  if (last >= 0) return { kind: 'single', index: last };
  return null;
}

const EMAIL_LOCAL = /^([^\s@]+)@[^\s@]+\.[^\s@]+$/u;

/** True when a cell reads as a person's name: a valid name of at most four words, no digits, no company. */
function looksLikeName(cell: string): boolean {
  if (/\d|&/u.test(cell)) return false;
  const fate = classifyEntry(cell);
  if (!fate?.ok) return false;
  const words = fate.name.name.split(' ');
  if (words.length > 4 || COMPANY_WORDS.has(token(words[words.length - 1]!))) return false;
  return !words.some((w) => JOB_WORDS.has(token(w)));
}

/** True when another cell of the row is an email address made from this cell's words (maria.garcia@...). */
function matchesEmail(cell: string, row: readonly string[]): boolean {
  const words = cell
    .toLowerCase()
    .split(/[\s,]+/u)
    .filter((w) => w.length >= 3);
  return row.some((other) => {
    const local = EMAIL_LOCAL.exec(other.trim())?.[1]?.toLowerCase();
    return local !== undefined && words.some((w) => local.includes(w));
  });
}

interface ColumnScore {
  score: number;
  singleWords: number;
}

function scoreColumn(rows: ReadonlyArray<readonly string[]>, index: number): ColumnScore {
  let score = 0;
  let names = 0;
  let singleWords = 0;
  for (const row of rows) {
    const cell = row[index]?.trim() ?? '';
    if (cell === '' || !looksLikeName(cell)) continue;
    names++;
    score += 1;
    if (!cell.includes(' ')) singleWords++;
    if (matchesEmail(cell, row)) score += 0.5;
  }
  return { score: rows.length ? score / rows.length : 0, singleWords: names ? singleWords / names : 0 };
}

/**
 * From the cells: the column whose cells most look like names (ties: the leftmost), when at least half of
 * the rows do; two neighbouring columns of single words that both look like names are a first/last pair.
 */
export function chooseByContent(
  rows: ReadonlyArray<readonly string[]>,
  columnCount: number,
): NameColumns | null {
  const scores = Array.from({ length: columnCount }, (_, i) => scoreColumn(rows, i));
  let best = -1;
  for (let i = 0; i < scores.length; i++) if (best < 0 || scores[i]!.score > scores[best]!.score) best = i;
  if (best < 0 || scores[best]!.score < 0.5) return null;
  const next = scores[best + 1];
  if (scores[best]!.singleWords >= 0.8 && next && next.score >= 0.5 && next.singleWords >= 0.8) {
    return { kind: 'pair', first: best, last: best + 1 };
  }
  return { kind: 'single', index: best };
}

function columnList(columns: readonly TableColumn[]): string {
  return columns.map((c) => `"${c.header ?? ''}"`).join(', ');
}

function resolveRef(ref: ColumnRef, columns: readonly TableColumn[]): number | string {
  if (typeof ref === 'number') {
    return Number.isInteger(ref) && ref >= 0 && ref < columns.length
      ? ref
      : `There is no column ${ref + 1}: the table has ${columns.length} column${columns.length === 1 ? '' : 's'}`;
  }
  const wanted = foldHeader(ref);
  const found = columns.findIndex((c) => c.header !== null && foldHeader(c.header) === wanted);
  if (found >= 0) return found;
  if (columns.every((c) => c.header === null)) {
    return `The table has no header row, so no column is called "${ref}": choose one by number (1 to ${columns.length})`;
  }
  return `No column is called "${ref}"; the columns are: ${columnList(columns)}`;
}

/** The person's choice as column indexes, or the reason it names no column. */
export function resolveChoice(
  choice: NameColumnChoice,
  columns: readonly TableColumn[],
): NameColumns | string {
  if (typeof choice !== 'object') {
    const index = resolveRef(choice, columns);
    return typeof index === 'string' ? index : { kind: 'single', index };
  }
  const first = resolveRef(choice.first, columns);
  if (typeof first === 'string') return first;
  const last = resolveRef(choice.last, columns);
  if (typeof last === 'string') return last;
  if (first === last) return 'Choose two different columns for the first and the last name';
  return { kind: 'pair', first, last };
}
