// Gathers entries one at a time into the counts every caller agrees on: each entry counted once as pasted,
// then a name, a failure, or a duplicate folded into an earlier entry with the same key.
import type { NameFailure } from '../failures';
import { classifyEntry } from './entry';
import type { ParsedName, ParsedPaste } from './types';

export class EntryCollector {
  private readonly seen = new Set<string>();
  private readonly names: ParsedName[] = [];
  private readonly invalid: NameFailure[] = [];
  private pasted = 0;
  private duplicatesFolded = 0;

  add(entry: string): void {
    const fate = classifyEntry(entry);
    if (!fate) return;
    this.pasted++;
    if (this.seen.has(fate.key)) {
      this.duplicatesFolded++;
      return;
    }
    this.seen.add(fate.key);
    if (fate.ok) this.names.push(fate.name);
    else this.invalid.push(fate.failure);
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
    };
  }
}
