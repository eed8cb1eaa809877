// Results out and bulk actions on the leads table, against the real core: an export downloaded and read
// back, a copy as tab-separated text, a bulk delete after its confirmation, and the table at 960 px.
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SMALLEST_WINDOW,
  leadsTable,
  openApp,
  pasteAndEnrich,
  runSummary,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
} from './fixtures';
import type { Session, World } from './fixtures';

const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Hedy Lamarr', 'Katherine Johnson'];

describe.skipIf(unavailable)('results out: export, copy, bulk delete', () => {
  let world: World;
  let session: Session | undefined;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('exports the view as CSV (a download read back) and deletes the selected leads after asking', async () => {
    session = await openApp(world, 'bulk-export');
    const { page } = session;
    await pasteAndEnrich(page, NAMES);
    await runSummary(page).waitFor({ timeout: 30_000 });
    const table = leadsTable(page);
    for (const name of NAMES) await table.getByRole('rowheader', { name }).waitFor();

    // The view, searched: the export holds what is shown, with a header row.
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('ada');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export leads' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /^Export/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Name,/);
    expect(lines[1]).toMatch(/^Ada Lovelace,/);
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(5);

    // Two ticked, deleted after the question; the others stay.
    await table.getByRole('checkbox', { name: 'Select Grace Hopper' }).check();
    await table.getByRole('checkbox', { name: 'Select Alan Turing' }).check();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 2 leads?' });
    await screenshot(page, '30-bulk-delete.png');
    await confirm.getByRole('button', { name: 'Delete 2 leads' }).click();
    await page.getByText('2 leads deleted.').waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    await expect.poll(() => page.getByRole('tab', { name: /^All/ }).innerText()).toBe('All (3)');
    expect(await table.getByRole('rowheader', { name: 'Grace Hopper' }).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('keeps the name column readable at 960 px and at 1280 px', async () => {
    const long = 'Maximiliana Alexandrina Wolfeschlegelsteinhausen';
    session = await openApp(world, 'bulk-layout', { viewport: SMALLEST_WINDOW });
    const { page } = session;
    await pasteAndEnrich(page, [...NAMES, long]);
    await runSummary(page).waitFor({ timeout: 30_000 });
    const table = leadsTable(page);
    await table.getByRole('rowheader', { name: 'Ada Lovelace' }).waitFor();
    await table.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
    // A name cut short is readable whole on hover.
    expect(await table.getByRole('rowheader', { name: long }).getAttribute('title')).toBe(long);
    for (const [label, viewport] of [
      ['960', SMALLEST_WINDOW],
      ['1280', { width: 1280, height: 800 }],
    ] as const) {
      await page.setViewportSize(viewport);
      const tableBox = (await table.boundingBox())!;
      const name = (await table.getByRole('columnheader', { name: /^Name/ }).boundingBox())!;
      expect(name.width / tableBox.width).toBeGreaterThanOrEqual(0.3);
      // Nothing runs off the right edge, and the bulk actions stay on one line.
      const added = (await table.getByRole('columnheader', { name: /^Added/ }).boundingBox())!;
      expect(added.x + added.width).toBeLessThanOrEqual(viewport.width);
      const bar = (await page.getByRole('toolbar', { name: 'Selected leads' }).boundingBox())!;
      expect(bar.height).toBeLessThan(40);
      await screenshot(page, `31-leads-${label}.png`);
    }
    expect(session.pageErrors).toEqual([]);
  });
});

describe.skipIf(unavailable)('a threshold change', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('offers to reclassify the stored leads the new threshold moves, and moves them', async () => {
    world.fake.configure({
      predictions: {
        'ada lovelace': [{ country_id: 'GB', probability: 0.82 }],
        'grace hopper': [{ country_id: 'US', probability: 0.65 }],
      },
    });
    const session = await openApp(world, 'reclassify');
    const { page } = session;
    try {
      await pasteAndEnrich(page, ['Ada Lovelace', 'Grace Hopper']);
      await runSummary(page).waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByRole('tab', { name: /^Verified/ }).innerText()).toBe('Verified (2)');
      // Saved in Settings (as the dialog does): 0.65 is now under the threshold.
      await session.app.dispatch('settings:update', { verifiedThreshold: 0.7 });
      const offer = page.getByRole('region', { name: 'Reclassify leads' });
      await expect
        .poll(() => offer.innerText())
        .toMatch(/1 stored lead was classified under an older rule\. .*: 1 would become To Check\./);
      await screenshot(page, '40-reclassify.png');
      await offer.getByRole('button', { name: 'Reclassify 1 lead' }).click();
      await page.getByText('1 lead reclassified under the current rule.').waitFor();
      await expect.poll(() => page.getByRole('tab', { name: /^Verified/ }).innerText()).toBe('Verified (1)');
      await expect.poll(() => offer.count()).toBe(0);
      expect(session.pageErrors).toEqual([]);
    } finally {
      world.fake.configure({ predictions: {} });
      await session.close();
    }
  });
});
