// Connecting a real CRM from the person's side, against the HubSpot stand-in this test starts: from
// "CRM: Simulated" to Settings → CRM, the token, Test connection, Create the fields, a sync, the record id
// and its link; then reviewed mode: nothing goes out until a person approves, then exactly that does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HubspotStandIn } from '../support/crm/hubspot';
import type { FakeCountry } from '../support/fakeNationalize';
import {
  SMALLEST_WINDOW,
  openApp,
  pasteAndEnrich,
  runSummary,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
  type World,
} from './fixtures';

const VERIFIED: Record<string, FakeCountry[]> = {
  'ada lovelace': [{ country_id: 'GB', probability: 0.92 }],
  'grace hopper': [{ country_id: 'US', probability: 0.75 }],
  'linus torvalds': [{ country_id: 'FI', probability: 0.88 }],
  'hedy lamarr': [{ country_id: 'AT', probability: 0.61 }],
};
const TO_CHECK: Record<string, FakeCountry[]> = {
  'alan turing': [{ country_id: 'GB', probability: 0.45 }],
  'marie curie': [{ country_id: 'PL', probability: 0.35 }],
};
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds', 'Hedy Lamarr', 'Alan Turing', 'Marie Curie'];
const TOKEN = 'pat-na1-e2e-0000-1111-2222-333344445555';
// Background sync stays out of the way: one run at start (nothing to send), the next in an hour.
const QUIET_SYNC = { schedule: '60' };

async function enrichAll(page: Page): Promise<void> {
  await pasteAndEnrich(page, NAMES);
  await runSummary(page).waitFor({ timeout: 30_000 });
  expect(await runSummary(page).innerText()).toBe('6 enriched (4 Verified, 2 To Check)');
}

function syncPanel(page: Page) {
  return page.getByRole('tabpanel', { name: 'CRM sync' });
}

async function syncNow(page: Page, expected: string): Promise<void> {
  const panel = syncPanel(page);
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
}

describe.skipIf(unavailable)('CRM: connecting HubSpot and reviewing what goes out', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
    world.fake.configure({ predictions: { ...VERIFIED, ...TO_CHECK } });
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('from Simulated to HubSpot: token, Test connection, Create the fields, a sync, the record id and its link', async () => {
    // An account without the app's properties yet: "Create the fields" makes them.
    const hubspot = new HubspotStandIn(TOKEN, { idProperty: null });
    await hubspot.start();
    const session = await openApp(world, 'crm-hubspot', {
      seed: { crm: { mode: 'simulated' }, sync: QUIET_SYNC },
    });
    const { page } = session;
    try {
      await enrichAll(page);
      await page.getByRole('tab', { name: 'CRM sync' }).click();
      const panel = syncPanel(page);
      const crm = panel.getByRole('region', { name: 'Where leads go' });
      await expect.poll(() => crm.innerText()).toMatch(/CRM: Simulated — Nothing leaves this computer/);
      await expect
        .poll(() => crm.innerText())
        .toMatch(/Pending\s+4\s+Approved\s+0\s+Synced\s+0\s+Failed\s+0/);
      await screenshot(page, '40-crm-simulated-1280.png');

      // Settings → CRM from the panel's own button.
      await crm.getByRole('button', { name: 'Connect a real CRM…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      const section = dialog.getByRole('region', { name: 'CRM sync' });
      await section.getByRole('radio', { name: /^HubSpot/ }).check();
      await section.getByLabel('Private app access token').fill(TOKEN);
      await section.getByRole('textbox', { name: 'API address' }).fill(hubspot.url);
      await section.getByRole('button', { name: 'Save and test connection' }).click();
      const result = section.getByRole('status').filter({ hasText: /✓|✕/ });
      await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/✕/);
      await expect.poll(() => section.innerText()).toMatch(/Missing in HubSpot: .*lead_enricher_id/);
      // Saved: only the mask of the token is on the page.
      await section.getByLabel('Saved private app access token (masked)').waitFor();
      expect(await page.content()).not.toContain(TOKEN);

      await section.getByRole('button', { name: 'Create the fields' }).click();
      await expect
        .poll(() => result.innerText(), { timeout: 20_000 })
        .toMatch(/✓ Connected to HubSpot account 4242: contacts are upserted by lead_enricher_id/);
      expect(hubspot.properties.get('lead_enricher_id')?.hasUniqueValue).toBe(true);
      await screenshot(page, '41-crm-settings-hubspot-1280.png');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // The panel says where leads go now; a sync sends the Verified ones, never a To Check one.
      await expect.poll(() => crm.innerText()).toMatch(/CRM: HubSpot — Leads become HubSpot contacts/);
      await syncNow(page, 'Sync finished: 4 claimed · 4 delivered · 0 failed');
      await expect
        .poll(() => crm.innerText())
        .toMatch(/Pending\s+0\s+Approved\s+0\s+Synced\s+4\s+Failed\s+0/);
      expect(hubspot.contacts.size).toBe(4);
      expect([...hubspot.recordsPerLead().values()].every((n) => n === 1)).toBe(true);

      // Each lead's record id, linked to the contact in HubSpot.
      const leads = panel.getByRole('region', { name: 'Leads in the CRM' });
      await leads.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'In the CRM' });
      const stored = await (await session.app.store()).listLeads({ status: 'Verified', pageSize: 50 });
      for (const lead of stored.items) {
        const contact = [...hubspot.contacts.values()].find((c) => c.properties.lead_enricher_id === lead.id);
        expect(contact, lead.name).toBeDefined();
        const link = leads.getByRole('link', { name: `Open record ${contact!.id} in the CRM` });
        expect(await link.getAttribute('href')).toBe(
          `https://app.hubspot.com/contacts/4242/record/0-1/${contact!.id}`,
        );
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toContain('noopener');
        const row = leads.getByRole('row').filter({ has: page.getByRole('rowheader', { name: lead.name }) });
        expect(await row.innerText()).toMatch(/In HubSpot/);
      }
      await leads.scrollIntoViewIfNeeded();
      await screenshot(page, '42-crm-hubspot-synced-1280.png');

      // The log speaks local time, and the run is named by this computer.
      const log = await panel.getByRole('log', { name: 'Sync log' }).innerText();
      expect(log).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
      const history = panel.getByRole('table', { name: 'Recent sync runs' });
      const mine = history.locator('tbody tr').filter({ hasText: 'Sync now' }).first();
      const cells = await mine.getByRole('cell').allInnerTexts();
      expect(cells[2]).toContain('this app');
      expect(cells[2]).not.toContain(session.app.instanceId);
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
      await hubspot.stop();
    }
  });

  it('reviewed mode: nothing goes out until approved, then exactly the approved leads do (smallest window)', async () => {
    const hubspot = new HubspotStandIn(TOKEN);
    await hubspot.start();
    const session = await openApp(world, 'crm-reviewed', {
      viewport: SMALLEST_WINDOW,
      seed: {
        crm: { mode: 'hubspot', hubspot: { baseUrl: hubspot.url, token: TOKEN } },
        sync: { ...QUIET_SYNC, mode: 'reviewed' },
      },
    });
    const { page } = session;
    try {
      await enrichAll(page);
      await page.getByRole('tab', { name: 'CRM sync' }).click();
      const panel = syncPanel(page);
      const crm = panel.getByRole('region', { name: 'Where leads go' });
      await expect
        .poll(() => crm.innerText())
        .toMatch(/Reviewed: nothing is sent until a person approves it/);
      await expect.poll(() => crm.innerText()).toMatch(/Pending\s+4\s+Approved\s+0/);

      // Nothing approved: a sync sends nothing.
      await syncNow(page, 'Sync finished: 0 claimed · 0 delivered · 0 failed');
      expect(hubspot.contacts.size).toBe(0);

      // One To Check lead approved by hand, then every pending Verified one.
      const leads = panel.getByRole('region', { name: 'Leads in the CRM' });
      await leads.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'To Check (not sent)' });
      await leads.getByRole('button', { name: 'Approve Alan Turing for the CRM' }).click();
      await expect.poll(() => crm.innerText()).toMatch(/Pending\s+4\s+Approved\s+1/);
      await crm.getByRole('button', { name: 'Approve all pending (4)' }).click();
      await expect.poll(() => crm.innerText()).toMatch(/Pending\s+0\s+Approved\s+5/);
      await expect.poll(() => crm.innerText()).toMatch(/The next run sends 5 leads\./);
      await leads.scrollIntoViewIfNeeded();
      await screenshot(page, '43-crm-reviewed-approved-960.png');

      await syncNow(page, 'Sync finished: 5 claimed · 5 delivered · 0 failed');
      expect(hubspot.contacts.size).toBe(5);
      const names = [...hubspot.contacts.values()].map(
        (c) => `${c.properties.firstname} ${c.properties.lastname}`,
      );
      expect(names.sort()).toEqual([
        'Ada Lovelace',
        'Alan Turing',
        'Grace Hopper',
        'Hedy Lamarr',
        'Linus Torvalds',
      ]);
      await expect.poll(() => crm.innerText()).toMatch(/Synced\s+5/);

      // At the smallest window: no cron field breaks across lines, and the panel does not scroll sideways.
      const broken = await panel
        .locator('.token')
        .evaluateAll((els) => els.filter((el) => el.getClientRects().length > 1).map((el) => el.textContent));
      expect(broken).toEqual([]);
      expect(await panel.locator('.sync-panel').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(
        true,
      );
      await leads.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'In the CRM' });
      await leads.getByRole('link').first().waitFor();
      // The approval's note is history once the run sent them.
      expect(await crm.innerText()).not.toMatch(/leads approved/);
      await leads.scrollIntoViewIfNeeded();
      await screenshot(page, '44-crm-reviewed-synced-960.png');
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
      await hubspot.stop();
    }
  });
});
