// Benchmarks that print figures (never assertions): parsing, enrichment throughput against the local
// nationalize.io stand-in with a realistic latency, and the leads list query.
//   npm run bench                      (MONGODB_TEST_URI to measure against a real MongoDB)
import { performance } from 'node:perf_hooks';
import { parsePaste } from '@shared/names';
import { FakeNationalize } from '../tests/support/fakeNationalize';
import { startTestMongo } from '../tests/support/mongo';
import { testApp } from '../tests/support/app';
import { acceptancePaste, distinctNames } from '../tests/support/names';

const LATENCY_MS = 80; // a typical round trip to a public API
const rows: Array<Record<string, string | number>> = [];
const ms = (start: number): number => Math.round(performance.now() - start);

// 1. Parsing a large paste (the renderer does this on every keystroke, deferred).
{
  const text = Array.from({ length: 100_000 }, (_, i) => `Person ${i}`).join('\n');
  const start = performance.now();
  const parsed = parsePaste(text);
  rows.push({ case: 'parse 100,000 names', ms: ms(start), detail: `${parsed.names.length} names` });
}

const mongo = await startTestMongo();
const fake = new FakeNationalize({
  latencyMs: LATENCY_MS,
  quota: { limit: 1_000_000, resetSeconds: 86_400 },
});
await fake.start();

// 2. The acceptance file, twice.
{
  const app = await testApp({ MONGODB_URI: mongo.uri('bench_acceptance'), NATIONALIZE_BASE_URL: fake.url });
  const { text } = acceptancePaste();
  for (const label of ['acceptance file, 1st run', 'acceptance file, 2nd run']) {
    fake.resetCounters();
    const start = performance.now();
    const s = await app.enrichment.enrichText(text);
    rows.push({
      case: label,
      ms: ms(start),
      detail: `${s.enriched} stored, ${s.alreadyEnriched} already, ${s.failed.length} failed; ${fake.requests} requests, max ${fake.maxInFlight} in flight`,
    });
  }
  await app.close();
}

// 3. Throughput by concurrency: 1,000 new names each time.
for (const concurrency of [1, 4, 8]) {
  const app = await testApp({
    MONGODB_URI: mongo.uri(`bench_c${concurrency}`),
    NATIONALIZE_BASE_URL: fake.url,
    NATIONALIZE_CONCURRENCY: String(concurrency),
  });
  fake.resetCounters();
  const start = performance.now();
  const s = await app.enrichment.enrichText(distinctNames(1000).join('\n'));
  const elapsed = ms(start);
  rows.push({
    case: `1,000 names, concurrency ${concurrency}`,
    ms: elapsed,
    detail: `${Math.round((s.enriched / elapsed) * 1000)} names/s; ${fake.requests} requests, max ${fake.maxInFlight} in flight`,
  });
  // 4. The list query the table makes, on that database.
  if (concurrency === 8) {
    const store = await app.store();
    for (const [label, query] of [
      ['list page 1 (newest)', {}],
      [
        'list Verified, sorted by probability',
        { status: 'Verified' as const, sortBy: 'probability' as const },
      ],
      ['list search "garc"', { search: 'garc' }],
      ['list page 10', { page: 10 }],
    ] as const) {
      const start2 = performance.now();
      const runs = 20;
      for (let i = 0; i < runs; i++) await store.listLeads(query);
      rows.push({
        case: `${label}, 1,000 leads`,
        ms: Math.round((performance.now() - start2) / runs),
        detail: 'mean of 20',
      });
    }
  }
  await app.close();
}

await fake.stop();
await mongo.stop();
console.log(`Database: ${mongo.kind}; API latency ${LATENCY_MS} ms\n`);
console.table(rows);
