// The person's answers to a review's refused entries (corrected or dropped), and how they reach the run:
// in a paste, the entry is replaced in its own line; a file is not rewritten, its corrections are
// enriched after it (see PastePanel).
import type { RefusedEntry } from '@shared/contract';
import { classifyEntry } from '@shared/names';

export type Fix = { kind: 'correct'; name: string } | { kind: 'drop' };
export type Fixes = ReadonlyMap<string, Fix>;

/** A refused entry's identity in a review: its line and its text. */
export const refusedKey = (entry: Pick<RefusedEntry, 'line' | 'entry'>) =>
  `${entry.line}\u0000${entry.entry}`;

/** Why a correction would be refused too, or null when it is a name. */
export function correctionProblem(name: string): string | null {
  const fate = classifyEntry(name);
  if (!fate) return 'Type a name, or drop the entry';
  return fate.ok ? null : fate.failure.reason;
}

/** The corrections that are names, in the order of the refused list. */
export function correctedNames(refused: readonly RefusedEntry[], fixes: Fixes): string[] {
  const names: string[] = [];
  for (const entry of refused) {
    const fix = fixes.get(refusedKey(entry));
    if (fix?.kind === 'correct' && correctionProblem(fix.name) === null) names.push(fix.name.trim());
  }
  return names;
}

const LINE_BREAKS = /(\r\n|\n|\r)/u;

/**
 * The paste with each fixed entry replaced in its line (dropped: removed), so the run asks the correction
 * and records no failure for the entry. An entry cut short (over the name limit) is left as it is.
 */
export function applyFixes(text: string, refused: readonly RefusedEntry[], fixes: Fixes): string {
  const byLine = new Map<number, Array<{ entry: string; fix: Fix }>>();
  for (const entry of refused) {
    const fix = fixes.get(refusedKey(entry));
    if (!fix || entry.length !== null) continue;
    if (fix.kind === 'correct' && correctionProblem(fix.name) !== null) continue;
    const list = byLine.get(entry.line) ?? [];
    list.push({ entry: entry.entry, fix });
    byLine.set(entry.line, list);
  }
  if (byLine.size === 0) return text;
  // split with a capture group keeps the breaks: lines at even indexes.
  const parts = text.split(LINE_BREAKS);
  for (const [line, list] of byLine) {
    const at = (line - 1) * 2;
    let content = parts[at];
    if (content === undefined) continue;
    for (const { entry, fix } of list) {
      const index = content.indexOf(entry);
      if (index < 0) continue;
      const replacement = fix.kind === 'correct' ? fix.name.trim() : '';
      content = content.slice(0, index) + replacement + content.slice(index + entry.length);
    }
    parts[at] = content;
  }
  return parts.join('');
}
