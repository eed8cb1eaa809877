// Pipedrive and Salesforce set up the way a person does it, in Settings → CRM, against stand-ins this test
// starts; then a sync, and each lead's record in the panel with its link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PipedriveStandIn } from '../support/crm/pipedrive';
import { SalesforceStandIn } from '../support/crm/salesforce';
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

const PREDICTIONS: Record<string, FakeCountry[]> = {
  'ada lovelace': [{ country_id: 'GB', probability: 0.92 }],
  'grace hopper': [{ country_id: 'US', probability: 0.75 }],
  'alan turing': [{ country_id: 'GB', probability: 0.45 }],
};
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];

async function enrich(page: Page): Promise<void> {
  await pasteAndEnrich(page, NAMES);
  await runSummary(page).waitFor({ timeout: 30_000 });
  expect(await runSummary(page).innerText()).toBe('3 enriched (2 Verified, 1 To Check)');
}

async function openCrmSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const section = dialog.getByRole('region', { name: 'CRM sync' });
  await section.waitFor();
  return { dialog, section, result: section.getByRole('status').filter({ hasText: /✓|✕/ }) };
}

async function syncAndShowRecords(page: Page, expected: string) {
  await page.getByRole('tab', { name: 'CRM sync' }).click();
  const panel = page.getByRole('tabpanel', { name: 'CRM sync' });
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(
      () =>
        panel
          .getByRole('status')
          .filter({ hasText: /Sync finished/ })
          .innerText(),
      { timeout: 30_000 },
    )
    .toBe(expected);
  const leads = panel.getByRole('region', { name: 'Leads in the CRM' });
  await leads.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'In the CRM' });
  await leads.getByRole('link').first().waitFor();
  return leads;
}

describe.skipIf(unavailable)('CRM: Pipedrive and Salesforce from Settings', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
    world.fake.configure({ predictions: PREDICTIONS });
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('Pipedrive: API token, Test connection names the missing fields, Create the fields, sync, person links', async () => {
    const pipedrive = new PipedriveStandIn('pd-e2e-token-0123456789', { withFields: false });
    await pipedrive.start();
    const session = await openApp(world, 'crm-pipedrive', {
      seed: { crm: { mode: 'simulated' }, sync: { schedule: '60' } },
    });
    const { page } = session;
    try {
      await enrich(page);
      const { dialog, section, result } = await openCrmSettings(page);
      await section.getByRole('radio', { name: /^Pipedrive/ }).check();
      await section.getByLabel('API token').fill(pipedrive.token);
      await section.getByRole('textbox', { name: 'API address' }).fill(pipedrive.url);
      await section.getByRole('button', { name: 'Save and test connection' }).click();
      await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/✕ Connected to Pipedrive/);
      await expect.poll(() => section.innerText()).toMatch(/Missing in Pipedrive: .*Lead Enricher ID/);
      await section.getByRole('button', { name: 'Create the fields' }).click();
      await expect
        .poll(() => result.innerText(), { timeout: 20_000 })
        .toMatch(
          /✓ Connected to Pipedrive \(acme\.pipedrive\.com\): persons are found by "Lead Enricher ID"/,
        );
      expect(await page.content()).not.toContain(pipedrive.token);
      await screenshot(page, '45-crm-settings-pipedrive-1280.png');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      const leads = await syncAndShowRecords(page, 'Sync finished: 2 claimed · 2 delivered · 0 failed');
      expect(pipedrive.persons.size).toBe(2);
      for (const person of pipedrive.persons.values()) {
        const link = leads.getByRole('link', { name: `Open record ${person.id} in the CRM` });
        expect(await link.getAttribute('href')).toBe(`https://acme.pipedrive.com/person/${person.id}`);
      }
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
      await pipedrive.stop();
    }
  });

  it('Salesforce: instance URL, access token, object; the External Id field is named for Setup; sync, record links', async () => {
    const salesforce = new SalesforceStandIn();
    await salesforce.start();
    const session = await openApp(world, 'crm-salesforce', {
      seed: { crm: { mode: 'simulated' }, sync: { schedule: '60' } },
    });
    const { page } = session;
    try {
      await enrich(page);
      const { dialog, section, result } = await openCrmSettings(page);
      await section.getByRole('radio', { name: /^Salesforce/ }).check();
      expect(await section.getByRole('button', { name: 'Create the fields' }).count()).toBe(0);
      expect(await section.innerText()).toMatch(
        /make a Text field whose API name is Lead_Enricher_Id__c \(Field Name Lead_Enricher_Id\)/,
      );
      await section.getByRole('textbox', { name: 'Instance URL' }).fill(salesforce.url);
      await section.getByLabel('Access token').fill(salesforce.token);
      await section.getByRole('button', { name: 'Save and test connection' }).click();
      await expect
        .poll(() => result.innerText(), { timeout: 20_000 })
        .toMatch(/✓ Connected to Salesforce: Leads are upserted by Lead_Enricher_Id__c/);
      expect(await page.content()).not.toContain(salesforce.token);
      await screenshot(page, '46-crm-settings-salesforce-1280.png');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      const leads = await syncAndShowRecords(page, 'Sync finished: 2 claimed · 2 delivered · 0 failed');
      const records = [...salesforce.records.Lead!.values()];
      expect(records).toHaveLength(2);
      for (const record of records) {
        const id = String(record.Id);
        const link = leads.getByRole('link', { name: `Open record ${id} in the CRM` });
        expect(await link.getAttribute('href')).toBe(`${salesforce.url}/${id}`);
      }
      await screenshot(page, '47-crm-salesforce-synced-1280.png');
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
      await salesforce.stop();
    }
  });
});
