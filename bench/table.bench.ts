// The leads table at scale, in figures (never assertions): database round trips (counted on the wire)
// and documents examined per page for the first page, the next one, a jump, the tab counts and a search,
// at two sizes, so a figure that grows with the leads shows. Then export time and peak memory: from the
// test database, and 100,000 leads from a store of fixed cost (the test server is slow past a few
// thousand writes; on real MongoDB run it with MONGODB_TEST_URI).
//   npm run bench        (or: npx tsx bench/table.bench.ts)
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import type { LeadsPage } from '@shared/contract';
import { leadSearchFields, leadsFilterQuery } from '../src/core/store/leadQuery';
import { testApp } from '../tests/support/app';
import { startTestMongo } from '../tests/support/mongo';
import { WireProxy } from './support/wireProxy';

const SIZES = (process.env.TABLE_BENCH_SIZES ?? '2000,20000').split(',').map(Number);
const EXPORT_ROWS = Number(process.env.TABLE_BENCH_EXPORT ?? 100_000);
const FIRST = ['Maria', 'Thomas', 'Nguyễn', 'Zoë', 'Ólafur', 'Priya', 'Kenji', 'Seán', 'Amara', 'Jürgen'];
const LAST = ['García', 'Müller', 'Thị Minh', 'Zimmermann', 'Arnalds', 'Patel', 'Sato', "O'Brien", 'Okafor'];
const COUNTRIES: Array<[string, string]> = [
  ['ES', 'Spain'],
  ['DE', 'Germany'],
  ['VN', 'Vietnam'],
  ['IS', 'Iceland'],
  ['IN', 'India'],
  ['JP', 'Japan'],
  ['IE', 'Ireland'],
  ['NG', 'Nigeria'],
];

/** Lead documents as the store writes them, the i-th one distinct. */
function leadDoc(i: number, runId: Types.ObjectId, now: number) {
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${suffix(i)}`;
  const [countryCode, country] = COUNTRIES[i % COUNTRIES.length]!;
  const probability = Math.round((0.2 + ((i * 37) % 79) / 100) * 1000) / 1000;
  return {
    name,
    key: name.toLowerCase(),
    countryCode,
    country,
    probability,
    probabilityPct: Math.floor(probability * 100),
    guess: { countryCode, country, probability },
    alternatives: [],
    sampleCount: 100,
    status: probability >= 0.6 ? 'Verified' : 'To Check',
    verdict: null,
    ...leadSearchFields(name, countryCode, country),
    isCrmSynced: false,
    syncFailed: false,
    syncAttempts: 0,
    runId,
    createdAt: new Date(now + i),
    updatedAt: new Date(now + i),
  };
}

function suffix(i: number): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let out = '';
  for (let n = i, k = 0; k < 5; k++, n = Math.floor(n / 20)) out += letters[n % 20];
  return out;
}

const rows: Array<Record<string, string | number>> = [];
const mongo = await startTestMongo();
const proxy = new WireProxy(mongo.uri('bench_table'));
const uri = await proxy.start();
const app = await testApp({ MONGODB_URI: uri });
const store = await app.store();
const { Lead } = (store as unknown as { models: { Lead: typeof import('mongoose').Model } }).models;

/** Documents the server says it examined, where it can explain (jongodb cannot: then this says so). */
const NO_EXPLAIN = 'n/a (no explain)';
async function examined(filter: Record<string, unknown>, sort: Record<string, 1 | -1>, skip: number) {
  try {
    const plan = (await Lead.find(filter).sort(sort).skip(skip).limit(51).explain('executionStats')) as {
      executionStats?: { totalDocsExamined?: number };
    };
    return plan.executionStats?.totalDocsExamined ?? NO_EXPLAIN;
  } catch {
    return NO_EXPLAIN;
  }
}

async function measure(
  label: string,
  size: number,
  fn: () => Promise<unknown>,
  docs: () => Promise<unknown> | string,
) {
  proxy.reset();
  const start = performance.now();
  await fn();
  const ms = Math.round(performance.now() - start);
  const trips = proxy.roundTrips;
  rows.push({ case: label, leads: size, 'round trips': trips, 'docs examined': String(await docs()), ms });
}

let stored = 0;
const runId = new Types.ObjectId();
const now = Date.now();
for (const size of SIZES) {
  const seedStart = performance.now();
  for (; stored < size; stored += 2000) {
    const docs = Array.from({ length: Math.min(2000, size - stored) }, (_, k) =>
      leadDoc(stored + k, runId, now),
    );
    await Lead.collection.insertMany(docs, { ordered: false });
  }
  stored = size;
  console.log(
    `Seeded ${size.toLocaleString('en-US')} leads in ${Math.round(performance.now() - seedStart)} ms`,
  );

  const list = (q: object) =>
    app.dispatch('leads:list', q).then((e) => (e.ok ? (e.data as LeadsPage) : null));
  const first = await list({});
  const byName = { sortBy: 'name', sortDir: 'asc' };
  await measure(
    'first page (newest)',
    size,
    () => list({}),
    () => examined({}, { createdAt: -1, _id: -1 }, 0),
  );
  await measure(
    'next page',
    size,
    () => list({ after: first!.next }),
    () => examined({ createdAt: { $lt: new Date(now) } }, { createdAt: -1, _id: -1 }, 0),
  );
  await measure(
    'jump to page 50 (by name)',
    size,
    () => list({ ...byName, page: 50 }),
    () => examined({}, { nameSort: 1, _id: 1 }, 49 * 50),
  );
  await measure(
    'tab counts',
    size,
    () => app.dispatch('leads:counts', {}),
    () => 'n/a (an aggregation)',
  );
  const search = leadsFilterQuery({ search: 'muller' });
  await measure(
    'search "muller"',
    size,
    () => list({ search: 'muller' }),
    () => examined(search, { createdAt: -1, _id: -1 }, 0),
  );
  await measure(
    'counts of search "muller"',
    size,
    () => app.dispatch('leads:counts', { search: 'muller' }),
    () => 'n/a (an aggregation)',
  );
}

// Export from the test database: every stored lead, CSV and XLSX.
const dir = await mkdtemp(join(tmpdir(), 'lead-enricher-bench-table-'));
for (const format of ['csv', 'xlsx'] as const) {
  const path = join(dir, `leads.${format}`);
  const { ms, peakMb } = await peak(() => app.dispatch('leads:export', { format, path }));
  rows.push({
    case: `export ${format} (test database)`,
    leads: stored,
    'round trips': '',
    'docs examined': '',
    ms,
    detail: `peak +${peakMb} MB heap+external; ${Math.round((await stat(path)).size / 1024)} KB`,
  } as Record<string, string | number>);
}
await app.close();
await proxy.stop();
await mongo.stop();

// Export of 100,000 leads from a store of fixed cost (leads made as they are read), in a child process
// with a 64 MB heap limit: it finishes only if the writer holds a bounded amount, whatever the rows.
for (const format of ['csv', 'xlsx'] as const) {
  const path = join(dir, `fixed.${format}`);
  const probe = join(import.meta.dirname, 'support', 'exportProbe.ts');
  const out = execFileSync(
    process.execPath,
    ['--max-old-space-size=64', '--import', 'tsx', probe, format, String(EXPORT_ROWS), path],
    { encoding: 'utf8' },
  );
  const { ms, maxRssMb } = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; maxRssMb: number };
  rows.push({
    case: `export ${format} (fixed-cost store, 64 MB heap limit)`,
    leads: EXPORT_ROWS,
    'round trips': '',
    'docs examined': '',
    ms,
    detail: `peak RSS ${maxRssMb} MB; ${Math.round((await stat(path)).size / 1024 / 1024)} MB file`,
  } as Record<string, string | number>);
}
await rm(dir, { recursive: true, force: true });

/** Time and the peak of heap + external memory above the start, sampled every 20 ms. */
async function peak(fn: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  globalThis.gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external + m.arrayBuffers;
  };
  const base = used();
  let top = base;
  const timer = setInterval(() => (top = Math.max(top, used())), 20);
  const start = performance.now();
  await fn();
  clearInterval(timer);
  top = Math.max(top, used());
  return { ms: Math.round(performance.now() - start), peakMb: Math.round((top - base) / 1024 / 1024) };
}

console.log(
  `\nDatabase: ${mongo.kind}. Round trips are counted on the wire (connection upkeep aside). A page reads` +
    ' 51 documents (one more than the page, to know if another follows); the test server scans and sorts' +
    ' without indexes, so its times grow with the leads where real MongoDB uses the indexes.',
);
console.table(rows);
const bySize = (label: string) => rows.filter((r) => r.case === label).map((r) => r['round trips']);
console.log(
  `Round trips per action, ${SIZES.join(' vs ')} leads: ` +
    ['first page (newest)', 'next page', 'jump to page 50 (by name)', 'tab counts', 'search "muller"']
      .map((l) => `${l} ${bySize(l).join('/')}`)
      .join('; '),
);
