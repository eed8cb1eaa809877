// The overview's cost at 100,000 leads: database round trips of one overview:get (counted by the driver's
// command monitoring), the documents the server examined for them (from its profiler, where it has one),
// and the wall time. Prints figures; asserts nothing.
//   npx tsx bench/overview.bench.ts          (MONGODB_TEST_URI to measure against a real MongoDB;
//                                            OVERVIEW_BENCH_LEADS=100000 for the full size on the test server)
import mongoose from 'mongoose';
import { performance } from 'node:perf_hooks';
import { connectionDatabaseName } from '../src/core/store/connectionString';
import { startTestMongo } from '../tests/support/mongo';
import { LeadStore } from '../src/core/store/leadStore';
import { bindModels } from '../src/core/store/models';

const RUNS = 40;
const FAILURES = 2_000;
const CHUNK = 5_000;
const COUNTRIES = ['DE', 'FR', 'IN', 'BR', 'US', 'JP', 'NG', 'IE', 'GB', 'SE', 'NO', 'IT', 'ES', 'PL'];

const mongo = await startTestMongo();
// The test server's inserts slow down as the collection grows (100,000 took 21 minutes there): it
// gets 30,000 unless asked for more; a real MongoDB gets the 100,000.
const LEADS = Number(process.env.OVERVIEW_BENCH_LEADS ?? (mongo.kind === 'jongodb' ? 30_000 : 100_000));
const uri = mongo.uri('bench_overview');

// The documents go in straight through the driver, before any index, as a big list built over months
// would be: the app's own write path is measured by the other benchmarks.
const raw = mongoose.createConnection(uri, { dbName: connectionDatabaseName(uri), autoCreate: false });
await raw.asPromise();
const runIds = Array.from({ length: RUNS }, () => new mongoose.Types.ObjectId());
const seedStart = performance.now();
await raw.db!.collection('enrichment_runs').insertMany(
  runIds.map((_id, i) => ({
    _id,
    kind: 'paste',
    state: 'done',
    startedAt: new Date(Date.UTC(2026, 0, 1 + i)),
  })),
);
for (let start = 0; start < LEADS; start += CHUNK) {
  const docs = Array.from({ length: Math.min(CHUNK, LEADS - start) }, (_, j) => {
    const i = start + j;
    const probability = ((i * 7919) % 1000) / 1000;
    const sampleCount = i % 13 === 0 ? 3 : 100 + (i % 900);
    return {
      name: `Lead ${i}`,
      key: `lead ${i}`,
      countryCode: COUNTRIES[i % COUNTRIES.length],
      probability,
      probabilityPct: Math.floor(probability * 100),
      sampleCount,
      status: probability >= 0.6 && sampleCount >= 10 ? 'Verified' : 'To Check',
      verdict: null,
      isCrmSynced: i % 3 === 0 && probability >= 0.6,
      runId: runIds[i % RUNS],
      createdAt: new Date(),
    };
  });
  await raw.db!.collection('leads').insertMany(docs, { ordered: false });
  process.stderr.write(`\rseeded ${(start + docs.length).toLocaleString('en')} leads`);
}
process.stderr.write('\n');
await raw.db!.collection<{ _id: string }>('failed_names').insertMany(
  Array.from({ length: FAILURES }, (_, i) => ({
    _id: `${String(runIds[i % RUNS])}|failed ${i}`,
    key: `failed ${i}`,
    name: `Failed ${i}`,
    runId: runIds[i % RUNS],
    current: true,
  })),
);
const seedMs = performance.now() - seedStart;

// The app's connection, its commands counted. The indexes are built on a real server only: the test server
// scans anyway and takes minutes to build a unique index over this many documents.
const connection = mongoose.createConnection(uri, {
  dbName: connectionDatabaseName(uri),
  monitorCommands: true,
  autoCreate: false,
  autoIndex: false,
});
await connection.asPromise();
const models = bindModels(connection);
const indexStart = performance.now();
if (mongo.kind !== 'jongodb') await Promise.all(Object.values(models).map((model) => model.createIndexes()));
const indexMs = performance.now() - indexStart;
const store = new LeadStore(models);
const commands = new Map<string, number>();
connection.getClient().on('commandStarted', (event) => {
  commands.set(event.commandName, (commands.get(event.commandName) ?? 0) + 1);
});
// The server's own count of documents examined, where it keeps a profile (real MongoDB does).
const profiled = await raw
  .db!.command({ profile: 2 })
  .then(() => true)
  .catch(() => false);

const timings: number[] = [];
let roundTrips = 0;
let sent = '';
for (let i = 0; i < 3; i++) {
  commands.clear();
  const start = performance.now();
  await store.overview(10);
  timings.push(performance.now() - start);
  roundTrips = [...commands.values()].reduce((a, b) => a + b, 0);
  sent = [...commands].map(([name, n]) => `${name} ${n}`).join(', ');
}
let examined = `not reported by ${mongo.kind} (no profiler)`;
if (profiled) {
  const profile = await raw
    .db!.collection('system.profile')
    .find({ op: { $in: ['command', 'query'] }, 'command.aggregate': { $exists: true } })
    .sort({ ts: -1 })
    .limit(2)
    .toArray();
  examined = profile
    .map((p) => `${String(p.ns)}: ${Number(p.docsExamined ?? 0).toLocaleString('en')}`)
    .join(', ');
  await raw.db!.command({ profile: 0 });
}

console.table([
  {
    case: `overview:get at ${LEADS.toLocaleString('en')} leads, ${RUNS} runs, ${FAILURES.toLocaleString('en')} failed names (${mongo.kind})`,
    'round trips': `${roundTrips} (${sent})`,
    'docs examined': examined,
    'ms (best of 3)': Math.round(Math.min(...timings)),
    design: '3 round trips; each lead read once (one $facet), failures by index, runs by _id',
  },
]);
console.log(
  `(seeding took ${Math.round(seedMs / 1000)} s, the indexes ${mongo.kind === 'jongodb' ? 'not built' : `${Math.round(indexMs / 1000)} s`})`,
);
await connection.close();
await raw.close();
await mongo.stop();
