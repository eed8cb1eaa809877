// The database goes away in the middle of a run: the person is told, the pasted names are not lost,
// and once the database is back every one of them ends as a lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EnrichSummary, Envelope } from '@shared/contract';
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

/** What the person can do to get these names enriched, as the screen offers it after the failed run. */
async function recoveryOffered(page: Page, pasted: string, names: readonly string[]) {
  const box = page.getByRole('textbox', { name: 'Names', exact: true });
  const textKept = (await box.inputValue()) === pasted;
  await page.getByRole('tab', { name: /^Failed names/ }).click();
  const table = page.getByRole('table', { name: 'Failed names' });
  const listed = (await table.count()) ? await table.locator('tbody th[scope="row"]').allInnerTexts() : [];
  const reasons = (await table.count()) ? await table.locator('tbody td.reason').allInnerTexts() : [];
  const allListed =
    listed.length === names.length &&
    [...listed].sort().join('\n') === [...names].sort().join('\n') &&
    reasons.every((reason) => /database stopped answering/i.test(reason));
  return { textKept, allListed };
}

describe.skipIf(unavailable)('the database goes away during a run', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('the person is told, nothing pasted is lost, and after the database is back every name is a lead', async ({
    skip,
  }) => {
    const { mongo } = world;
    if (!mongo.kill || !mongo.restart) return skip(`a ${mongo.kind} server cannot be stopped by the tests`);
    world.fake.configure({ latencyMs: 200 });
    // One request at a time: the run lasts long enough (6 × 200 ms) for the database to go away during it.
    const session = await openApp(world, 'database', {
      nationalize: { baseUrl: world.fake.url, concurrency: 1 },
    });
    const { page } = session;
    try {
      const names = distinctNames(60);
      const pasted = names.join('\n');
      // What the core answers the enrich call with, to say precisely what it knew when the screen is checked.
      const answer = page.waitForResponse(
        (r) => decodeURIComponent(new URL(r.url()).pathname) === '/rpc/enrich:start',
        { timeout: 90_000 },
      );
      answer.catch(() => undefined); // awaited only on one path below
      await pasteAndEnrich(page, pasted);
      const progress = page.getByRole('progressbar', { name: 'Enriching names' });
      await expect
        .poll(async () => Number((await progress.getAttribute('aria-valuenow')) ?? 0), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(10);
      expect(await progress.getAttribute('aria-valuenow')).not.toBe('60'); // still running

      await mongo.kill();

      // The status bar says the database is gone.
      await expect
        .poll(() => databaseStatus(page).innerText(), { timeout: 30_000 })
        .toMatch(/^(Disconnected|Error): /);
      expect(await databaseStatus(page).innerText()).toMatch(/database/i);

      // The run ends (it does not hang) and stored nothing: every name failed, or the run failed outright.
      const outcome = page.getByText(/^Enrich (finished|failed)/);
      await outcome.waitFor({ timeout: 60_000 });
      await expect.poll(() => progress.count()).toBe(0);
      if ((await outcome.innerText()).startsWith('Enrich finished')) {
        expect(await page.locator('.summary-line').innerText()).toMatch(
          new RegExp(
            `^0 enriched \\(0 Verified, 0 To Check\\) · 0 already enriched · ${names.length} failed`,
          ),
        );
        // The core knows each name and why: the database was unavailable.
        const envelope = (await (await answer).json()) as Envelope<EnrichSummary>;
        if (!envelope.ok) throw new Error(`Unexpected answer: ${envelope.error.message}`);
        expect(envelope.data.failed.map((f) => f.name).sort()).toEqual([...names].sort());
        for (const failure of envelope.data.failed) {
          expect(failure.code).toBe('db_unavailable');
          expect(failure.reason).toMatch(/^The database stopped answering/);
        }
      } else {
        expect(await page.getByRole('alert').filter({ hasText: 'Enrich failed.' }).innerText()).toMatch(
          /database/i,
        );
      }
      expect(await databaseStatus(page).innerText()).toMatch(/^(Disconnected|Error): /);
      await screenshot(page, '50-database-down.png');

      // The names are not lost: the pasted text is still in the box, or the Failed names view lists
      // every one with the database as the reason, ready to retry.
      const offered = await recoveryOffered(page, pasted, names);
      await screenshot(page, '51-database-down-failed-names.png');
      // The pasted text stays in the paste box, and the person is told why.
      expect(offered.textKept).toBe(true);
      if ((await outcome.innerText()).startsWith('Enrich finished')) {
        expect(
          await page.getByText(/^60 names could not be stored: The database stopped answering/).count(),
        ).toBe(1);
      }

      // The database comes back: the status bar follows.
      await mongo.restart();
      await expect.poll(() => databaseStatus(page).innerText(), { timeout: 30_000 }).toMatch(/^Connected/);
      await screenshot(page, '52-database-recovered.png');

      // Enrich again the way the screen offers it. (jongodb keeps data in memory: failure records kept
      // while it was down are gone after its restart, so the kept text is the way back then.)
      const box = page.getByRole('textbox', { name: 'Names', exact: true });
      const again = await recoveryOffered(page, pasted, names);
      if (again.textKept) {
        await box.press('Control+Enter');
      } else if (again.allListed) {
        await page.getByRole('button', { name: 'Retry all' }).click();
      } else {
        // Nothing was kept: the person has to find the names and paste them again (the failure above).
        await pasteAndEnrich(page, pasted);
      }
      await expect
        .poll(() => page.locator('.summary-line').innerText(), { timeout: 60_000 })
        .toMatch(new RegExp(`^${names.length} enriched \\(`));
      expect(await page.locator('.summary-line').innerText()).toMatch(/· 0 failed · 0 cancelled/);

      // Every pasted name is a lead: on screen and in the database.
      await page.getByRole('tab', { name: 'Leads' }).click();
      await expect
        .poll(() => page.getByRole('tab', { name: `All (${names.length})`, exact: true }).count())
        .toBe(1);
      const stored = await (await session.app.store()).listLeads({ pageSize: 500 });
      expect(stored.items.map((lead) => lead.name).sort()).toEqual([...names].sort());
      expect((await (await session.app.store()).listFailures()).items).toEqual([]);
      await screenshot(page, '53-database-all-leads.png');

      expect(session.pageErrors).toEqual([]);
    } finally {
      world.fake.configure({ latencyMs: 60 });
      await session.close();
    }
  });
});
