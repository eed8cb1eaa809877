// The database stops answering in the middle of a run: the person is told, the run waits for it (nothing
// pasted is lost, nothing is given two outcomes), and once it answers again the run goes on by itself
// until every name is a lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distinctNames } from '../support/names';
import {
  openApp,
  pasteAndEnrich,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
  type World,
} from './fixtures';

/** The database part of the status bar ("Connected to …", "Disconnected: …", "Error: …"). */
function databaseStatus(page: Page) {
  return page.getByRole('contentinfo').getByRole('status');
}

describe.skipIf(unavailable)('the database stops answering during a run', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('the person is told, the run waits for it and then finishes by itself: every name a lead, once', async ({
    skip,
  }) => {
    const { mongo } = world;
    if (!mongo.pause || !mongo.resume) return skip(`a ${mongo.kind} server cannot be paused by the tests`);
    world.fake.configure({ latencyMs: 200 });
    // One request at a time: the run lasts long enough (6 × 200 ms) for the database to stop during it.
    const session = await openApp(world, 'database', {
      seed: { nationalize: { baseUrl: world.fake.url, concurrency: 1 } },
    });
    const { page } = session;
    let paused = false;
    try {
      const names = distinctNames(60);
      await pasteAndEnrich(page, names);
      const progress = page.getByRole('progressbar', { name: 'Enriching names' });
      await expect
        .poll(async () => Number((await progress.getAttribute('aria-valuenow')) ?? 0), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(10);

      mongo.pause();
      paused = true;

      // The status bar says the database is not answering; the run says it waits for it.
      await expect
        .poll(() => databaseStatus(page).innerText(), { timeout: 60_000 })
        .toMatch(/^(Disconnected|Error): /);
      const waiting = page.getByText(
        'The database stopped answering: this run waits for it and goes on when it answers again. Nothing pasted is lost.',
        { exact: true },
      );
      await waiting.waitFor();
      // The run has not ended: what the API answered waits to be stored.
      expect(await progress.count()).toBe(1);
      expect(await page.getByText(/^Enrich (finished|failed)/).count()).toBe(0);
      // No red error over the tables: the status bar says it.
      expect(await page.getByText(/^Could not (load|refresh)/).count()).toBe(0);
      await screenshot(page, '50-database-paused.png');

      mongo.resume();
      paused = false;
      await expect.poll(() => databaseStatus(page).innerText(), { timeout: 60_000 }).toMatch(/^Connected/);
      await screenshot(page, '51-database-back.png');

      // The run goes on by itself and ends with every name enriched, none failed.
      await page.getByText(/^Enrich finished in /).waitFor({ timeout: 60_000 });
      expect(await page.locator('.summary-line').innerText()).toMatch(
        new RegExp(
          `^${names.length} enriched \\(\\d+ Verified, \\d+ To Check\\) · 0 already enriched · 0 failed · 0 cancelled`,
        ),
      );
      expect(await waiting.count()).toBe(0);
      await page.getByRole('tab', { name: `All (${names.length})`, exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Failed names (0)' }).waitFor();
      await screenshot(page, '52-database-all-leads.png');

      // In the database: each name one lead, no failure, and the API asked once per name.
      const store = await session.app.store();
      const stored = await store.listLeads({ pageSize: 500 });
      expect(stored.items.map((lead) => lead.name).sort()).toEqual([...names].sort());
      expect((await store.listFailures()).total).toBe(0);
      expect(world.fake.answered.length).toBe(names.length);
      expect(session.pageErrors).toEqual([]);
    } finally {
      if (paused) mongo.resume?.();
      world.fake.configure({ latencyMs: 60 });
      await session.close();
    }
  });
});
