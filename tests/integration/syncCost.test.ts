// What a sync run costs the database, counted by the driver's command monitoring on the test's own
// connection (the product keeps no counters), and the history of a run whose app died.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAdapter } from '../../src/core/sync/crm';
import { INTERRUPTED_REASON, SyncStore } from '../../src/core/sync/syncStore';
import { WebhookCrm } from '../../src/core/sync/webhookCrm';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { seedLeads } from '../support/seed';
import { countingDatabase, expireLeases, syncEngine, type CountingDatabase } from '../support/syncHarness';
import { WebhookReceiver } from '../support/webhookReceiver';

const SECRET = 'cost-webhook-secret';
let mongo: TestMongo;
let receiver: WebhookReceiver;
const dbs: CountingDatabase[] = [];

beforeAll(async () => {
  mongo = await startTestMongo();
  receiver = new WebhookReceiver(SECRET);
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await mongo.stop();
});
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.close()));
});

async function database(label: string): Promise<CountingDatabase> {
  const db = await countingDatabase(mongo.uri(label));
  dbs.push(db);
  return db;
}

const webhook = (): CrmAdapter => new WebhookCrm({ url: receiver.url, secret: SECRET, timeoutMs: 5000 });

describe('the cost of a sync run', () => {
  it('is at most 0.02 database round trips per lead at 1,000 Verified leads', async () => {
    const db = await database('cost');
    await seedLeads(db.leads, { verified: 1000, toCheck: 20 });
    db.reset();
    const { run } = await syncEngine({ models: db.models, adapter: webhook() }).runOnce('cli');
    expect(run).toMatchObject({ claimed: 1000, delivered: 1000, failed: 0, error: null });
    const perLead = db.roundTrips() / 1000;
    console.log(
      `1 app, 1,000 Verified leads: ${db.roundTrips()} round trips (${perLead} per lead): ` +
        JSON.stringify(Object.fromEntries(db.commands)),
    );
    expect(perLead).toBeLessThanOrEqual(0.02);
    expect((await db.leads.countLeads({ syncState: 'synced' })).all).toBe(1000);
  });
});

describe('a run whose app died', () => {
  it('is closed as interrupted by the next run of any app, with what it delivered counted from the leads', async () => {
    const db = await database('interrupted');
    await seedLeads(db.leads, { verified: 600 });
    // The first app delivers its first claim (500 leads), marks it with its next claim, then hangs for good
    // on the next delivery: as if it had been killed there.
    const real = webhook();
    let deliveries = 0;
    const dying: CrmAdapter = {
      mode: 'webhook',
      maxBatchSize: 100,
      deliver: (leads) => (++deliveries <= 5 ? real.deliver(leads) : new Promise(() => undefined)),
    };
    void syncEngine({ models: db.models, adapter: dying, instanceId: 'laptop#1' }).runOnce('schedule');
    await expect
      .poll(() => db.models.Lead.countDocuments({ isCrmSynced: true }), { timeout: 20_000 })
      .toBe(500);

    const store = new SyncStore(db.models);
    const [running] = await store.listRuns(5);
    expect(running).toMatchObject({ instanceId: 'laptop#1', finishedAt: null, interrupted: false });

    // Another app, before the dead run's lease ran out: it leaves that run alone (it may be alive).
    const other = syncEngine({ models: db.models, adapter: webhook(), instanceId: 'desktop#2' });
    expect((await other.runOnce('cli')).run.claimed).toBe(0);
    expect((await store.listRuns(5)).find((r) => r.instanceId === 'laptop#1')!.finishedAt).toBeNull();

    await expireLeases(db.models);
    const next = await other.runOnce('cli');
    expect(next.run).toMatchObject({ claimed: 100, delivered: 100 });
    const dead = (await store.listRuns(5)).find((r) => r.instanceId === 'laptop#1')!;
    expect(dead).toMatchObject({ interrupted: true, delivered: 500, error: INTERRUPTED_REASON });
    expect(dead.finishedAt).not.toBeNull();
    const runs = await store.listRuns(10);
    expect(runs.reduce((sum, r) => sum + r.delivered, 0)).toBe(600);
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
  });
});

describe('a claim held through slow deliveries', () => {
  it('is renewed before a delivery could outlive it, so another app never takes leads still being sent', async () => {
    const db = await database('renew');
    await seedLeads(db.leads, { verified: 25 });
    const real = webhook();
    const slow: CrmAdapter = {
      mode: 'webhook',
      maxBatchSize: 5,
      // Each delivery takes most of the 2 s delivery timeout: the claim's five of them outlast its 7 s.
      deliver: async (leads) => {
        await new Promise((r) => setTimeout(r, 1800));
        return real.deliver(leads);
      },
    };
    const settings = { claimMs: 7000, deliveryTimeoutMs: 2000 };
    const first = syncEngine({ models: db.models, adapter: slow, settings }).runOnce('cli');
    await new Promise((r) => setTimeout(r, 7500)); // past the first claim's expiry
    const second = await syncEngine({ models: db.models, adapter: webhook(), settings }).runOnce('cli');
    const { run } = await first;
    expect(second.run.claimed).toBe(0);
    expect(run).toMatchObject({ claimed: 25, delivered: 25 });
    expect((await db.leads.countLeads({ syncState: 'synced' })).all).toBe(25);
  }, 30_000);
});
