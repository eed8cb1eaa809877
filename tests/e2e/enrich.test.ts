// Pasting names and enriching them, as a person does: the live count, the progress bar, the results
// with their country, probability and status, and the summary of the run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countryName } from '../../src/core/countries';
import { predictFor } from '../support/fakeNationalize';
import { distinctNames } from '../support/names';
import {
  confirmReview,
  leadsTable,
  openApp,
  runSummary,
  screenshot,
  seenLeads,
  startWorld,
  stopWorld,
  unavailable,
} from './fixtures';
import type { Session, World } from './fixtures';

/** The highest probability of a fake prediction: what the core classifies on. */
const topOf = (name: string) =>
  predictFor(name).reduce((best, guess) => (guess.probability > best.probability ? guess : best));

describe.skipIf(unavailable)('enrich: paste, progress, results', () => {
  let world: World;
  let session: Session | undefined;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  afterEach(async () => {
    world.fake.configure({ latencyMs: 60, predictions: {} });
    await session?.close();
    session = undefined;
  });

  it('counts the paste live, shows progress, and lists each name with its country, probability and status', async () => {
    world.fake.configure({
      predictions: {
        'ada lovelace': [
          { country_id: 'GB', probability: 0.82 },
          { country_id: 'US', probability: 0.1 },
        ],
        'josé garcía': [
          { country_id: 'ES', probability: 0.41 },
          { country_id: 'MX', probability: 0.3 },
        ],
        // On the threshold (0.6): Verified.
        'grace hopper': [{ country_id: 'US', probability: 0.6 }],
      },
    });
    session = await openApp(world, 'enrich-story');
    const { page } = session;

    // 45 more names make several batches, so the bar is seen part-way.
    const others = distinctNames(45, 100);
    const pasted = [
      'Ada Lovelace',
      'José García',
      '  ada   LOVELACE ', // the same person, other case and spacing
      'Grace Hopper',
      '12345',
      'Qzzzq Zzzyx', // the fake has no prediction for it
      ...others,
    ].join('\n');
    const box = page.getByRole('textbox', { name: 'Names', exact: true });
    await box.fill(pasted);
    // 3 fixed names + the unknown one + 45 others are valid.
    await page.getByText('49 names detected · 1 duplicate folded · 1 invalid', { exact: true }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Enrich' }).isEnabled()).toBe(true);
    await screenshot(page, '01-enrich-paste.png');

    world.fake.configure({ latencyMs: 600 });
    await box.press('Control+Enter');
    // 12345 is refused: the review says so first, and the run starts from it.
    await confirmReview(page);
    const bar = page.getByRole('progressbar', { name: 'Enriching names' });
    await bar.waitFor();
    // Every distinct entry of the run: the 49 names and the invalid one (settled at once, as failed).
    await expect.poll(() => bar.getAttribute('aria-valuemax')).toBe('50');
    // Part-way: some batches answered, not all.
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 10_000, interval: 50 })
      .toBeGreaterThan(0);
    const done = Number(await bar.getAttribute('aria-valuenow'));
    expect(done).toBeLessThan(50);
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+ of 50 names$/);
    await expect.poll(() => page.getByText(/^\d+ \/ 50$/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Enrich' }).isDisabled()).toBe(true);
    await screenshot(page, '02-enrich-progress.png');

    // The summary: 48 enriched (the unknown name and "12345" failed), the duplicate folded.
    const expectedVerified = 2 + others.filter((name) => topOf(name).probability >= 0.6).length; // Ada, Grace + others
    const expectedToCheck = 48 - expectedVerified;
    await page.getByText(/^Enrich finished in /).waitFor({ timeout: 30_000 });
    expect(await bar.count()).toBe(0);
    expect(await runSummary(page).innerText()).toBe(
      `48 enriched (${expectedVerified} Verified, ${expectedToCheck} To Check)`,
    );
    await page
      .getByText(
        `48 enriched (${expectedVerified} Verified, ${expectedToCheck} To Check) · 0 already enriched · 2 failed · 0 cancelled · 1 duplicate folded`,
        { exact: true },
      )
      .waitFor();
    await page.getByRole('button', { name: 'Show failed names' }).waitFor();
    // The paste area is cleared for the next batch.
    await expect.poll(() => box.inputValue()).toBe('');

    // The table and its tabs.
    await page.getByRole('tab', { name: 'All (48)' }).waitFor();
    await page.getByRole('tab', { name: `Verified (${expectedVerified})` }).waitFor();
    await page.getByRole('tab', { name: `To Check (${expectedToCheck})` }).waitFor();
    await page.getByRole('tab', { name: 'Failed names (2)' }).waitFor();
    await page.getByText('Showing 1–48 of 48', { exact: true }).waitFor();
    const seen = await seenLeads(page);
    expect(seen).toHaveLength(48);
    const byName = new Map(seen.map((lead) => [lead.name, lead]));
    expect(byName.get('Ada Lovelace')).toEqual({
      name: 'Ada Lovelace',
      country: 'United Kingdom GB',
      probability: '82.0%',
      status: 'Verified',
    });
    expect(byName.get('José García')).toEqual({
      name: 'José García',
      country: 'Spain ES',
      probability: '41.0%',
      status: 'To Check',
    });
    expect(byName.get('Grace Hopper')).toEqual({
      name: 'Grace Hopper',
      country: 'United States US',
      probability: '60.0%',
      status: 'Verified',
    });
    // Only one Ada, spelt as first pasted; nothing for the invalid and the unknown entries.
    expect(seen.filter((lead) => lead.name.toLowerCase().includes('lovelace'))).toHaveLength(1);
    expect(byName.has('12345')).toBe(false);
    expect(byName.has('Qzzzq Zzzyx')).toBe(false);
    // Every other name shows the prediction the API gave.
    for (const name of others) {
      const top = topOf(name);
      expect(byName.get(name)).toEqual({
        name,
        country: `${countryName(top.country_id)} ${top.country_id}`,
        probability: `${(top.probability * 100).toFixed(1)}%`,
        status: top.probability >= 0.6 ? 'Verified' : 'To Check',
      });
    }
    // The other guesses are in the country's tooltip.
    await leadsTable(page)
      .getByTitle('Other guesses: United States 10.0%', { exact: true })
      .waitFor({ state: 'attached' });
    await screenshot(page, '03-enrich-results.png');

    // The API was asked once for Ada (duplicate folded) and never for "12345".
    const asked = world.fake.log.flat();
    expect(asked.filter((name) => name.toLowerCase() === 'ada lovelace')).toEqual(['Ada Lovelace']);
    expect(asked).not.toContain('12345');
    expect(asked).toHaveLength(49);
    expect(world.fake.requests).toBe(5);

    // What the core stored.
    const store = await session.app.store();
    const stored = await store.listLeads({ pageSize: 500 });
    expect(await store.countLeads()).toEqual({
      all: 48,
      verified: expectedVerified,
      toCheck: expectedToCheck,
      rejected: 0,
    });
    expect(stored.items.find((lead) => lead.name === 'Ada Lovelace')).toMatchObject({
      countryCode: 'GB',
      country: 'United Kingdom',
      probability: 0.82,
      status: 'Verified',
      alternatives: [{ countryCode: 'US', probability: 0.1 }],
    });
    expect(stored.items.find((lead) => lead.name === 'José García')).toMatchObject({
      countryCode: 'ES',
      probability: 0.41,
      status: 'To Check',
    });
    const failures = await store.listFailures();
    expect(failures.items.map((f) => [f.name, f.code]).sort()).toEqual([
      ['12345', 'invalid_name'],
      ['Qzzzq Zzzyx', 'no_prediction'],
    ]);

    expect(session.pageErrors).toEqual([]);
  });

  it('pasting the same names again enriches nothing new and says they were already enriched', async () => {
    session = await openApp(world, 'enrich-again');
    const { page } = session;
    const names = distinctNames(6);
    const box = page.getByRole('textbox', { name: 'Names', exact: true });
    await box.fill(names.join(', '));
    await page.getByText('6 names detected · 0 duplicates folded', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Enrich' }).click();
    await page
      .getByText(/^6 enriched \(\d+ Verified, \d+ To Check\) · 0 already enriched · 0 failed/)
      .waitFor();
    expect(world.fake.requests).toBe(1);

    await box.fill(names.map((name) => name.toUpperCase()).join('; '));
    await box.press('Control+Enter');
    await page
      .getByText(
        '0 enriched (0 Verified, 0 To Check) · 6 already enriched · 0 failed · 0 cancelled · 0 duplicates folded',
        { exact: true },
      )
      .waitFor();
    expect(world.fake.requests).toBe(1);
    await page.getByRole('tab', { name: 'All (6)' }).waitFor();
    expect((await seenLeads(page)).map((lead) => lead.name).sort()).toEqual([...names].sort());

    expect(session.pageErrors).toEqual([]);
  });

  // Every test here relies on it: each openApp names a new database in its connection string. (Until
  // b4e8b7f the Settings name, "lead_enricher" by default, won, so all the apps of a world shared one.)
  it('opens the database its connection string names: an app on a new database shows no leads', async () => {
    session = await openApp(world, 'first-db');
    await session.page.getByRole('textbox', { name: 'Names', exact: true }).fill('Ada Lovelace');
    await session.page.getByRole('textbox', { name: 'Names', exact: true }).press('Control+Enter');
    await session.page.getByRole('tab', { name: 'All (1)' }).waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.close();
    session = undefined;

    session = await openApp(world, 'second-db');
    const { page } = session;
    await page.getByRole('tab', { name: /^All \(\d+\)$/ }).waitFor();
    expect(await page.getByRole('tab', { name: /^All \(/ }).innerText()).toBe('All (0)');
    await page.getByText('No leads yet. Paste names and press Enrich.', { exact: true }).waitFor();
    expect((await (await session.app.store()).countLeads()).all).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
