// Leads stored straight through the lead store (no API), with the country and probability a test chooses:
// for the table's paging, search, sort, bulk actions and export.
import { Types } from 'mongoose';
import { classify } from '../../src/core/classify';
import type { LeadStore } from '../../src/core/store/leadStore';

export interface LeadSpec {
  name: string;
  country?: string;
  probability?: number;
  sampleCount?: number | null;
}

/** Stores these leads in one run (threshold 0.6, no minimum sample); returns the run id. */
export async function storeLeads(store: LeadStore, specs: ReadonlyArray<LeadSpec | string>): Promise<string> {
  const runId = new Types.ObjectId();
  const leads = specs.map((entry) => {
    const spec = typeof entry === 'string' ? { name: entry } : entry;
    const probability = spec.probability ?? 0.9;
    return {
      name: spec.name,
      key: spec.name.toLowerCase(),
      ...classify(
        [{ country_id: spec.country ?? 'IE', probability }],
        { threshold: 0.6, minSampleCount: 0 },
        spec.sampleCount === undefined ? 100 : spec.sampleCount,
      )!,
    };
  });
  for (let i = 0; i < leads.length; i += 500) await store.insertLeads(leads.slice(i, i + 500), runId);
  return String(runId);
}

/** Names "Lead 0001"... as words only (digits read as phone numbers elsewhere): "Lead baab". */
export function numberedNames(count: number, prefix = 'Lead'): string[] {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return Array.from({ length: count }, (_, i) => {
    let word = '';
    for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / letters.length)) word = letters[n % 20] + word;
    return `${prefix} ${word}`;
  });
}
