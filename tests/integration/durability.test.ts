// Runs that survive anything, in-process: several apps on one database, an API that answers wrongly or
// runs out of quota, a database that stops answering, an entry too big for a record. Every test checks
// each name's outcome in the database itself.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import { FakeNationalize } from '../support/fakeNationalize';
import { checkOutcomes, DatabaseInspector } from '../support/inspect';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { distinctNames } from '../support/names';

let mongo: TestMongo;
let fake: FakeNationalize;
let uri: string;
let db: DatabaseInspector;
const apps: CoreApp[] = [];

async function newApp(env: Record<string, string> = {}, backgroundRuns = false): Promise<CoreApp> {
  const app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url, ...env }, { backgroundRuns });
  apps.push(app);
  return app;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let testNumber = 0;

beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo.stop());

beforeEach(async () => {
  fake = new FakeNationalize({ quota: { limit: 100_000, resetSeconds: 3600 } });
  await fake.start();
  // A database per test: the last quota view an app saved (by API address and key) must not reach the next
  // test, whose stand-in may listen on the same port.
  uri = mongo.uri(`durable-${++testNumber}`);
  db = await DatabaseInspector.open(uri);
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await db.close();
  await fake.stop();
});

describe('several apps on one database', () => {
  it('five runs at once over the same failing names keep every failure: one current record per name', async () => {
    fake.configure({ latencyMs: 10 });
    for (let i = 0; i < 400; i++) fake.injectFailures({ status: 418, body: { error: 'Teapot' } });
    const names = distinctNames(40);
    const five = await Promise.all([0, 1, 2, 3, 4].map(() => newApp()));
    const summaries = await Promise.all(five.map((app) => app.enrichment.enrichText(names.join('\n'))));
    for (const s of summaries) {
      expect(s.failed).toHaveLength(40);
      expect(s.enriched + s.alreadyEnriched).toBe(0);
    }
    const state = await db.state();
    expect(state.failures).toHaveLength(40);
    expect(new Set(state.failures.map((f) => f.key)).size).toBe(40);
    for (const s of summaries) expect(checkOutcomes(state, s.runId)).toEqual([]);
    const page = await (await five[0]!.store()).listFailures({ pageSize: 500 });
    expect(page.total).toBe(40);
    expect(page.items).toHaveLength(40);
  });

  it('five apps pasting overlapping lists at once ask the API for each distinct name once', async () => {
    fake.configure({ latencyMs: 40 });
    const all = distinctNames(150);
    const lists = [0, 25, 50, 75, 100].map((start) => all.slice(start, start + 50));
    const five = await Promise.all(lists.map(() => newApp()));
    const summaries = await Promise.all(
      five.map((app, i) => app.enrichment.enrichText(lists[i]!.join('\n'))),
    );
    const asked = fake.log.flat();
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBe(new Set(lists.flat()).size);
    expect(summaries.reduce((n, s) => n + s.enriched, 0)).toBe(new Set(lists.flat()).size);
    const state = await db.state();
    for (const s of summaries) {
      expect(s.enriched + s.alreadyEnriched).toBe(50);
      expect(checkOutcomes(state, s.runId)).toEqual([]);
    }
    expect(state.claims).toEqual([]);
  });
});

describe('answers that cannot be right store nothing wrong', () => {
  it('reordered, mismatched and out-of-range answers: each name keeps its own country, the rest fail', async () => {
    const names = distinctNames(20);
    const predictions = Object.fromEntries(
      names.map((n, i) => [
        n.toLowerCase(),
        [{ country_id: i % 2 ? 'DK' : 'SE', probability: 0.5 + i / 100 }],
      ]),
    );
    predictions[names[3]!.toLowerCase()] = [{ country_id: 'DK', probability: 7.5 }];
    predictions[names[4]!.toLowerCase()] = [{ country_id: '<IMG SRC=X>', probability: 0.9 }];
    fake.configure({
      predictions,
      transform: (body) =>
        (body as Array<{ name: string }>)
          .map((item) => (item.name === names[5] ? { ...item, name: 'Somebody Else' } : item))
          .reverse(),
    });
    const app = await newApp();
    const summary = await app.enrichment.enrichText(names.join('\n'));
    expect(summary.enriched).toBe(17);
    expect(summary.failed.map((f) => [f.name, f.code])).toEqual([
      [names[3], 'api_invalid'],
      [names[4], 'api_invalid'],
      [names[5], 'api_mismatch'],
    ]);
    const state = await db.state();
    for (const lead of state.leads) {
      const i = names.indexOf(lead.name);
      expect(lead.countryCode).toBe(i % 2 ? 'DK' : 'SE');
      expect(lead.probability).toBeCloseTo(0.5 + i / 100, 6);
    }
    expect(state.answers).toHaveLength(17);
    expect(JSON.stringify(state)).not.toContain('IMG');
    expect(JSON.stringify(state.answers)).not.toContain('7.5');
    expect(checkOutcomes(state, summary.runId)).toEqual([]);
  });
});

describe('quota', () => {
  it('a quota of 100 for 300 names: 100 enriched, 200 waiting, then all 300 leads when the window resets, by themselves', async () => {
    fake.configure({ quota: { limit: 100, resetSeconds: 3, rolling: true } });
    const app = await newApp({ NATIONALIZE_MAX_WAIT_SECONDS: '0', NATIONALIZE_CONCURRENCY: '2' }, true);
    const summary = await app.enrichment.enrichText(distinctNames(300).join('\n'));
    expect(summary).toMatchObject({ state: 'waiting_quota', enriched: 100, waiting: 200, failed: [] });
    expect(Date.parse(summary.resumeAt!) - Date.now()).toBeLessThanOrEqual(3500);
    const waitingRun = (await app.enrichment.listRuns()).find((r) => r.id === summary.runId);
    expect(waitingRun).toMatchObject({ state: 'waiting_quota', waiting: 200 });

    await until(
      async () => (await app.enrichment.listRuns()).find((r) => r.id === summary.runId)?.state === 'done',
      20_000,
      'the run to finish after the quota reset',
    );
    const state = await db.state(summary.runId);
    expect(state.leads).toHaveLength(300);
    expect(checkOutcomes(state, summary.runId)).toEqual([]);
    expect(new Set(fake.log.flat()).size).toBe(fake.log.flat().length - countRefused(fake));
  });

  it('a run waiting for quota, cancelled: its names are cancelled failures that Retry brings back', async () => {
    fake.configure({ quota: { limit: 20, resetSeconds: 3600 } });
    const app = await newApp({ NATIONALIZE_MAX_WAIT_SECONDS: '0' });
    const summary = await app.enrichment.enrichText(distinctNames(50).join('\n'));
    expect(summary).toMatchObject({ state: 'waiting_quota', enriched: 20, waiting: 30 });

    expect(await app.dispatch('enrich:cancel', { runId: summary.runId })).toEqual({
      ok: true,
      data: { cancelled: true },
    });
    const run = (await app.enrichment.listRuns()).find((r) => r.id === summary.runId);
    expect(run).toMatchObject({ state: 'cancelled', enriched: 20, cancelled: 30, waiting: 0 });
    const failures = await (await app.store()).listFailures({ runId: summary.runId, pageSize: 500 });
    expect(failures.total).toBe(30);
    expect(new Set(failures.items.map((f) => f.code))).toEqual(new Set(['cancelled']));
    const state = await db.state(summary.runId);
    expect(checkOutcomes(state, summary.runId).filter((p) => !p.includes('cancelled'))).toEqual([]);

    // The window reset: an app that has not seen the empty quota asks at once.
    fake.configure({ quota: { limit: 1000, resetSeconds: 3600 } });
    const later = await newApp();
    const retry = await later.enrichment.retryFailures({ runId: summary.runId });
    expect(retry).toMatchObject({ enriched: 30, failed: [] });
    expect((await (await later.store()).listFailures()).total).toBe(0);
  });

  it('shows the cost before a run: names to ask, known, answered, and what the quota allows now', async () => {
    fake.configure({ quota: { limit: 1000, remaining: 40, resetSeconds: 7200 } });
    const app = await newApp();
    await app.enrichment.enrichText(distinctNames(10).join('\n')); // 30 left, and the app has seen the headers
    const plan = await app.enrichment.plan(
      [...distinctNames(50), 'Qzzz', '12345', distinctNames(1)[0]].join('\n'),
    );
    expect(plan).toMatchObject({
      pasted: 53,
      unique: 52,
      duplicatesFolded: 1,
      invalid: 1,
      known: 10,
      answered: 0,
      toAsk: 41,
      askNow: 30,
      quota: { limit: 1000, remaining: 30 },
    });
  });
});

describe('the database stops answering', () => {
  it('paused and resumed mid-run: every name ends with one outcome', async () => {
    if (!mongo.pause) return;
    fake.configure({ latencyMs: 30 });
    const app = await newApp();
    const names = distinctNames(200);
    const run = app.enrichment.enrichText(names.join('\n'));
    await until(async () => fake.namesRequested >= 40, 10_000, 'the first answers');
    mongo.pause();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    mongo.resume!();
    const summary = await run;
    expect(summary.enriched + summary.alreadyEnriched).toBe(200);
    const state = await db.state(summary.runId);
    expect(state.items).toHaveLength(200);
    expect(checkOutcomes(state, summary.runId)).toEqual([]);
    expect(state.leads).toHaveLength(200);
  }, 60_000);
});

describe('entries that are too big', () => {
  it('a 9 MB entry is a failure that keeps its first 200 characters and its length', async () => {
    const app = await newApp();
    const huge = 'x'.repeat(9_000_000);
    const summary = await app.enrichment.enrichText(`Anna\n${huge}\nPeter`);
    expect(summary.enriched).toBe(2);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]!.name).toHaveLength(200);
    expect(summary.failed[0]!.length).toBe(9_000_000);
    const state = await db.state();
    expect(state.failures).toHaveLength(1);
    expect(state.failures[0]!.name).toHaveLength(200);
    expect(state.failures[0]!.length).toBe(9_000_000);
    const listed = (await (await app.store()).listFailures()).items[0]!;
    expect(listed).toMatchObject({ code: 'invalid_name', length: 9_000_000 });
  });
});

/** Names the stand-in refused with a 429 (asked, not answered, so asked again later). */
function countRefused(f: FakeNationalize): number {
  return f.log.flat().length - f.namesRequested;
}

describe('the quota across restarts', () => {
  it('the cost before the first run of a new start knows the quota the last app saw', async () => {
    fake.configure({ quota: { limit: 500, remaining: 60, resetSeconds: 3600 } });
    const first = await newApp();
    await first.enrichment.enrichText(distinctNames(20).join('\n'));
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const next = await newApp();
    const plan = await next.enrichment.plan(distinctNames(80).join('\n'));
    expect(plan).toMatchObject({ known: 20, toAsk: 60, quota: { limit: 500, remaining: 40 }, askNow: 40 });
  });
});
