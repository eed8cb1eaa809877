// Gathers entries one at a time into the counts every caller agrees on: each entry counted once as pasted,
// then a name, a failure, or a duplicate folded into an earlier entry with the same key.
import type { NameFailure } from '../failures';
import { classifyEntry } from './entry';
import type { EntryTrace, ParsedName, ParsedPaste } from './types';

export class EntryCollector {
  private readonly seen = new Set<string>();
  private readonly trace: EntryTrace | null;
  private readonly names: ParsedName[] = [];
  private readonly invalid: NameFailure[] = [];
  private pasted = 0;
  private duplicatesFolded = 0;

  constructor(options: { trace?: boolean } = {}) {
    this.trace = options.trace ? { invalidLines: [], folds: new Map() } : null;
  }

  /** `line`: where the entry is (a line of a paste, a row of a table), for a review's refused entries. */
  add(entry: string, line = 0): void {
    const fate = classifyEntry(entry);
    if (!fate) return;
    this.pasted++;
    if (this.seen.has(fate.key)) {
      this.duplicatesFolded++;
      if (this.trace) this.trace.folds.set(fate.key, (this.trace.folds.get(fate.key) ?? 0) + 1);
      return;
    }
    this.seen.add(fate.key);
    if (fate.ok) this.names.push(fate.name);
    else {
      this.invalid.push(fate.failure);
      this.trace?.invalidLines.push(line);
    }
  }

  get count(): number {
    return this.pasted;
  }

  result(): ParsedPaste {
    return {
      pasted: this.pasted,
      names: this.names,
      invalid: this.invalid,
      duplicatesFolded: this.duplicatesFolded,
      ...(this.trace ? { trace: this.trace } : {}),
    };
  }
}
