// CRM sync against a MongoDB-compatible server and a local webhook receiver: exactly once per
// verified lead, across several apps, through crashes, retries, timeouts and shutdown.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import { ConfigError } from '../../src/core/config';
import { CoreError } from '../../src/core/errors';
import { WebhookCrm } from '../../src/core/sync/webhookCrm';
import { parseSchedule } from '../../src/core/sync/scheduler';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { seedLeads } from '../support/seed';
import { afterEachDelivery, countingDatabase, expireLeases, syncEngine } from '../support/syncHarness';
import { WebhookReceiver } from '../support/webhookReceiver';

const SECRET = 'test-webhook-secret';
let mongo: TestMongo;
const opened: CoreApp[] = [];
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo.stop());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

async function receiver(latencyMs = 0, secret = SECRET): Promise<WebhookReceiver> {
  const r = new WebhookReceiver(secret, latencyMs);
  await r.start();
  receivers.push(r);
  return r;
}

async function app(
  uri: string,
  env: Record<string, string> = {},
  options: Parameters<typeof testApp>[1] = {},
): Promise<CoreApp> {
  const a = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: 'http://127.0.0.1:9', ...env }, options);
  opened.push(a);
  return a;
}

const webhook = (r: WebhookReceiver, extra: Record<string, string> = {}) => ({
  CRM_MODE: 'webhook',
  CRM_WEBHOOK_URL: r.url,
  CRM_WEBHOOK_SECRET: SECRET,
  ...extra,
});

describe('CRM sync', () => {
  it('simulated CRM: logs each verified lead, marks it synced, never sends To Check; a second run sends nothing', async () => {
    const lines: string[] = [];
    const a = await app(mongo.uri('sim'), {}, { log: (line) => lines.push(line) });
    await seedLeads(await a.store(), { verified: 12, toCheck: 5 });

    const first = await a.sync.syncNow('manual');
    expect(first).toMatchObject({
      joined: false,
      run: { claimed: 12, delivered: 12, failed: 0, error: null },
    });
    const sent = lines.filter((l) => l.startsWith('[CRM Sync] Sending verified lead '));
    expect(sent).toHaveLength(12);
    expect(sent).toContain('[CRM Sync] Sending verified lead Verified Lead 3 to Sales Team...');
    expect(sent.some((l) => l.includes('(to check)'))).toBe(false);

    const store = await a.store();
    const synced = await store.listLeads({ syncState: 'synced', pageSize: 100 });
    expect((await store.countLeads({ syncState: 'synced' })).all).toBe(12);
    expect(synced.items.every((l) => l.isCrmSynced && l.crmSyncedAt !== null)).toBe(true);
    expect((await store.countLeads({ syncState: 'not_applicable' })).all).toBe(5);
    expect((await store.countLeads({ syncState: 'pending' })).all).toBe(0);

    const second = await a.sync.syncNow('manual');
    expect(second.run).toMatchObject({ claimed: 0, delivered: 0, failed: 0 });
    const status = await a.sync.status();
    expect(status.history.map((r) => r.delivered)).toEqual([0, 12]);
    expect(status.log.some((l) => l.includes('Sending verified lead Verified Lead 0'))).toBe(true);
  });

  it('three apps syncing one database at once deliver every verified lead exactly once', async () => {
    const r = await receiver(5);
    const uri = mongo.uri('three');
    const workers = await Promise.all([1, 2, 3].map(() => app(uri, webhook(r))));
    await seedLeads(await workers[0]!.store(), { verified: 1000, toCheck: 40 });

    const outcomes = await Promise.all(workers.map((w) => w.sync.syncNow('cli')));
    const delivered = outcomes.reduce((sum, o) => sum + o.run.delivered, 0);

    expect(r.deliveries.size).toBe(1000);
    expect(r.duplicates).toBe(0);
    expect(r.badSignatures).toBe(0);
    expect(r.keyCollisions).toBe(0);
    expect(r.accepted.every((lead) => lead.status === 'Verified' && lead.idempotencyKey === lead.id)).toBe(
      true,
    );
    expect(delivered).toBe(1000);
    expect(outcomes.every((o) => o.run.error === null)).toBe(true);
    const store = await workers[0]!.store();
    expect((await store.countLeads({ syncState: 'synced' })).all).toBe(1000);
    expect((await store.countLeads({ syncState: 'pending' })).all).toBe(0);
    console.log(
      `3 workers, 1000 verified + 40 To Check: receiver got ${r.deliveries.size} leads in ${r.requests} requests, ` +
        `${r.duplicates} duplicates; delivered per worker ${outcomes.map((o) => o.run.delivered).join('/')}`,
    );
  });

  it('a worker that dies between delivery and marking: after its claim expires the lead goes again, same keys, and ends synced', async () => {
    const r = await receiver();
    const db = await countingDatabase(mongo.uri('crash'));
    try {
      await seedLeads(db.leads, { verified: 5 });
      const webhook = () => new WebhookCrm({ url: r.url, secret: SECRET, timeoutMs: 5000 });
      const dying = syncEngine({
        models: db.models,
        adapter: afterEachDelivery(webhook(), () => {
          throw new Error('simulated crash before marking');
        }),
      });
      const crashed = await dying.runOnce('cli');
      expect(crashed.run.error).toContain('simulated crash');
      expect(r.deliveries.size).toBe(5);

      const survivor = syncEngine({ models: db.models, adapter: webhook() });
      expect((await survivor.runOnce('cli')).run.claimed).toBe(0); // the dead worker's claims still hold
      await expireLeases(db.models);
      const takeover = await survivor.runOnce('cli');
      expect(takeover.run).toMatchObject({ claimed: 5, delivered: 5 });
      expect([...r.deliveries.values()]).toEqual([2, 2, 2, 2, 2]); // a repeat the CRM recognises by its keys
      expect(new Set(r.accepted.map((l) => l.idempotencyKey)).size).toBe(5);
      expect(r.batchKeys[0]).toBe(r.batchKeys[1]); // the same leads at the same attempt: the same batch key
      expect((await db.leads.countLeads({ syncState: 'synced' })).all).toBe(5);
    } finally {
      await db.close();
    }
  });

  it('a 200 that arrives after the timeout is retried with the same keys; a 500 moves the batch key on', async () => {
    const r = await receiver();
    const db = await countingDatabase(mongo.uri('late'));
    try {
      await seedLeads(db.leads, { verified: 3 });
      const engine = syncEngine({
        models: db.models,
        adapter: new WebhookCrm({ url: r.url, secret: SECRET, timeoutMs: 300 }),
      });
      r.answer({ status: 200, delayMs: 1000 }, { status: 500 });
      const late = await engine.runOnce('cli');
      expect(late.run).toMatchObject({ delivered: 0, failed: 3 });
      expect(late.run.failures[0]!.reason).toBe('The CRM webhook could not be reached (timed out)');
      expect(r.deliveries.size).toBe(3); // it did arrive
      await engine.runOnce('cli'); // the 500: a definite refusal
      const last = await engine.runOnce('cli');
      expect(last.run.delivered).toBe(3);
      expect([...r.deliveries.values()]).toEqual([2, 2, 2]); // the receiver drops the repeat by its keys
      const [late1, repeat, afterRefusal] = r.receivedKeys;
      expect(repeat).toBe(late1); // the repeat of a delivery that may have applied: the same batch key
      expect(afterRefusal).not.toBe(repeat); // a new attempt after a definite refusal: a new one
      expect(r.keyCollisions).toBe(0);
      expect((await db.leads.countLeads({ syncState: 'synced' })).all).toBe(3);
    } finally {
      await db.close();
    }
  });

  it('webhook 500 then 200: the lead waits for a later run, then syncs', async () => {
    const r = await receiver();
    const a = await app(mongo.uri('retry'), webhook(r, { SYNC_RETRY_BASE_SECONDS: '0' }));
    await seedLeads(await a.store(), { verified: 3 });
    r.answer({ status: 500, body: { error: 'CRM is down' } });

    const first = await a.sync.syncNow('manual');
    expect(first.run).toMatchObject({ claimed: 3, delivered: 0, failed: 3 });
    expect(first.run.failures[0]!.reason).toBe('The CRM webhook answered 500: CRM is down');
    const pending = await (await a.store()).listLeads({ syncState: 'pending' });
    expect((await (await a.store()).countLeads({ syncState: 'pending' })).all).toBe(3);
    expect(pending.items[0]!.syncError).toBe('The CRM webhook answered 500: CRM is down');

    const second = await a.sync.syncNow('manual');
    expect(second.run).toMatchObject({ claimed: 3, delivered: 3, failed: 0 });
    expect(
      (await (await a.store()).listLeads({ syncState: 'synced' })).items.every((l) => l.syncError === null),
    ).toBe(true);
  });

  it('webhook 400: the lead fails with the reason, is not sent again, and a person can retry it', async () => {
    const r = await receiver();
    const a = await app(mongo.uri('perm'), webhook(r, { SYNC_RETRY_BASE_SECONDS: '0' }));
    await seedLeads(await a.store(), { verified: 2 });
    r.answer({ status: 400, body: { error: 'country is not a valid field' } });

    await a.sync.syncNow('manual');
    const failed = await (await a.store()).listLeads({ syncState: 'failed' });
    expect((await (await a.store()).countLeads({ syncState: 'failed' })).all).toBe(2);
    expect(failed.items[0]!.syncError).toBe('The CRM webhook answered 400: country is not a valid field');
    expect((await a.sync.syncNow('manual')).run.claimed).toBe(0);
    expect(r.requests).toBe(1);

    expect(await a.sync.retryLeads(failed.items.map((l) => l.id))).toEqual({ reset: 2 });
    expect((await a.sync.syncNow('manual')).run.delivered).toBe(2);
  });

  it('gives up after the bounded number of attempts, saying so', async () => {
    const r = await receiver();
    const a = await app(
      mongo.uri('giveup'),
      webhook(r, { SYNC_RETRY_BASE_SECONDS: '0', SYNC_MAX_ATTEMPTS: '2' }),
    );
    await seedLeads(await a.store(), { verified: 1 });
    r.answer({ status: 503 }, { status: 503 });
    await a.sync.syncNow('manual');
    await a.sync.syncNow('manual');
    const [lead] = (await (await a.store()).listLeads({ syncState: 'failed' })).items;
    expect(lead?.syncError).toBe('The CRM webhook answered 503 (gave up after 2 attempts)');
  });

  it('a receiver with another secret refuses the signature: the run stops, saying so, and the leads wait', async () => {
    const r = await receiver(0, 'another-secret');
    const a = await app(mongo.uri('sig'), webhook(r));
    await seedLeads(await a.store(), { verified: 1 });
    const { run } = await a.sync.syncNow('manual');
    expect(r.badSignatures).toBe(1);
    expect(run.error).toBe(
      'The CRM webhook answered 401: bad signature: check the webhook URL and secret in Settings',
    );
    expect(run.failed).toBe(0);
    const pending = await (await a.store()).listLeads({ syncState: 'pending' });
    expect((await (await a.store()).countLeads({ syncState: 'pending' })).all).toBe(1);
    expect(pending.items[0]!.syncError).toBeNull(); // no attempt was counted against the lead
  });

  it('a trigger during a run joins it instead of starting a second run', async () => {
    const r = await receiver(300);
    const a = await app(mongo.uri('join'), webhook(r));
    await seedLeads(await a.store(), { verified: 3 });
    const [first, second] = await Promise.all([a.sync.syncNow('manual'), a.sync.syncNow('schedule')]);
    expect(first.joined).toBe(false);
    expect(second.joined).toBe(true);
    expect(second.run.id).toBe(first.run.id);
    expect((await a.sync.status()).history).toHaveLength(1);
    expect(r.requests).toBe(1);
  });

  it('quitting waits for the run in flight, which finishes marking its batch', async () => {
    const r = await receiver(400);
    const uri = mongo.uri('quit');
    const a = await app(uri, webhook(r));
    await seedLeads(await a.store(), { verified: 4 });
    const run = a.sync.syncNow('manual');
    await new Promise((resolve) => setTimeout(resolve, 100)); // the batch is now at the CRM
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    expect((await run).run).toMatchObject({ delivered: 4, error: null });

    const check = await app(uri);
    expect((await (await check.store()).countLeads({ syncState: 'synced' })).all).toBe(4);
    await expect(a.sync.syncNow('manual')).rejects.toThrow('shutting down');
  });

  it('the background job runs on its schedule once the database is connected', async () => {
    const r = await receiver();
    const a = await app(mongo.uri('job'), webhook(r, { SYNC_SCHEDULE: '*/1 * * * * *' }), {
      backgroundSync: true,
    });
    await seedLeads(await a.store(), { verified: 2 });
    expect((await a.sync.status()).nextRunAt).not.toBeNull();
    await expect.poll(() => r.deliveries.size, { timeout: 5000 }).toBe(2);
    const runs = (await a.sync.status()).history;
    expect(runs.some((run) => run.trigger === 'schedule' && run.delivered === 2)).toBe(true);

    a.sync.scheduler.configure({ enabled: false });
    expect(await a.sync.status()).toMatchObject({ enabled: false, nextRunAt: null });
  });

  it('reviewed mode: nothing goes until a person approves it; Verified in bulk, To Check one by one', async () => {
    const lines: string[] = [];
    const a = await app(
      mongo.uri('reviewed'),
      { SYNC_MODE: 'reviewed' },
      { log: (line) => lines.push(line) },
    );
    const store = await a.store();
    await seedLeads(store, { verified: 5, toCheck: 3 });
    expect(await a.sync.counts()).toEqual({
      mode: 'reviewed',
      pending: 5,
      approved: 0,
      synced: 0,
      failed: 0,
      queued: 0,
    });
    expect((await a.sync.syncNow('manual')).run.claimed).toBe(0);

    const verified = (await store.listLeads({ status: 'Verified', sortBy: 'name', sortDir: 'asc' })).items;
    const toCheck = (await store.listLeads({ status: 'To Check', sortBy: 'name', sortDir: 'asc' })).items;
    // Bulk approval takes the Verified leads only; a To Check lead needs its own approval.
    expect(await a.sync.approveLeads([verified[0]!.id, verified[1]!.id, toCheck[0]!.id])).toEqual({
      approved: 2,
    });
    expect(await a.sync.approveLead(toCheck[0]!.id)).toEqual({ approved: true });
    expect(await a.sync.approveLeads([verified[2]!.id])).toEqual({ approved: 1 });
    expect(await a.sync.withdrawApproval([verified[2]!.id])).toEqual({ withdrawn: 1 });
    expect(await a.sync.counts()).toMatchObject({ pending: 3, approved: 3, queued: 3 });

    const { run } = await a.sync.syncNow('manual');
    expect(run).toMatchObject({ claimed: 3, delivered: 3 });
    expect(lines).toContain(`[CRM Sync] Sending approved To Check lead ${toCheck[0]!.name} to Sales Team...`);
    expect(await a.sync.counts()).toEqual({
      mode: 'reviewed',
      pending: 3,
      approved: 0,
      synced: 3,
      failed: 0,
      queued: 0,
    });
    const views = await a.sync.leadRecords([toCheck[0]!.id, toCheck[1]!.id, verified[2]!.id]);
    expect(Object.fromEntries(views.map((v) => [v.id, v.state]))).toEqual({
      [toCheck[0]!.id]: 'synced',
      [toCheck[1]!.id]: 'not_applicable',
      [verified[2]!.id]: 'pending',
    });
    expect((await store.countLeads({ syncState: 'not_applicable' })).all).toBe(2);
    expect((await store.countLeads({ syncState: 'synced' })).all).toBe(3);
  });

  it('automatic mode sends every Verified lead, and a To Check lead once it is approved', async () => {
    const a = await app(mongo.uri('auto'));
    const store = await a.store();
    await seedLeads(store, { verified: 2, toCheck: 2 });
    const [toCheck] = (await store.listLeads({ status: 'To Check' })).items;
    await a.sync.approveLead(toCheck!.id);
    expect(await a.sync.counts()).toMatchObject({ mode: 'automatic', pending: 2, approved: 1, queued: 3 });
    expect((await a.sync.syncNow('manual')).run.delivered).toBe(3);
    expect((await store.countLeads({ syncState: 'not_applicable' })).all).toBe(1);
  });

  it('rejects a schedule it cannot read, with a clear error', () => {
    expect(parseSchedule('15')).toEqual({ kind: 'interval', minutes: 15 });
    expect(parseSchedule('0 9 * * 1-5')).toEqual({ kind: 'cron', expression: '0 9 * * 1-5' });
    expect(() => parseSchedule('every day')).toThrow(CoreError);
    expect(() => parseSchedule('every day')).toThrow(
      /Invalid sync schedule "every day": give minutes between runs/,
    );
    expect(() => parseSchedule('0')).toThrow('minutes must be from 1 to 10080');
    expect(() => parseSchedule('61 * * * *')).toThrow(/Invalid sync schedule/);
  });

  it('validates the sync settings when it starts', async () => {
    await expect(app(mongo.uri('cfg'), { SYNC_SCHEDULE: 'often' })).rejects.toThrow(ConfigError);
    await expect(app(mongo.uri('cfg'), { CRM_MODE: 'webhook' })).rejects.toThrow(
      'Invalid setting CRM_MODE: webhook needs CRM_WEBHOOK_URL and CRM_WEBHOOK_SECRET',
    );
    await expect(app(mongo.uri('cfg'), { CRM_MODE: 'hubspot' })).rejects.toThrow(
      'Invalid setting CRM_MODE: hubspot needs HUBSPOT_TOKEN',
    );
    await expect(app(mongo.uri('cfg'), { SYNC_CLAIM_SECONDS: '1' })).rejects.toThrow(
      'Invalid setting SYNC_CLAIM_SECONDS: a claim of 1 s is shorter than the delivery timeout (15 s) plus 5 s',
    );
    await expect(
      app(mongo.uri('cfg'), {
        CRM_MODE: 'webhook',
        CRM_WEBHOOK_URL: 'http://crm.example.com/hook',
        CRM_WEBHOOK_SECRET: SECRET,
      }),
    ).rejects.toThrow(/CRM_WEBHOOK_URL: must be https/);
  });
});
