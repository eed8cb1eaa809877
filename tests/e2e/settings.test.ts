// The Settings dialog as a person uses it: a new Verified threshold applies to the next names (not to
// leads already stored), a saved API key is only ever shown masked, and the database the connection
// string names is the one used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import type { SettingsUpdate } from '@shared/contract';
import type { FakeCountry } from '../support/fakeNationalize';
import {
  openApp,
  pasteAndEnrich,
  runSummary,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
  type World,
} from './fixtures';

const API_KEY = 'e2e-api-key-123456';

/** Before the change (threshold 0.6) and after it (0.9): one prediction each. */
const PREDICTIONS: Record<string, FakeCountry[]> = {
  'Before Eightyfive': [{ country_id: 'DE', probability: 0.85 }],
  'Before Fifty': [{ country_id: 'FR', probability: 0.5 }],
  'After Eightyfive': [{ country_id: 'DE', probability: 0.85 }],
  'After Ninetyfive': [{ country_id: 'IT', probability: 0.95 }],
  'After Fifty': [{ country_id: 'ES', probability: 0.5 }],
};

/**
 * A database of this test's own. The app uses Settings → Database name over the database the connection
 * string names (see the last test), so every session of a file would otherwise share "lead_enricher".
 */
function ownDatabase(world: World, label: string): NonNullable<SettingsUpdate['database']> {
  const uri = world.mongo.uri(label);
  return { mode: 'uri', uri, name: new URL(uri).pathname.slice(1) };
}

function leadRow(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** The status badge of a lead in the table. */
async function statusOf(page: Page, name: string): Promise<string> {
  return leadRow(page, name).locator('.badge').innerText();
}

describe.skipIf(unavailable)('Settings', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
    world.fake.configure({
      predictions: Object.fromEntries(Object.entries(PREDICTIONS).map(([n, c]) => [n.toLowerCase(), c])),
    });
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('a higher Verified threshold classifies the next names by it and leaves stored leads alone', async () => {
    const session = await openApp(world, 'settings-threshold', {
      seed: { database: ownDatabase(world, 'settings-threshold') },
    });
    const { page } = session;
    try {
      // Names enriched under the default threshold (0.6).
      await pasteAndEnrich(page, ['Before Eightyfive', 'Before Fifty']);
      await runSummary(page).waitFor({ timeout: 30_000 });
      expect(await runSummary(page).innerText()).toBe('2 enriched (1 Verified, 1 To Check)');
      await expect.poll(() => statusOf(page, 'Before Eightyfive')).toBe('Verified');
      expect(await statusOf(page, 'Before Fifty')).toBe('To Check');

      // Ctrl+, opens Settings; the Enrichment section shows the threshold the app uses.
      await page.keyboard.press('Control+,');
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      const threshold = dialog.getByRole('spinbutton', { name: 'Verified threshold' });
      await threshold.waitFor();
      // A percentage, as people say it.
      expect(await threshold.inputValue()).toBe('60');
      const save = dialog.getByRole('button', { name: 'Save Enrichment' });
      expect(await save.isDisabled()).toBe(true); // nothing changed yet

      await threshold.fill('90');
      await dialog.getByText('has a probability of at least 90 %', { exact: false }).waitFor();
      expect(await dialog.getByText(/9000/).count()).toBe(0);
      expect(await save.isEnabled()).toBe(true);
      await save.click();
      // Saved: the section says so, the button is idle again (nothing left to save), the field shows
      // the stored value, no error.
      await dialog.getByRole('region', { name: 'Enrichment' }).getByText('Saved', { exact: true }).waitFor();
      await expect.poll(() => save.isDisabled()).toBe(true);
      expect(await threshold.inputValue()).toBe('90');
      expect(await dialog.getByRole('alert').count()).toBe(0);
      expect(session.app.config.verifiedThreshold).toBe(0.9);
      await dialog.getByRole('heading', { name: 'Enrichment' }).scrollIntoViewIfNeeded();
      await screenshot(page, '40-settings-threshold.png');

      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => dialog.count()).toBe(0);

      // The next names are classified at 0.9; a name already enriched is not looked up again.
      await pasteAndEnrich(page, [
        'After Eightyfive',
        'After Ninetyfive',
        'After Fifty',
        'Before Eightyfive',
      ]);
      await expect
        .poll(() => page.locator('.summary-line').innerText(), { timeout: 30_000 })
        .toMatch(/^3 enriched \(1 Verified, 2 To Check\) · 1 already enriched · 0 failed/);
      await expect.poll(() => statusOf(page, 'After Eightyfive')).toBe('To Check');
      expect(await statusOf(page, 'After Ninetyfive')).toBe('Verified');
      expect(await statusOf(page, 'After Fifty')).toBe('To Check');
      // Stored before the change: unchanged, though 0.85 is below the new threshold.
      expect(await statusOf(page, 'Before Eightyfive')).toBe('Verified');
      expect(await statusOf(page, 'Before Fifty')).toBe('To Check');
      expect(await leadRow(page, 'Before Eightyfive').innerText()).toMatch(/85\.0%/);
      await expect.poll(() => page.getByRole('tab', { name: 'All (5)' }).count()).toBe(1);
      await screenshot(page, '41-settings-reclassified.png');

      const store = await session.app.store();
      const byName = new Map((await store.listLeads({ pageSize: 500 })).items.map((l) => [l.name, l.status]));
      expect(Object.fromEntries(byName)).toEqual({
        'Before Eightyfive': 'Verified',
        'Before Fifty': 'To Check',
        'After Eightyfive': 'To Check',
        'After Ninetyfive': 'Verified',
        'After Fifty': 'To Check',
      });

      // Opened again (header button), the dialog still shows the saved threshold.
      await page.getByRole('button', { name: 'Settings' }).click();
      await dialog.waitFor();
      expect(await threshold.inputValue()).toBe('90');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);

      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('a saved API key is shown only masked and never reaches the page in clear', async () => {
    // The fake API now answers only to this key: a lookup that works proves the core sends it.
    world.fake.configure({ validKeys: [API_KEY], requireKey: true });
    const session = await openApp(world, 'settings-mask', {
      seed: {
        database: ownDatabase(world, 'settings-mask'),
        nationalize: { baseUrl: world.fake.url, concurrency: 2, apiKey: API_KEY },
      },
    });
    const { page } = session;
    // Everything the page gets from the core, to check the key is never in it.
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/rpc/')) bodies.push(response.text().catch(() => ''));
    });
    try {
      expect(session.app.config.nationalize.apiKey).toBe(API_KEY); // the core has it, in clear

      // Enrich something, so the key is used (and the page still never sees it).
      await pasteAndEnrich(page, ['After Ninetyfive']);
      await runSummary(page).waitFor({ timeout: 30_000 });
      expect(await runSummary(page).innerText()).toBe('1 enriched (1 Verified, 0 To Check)');

      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      const mask = dialog.getByLabel('Saved API key (masked)');
      await mask.waitFor();
      expect(await mask.innerText()).toBe('••••3456');
      await mask.scrollIntoViewIfNeeded();
      await screenshot(page, '42-settings-masked-key.png');

      // Replace opens an empty password field: the saved key is not put back in a field.
      await dialog.getByRole('button', { name: 'Replace API key' }).click();
      const keyInput = dialog.getByLabel('API key', { exact: true });
      expect(await keyInput.getAttribute('type')).toBe('password');
      expect(await keyInput.inputValue()).toBe('');
      await dialog.getByRole('button', { name: 'Cancel replacing the API key' }).click();
      await mask.waitFor();

      const html = await page.content();
      expect(html).toContain('••••3456');
      expect(html).not.toContain(API_KEY);
      expect(html).not.toContain('e2e-api-key');
      const texts = await Promise.all(bodies);
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text).not.toContain(API_KEY);

      expect(session.pageErrors).toEqual([]);
    } finally {
      world.fake.configure({ validKeys: undefined, requireKey: false });
      await session.close();
    }
  });

  it('the leads go to the database the connection string names', async () => {
    const session = await openApp(world, 'settings-dbname');
    const { page } = session;
    const uri = session.app.config.mongodbUri!;
    const named = new URL(uri).pathname.slice(1);
    try {
      // Test connection names the database of the connection string…
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('button', { name: 'Test connection' }).click();
      await expect
        .poll(() => dialog.getByText(`Connected to ${named} on `).count(), { timeout: 30_000 })
        .toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);

      await pasteAndEnrich(page, ['After Fifty']);
      await runSummary(page).waitFor({ timeout: 30_000 });
      expect(await runSummary(page).innerText()).toBe('1 enriched (0 Verified, 1 To Check)');

      // …and that is where the person finds the lead (README: "the database is the one in the path").
      const direct = await mongoose.createConnection(uri).asPromise();
      try {
        const there = await direct.db!.collection('leads').countDocuments({ name: 'After Fifty' });
        const settingsName = session.app.config.databaseName;
        const inSettingsName = settingsName
          ? await direct.useDb(settingsName).db!.collection('leads').countDocuments({ name: 'After Fifty' })
          : 0;
        expect(
          there,
          `the lead should be stored in "${named}", the database the connection string names ` +
            `(found ${inSettingsName} in "${settingsName}", the Settings database name)`,
        ).toBe(1);
      } finally {
        await direct.close();
      }
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
