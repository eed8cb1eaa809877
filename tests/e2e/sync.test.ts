// CRM sync from the person's side: enrich, "Sync now", see the run, the log and the leads marked Synced;
// the webhook gets each Verified lead exactly once and never a To Check one.
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Names with known predictions: the top probability decides Verified (>= 0.6) or To Check. */
const VERIFIED: Record<string, FakeCountry[]> = {
  'Ada Lovelace': [{ country_id: 'GB', probability: 0.92 }],
  'Linus Torvalds': [
    { country_id: 'FI', probability: 0.88 },
    { country_id: 'SE', probability: 0.07 },
  ],
  'Grace Hopper': [{ country_id: 'US', probability: 0.75 }],
  'Hedy Lamarr': [{ country_id: 'AT', probability: 0.61 }],
  'Katherine Johnson': [{ country_id: 'US', probability: 0.6 }],
  'Tim Berners-Lee': [{ country_id: 'GB', probability: 0.83 }],
};
const TO_CHECK: Record<string, FakeCountry[]> = {
  'Alan Turing': [
    { country_id: 'GB', probability: 0.45 },
    { country_id: 'IE', probability: 0.2 },
  ],
  'Marie Curie': [{ country_id: 'PL', probability: 0.35 }],
  'Niklaus Wirth': [{ country_id: 'CH', probability: 0.59 }],
  'Edsger Dijkstra': [{ country_id: 'NL', probability: 0.3 }],
};

function lowerKeys(record: Record<string, FakeCountry[]>): Record<string, FakeCountry[]> {
  return Object.fromEntries(Object.entries(record).map(([name, c]) => [name.toLowerCase(), c]));
}

describe.skipIf(unavailable)('CRM sync', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
    world.fake.configure({ predictions: { ...lowerKeys(VERIFIED), ...lowerKeys(TO_CHECK) } });
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  it('Sync now delivers each Verified lead once, shows the run, and the table marks them Synced', async () => {
    const session = await openApp(world, 'sync');
    const { page } = session;
    try {
      const verifiedNames = Object.keys(VERIFIED);
      const toCheckNames = Object.keys(TO_CHECK);
      const V = verifiedNames.length;
      await pasteAndEnrich(page, [...verifiedNames, ...toCheckNames].sort());
      await runSummary(page).waitFor({ timeout: 30_000 });
      expect(await runSummary(page).innerText()).toBe(
        `${V + toCheckNames.length} enriched (${V} Verified, ${toCheckNames.length} To Check)`,
      );

      // Before the sync: Verified leads wait ("Pending"), To Check ones are never sent ("—").
      const row = (name: string) =>
        page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      await expect.poll(() => row('Ada Lovelace').innerText()).toMatch(/Pending/);
      for (const name of verifiedNames) expect(await row(name).innerText()).toMatch(/Verified\s+Pending/);
      for (const name of toCheckNames) expect(await row(name).innerText()).toMatch(/To Check\s+—/);
      expect(world.receiver.requests).toBe(0);

      // Sync now, from the CRM sync tab.
      await page.getByRole('tab', { name: 'CRM sync' }).click();
      const panel = page.getByRole('tabpanel', { name: 'CRM sync' });
      await panel.getByRole('button', { name: 'Sync now' }).click();
      const result = panel.getByRole('status').filter({ hasText: /Sync finished/ });
      await result.waitFor({ timeout: 30_000 });
      expect(await result.innerText()).toBe(`Sync finished: ${V} claimed · ${V} delivered · 0 failed`);
      expect(await panel.getByRole('alert').count()).toBe(0);

      // The last run of this app, with its counts.
      const lastRun = panel.getByRole('region', { name: 'Last run of this app' });
      await expect.poll(() => lastRun.innerText()).toMatch(/Sync now/);
      const facts = await lastRun.innerText();
      expect(facts).toMatch(new RegExp(`Claimed\\s+${V}\\b`));
      expect(facts).toMatch(new RegExp(`Delivered\\s+${V}\\b`));
      expect(facts).toMatch(/Failed\s+0\b/);
      expect(facts).not.toMatch(/Still running/);

      // Recent runs: this app's "Sync now" run, done.
      const history = panel.getByRole('table', { name: 'Recent sync runs' });
      const manualRuns = history.locator('tbody tr').filter({ hasText: 'Sync now' });
      await expect.poll(() => manualRuns.count()).toBe(1);
      const cells = await manualRuns.first().getByRole('cell').allInnerTexts();
      // Named by the computer, not by the app's id.
      expect(cells[2]).toContain('this app');
      expect(cells[2]).toContain(hostname());
      expect(cells[2]).not.toContain(session.app.instanceId);
      expect(cells.slice(3)).toEqual([String(V), String(V), '0', 'Done']);

      // The sync log says what happened.
      const log = panel.getByRole('log', { name: 'Sync log' });
      await expect
        .poll(() => log.innerText())
        .toContain(`[CRM Sync] Run finished: ${V} claimed, ${V} delivered, 0 failed`);
      await screenshot(page, '30-sync-panel.png');

      // The leads table: Verified ones Synced, To Check ones still "—".
      await page.getByRole('tab', { name: 'Leads' }).click();
      await expect.poll(() => row('Ada Lovelace').innerText()).toMatch(/Synced/);
      for (const name of verifiedNames) expect(await row(name).innerText()).toMatch(/Verified\s+Synced · /);
      for (const name of toCheckNames) {
        const text = await row(name).innerText();
        expect(text).toMatch(/To Check\s+—/);
        expect(text).not.toMatch(/Synced|Pending/);
      }
      await screenshot(page, '31-sync-leads-synced.png');

      // The webhook: every Verified lead exactly once, signed; no To Check lead.
      const store = await session.app.store();
      const verifiedLeads = (await store.listLeads({ status: 'Verified', pageSize: 500 })).items;
      const toCheckLeads = (await store.listLeads({ status: 'To Check', pageSize: 500 })).items;
      expect(verifiedLeads.map((l) => l.name).sort()).toEqual([...verifiedNames].sort());
      expect(verifiedLeads.every((l) => l.syncState === 'synced' && l.isCrmSynced)).toBe(true);
      expect(toCheckLeads.every((l) => l.syncState === 'not_applicable' && !l.isCrmSynced)).toBe(true);
      expect(world.receiver.badSignatures).toBe(0);
      expect(world.receiver.duplicates).toBe(0);
      expect([...world.receiver.deliveries.keys()].sort()).toEqual(verifiedLeads.map((l) => l.id).sort());
      expect([...world.receiver.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(world.receiver.accepted.map((l) => l.name).sort()).toEqual([...verifiedNames].sort());
      for (const lead of toCheckLeads) expect(world.receiver.deliveries.has(lead.id)).toBe(false);

      // A second Sync now has nothing left to send.
      const requestsBefore = world.receiver.requests;
      await page.getByRole('tab', { name: 'CRM sync' }).click();
      await panel.getByRole('button', { name: 'Sync now' }).click();
      await expect
        .poll(() => result.innerText(), { timeout: 30_000 })
        .toBe('Sync finished: 0 claimed · 0 delivered · 0 failed');
      await expect.poll(() => manualRuns.count()).toBe(2);
      expect(world.receiver.requests).toBe(requestsBefore);
      expect(world.receiver.accepted).toHaveLength(V);
      expect(world.receiver.duplicates).toBe(0);

      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
