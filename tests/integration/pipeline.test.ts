// The whole pipeline against a MongoDB-compatible server and the fake nationalize.io.
import { nameSortKey } from '@shared/search';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { distinctNames } from '../support/names';

let mongo: TestMongo;
let fake: FakeNationalize;
let app: CoreApp;
let uri: string;

beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo.stop());

beforeEach(async () => {
  fake = new FakeNationalize({ quota: { limit: 10_000, resetSeconds: 3600 } });
  await fake.start();
  uri = mongo.uri('pipeline');
  app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
});
afterEach(async () => {
  await app.close();
  await fake.stop();
});

describe('enrichment pipeline', () => {
  it('stores one classified lead per unique valid name and a reason for every other', async () => {
    fake.configure({
      predictions: {
        'ada lovelace': [
          { country_id: 'GB', probability: 0.82 },
          { country_id: 'IE', probability: 0.1 },
          { country_id: 'US', probability: 0.05 },
        ],
        'josé garcía': [{ country_id: 'ES', probability: 0.41 }],
      },
    });
    const summary = await app.enrichment.enrichText('Ada Lovelace\nada  lovelace, José García;12345\tQzzz');
    expect(summary).toMatchObject({
      pasted: 5,
      unique: 4,
      duplicatesFolded: 1,
      enriched: 2,
      alreadyEnriched: 0,
      verified: 1,
      toCheck: 1,
      cancelled: 0,
    });
    expect(summary.failed).toEqual([
      { name: '12345', code: 'invalid_name', reason: 'Invalid name: contains no letter' },
      {
        name: 'Qzzz',
        code: 'no_prediction',
        reason: 'No prediction: nationalize.io has no country for this name',
      },
    ]);

    const page = await (await app.store()).listLeads({ sortBy: 'name', sortDir: 'asc' });
    expect(await (await app.store()).countLeads()).toEqual({ all: 2, verified: 1, toCheck: 1, rejected: 0 });
    expect(page.items.map(({ id: _i, createdAt: _c, ...rest }) => rest)).toEqual([
      {
        name: 'Ada Lovelace',
        countryCode: 'GB',
        country: 'United Kingdom',
        probability: 0.82,
        alternatives: [
          { countryCode: 'IE', country: 'Ireland', probability: 0.1 },
          { countryCode: 'US', country: 'United States', probability: 0.05 },
        ],
        sampleCount: 112,
        gender: null,
        genderProbability: null,
        age: null,
        guess: null,
        verdict: null,
        status: 'Verified',
        isCrmSynced: false,
        syncState: 'pending',
        crmSyncedAt: null,
        syncError: null,
        runId: summary.runId,
      },
      {
        name: 'José García',
        countryCode: 'ES',
        country: 'Spain',
        probability: 0.41,
        alternatives: [],
        sampleCount: 111,
        gender: null,
        genderProbability: null,
        age: null,
        guess: null,
        verdict: null,
        status: 'To Check',
        isCrmSynced: false,
        syncState: 'not_applicable',
        crmSyncedAt: null,
        syncError: null,
        runId: summary.runId,
      },
    ]);

    const failures = await (await app.store()).listFailures();
    expect(failures.items.map((f) => [f.name, f.code, f.runId])).toEqual(
      expect.arrayContaining([
        ['12345', 'invalid_name', summary.runId],
        ['Qzzz', 'no_prediction', summary.runId],
      ]),
    );
    const [run] = await (await app.store()).listRuns();
    expect(run).toMatchObject({
      id: summary.runId,
      kind: 'paste',
      pasted: 5,
      unique: 4,
      enriched: 2,
      failed: 2,
    });
    expect(run!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('lists failed names in the order they were pasted, whatever order the batches finished in', async () => {
    fake.configure({ latencyMs: 30 });
    fake.injectFailures({ delayMs: 200 }); // the first batch answers last
    const pasted = [...distinctNames(20).map((n, i) => (i % 3 === 0 ? `${n} zzz` : n)), '!!!'];
    const summary = await app.enrichment.enrichText(pasted.join('\n'));
    const expected = ['!!!', ...pasted.filter((n) => n.endsWith('zzz'))];
    expect(summary.failed.map((f) => f.name)).toEqual(expected);
    const listed = (await (await app.store()).listFailures({ runId: summary.runId })).items.map(
      (f) => f.name,
    );
    expect(listed).toEqual(expected);
  });

  it('does not ask the API again for a name already stored, nor store it twice', async () => {
    await app.enrichment.enrichText(distinctNames(25).join('\n'));
    fake.resetCounters();
    const second = await app.enrichment.enrichText([...distinctNames(30)].join('\n'));
    expect(second).toMatchObject({ enriched: 5, alreadyEnriched: 25 });
    expect(fake.log.flat().sort()).toEqual(distinctNames(30).slice(25).sort());
    expect((await (await app.store()).countLeads()).all).toBe(30);
  });

  it('two apps enriching the same names at once store each name once (duplicate-key race)', async () => {
    fake.configure({ latencyMs: 20 });
    const other = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    try {
      const text = distinctNames(60).join('\n');
      const [a, b] = await Promise.all([app.enrichment.enrichText(text), other.enrichment.enrichText(text)]);
      expect(a.enriched + b.enriched).toBe(60);
      expect(a.enriched + a.alreadyEnriched).toBe(60);
      expect(b.enriched + b.alreadyEnriched).toBe(60);
      expect(a.failed).toEqual([]);
      expect((await (await app.store()).countLeads()).all).toBe(60);
    } finally {
      await other.close();
    }
  });

  it('uses the Verified threshold from the configuration', async () => {
    const strict = await testApp({
      MONGODB_URI: mongo.uri('strict'),
      NATIONALIZE_BASE_URL: fake.url,
      VERIFIED_THRESHOLD: '0.9',
    });
    try {
      fake.configure({ predictions: { anna: [{ country_id: 'SE', probability: 0.85 }] } });
      const summary = await strict.enrichment.enrichText('Anna');
      expect(summary).toMatchObject({ verified: 0, toCheck: 1 });
    } finally {
      await strict.close();
    }
  });

  it('cancelling keeps what is stored and marks the names not yet sent as cancelled', async () => {
    fake.configure({ latencyMs: 60 });
    const progress: number[] = [];
    const unsubscribe = app.subscribe((event, payload) => {
      if (event === 'enrich:progress' && 'done' in payload) {
        progress.push(payload.done);
        if (payload.done >= 20 && progress.filter((d) => d >= 20).length === 1) void app.enrichment.cancel();
      }
    });
    const summary = await app.enrichment.enrichText(distinctNames(200).join('\n'));
    unsubscribe();
    expect(summary.enriched).toBeGreaterThanOrEqual(20);
    expect(summary.cancelled).toBeGreaterThan(100);
    expect(summary.enriched + summary.cancelled).toBe(200);
    expect((await (await app.store()).countLeads()).all).toBe(summary.enriched);
    const failures = await (await app.store()).listFailures({ runId: summary.runId, pageSize: 500 });
    expect(failures.total).toBe(summary.cancelled);
    expect(failures.items.filter((f) => f.code === 'cancelled')).toHaveLength(summary.cancelled);
    expect(progress[0]).toBe(0);

    // The cancelled names can be retried, and then nothing is left failed.
    const retry = await app.enrichment.retryFailures({ runId: summary.runId });
    expect(retry.enriched).toBe(summary.cancelled);
    expect((await (await app.store()).listFailures()).items).toEqual([]);
    expect((await (await app.store()).countLeads()).all).toBe(200);
  });

  it('retries failed names once the API recovers; a name that fails again keeps one record', async () => {
    fake.injectFailures({ status: 503 }, { status: 503 }); // both attempts of the one batch
    const first = await app.enrichment.enrichText(distinctNames(10).join('\n') + '\n12345');
    expect(first.enriched).toBe(0);
    expect(first.failed.map((f) => f.code)).toEqual(['invalid_name', ...Array(10).fill('api_error')]);
    expect(first.failed.find((f) => f.code === 'api_error')!.reason).toBe(
      'The API answered with an error (503: Injected failure) after 2 attempts',
    );

    const one = (await (await app.store()).listFailures()).items.find((f) => f.name === distinctNames(1)[0])!;
    const single = await app.enrichment.retryFailures({ ids: [one.id] });
    expect(single).toMatchObject({ enriched: 1, unique: 1 });
    expect((await (await app.store()).listFailures()).items).toHaveLength(10);

    // An entry refused for its text is not asked again: it stays on the list to be corrected.
    const all = await app.enrichment.retryFailures({});
    expect(all).toMatchObject({ enriched: 9, unique: 9 });
    const left = (await (await app.store()).listFailures()).items;
    expect(left.map((f) => [f.name, f.code])).toEqual([['12345', 'invalid_name']]);
  });

  it('refreshes chosen leads explicitly, with the API asked again', async () => {
    fake.configure({ predictions: { anna: [{ country_id: 'SE', probability: 0.5 }] } });
    await app.enrichment.enrichText('Anna\nPeter');
    const store = await app.store();
    const anna = (await store.listLeads({ search: 'anna' })).items[0]!;
    fake.configure({ predictions: { anna: [{ country_id: 'NO', probability: 0.7 }] } });
    fake.resetCounters();
    const summary = await app.enrichment.refreshLeads([anna.id]);
    expect(summary).toMatchObject({ enriched: 1, alreadyEnriched: 0 });
    expect(fake.log).toEqual([['Anna']]);
    const after = (await store.listLeads({ search: 'anna' })).items[0]!;
    expect(after).toMatchObject({ id: anna.id, countryCode: 'NO', country: 'Norway', status: 'Verified' });
    expect((await store.countLeads()).all).toBe(2);
  });

  it('lists leads by tab, search, sort and page', async () => {
    await app.enrichment.enrichText(distinctNames(120).join('\n'));
    const store = await app.store();
    const all = await store.listLeads({ pageSize: 50 });
    const counts = await store.countLeads();
    expect(counts.all).toBe(120);
    expect(all.items).toHaveLength(50);
    const page3 = await store.listLeads({ pageSize: 50, page: 3 });
    expect(page3.items).toHaveLength(20);
    const seen = new Set(
      [...all.items, ...(await store.listLeads({ pageSize: 50, page: 2 })).items, ...page3.items].map(
        (l) => l.id,
      ),
    );
    expect(seen.size).toBe(120);

    const verified = await store.listLeads({ status: 'Verified', pageSize: 500 });
    expect(verified.items.every((l) => l.status === 'Verified')).toBe(true);
    expect(verified.items).toHaveLength(counts.verified);
    expect(counts.verified + counts.toCheck).toBe(120);

    const byProbability = (await store.listLeads({ sortBy: 'probability', sortDir: 'asc', pageSize: 500 }))
      .items;
    const probabilities = byProbability.map((l) => l.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => a - b));

    const byName = (await store.listLeads({ sortBy: 'name', sortDir: 'asc', pageSize: 500 })).items.map(
      (l) => l.name,
    );
    // Case and accents folded (see table.test.ts): each name's sort key is at least the one before.
    const sortKeys = byName.map(nameSortKey);
    expect(sortKeys.every((k, i) => i === 0 || sortKeys[i - 1]! <= k)).toBe(true);
    expect(byName[0]).toBe('Aisha García');

    const search = await store.listLeads({ search: 'GARCÍA' });
    expect(search.items.length).toBeGreaterThan(0);
    expect(search.items.every((l) => l.name.includes('García'))).toBe(true);
    expect((await store.countLeads({ search: 'GARCÍA' })).all).toBe(search.items.length);
  });

  it('serves the contract: validated requests, typed errors, never a crash', async () => {
    const bad = await app.dispatch('leads:list', { page: 0, sortBy: 'password' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_request');
      expect(bad.error.message).toContain('page');
      expect(bad.error.message).toContain('sortBy');
    }
    expect(await app.dispatch('shell:exec', {})).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Unknown operation: shell:exec' },
    });
    const retry = await app.dispatch('failures:retry', { ids: ['not-an-id'] });
    expect(retry.ok).toBe(false);
    // Every request is strict: a field the contract does not know is refused, with its name.
    expect(await app.dispatch('leads:list', { pagesize: 5 })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Invalid request for leads:list: pagesize: unknown field' },
    });
    const ok = await app.dispatch('enrich:start', { text: 'Anna' });
    expect(ok).toMatchObject({ ok: true, data: { enriched: 1 } });
  });

  it('closing the app mid-run stores what was answered and leaves the run for the next start', async () => {
    fake.configure({ latencyMs: 80 });
    const names = distinctNames(150);
    const answering = new Promise<void>((resolve) =>
      app.subscribe((event, payload) => {
        if (event === 'enrich:progress' && 'done' in payload && payload.done >= 30) resolve();
      }),
    );
    const run = app.enrichment.enrichText(names.join('\n'));
    await answering;
    await app.close();
    const summary = await run;
    expect(summary.state).toBe('interrupted');
    expect(summary.enriched).toBeGreaterThan(0);
    expect(summary.enriched + summary.waiting).toBe(150);
    const askedBefore = new Set(fake.log.flat());

    // The next start finds the run and goes on with the names it had not settled.
    fake.resetCounters();
    app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    const [resumed] = await app.enrichment.resumeAll();
    expect(resumed).toMatchObject({ runId: summary.runId, state: 'done', enriched: 150, failed: [] });
    const store = await app.store();
    expect((await store.countLeads()).all).toBe(150);
    // Names answered before the close were stored and not asked again.
    const answeredBefore = (await store.listLeads({ pageSize: 500 })).items.filter(
      (l) => askedBefore.has(l.name) && !fake.log.flat().includes(l.name),
    );
    expect(answeredBefore.length).toBeGreaterThanOrEqual(summary.enriched);
    expect(new Set(fake.log.flat()).size).toBe(fake.log.flat().length);
    expect((await store.listRuns())[0]).toMatchObject({ id: summary.runId, state: 'done', enriched: 150 });
  });

  it('refuses a second run while one is in flight', async () => {
    fake.configure({ latencyMs: 100 });
    const first = app.dispatch('enrich:start', { text: 'Anna' });
    const second = await app.dispatch('enrich:start', { text: 'Peter' });
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await first).toMatchObject({ ok: true });
  });
});

describe('without a database', () => {
  it('says no database is configured', async () => {
    const bare = await testApp({
      MONGODB_URI: undefined,
      URI: undefined,
      NATIONALIZE_BASE_URL: 'http://127.0.0.1:9',
    });
    try {
      expect(bare.status().database.state).toBe('not_configured');
      const result = await bare.dispatch('enrich:start', { text: 'Anna' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_configured' } });
      if (!result.ok) expect(result.error.message).toContain('MONGODB_URI');
    } finally {
      await bare.close();
    }
  });

  it('says the database is unavailable, without the password, when it cannot be reached', async () => {
    const down = await testApp({
      MONGODB_URI: 'mongodb://lead:s3cret-pw@127.0.0.1:9/x',
      NATIONALIZE_BASE_URL: 'http://127.0.0.1:9',
    });
    try {
      const result = await down.dispatch('enrich:start', { text: 'Anna' });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'db_unavailable',
          message: 'Nothing answered at 127.0.0.1:9: is the database running, and is the port right?',
        },
      });
      expect(down.status().database).toMatchObject({ state: 'error', target: '127.0.0.1:9' });
      expect(JSON.stringify(result)).not.toContain('s3cret-pw');
      expect(JSON.stringify(down.status())).not.toContain('s3cret-pw');
    } finally {
      await down.close();
    }
  });
});
