// One export of N generated leads, for the benchmark's memory probe: run under a small heap limit, it
// either finishes (memory held is bounded) or dies. Prints the peak RSS in MB.
import { createWriteStream } from 'node:fs';
import type { LeadView } from '@shared/contract';
import { exportLeadsTo } from '../../src/core/export';
import type { LeadStore } from '../../src/core/store/leadStore';

const [format, rowsText, path] = process.argv.slice(2) as ['csv' | 'xlsx', string, string];
const rows = Number(rowsText);
const store = {
  async *exportLeads(): AsyncGenerator<LeadView> {
    for (let i = 0; i < rows; i++) {
      yield {
        id: String(i).padStart(24, '0'),
        name: `Person Number ${i.toString(36)} García`,
        countryCode: 'ES',
        country: 'Spain',
        probability: (i % 100) / 100,
        alternatives: [{ countryCode: 'MX', country: 'Mexico', probability: 0.05 }],
        sampleCount: 100,
        gender: null,
        genderProbability: null,
        age: null,
        guess: null,
        status: i % 3 ? 'Verified' : 'To Check',
        verdict: null,
        isCrmSynced: false,
        syncState: 'pending',
        crmSyncedAt: null,
        syncError: null,
        createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
        runId: null,
      };
    }
  },
} as unknown as LeadStore;
const start = Date.now();
const written = await exportLeadsTo(store, {}, format, createWriteStream(path));
const rss = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ rows: written, ms: Date.now() - start, maxRssMb: rss }) + '\n');
