// CRM sync figures: database round trips per lead (one app, then three apps at once) at 1,000 Verified
// leads, and requests per lead for the webhook and each CRM stand-in (real official clients).
//   npx tsx bench/sync.bench.ts          (MONGODB_TEST_URI to measure against a real MongoDB)
// Round trips are counted by the driver's command monitoring on the benchmark's own connection.
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/core/config';
import { createCrmAdapter } from '../src/core/sync/adapters';
import type { CrmAdapter } from '../src/core/sync/crm';
import { HubspotStandIn } from '../tests/support/crm/hubspot';
import { PipedriveStandIn } from '../tests/support/crm/pipedrive';
import { SalesforceStandIn } from '../tests/support/crm/salesforce';
import { startTestMongo } from '../tests/support/mongo';
import { seedLeads } from '../tests/support/seed';
import { countingDatabase, syncEngine } from '../tests/support/syncHarness';
import { WebhookReceiver } from '../tests/support/webhookReceiver';

const SECRET = 'bench-webhook-secret';
const LEADS = 1000;
/** Fewer for the CRM stand-ins: their per-lead record ids make one update per lead (slow on jongodb only). */
const CRM_LEADS = 300;
const mongo = await startTestMongo();
const receiver = new WebhookReceiver(SECRET, 20);
const sharedReceiver = new WebhookReceiver(SECRET, 20);
await Promise.all([receiver.start(), sharedReceiver.start()]);

const adapterFor = (env: Record<string, string>): CrmAdapter => {
  const config = loadConfig(env);
  return createCrmAdapter(config.sync.crm, {
    timeoutMs: config.sync.deliveryTimeoutMs,
    log: () => undefined,
  });
};
const webhookEnv = { CRM_MODE: 'webhook', CRM_WEBHOOK_URL: receiver.url, CRM_WEBHOOK_SECRET: SECRET };

async function oneApp(label: string, adapter: CrmAdapter, leads: number) {
  const db = await countingDatabase(mongo.uri(label));
  await seedLeads(db.leads, { verified: leads, toCheck: Math.round(leads / 10) });
  db.reset();
  const start = performance.now();
  const { run } = await syncEngine({ models: db.models, adapter }).runOnce('cli');
  const ms = Math.round(performance.now() - start);
  const roundTrips = db.roundTrips();
  await db.close();
  return { run, roundTrips, ms };
}

console.log(`Database: ${mongo.kind}; webhook latency 20 ms\n`);

// One app, 1,000 Verified leads, the webhook.
const single = await oneApp('bench_one', adapterFor(webhookEnv), LEADS);
console.log(
  `1 app, ${LEADS} Verified + ${LEADS / 10} To Check leads, webhook: ${single.run.delivered} delivered, ` +
    `${single.roundTrips} database round trips = ${(single.roundTrips / LEADS).toFixed(3)} per lead; ` +
    `${receiver.requests} webhook requests = ${(receiver.requests / LEADS).toFixed(3)} per lead; ${single.ms} ms\n`,
);

// Three apps at once on one database.
const sharedUri = mongo.uri('bench_three');
const shared = await countingDatabase(sharedUri);
await seedLeads(shared.leads, { verified: LEADS, toCheck: LEADS / 10 });
const apps = await Promise.all([1, 2, 3].map(() => countingDatabase(sharedUri)));
const sharedEnv = { ...webhookEnv, CRM_WEBHOOK_URL: sharedReceiver.url };
const start = performance.now();
const outcomes = await Promise.all(
  apps.map((db, i) =>
    syncEngine({ models: db.models, adapter: adapterFor(sharedEnv), instanceId: `app${i + 1}` }).runOnce(
      'cli',
    ),
  ),
);
const elapsed = Math.round(performance.now() - start);
console.table(
  outcomes.map((o, i) => ({
    app: i + 1,
    claimed: o.run.claimed,
    delivered: o.run.delivered,
    failed: o.run.failed,
    'db round trips': apps[i]!.roundTrips(),
  })),
);
const total = apps.reduce((sum, db) => sum + db.roundTrips(), 0);
console.log(
  `3 apps at once: ${total} round trips in all = ${(total / LEADS).toFixed(3)} per lead; receiver: ` +
    `${sharedReceiver.deliveries.size} distinct leads, ${sharedReceiver.requests} requests, ` +
    `${sharedReceiver.duplicates} duplicates, ${sharedReceiver.badSignatures} bad signatures; wall time ${elapsed} ms\n`,
);
await Promise.all([shared, ...apps].map((db) => db.close()));

// Each CRM stand-in through its official client.
const hubspot = new HubspotStandIn();
const pipedrive = new PipedriveStandIn();
const salesforce = new SalesforceStandIn();
await Promise.all([hubspot.start(), pipedrive.start(), salesforce.start()]);
const crms: Array<{ name: string; server: (typeof hubspot)['server']; env: Record<string, string> }> = [
  {
    name: 'HubSpot',
    server: hubspot.server,
    env: { CRM_MODE: 'hubspot', HUBSPOT_BASE_URL: hubspot.url, HUBSPOT_TOKEN: hubspot.token },
  },
  {
    name: 'Pipedrive',
    server: pipedrive.server,
    env: { CRM_MODE: 'pipedrive', PIPEDRIVE_BASE_URL: pipedrive.url, PIPEDRIVE_API_TOKEN: pipedrive.token },
  },
  {
    name: 'Salesforce',
    server: salesforce.server,
    env: {
      CRM_MODE: 'salesforce',
      SALESFORCE_INSTANCE_URL: salesforce.url,
      SALESFORCE_ACCESS_TOKEN: salesforce.token,
    },
  },
];
const rows = [];
for (const crm of crms) {
  for (const keep of ['false', 'true']) {
    const requestsBefore = crm.server.requests.length;
    const result = await oneApp(
      `bench_${crm.name}_${keep}`,
      adapterFor({ ...crm.env, CRM_KEEP_EXISTING_VALUES: keep }),
      CRM_LEADS,
    );
    const requests = crm.server.requests.length - requestsBefore;
    rows.push({
      CRM: crm.name,
      'keep existing values': keep === 'true',
      leads: CRM_LEADS,
      delivered: result.run.delivered,
      requests,
      'requests per lead': Number((requests / CRM_LEADS).toFixed(3)),
      'db round trips per lead': Number((result.roundTrips / CRM_LEADS).toFixed(3)),
    });
  }
}
console.log(
  `Each CRM stand-in, 1 app, ${CRM_LEADS} Verified leads (the first delivery also reads the account's fields):`,
);
console.table(rows);

await Promise.all([
  hubspot.stop(),
  pipedrive.stop(),
  salesforce.stop(),
  receiver.stop(),
  sharedReceiver.stop(),
]);
await mongo.stop();
