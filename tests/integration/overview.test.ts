// The overview's charts and a person's verdicts, against the test database: the numbers the database
// computes are checked against a list the test builds itself; verdicts hold through a refresh and a sync.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import { thresholdMoves } from '@shared/overview';
import type { LeadView, OverviewView } from '@shared/contract';
import { FakeNationalize, type FakeCountry } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { distinctNames } from '../support/names';
import { DatabaseInspector } from '../support/inspect';
import { WebhookReceiver } from '../support/webhookReceiver';

let mongo: TestMongo;
let fake: FakeNationalize;
let app: CoreApp;
let uri: string;

async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  const envelope = await app.dispatch(channel, payload);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data as T;
}

/** The test's own list: each name's country, probability and sample count, chosen here. */
function plan(count: number) {
  const countries = ['DE', 'FR', 'DE', 'IN', 'BR', 'DE', 'FR', 'JP'];
  return distinctNames(count).map((name, i) => ({
    name,
    country: countries[i % countries.length]!,
    probability: Math.round((0.2 + ((i * 37) % 80) / 100) * 1000) / 1000, // 0.20 .. 0.99
    count: i % 9 === 0 ? 4 : 250, // every ninth name rests on only four people
  }));
}

beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo.stop());
beforeEach(async () => {
  fake = new FakeNationalize();
  await fake.start();
  uri = mongo.uri('overview');
  app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url, MIN_SAMPLE_COUNT: '10' });
});
afterEach(async () => {
  await app.close();
  await fake.stop();
});

function predictions(list: ReturnType<typeof plan>): Record<string, FakeCountry[]> {
  return Object.fromEntries(
    list.map((p) => [p.name.toLowerCase(), [{ country_id: p.country, probability: p.probability }]]),
  );
}

describe('overview', () => {
  it('counts leads by country, status and probability as the list says, failures and syncs included', async () => {
    const list = plan(120);
    const counts = Object.fromEntries(list.map((p) => [p.name.toLowerCase(), p.count]));
    fake.configure({
      predictions: predictions(list),
      transform: (body) =>
        (body as Array<{ name: string; count: number }>).map((item) => ({
          ...item,
          count: counts[item.name.toLowerCase()] ?? item.count,
        })),
    });
    await app.enrichment.enrichText([...list.map((p) => p.name), '12345', '!!!'].join('\n'));
    const overview = await call<OverviewView>('overview:get');

    const verified = (p: (typeof list)[number]) => p.probability >= 0.6 && p.count >= 10;
    const byCountry = new Map<string, number>();
    for (const p of list) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + 1);
    expect(overview.countries.map((c) => [c.countryCode, c.leads])).toEqual(
      [...byCountry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    );
    expect(overview.countries[0]).toMatchObject({ countryCode: 'DE', country: 'Germany' });
    expect(overview.status).toEqual({
      verified: list.filter(verified).length,
      toCheck: list.filter((p) => !verified(p)).length,
      rejected: 0,
      synced: 0,
      failed: 2,
    });
    const bins = Array<number>(101).fill(0);
    for (const p of list) bins[Math.floor(p.probability * 100)]!++;
    expect(overview.probability.all).toEqual(bins);
    // Names resting on too few people are To Check at any threshold: they do not count as movable.
    expect(overview.probability.movableToCheck.reduce((a, b) => a + b, 0)).toBe(
      list.filter((p) => !verified(p) && p.count >= 10).length,
    );

    // The threshold preview: what moves at 80 %, computed by the renderer from these bins, is what
    // the list says would move.
    expect(thresholdMoves(overview.probability, 80)).toEqual({
      toToCheck: list.filter((p) => verified(p) && p.probability < 0.8).length,
      toVerified: list.filter((p) => !verified(p) && p.count >= 10 && p.probability >= 0.8).length,
    });
    expect(thresholdMoves(overview.probability, 60)).toEqual({ toToCheck: 0, toVerified: 0 });

    // A chart's click lands on exactly the leads its bar counted: a country, a band of the histogram.
    const store = await app.store();
    const germany = await store.listLeads({ countryCode: 'DE', pageSize: 500 });
    expect((await store.countLeads({ countryCode: 'DE' })).all).toBe(byCountry.get('DE'));
    expect(new Set(germany.items.map((l) => l.countryCode))).toEqual(new Set(['DE']));
    const band = await store.listLeads({ minPct: 70, maxPct: 79, pageSize: 500 });
    expect((await store.countLeads({ minPct: 70, maxPct: 79 })).all).toBe(
      bins.slice(70, 80).reduce((a, b) => a + b, 0),
    );
    expect(band.items.every((l) => l.probability >= 0.7 && l.probability < 0.8)).toBe(true);
    const [run] = await call<Array<{ id: string }>>('runs:list');
    expect((await store.countLeads({ runId: run!.id })).all).toBe(list.length);
    expect(
      await app.dispatch('leads:list', { countryCode: 'Germany' }).then((e) => (e.ok ? '' : e.error.message)),
    ).toMatch(/countryCode.*two-letter country code/);
  });

  it('keeps the five countries the API gave and the sample count on the lead', async () => {
    fake.configure({
      predictions: {
        anna: [
          { country_id: 'SE', probability: 0.4 },
          { country_id: 'NO', probability: 0.2 },
          { country_id: 'DK', probability: 0.15 },
          { country_id: 'FI', probability: 0.1 },
          { country_id: 'DE', probability: 0.05 },
        ],
      },
    });
    await app.enrichment.enrichText('Anna');
    const [lead] = (await (await app.store()).listLeads()).items;
    expect(lead).toMatchObject({ countryCode: 'SE', sampleCount: 104, verdict: null, guess: null });
    expect(lead!.alternatives.map((a) => a.countryCode)).toEqual(['NO', 'DK', 'FI', 'DE']);
  });
});

describe("a person's verdict", () => {
  async function lead(name: string): Promise<LeadView> {
    return (await (await app.store()).listLeads({ search: name.toLowerCase() })).items[0]!;
  }

  it('verifies a To Check lead in another country, keeps the guess, and a refresh does not overwrite it', async () => {
    fake.configure({
      predictions: {
        anna: [
          { country_id: 'SE', probability: 0.41 },
          { country_id: 'NO', probability: 0.3 },
        ],
      },
    });
    await app.enrichment.enrichText('Anna\nPeter');
    const anna = await lead('Anna');
    expect(anna.status).toBe('To Check');

    expect(await call('leads:decide', { ids: [anna.id], decision: 'verified', countryCode: 'NO' })).toEqual({
      changed: 1,
    });
    const decided = await lead('Anna');
    expect(decided).toMatchObject({
      status: 'Verified',
      countryCode: 'NO',
      country: 'Norway',
      guess: { countryCode: 'SE', probability: 0.41 },
      verdict: { decision: 'verified' },
    });
    expect(decided.verdict!.by).toBeTruthy();
    expect(Date.parse(decided.verdict!.at)).toBeGreaterThan(Date.now() - 60_000);

    fake.configure({ predictions: { anna: [{ country_id: 'FI', probability: 0.35 }] } });
    await app.enrichment.refreshLeads([anna.id]);
    expect(await lead('Anna')).toMatchObject({
      status: 'Verified',
      countryCode: 'NO',
      guess: { countryCode: 'FI', probability: 0.35 },
      verdict: { decision: 'verified' },
    });

    expect(await call('leads:decide', { ids: [anna.id], decision: 'undo' })).toEqual({ changed: 1 });
    expect(await lead('Anna')).toMatchObject({
      status: 'To Check',
      countryCode: 'FI',
      verdict: null,
      guess: null,
    });
  });

  it('a verified verdict is synced like any Verified lead, in its chosen country; a rejected lead is never sent', async () => {
    const receiver = new WebhookReceiver('overview-secret');
    await receiver.start();
    try {
      await app.close();
      app = await testApp({
        MONGODB_URI: uri,
        NATIONALIZE_BASE_URL: fake.url,
        CRM_MODE: 'webhook',
        CRM_WEBHOOK_URL: receiver.url,
        CRM_WEBHOOK_SECRET: 'overview-secret',
      });
      fake.configure({
        predictions: {
          anna: [{ country_id: 'SE', probability: 0.41 }],
          olga: [{ country_id: 'RU', probability: 0.3 }],
          peter: [{ country_id: 'DK', probability: 0.9 }],
        },
      });
      await app.enrichment.enrichText('Anna\nOlga\nPeter');
      const [anna, olga, peter] = await Promise.all(['Anna', 'Olga', 'Peter'].map(lead));
      await call('leads:decide', { ids: [anna!.id], decision: 'verified', countryCode: 'NO' });
      await call('leads:decide', { ids: [olga!.id, peter!.id], decision: 'rejected' });
      expect(await call('sync:approve-one', { id: olga!.id })).toEqual({ approved: false });

      const { run } = await app.sync.syncNow('manual');
      expect(run.delivered).toBe(1);
      expect(receiver.accepted.map((l) => [l.name, l.countryCode, l.status])).toEqual([
        ['Anna', 'NO', 'Verified'],
      ]);
      expect((await lead('Peter')).syncState).toBe('not_applicable');
      const overview = await call<OverviewView>('overview:get');
      expect(overview.status).toMatchObject({ verified: 1, toCheck: 0, rejected: 2, synced: 1 });
    } finally {
      await receiver.stop();
    }
  });
});

describe('gender and age, optional', () => {
  it('asks genderize and agify with the top country, stores both on the lead, and shares the quota', async () => {
    await app.close();
    fake.configure({
      quota: { limit: 1000, resetSeconds: 3600 },
      predictions: {
        anna: [{ country_id: 'SE', probability: 0.8 }],
        peter: [{ country_id: 'DK', probability: 0.7 }],
        olga: [{ country_id: 'SE', probability: 0.6 }],
      },
    });
    app = await testApp({
      MONGODB_URI: uri,
      NATIONALIZE_BASE_URL: fake.url,
      ENRICH_GENDER: 'true',
      ENRICH_AGE: 'true',
    });
    const plan = await app.enrichment.plan('Anna\nPeter\nOlga\nQzzz');
    expect(plan).toMatchObject({ toAsk: 4, cost: 12 });

    await app.enrichment.enrichText('Anna\nPeter\nOlga\nQzzz');
    // One localised batch per country and service; the name with no country is not asked further.
    const asked = fake.demographicLog.map(
      (r) => `${r.service} ${r.countryId} ${[...r.names].sort().join(',')}`,
    );
    expect(asked.sort()).toEqual([
      'agify DK Peter',
      'agify SE Anna,Olga',
      'genderize DK Peter',
      'genderize SE Anna,Olga',
    ]);
    // The quota counts names across the three services: 4 countries asked + 3 genders + 3 ages.
    expect(fake.namesRequested).toBe(10);
    expect(app.client.lastRateLimit?.remaining).toBe(990);
    const anna = (await (await app.store()).listLeads({ search: 'anna' })).items[0]!;
    expect(anna.gender).toMatch(/^(male|female)$/);
    expect(anna.genderProbability).toBeGreaterThanOrEqual(0.5);
    expect(anna.age).toBeGreaterThanOrEqual(18);

    // Pasted again once the lead is gone (deleted): the country, gender and age all come from the cache.
    await deleteLeads();
    fake.resetCounters();
    await app.enrichment.enrichText('Anna');
    expect(fake.requests).toBe(0);
    expect((await (await app.store()).listLeads({ search: 'anna' })).items[0]).toMatchObject({
      gender: anna.gender,
      age: anna.age,
    });
  });

  it('turned on later, asks only gender and age for a name the cache already placed', async () => {
    fake.configure({ predictions: { anna: [{ country_id: 'SE', probability: 0.8 }] } });
    await app.enrichment.enrichText('Anna');
    await deleteLeads();
    await app.close();
    fake.resetCounters();
    app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url, ENRICH_AGE: 'true' });
    await app.enrichment.enrichText('Anna');
    expect(fake.log).toHaveLength(1);
    expect(fake.demographicLog).toEqual([{ service: 'agify', names: ['Anna'], countryId: 'SE' }]);
    expect((await (await app.store()).listLeads()).items[0]!.age).toBeGreaterThanOrEqual(18);
  });
});

/** Deletes every lead straight in the database (as a person's bulk delete would), keeping the answers. */
async function deleteLeads(): Promise<void> {
  const db = await DatabaseInspector.open(uri);
  try {
    await db.deleteAll('leads');
  } finally {
    await db.close();
  }
}
