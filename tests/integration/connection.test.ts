// The connection as a person lives it: the server goes away and comes back, the app follows; a new
// database chosen in Settings is used at once, without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusView } from '@shared/contract';
import type { CoreApp } from '../../src/core/app';
import { loadConfig } from '../../src/core/config';
import { SettingsService } from '../../src/core/settings/service';
import { MemorySettingsStorage } from '../../src/bridge/memorySettings';
import { createCoreApp } from '../../src/core/app';
import { probeDatabase } from '../../src/core/store/database';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { fakeSafeStorage } from '../support/secretBox';

let first: TestMongo;
let second: TestMongo;
let fake: FakeNationalize;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestMongo(), startTestMongo()]);
  fake = new FakeNationalize();
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  await Promise.all([first.stop(), second.stop()]);
});

async function appOn(uri: string, schedule = '5'): Promise<{ app: CoreApp; lines: string[] }> {
  const lines: string[] = [];
  const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage(), {
    database: { mode: 'uri', uri },
    nationalize: { baseUrl: fake.url },
    sync: { schedule },
    firstRunDone: true,
  });
  const app = await createCoreApp(loadConfig({}), {
    settings,
    backgroundSync: true,
    dbTimeoutMs: 1500,
    log: (line) => lines.push(line),
  });
  return { app, lines };
}

describe('database connection', () => {
  it('follows the server going away and coming back; the sync job waits, then resumes', async () => {
    const { app, lines } = await appOn(first.uri('conn'), '*/1 * * * * *');
    try {
      await expect.poll(() => app.status().database.state).toBe('connected');
      expect(app.status().database).toMatchObject({
        mode: 'uri',
        target: new URL(first.uri()).host,
        message: null,
      });
      expect((await app.enrichment.enrichText('Ada Lovelace')).enriched).toBe(1);

      await first.kill!();
      await expect.poll(() => app.status().database.state, { timeout: 15_000 }).toBe('disconnected');
      expect(app.status().database.message).toBe('The connection to the database was lost: reconnecting…');
      await expect
        .poll(() => lines.filter((l) => l.includes('Waiting: the database is unavailable')).length, {
          timeout: 5000,
        })
        .toBeGreaterThan(0);
      const whileDown = await app.dispatch('enrich:start', { text: 'Grace Hopper' });
      expect(whileDown).toMatchObject({ ok: false, error: { code: 'db_unavailable' } });

      await first.restart!();
      await expect.poll(() => app.status().database.state, { timeout: 20_000 }).toBe('connected');
      // Work resumes: enrichment stores again, and the job runs again.
      const runsBefore = lines.filter((l) => l.startsWith('[CRM Sync] Run finished')).length;
      expect((await app.enrichment.enrichText('Grace Hopper')).enriched).toBe(1);
      await expect
        .poll(() => lines.filter((l) => l.startsWith('[CRM Sync] Run finished')).length, { timeout: 5000 })
        .toBeGreaterThan(runsBefore);
    } finally {
      await app.close();
      await first.restart!(); // whatever happened, the next test has its server
    }
  }, 60_000);

  it('a database that stops answering (paused) is said in words, with what happens to the work', async ({
    skip,
  }) => {
    const paused = await startTestMongo();
    if (!paused.pause || !paused.resume) {
      await paused.stop();
      return skip(`a ${paused.kind} server cannot be paused by the tests`);
    }
    const { app } = await appOn(paused.uri('paused'));
    try {
      await expect.poll(() => app.status().database.state).toBe('connected');
      const store = await app.store();
      paused.pause();
      // The driver says "Connection to 127.0.0.1:… interrupted due to server monitor timeout", or that
      // server selection timed out; the person reads neither.
      // (A query already on its way when the signal lands may still be answered: ask until one is not.)
      let error: unknown = null;
      await expect
        .poll(
          async () =>
            (error = await store.listLeads().then(
              () => null,
              (err: unknown) => err,
            )),
          { timeout: 30_000, interval: 0 },
        )
        .not.toBeNull();
      expect(error).toMatchObject({
        code: 'db_unavailable',
        message: 'The database stopped answering; runs under way wait and continue when it is back',
      });
      const answered = await app.dispatch('leads:list', {});
      expect(answered).toMatchObject({ ok: false, error: { code: 'db_unavailable' } });
      expect(JSON.stringify(answered)).not.toMatch(/monitor timeout|Server selection|Mongo\w*Error/i);

      paused.resume();
      await expect
        .poll(
          () =>
            store.countLeads().then(
              (counts) => counts.all,
              () => -1,
            ),
          { timeout: 20_000 },
        )
        .toBe(0);
    } finally {
      paused.resume();
      await app.close();
      await paused.stop();
    }
  }, 60_000);

  it('switches to another database chosen in Settings without a restart', async () => {
    const { app } = await appOn(first.uri('switch_a'));
    try {
      await expect.poll(() => app.status().database.state).toBe('connected');
      await app.enrichment.enrichText('Ada Lovelace\nAlan Turing');
      expect((await (await app.store()).countLeads()).all).toBe(2);

      const target = second.uri('switch_b');
      const states: string[] = [];
      const unsubscribe = app.subscribe((event, payload) => {
        if (event === 'status:changed') states.push((payload as StatusView).database.state);
      });
      const result = await app.dispatch('settings:update', { database: { mode: 'uri', uri: target } });
      expect(result.ok).toBe(true);
      await expect.poll(() => app.status().database.target).toBe(new URL(target).host);
      await expect.poll(() => app.status().database.state).toBe('connected');
      unsubscribe();
      expect(states).toContain('connecting');
      expect((await (await app.store()).countLeads()).all).toBe(0);
      expect((await app.enrichment.enrichText('Grace Hopper')).enriched).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('tests a connection string before it is saved, saying what is wrong', async () => {
    expect(await probeDatabase(first.uri('probe'))).toMatchObject({ ok: true });
    expect(await probeDatabase('mongodb://127.0.0.1:9/x', { timeoutMs: 1000 })).toEqual({
      ok: false,
      message: 'Nothing answered at 127.0.0.1:9: is the database running, and is the port right?',
    });
    expect(await probeDatabase('mongodb+srv://u:p@no-such-cluster.invalid/x', { timeoutMs: 1000 })).toEqual({
      ok: false,
      message:
        "The cluster host no-such-cluster.invalid could not be resolved (DNS/SRV lookup failed): check the host name and this computer's network",
    });
    const badOption = await probeDatabase('mongodb://127.0.0.1:9/x?notAnOption=1', { timeoutMs: 1000 });
    expect(badOption.message).toMatch(/^The connection string is not valid: /);
  });
});
