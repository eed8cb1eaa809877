// CRM sync figures: three apps syncing 1,000 verified leads at once against a local webhook receiver.
//   npx tsx bench/sync.bench.ts          (MONGODB_TEST_URI to measure against a real MongoDB)
import { performance } from 'node:perf_hooks';
import { startTestMongo } from '../tests/support/mongo';
import { testApp } from '../tests/support/app';
import { seedLeads } from '../tests/support/seed';
import { WebhookReceiver } from '../tests/support/webhookReceiver';

const SECRET = 'bench-webhook-secret';
const mongo = await startTestMongo();
const receiver = new WebhookReceiver(SECRET, 20);
await receiver.start();
const uri = mongo.uri('bench_sync');
const env = {
  MONGODB_URI: uri,
  CRM_MODE: 'webhook',
  CRM_WEBHOOK_URL: receiver.url,
  CRM_WEBHOOK_SECRET: SECRET,
};
const workers = await Promise.all([1, 2, 3].map(() => testApp(env)));
await seedLeads(await workers[0]!.store(), { verified: 1000, toCheck: 100 });

const start = performance.now();
const outcomes = await Promise.all(workers.map((w) => w.sync.syncNow('cli')));
const elapsed = Math.round(performance.now() - start);
const roundTrips = await Promise.all(workers.map((w) => w.sync.roundTrips()));

console.log(`Database: ${mongo.kind}; webhook latency 20 ms; 1,000 Verified + 100 To Check leads; 3 apps\n`);
console.table(
  outcomes.map((o, i) => ({
    app: i + 1,
    claimed: o.run.claimed,
    delivered: o.run.delivered,
    failed: o.run.failed,
    'db round trips': roundTrips[i],
  })),
);
console.log(
  `receiver: ${receiver.deliveries.size} distinct leads in ${receiver.requests} requests, ` +
    `${receiver.duplicates} duplicates, ${receiver.badSignatures} bad signatures; wall time ${elapsed} ms`,
);
await Promise.all(workers.map((w) => w.close()));
await receiver.stop();
await mongo.stop();
