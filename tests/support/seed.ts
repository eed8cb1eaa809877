// Stores leads through the real lead store, without asking the API: for tests that start after enrichment.
import { Types } from 'mongoose';
import { classify } from '../../src/core/classify';
import type { LeadStore } from '../../src/core/store/leadStore';
import { distinctNames } from './names';

/** `verified` leads with probability 0.9 and `toCheck` with 0.3, in chunks of 500. */
export async function seedLeads(
  store: LeadStore,
  counts: { verified: number; toCheck?: number },
): Promise<void> {
  const runId = new Types.ObjectId();
  const make = (name: string, probability: number) => ({
    name,
    key: name.toLowerCase(),
    ...classify(
      [
        { country_id: 'IE', probability },
        { country_id: 'GB', probability: (1 - probability) / 3 },
      ],
      { threshold: 0.6, minSampleCount: 0 },
      100,
    )!,
  });
  const leads = [
    ...Array.from({ length: counts.verified }, (_, i) => make(`Verified Lead ${i}`, 0.9)),
    ...distinctNames(counts.toCheck ?? 0).map((name) => make(`${name} (to check)`, 0.3)),
  ];
  for (let i = 0; i < leads.length; i += 500) await store.insertLeads(leads.slice(i, i + 500), runId);
}
