// Cancelling a long run half way: what the API already answered is kept, the rest is listed as cancelled.
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

const CANCELLED_REASON = 'Cancelled before the API answered';

interface SummaryCounts {
  enriched: number;
  verified: number;
  toCheck: number;
  alreadyEnriched: number;
  failed: number;
  cancelled: number;
}

/** The run's summary as the person reads it ("40 enriched (25 Verified, 15 To Check) · …"), in numbers. */
async function readSummary(page: Page): Promise<SummaryCounts> {
  const line = await page.locator('.summary-line').innerText();
  const match =
    /([\d,]+) enriched \(([\d,]+) Verified, ([\d,]+) To Check\) · ([\d,]+) already enriched · ([\d,]+) failed · ([\d,]+) cancelled/.exec(
      line,
    );
  if (!match) throw new Error(`Unexpected summary line: ${line}`);
  const [enriched, verified, toCheck, alreadyEnriched, failed, cancelled] = match
    .slice(1)
    .map((n) => Number(n.replace(/,/g, '')));
  return {
    enriched: enriched!,
    verified: verified!,
    toCheck: toCheck!,
    alreadyEnriched: alreadyEnriched!,
    failed: failed!,
    cancelled: cancelled!,
  };
}

describe.skipIf(unavailable)('cancelling a run', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('cancel half way: the summary counts what was enriched and cancelled, the rest can be retried', async () => {
    world.fake.configure({ latencyMs: 250 });
    const session = await openApp(world, 'cancel');
    const { page } = session;
    try {
      const names = distinctNames(120);
      await pasteAndEnrich(page, names);

      // The run is under way: progress moves and Cancel is offered.
      const progress = page.getByRole('progressbar', { name: 'Enriching names' });
      await expect
        .poll(async () => Number((await progress.getAttribute('aria-valuenow')) ?? 0), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(20);
      expect(await progress.getAttribute('aria-valuemax')).toBe('120');
      const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
      await screenshot(page, '20-cancel-progress.png');
      await cancel.click();
      // While it stops, the bar shows what was done, never a full bar.
      const seen: number[] = [];
      while ((await progress.count()) > 0) {
        const now = await progress.getAttribute('aria-valuenow', { timeout: 100 }).catch(() => null);
        if (now !== null) seen.push(Number(now));
        await page.waitForTimeout(25);
      }
      expect(Math.max(...seen, 0)).toBeLessThan(names.length);

      // The run stops: no progress bar, no Cancel, a summary with both counts.
      await page.getByText(/^Enrich cancelled in /).waitFor({ timeout: 30_000 });
      await expect.poll(() => progress.count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
      const summary = await readSummary(page);
      expect(summary.enriched).toBeGreaterThanOrEqual(20);
      expect(summary.cancelled).toBeGreaterThan(0);
      expect(summary.enriched + summary.cancelled).toBe(names.length);
      expect(summary.verified + summary.toCheck).toBe(summary.enriched);
      expect(summary.failed).toBe(0);
      expect(summary.alreadyEnriched).toBe(0);
      // The cancelled names were never sent, or were in the batches in flight, which Cancel aborted
      // (two at a time, of 10 names): their answers were not waited for.
      expect(world.fake.namesRequested).toBeGreaterThanOrEqual(summary.enriched);
      expect(world.fake.namesRequested).toBeLessThanOrEqual(summary.enriched + 2 * 10);
      expect(world.fake.namesRequested).toBeLessThan(names.length);
      await screenshot(page, '21-cancel-summary.png');

      // The leads table holds exactly the enriched names.
      const N = summary.enriched;
      const C = summary.cancelled;
      await expect.poll(() => page.getByRole('tab', { name: `All (${N})`, exact: true }).count()).toBe(1);
      await expect
        .poll(() => page.getByRole('navigation', { name: 'Leads pages' }).innerText())
        .toMatch(new RegExp(`of ${N}\\b`));
      const store = await session.app.store();
      const stored = await store.listLeads({ pageSize: 500 });
      expect((await store.countLeads()).all).toBe(N);
      const leadNames = stored.items.map((lead) => lead.name);

      // "Show failed names" lists exactly the cancelled ones, with the reason, ready to retry.
      await page.getByRole('button', { name: 'Show failed names' }).click();
      await expect.poll(() => page.getByRole('tab', { name: `Failed names (${C})` }).count()).toBe(1);
      const failuresTable = page.getByRole('table', { name: 'Failed names' });
      const rows = failuresTable.locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(C);
      const reasons = await failuresTable.locator('tbody td.reason').allInnerTexts();
      expect(new Set(reasons)).toEqual(new Set([CANCELLED_REASON]));
      const failedNames = await failuresTable.locator('tbody th[scope="row"]').allInnerTexts();
      expect(failedNames).toHaveLength(C);
      // Every pasted name is either a lead or listed as cancelled, never both, never neither.
      expect([...leadNames, ...failedNames].sort()).toEqual([...names].sort());
      expect(await page.getByRole('button', { name: 'Retry all' }).isEnabled()).toBe(true);
      const failures = await store.listFailures();
      expect(failures.items).toHaveLength(C);
      expect(failures.items.every((f) => f.code === 'cancelled')).toBe(true);
      await screenshot(page, '22-cancel-failed-names.png');

      expect(session.pageErrors).toEqual([]);
    } finally {
      world.fake.configure({ latencyMs: 60 });
      await session.close();
    }
  });
});
