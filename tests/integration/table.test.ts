// The leads table's queries against the test database: keyset pages (next, previous, a jump) that stay
// put while leads are added, counts apart from pages, search that ignores case and accents, name order
// that folds accents, Status sortable, and older leads given their search words by the upgrade step.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { CoreApp } from '../../src/core/app';
import type { LeadStore } from '../../src/core/store/leadStore';
import { LEADS_MAX_JUMP_ROWS, type LeadsPage } from '@shared/contract';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { FakeNationalize } from '../support/fakeNationalize';
import { numberedNames, storeLeads } from '../support/tableLeads';

let mongo: TestMongo;
let fake: FakeNationalize;
let app: CoreApp;
let store: LeadStore;
let uri: string;

async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  const envelope = await app.dispatch(channel, payload);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data as T;
}

beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo.stop());
beforeEach(async () => {
  fake = new FakeNationalize();
  await fake.start();
  uri = mongo.uri('table');
  app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
  store = await app.store();
});
afterEach(async () => {
  await app.close();
  await fake.stop();
});

const names = (page: LeadsPage) => page.items.map((l) => l.name);

describe('leads:list paging', () => {
  it('pages forward, back and by jump, and the pages stay put while leads are added', async () => {
    const all = numberedNames(45);
    await storeLeads(store, all);
    const byName = { sortBy: 'name', sortDir: 'asc', pageSize: 10 } as const;
    const first = await call<LeadsPage>('leads:list', byName);
    expect(first).toMatchObject({ page: 1, prev: null, pageSize: 10 });
    expect(names(first)).toEqual(all.slice(0, 10));

    const second = await call<LeadsPage>('leads:list', { ...byName, after: first.next });
    expect(names(second)).toEqual(all.slice(10, 20));
    expect(second.page).toBeNull();

    // New leads on both sides of the page: the next and previous pages are still where they were.
    await storeLeads(store, [{ name: 'Aaron Aalto' }, { name: 'Lead bbbca' }, { name: 'Zoe Zimmer' }]);
    const back = await call<LeadsPage>('leads:list', { ...byName, before: second.prev });
    expect(names(back)).toEqual([all[1], 'Lead bbbca', ...all.slice(2, 10)]);
    const third = await call<LeadsPage>('leads:list', { ...byName, after: second.next });
    expect(names(third)).toEqual(all.slice(20, 30));

    // A jump to the last page, and its end.
    const sorted = ['Aaron Aalto', all[0], all[1], 'Lead bbbca', ...all.slice(2), 'Zoe Zimmer'];
    const last = await call<LeadsPage>('leads:list', { ...byName, page: 5 });
    expect(last.page).toBe(5);
    expect(last.next).toBeNull();
    expect(names(last)).toEqual(sorted.slice(40));
    const beforeLast = await call<LeadsPage>('leads:list', { ...byName, before: last.prev });
    expect(beforeLast.items).toHaveLength(10);
    expect(beforeLast.next).not.toBeNull();
  });

  it('pages newest first by default, and by probability and Status, without repeating a lead', async () => {
    await storeLeads(
      store,
      numberedNames(30).map((name, i) => ({ name, probability: [0.3, 0.9, 0.6][i % 3] })),
    );
    for (const sortBy of ['createdAt', 'probability', 'status', 'country'] as const) {
      for (const sortDir of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let page = await call<LeadsPage>('leads:list', { sortBy, sortDir, pageSize: 7 });
        for (;;) {
          seen.push(...page.items.map((l) => l.id));
          if (!page.next) break;
          page = await call<LeadsPage>('leads:list', { sortBy, sortDir, pageSize: 7, after: page.next });
        }
        expect(new Set(seen).size, `${sortBy} ${sortDir}`).toBe(30);
      }
    }
    const byStatus = await call<LeadsPage>('leads:list', { sortBy: 'status', sortDir: 'asc', pageSize: 30 });
    const statuses = byStatus.items.map((l) => l.status);
    expect(statuses).toEqual([...statuses].sort());
    expect(statuses[0]).toBe('To Check');
  });

  it('refuses a jump too far, a cursor of another sort, and two positions at once, in words', async () => {
    const far = await app.dispatch('leads:list', { page: LEADS_MAX_JUMP_ROWS / 10 + 2, pageSize: 10 });
    expect(far.ok ? '' : far.error.message).toMatch(/too far to jump/);
    await storeLeads(store, numberedNames(3));
    const page = await call<LeadsPage>('leads:list', { pageSize: 1 });
    const other = await app.dispatch('leads:list', { sortBy: 'name', after: page.next });
    expect(other.ok ? '' : other.error.message).toMatch(/not valid any more/);
    const junk = await app.dispatch('leads:list', { after: 'not-a-cursor' });
    expect(junk.ok ? '' : junk.error.message).toMatch(/not valid any more/);
    const both = await app.dispatch('leads:list', { page: 2, after: page.next });
    expect(both.ok ? '' : both.error.message).toMatch(/at most one of page, after and before/);
  });
});

describe('search, sort and counts', () => {
  beforeEach(async () => {
    await storeLeads(store, [
      { name: 'Zoë Zimmermann', country: 'DE' },
      { name: 'Ólafur Arnalds', country: 'IS' },
      { name: 'Thomas Müller', country: 'DE', probability: 0.4 },
      { name: 'Nguyễn Thị Minh', country: 'VN' },
      { name: "Seán O'Brien", country: 'IE' },
      { name: 'Émile Zola', country: 'FR' },
      { name: 'emma Stone', country: 'US', probability: 0.3 },
    ]);
  });

  const search = async (text: string) =>
    names(await call<LeadsPage>('leads:list', { search: text, sortBy: 'name', sortDir: 'asc' }));

  it('finds names and countries whatever the case and accents, by the start of their words', async () => {
    expect(await search('muller')).toEqual(['Thomas Müller']);
    expect(await search('MÜLL')).toEqual(['Thomas Müller']);
    expect(await search('nguyen')).toEqual(['Nguyễn Thị Minh']);
    expect(await search('thi min')).toEqual(['Nguyễn Thị Minh']);
    expect(await search('olafur')).toEqual(['Ólafur Arnalds']);
    expect(await search('obrien')).toEqual(["Seán O'Brien"]);
    expect(await search('germany')).toEqual(['Thomas Müller', 'Zoë Zimmermann']);
    expect(await search('viet')).toEqual(['Nguyễn Thị Minh']);
    expect(await search('uller')).toEqual([]); // the start of a word, not any part of it
    expect(await search('.*')).toEqual([]); // typed text, never a pattern
  });

  it('sorts names with accents folded: Ólafur before Zoë, Émile beside emma', async () => {
    expect(await search('')).toEqual([
      'Émile Zola',
      'emma Stone',
      'Nguyễn Thị Minh',
      'Ólafur Arnalds',
      "Seán O'Brien",
      'Thomas Müller',
      'Zoë Zimmermann',
    ]);
  });

  it('counts per status for the filter, in one query apart from the pages', async () => {
    expect(await call('leads:counts', {})).toEqual({ all: 7, verified: 5, toCheck: 2, rejected: 0 });
    expect(await call('leads:counts', { search: 'germany' })).toEqual({
      all: 2,
      verified: 1,
      toCheck: 1,
      rejected: 0,
    });
    // The tab is not a filter of the counts: each tab shows its own number.
    expect(await call('leads:counts', { status: 'Verified', countryCode: 'DE' })).toMatchObject({ all: 2 });
  });

  it('follows a country a person chose, in the search words', async () => {
    const [lead] = (await call<LeadsPage>('leads:list', { search: 'zola' })).items;
    await call('leads:decide', { ids: [lead!.id], decision: 'verified', countryCode: 'BE' });
    expect(await search('belgium')).toEqual(['Émile Zola']);
    expect(await search('france')).toEqual([]);
    await call('leads:decide', { ids: [lead!.id], decision: 'undo' });
    expect(await search('france')).toEqual(['Émile Zola']);
  });
});

describe('upgrade', () => {
  it('gives older leads their search words and sort key once, when the new version opens the database', async () => {
    await app.close();
    const connection = mongoose.createConnection(uri, { autoCreate: false, autoIndex: false });
    await connection.asPromise();
    const now = new Date();
    await connection.db!.collection('leads').insertOne({
      name: 'Jürgen Klöpp',
      key: 'jürgen klöpp',
      countryCode: 'DE',
      country: 'Germany',
      probability: 0.8,
      probabilityPct: 80,
      status: 'Verified',
      verdict: null,
      createdAt: now,
      updatedAt: now,
    });
    await connection.db!.collection('meta').updateOne({ _id: 'indexes' as never }, { $set: { version: 3 } });
    await connection.close();
    app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    const found = await call<LeadsPage>('leads:list', { search: 'klopp', sortBy: 'name' });
    expect(names(found)).toEqual(['Jürgen Klöpp']);
  });
});

describe('leads an older app writes without their search fields', () => {
  /** Leads as an app before index version 4 writes them: no words, nameSort nor countrySort. */
  async function insertAsOldApp(leadNames: readonly string[]): Promise<void> {
    const connection = mongoose.createConnection(uri, { autoCreate: false, autoIndex: false });
    await connection.asPromise();
    const now = new Date();
    await connection.db!.collection('leads').insertMany(
      leadNames.map((name, i) => ({
        name,
        key: name.toLowerCase(),
        countryCode: 'DE',
        country: 'Germany',
        probability: 0.8,
        probabilityPct: 80,
        status: 'Verified',
        verdict: null,
        createdAt: new Date(now.getTime() + i),
        updatedAt: now,
      })),
    );
    await connection.close();
  }

  /** Every page by name, forward from the first then back from the last: the ids of each walk. */
  async function walkByName(pageSize: number): Promise<{ forward: string[]; back: string[] }> {
    const byName = { sortBy: 'name', sortDir: 'asc', pageSize } as const;
    const forward: string[] = [];
    let page = await call<LeadsPage>('leads:list', byName);
    let last = page;
    for (let i = 0; i < 20; i++) {
      forward.push(...page.items.map((l) => l.name));
      last = page;
      if (!page.next) break;
      page = await call<LeadsPage>('leads:list', { ...byName, after: page.next });
    }
    const back: string[] = [...last.items.map((l) => l.name)];
    page = last;
    for (let i = 0; i < 20 && page.prev; i++) {
      page = await call<LeadsPage>('leads:list', { ...byName, before: page.prev });
      back.unshift(...page.items.map((l) => l.name));
    }
    return { forward, back };
  }

  it('pages by name through them while they lack a sort key, and search finds them once the app reopens', async () => {
    await storeLeads(store, ['Anna Berg', 'Ola Nordmann', 'Zoë Zimmermann']);
    const old = ['Jürgen Klöpp', 'Ärne Öst', 'Bernd Brot', 'Marta Maß'];
    await insertAsOldApp(old);
    const everyone = [...old, 'Anna Berg', 'Ola Nordmann', 'Zoë Zimmermann'];

    // While open: the old leads sort first (no key) and every page after them is still there.
    const before = await walkByName(2);
    expect(before.forward.slice().sort()).toEqual(everyone.slice().sort());
    expect(before.forward.slice(4)).toEqual(['Anna Berg', 'Ola Nordmann', 'Zoë Zimmermann']);
    expect(before.back).toEqual(before.forward);

    // Reopened at the same index version: the old leads gain their words and keys.
    await app.close();
    app = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    expect(names(await call<LeadsPage>('leads:list', { search: 'klopp' }))).toEqual(['Jürgen Klöpp']);
    expect(names(await call<LeadsPage>('leads:list', { search: 'mass' }))).toEqual(['Marta Maß']);
    const after = await walkByName(2);
    const sorted = ['Anna Berg', 'Ärne Öst', 'Bernd Brot', 'Jürgen Klöpp', 'Marta Maß', 'Ola Nordmann'];
    expect(after.forward).toEqual([...sorted, 'Zoë Zimmermann']);
    expect(after.back).toEqual(after.forward);
  });
});

describe('country order', () => {
  it('sorts countries with accents folded, Åland Islands before Zimbabwe, and pages stay stable', async () => {
    await storeLeads(store, [
      { name: 'Anna Zw', country: 'ZW' },
      { name: 'Bo Ax', country: 'AX' },
      { name: 'Cleo Al', country: 'AL' },
      { name: 'Dan Ax', country: 'AX' },
      { name: 'Eve Be', country: 'BE' },
    ]);
    const countries = async (sortDir: 'asc' | 'desc') => {
      const seen: string[] = [];
      let page = await call<LeadsPage>('leads:list', { sortBy: 'country', sortDir, pageSize: 2 });
      for (;;) {
        seen.push(...page.items.map((l) => `${l.country}/${l.name}`));
        if (!page.next) break;
        page = await call<LeadsPage>('leads:list', {
          sortBy: 'country',
          sortDir,
          pageSize: 2,
          after: page.next,
        });
      }
      return seen;
    };
    const asc = await countries('asc');
    expect(asc.map((c) => c.split('/')[0])).toEqual([
      'Åland Islands',
      'Åland Islands',
      'Albania',
      'Belgium',
      'Zimbabwe',
    ]);
    expect(new Set(asc).size).toBe(5);
    expect(await countries('desc')).toEqual([...asc].reverse());

    // A person's verdict moves a lead to the country it chose, in the country order too.
    const [eve] = (await call<LeadsPage>('leads:list', { search: 'eve' })).items;
    await call('leads:decide', { ids: [eve!.id], decision: 'verified', countryCode: 'AT' });
    expect((await countries('asc')).map((c) => c.split('/')[1])).toEqual([
      'Bo Ax',
      'Dan Ax',
      'Cleo Al',
      'Eve Be',
      'Anna Zw',
    ]);
    // A refresh that finds another country moves the lead too.
    fake.configure({ predictions: { 'bo ax': [{ country_id: 'ZW', probability: 0.95 }] } });
    await call('leads:refresh', { filter: { search: 'bo ax' } });
    expect((await countries('asc')).map((c) => c.split('/')[1])).toEqual([
      'Dan Ax',
      'Cleo Al',
      'Eve Be',
      'Anna Zw',
      'Bo Ax',
    ]);
  });
});

describe('bulk actions', () => {
  it('deletes a selection, or every lead of the current filter', async () => {
    await storeLeads(store, [
      { name: 'Anna Berg', country: 'NO' },
      { name: 'Ola Nordmann', country: 'NO' },
      { name: 'Kari Nordmann', country: 'NO', probability: 0.3 },
      { name: 'Jean Dupont', country: 'FR' },
    ]);
    const [anna] = (await call<LeadsPage>('leads:list', { search: 'anna' })).items;
    expect(await call('leads:delete', { ids: [anna!.id] })).toEqual({ deleted: 1 });
    // The current view: the Verified tab, searching "nordmann".
    expect(await call('leads:delete', { filter: { status: 'Verified', search: 'nordmann' } })).toEqual({
      deleted: 1,
    });
    const left = await call<LeadsPage>('leads:list', { sortBy: 'name', sortDir: 'asc' });
    expect(names(left)).toEqual(['Jean Dupont', 'Kari Nordmann']);
    const refused = await app.dispatch('leads:delete', { ids: [anna!.id], filter: {} });
    expect(refused.ok ? '' : refused.error.message).toMatch(/either ids or a filter/);
  });

  it('refreshes a filter by asking the API again for each of its leads', async () => {
    await app.enrichment.enrichText('Anna Berg\nOla Nordmann\nJean Dupont');
    fake.resetCounters();
    fake.configure({ predictions: { 'ola nordmann': [{ country_id: 'SE', probability: 0.95 }] } });
    const summary = await call<{ enriched: number; alreadyEnriched: number }>('leads:refresh', {
      filter: { search: 'nordmann' },
    });
    expect(fake.namesRequested).toBe(1);
    expect(summary).toBeDefined();
    const [ola] = (await call<LeadsPage>('leads:list', { search: 'ola' })).items;
    expect(ola).toMatchObject({ countryCode: 'SE', probability: 0.95 });
    expect(await search2('sweden')).toEqual(['Ola Nordmann']);
  });

  it('dismisses failures, tells which can be retried, and refuses to retry with no quota left', async () => {
    fake.configure({ unknownNames: ['Xavier Unknown'], quota: { limit: 2, resetSeconds: 3600 } });
    await app.enrichment.enrichText('Xavier Unknown\nN/A\njane.doe@acme.com\nAnna Berg');
    const failures = await call<{
      items: Array<{ id: string; name: string; retryable: boolean; runId: string }>;
    }>('failures:list');
    expect(Object.fromEntries(failures.items.map((f) => [f.name, f.retryable]))).toEqual({
      'Xavier Unknown': true,
      'N/A': false,
      'jane.doe@acme.com': false,
    });
    // The quota is spent: a retry says so, and when it comes back.
    const refused = await app.dispatch('failures:retry', {});
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'quota_exhausted' });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /resets in 1 h \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
    );

    const na = failures.items.find((f) => f.name === 'N/A')!;
    expect(await call('failures:dismiss', { ids: [na.id] })).toEqual({ dismissed: 1 });
    expect((await call<{ items: unknown[] }>('failures:list')).items).toHaveLength(2);
    expect(await call('failures:dismiss', { runId: na.runId })).toEqual({ dismissed: 2 });
    expect((await call<{ items: unknown[] }>('failures:list')).items).toHaveLength(0);
  });

  it('does not retry an entry that cannot succeed, and says why', async () => {
    await app.enrichment.enrichText('N/A\nAnna Berg');
    const [na] = (await call<{ items: Array<{ id: string }> }>('failures:list')).items;
    const refused = await app.dispatch('failures:retry', { ids: [na!.id] });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /^None of these entries can be retried: they are not names/,
    );
    // Dismissed, the entry is not offered again either, and the reason says that may be why.
    await call('failures:dismiss', { ids: [na!.id] });
    const again = await app.dispatch('failures:retry', { ids: [na!.id] });
    expect(again.ok ? '' : again.error.message).toMatch(/or they were dismissed or retried already$/);
  });
});

async function search2(text: string): Promise<string[]> {
  return names(await call<LeadsPage>('leads:list', { search: text }));
}

describe('reclassification', () => {
  it('previews and applies a new threshold and minimum sample count, never touching a verdict', async () => {
    await storeLeads(store, [
      { name: 'Anna Berg', probability: 0.65 }, // Verified at 0.6, To Check at 0.7
      { name: 'Ola Nordmann', probability: 0.75 },
      { name: 'Kari Nordmann', probability: 0.62, sampleCount: 3 }, // Verified (no minimum when stored)
      { name: 'Jean Dupont', probability: 0.5 },
      { name: 'Per Hansen', probability: 0.66 },
    ]);
    const [per] = (await call<LeadsPage>('leads:list', { search: 'hansen' })).items;
    await call('leads:decide', { ids: [per!.id], decision: 'verified' });

    // This app's rule is 0.6 with a minimum of 10 people: Kari is short of the minimum.
    expect(await call('leads:reclassify-preview', {})).toMatchObject({
      toVerified: 0,
      toToCheck: 1,
      changes: 1,
      decided: 1,
    });
    // A rule being considered, before it is saved.
    expect(await call('leads:reclassify-preview', { threshold: 0.7, minSampleCount: 0 })).toMatchObject({
      threshold: 0.7,
      toVerified: 0,
      toToCheck: 2,
      changes: 2,
    });
    expect(await call('leads:reclassify-preview', { threshold: 0.45, minSampleCount: 0 })).toMatchObject({
      toVerified: 1,
      toToCheck: 0,
    });

    expect(await call('leads:reclassify', {})).toMatchObject({ toVerified: 0, toToCheck: 1, changed: 1 });
    const statuses = Object.fromEntries(
      (await call<LeadsPage>('leads:list', { pageSize: 10 })).items.map((l) => [l.name, l.status]),
    );
    expect(statuses).toEqual({
      'Anna Berg': 'Verified',
      'Ola Nordmann': 'Verified',
      'Kari Nordmann': 'To Check',
      'Jean Dupont': 'To Check',
      'Per Hansen': 'Verified',
    });
    expect(await call('leads:reclassify-preview', {})).toMatchObject({ changes: 0 });
  });
});
