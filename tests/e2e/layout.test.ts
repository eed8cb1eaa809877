// The smallest window the app allows (960 × 600, src/main/window.ts): every view still shows what matters,
// nothing overlaps, nothing runs off the right edge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  SMALLEST_WINDOW,
  openApp,
  pasteAndEnrich,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
  type World,
} from './fixtures';

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`not on screen: ${String(locator)}`);
  return found;
}

/** Within the window's width, whole. */
async function expectInside(page: Page, locator: Locator) {
  const { x, width } = await box(locator);
  expect(x).toBeGreaterThanOrEqual(0);
  expect(x + width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

const overlap = (a: { y: number; height: number }, b: { y: number; height: number }) =>
  a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(unavailable)('the smallest window', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('shows every view whole at 960 × 600', async () => {
    const session = await openApp(world, 'layout', { viewport: SMALLEST_WINDOW });
    const { page } = session;
    try {
      await pasteAndEnrich(page, ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Qzzzq', '12345']);
      await page.getByText(/^Enrich finished in /).waitFor({ timeout: 30_000 });

      // The leads: the name column keeps room for a name; the toolbar fits.
      const table = page.getByRole('table', { name: 'Leads' });
      await table.getByRole('rowheader', { name: 'Ada Lovelace' }).waitFor();
      expect((await box(table.getByRole('columnheader', { name: /^Name/ }))).width).toBeGreaterThanOrEqual(
        100,
      );
      await expectInside(page, page.getByRole('searchbox', { name: 'Search leads' }));
      await expectInside(page, table.getByRole('columnheader', { name: /^Added/ }));
      // The run's summary is under the Enrich button, not over it.
      const enrich = await box(page.getByRole('button', { name: 'Enrich' }));
      expect(overlap(enrich, await box(page.locator('.summary')))).toBe(false);
      await screenshot(page, '80-small-leads.png');

      await page.getByRole('tab', { name: /^Failed names/ }).click();
      const failures = page.getByRole('table', { name: 'Failed names' });
      await failures.getByRole('rowheader', { name: 'Qzzzq' }).waitFor();
      await expectInside(page, page.getByRole('button', { name: 'Retry all' }));
      await expectInside(page, page.getByRole('button', { name: 'Ask again for Qzzzq' }));
      expect((await box(failures.locator('td.reason').first())).width).toBeGreaterThanOrEqual(150);
      await screenshot(page, '81-small-failures.png');

      await page.getByRole('tab', { name: 'CRM sync' }).click();
      const panel = page.getByRole('tabpanel', { name: 'CRM sync' });
      await panel.getByRole('button', { name: 'Sync now' }).click();
      await panel.getByText(/^Sync finished: /).waitFor({ timeout: 30_000 });
      const history = panel.getByRole('table', { name: 'Recent sync runs' });
      await history.locator('tbody tr').first().waitFor();
      expect((await box(history.getByRole('columnheader', { name: 'App' }))).width).toBeGreaterThanOrEqual(
        80,
      );
      await screenshot(page, '82-small-sync.png');

      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('region', { name: 'Database' }).waitFor();
      await expectInside(page, dialog.getByRole('button', { name: 'Close' }));
      await screenshot(page, '83-small-settings.png');
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
