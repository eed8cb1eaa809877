// Working through a run's results as a person does: status tabs with counts, search, sorting by
// probability and paging through the table.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { predictFor } from '../support/fakeNationalize';
import { distinctNames } from '../support/names';
import {
  leadsTable,
  openApp,
  pasteAndEnrich,
  screenshot,
  seenLeads,
  startWorld,
  stopWorld,
  unavailable,
} from './fixtures';
import type { SeenLead, Session, World } from './fixtures';

const names = (leads: SeenLead[]) => leads.map((lead) => lead.name);
const percent = (text: string) => Number(text.replace('%', ''));

/** What the fake answers for a name: its most probable country. */
function topOf(name: string) {
  return predictFor(name).reduce((best, guess) => (guess.probability > best.probability ? guess : best));
}

describe.skipIf(unavailable)('results: tabs, search, sort, paging', () => {
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

  it('filters by status, searches, sorts by probability and pages through 90 leads', async () => {
    session = await openApp(world, 'results');
    const { page } = session;
    const all = distinctNames(90);
    const verified = all.filter((name) => topOf(name).probability >= 0.6);
    const toCheck = all.filter((name) => topOf(name).probability < 0.6);
    // The fake's spread gives both kinds, and more than a page of leads.
    expect(verified.length).toBeGreaterThan(10);
    expect(toCheck.length).toBeGreaterThan(10);

    await pasteAndEnrich(page, all);
    await page.getByText(`90 enriched (${verified.length} Verified, ${toCheck.length} To Check)`).waitFor();

    const tab = (name: string | RegExp) => page.getByRole('tab', { name });
    const pager = page.getByRole('navigation', { name: 'Leads pages' });
    const search = page.getByRole('searchbox', { name: 'Search leads' });

    // All: counts add up; the first page holds 50.
    await tab('All (90)').waitFor();
    await tab(`Verified (${verified.length})`).waitFor();
    await tab(`To Check (${toCheck.length})`).waitFor();
    const [allCount, verifiedCount, toCheckCount] = (
      await page.getByRole('tablist', { name: 'Lead status' }).getByRole('tab').allInnerTexts()
    ).map((label) => Number(/\((\d+)\)/.exec(label)?.[1]));
    expect(verifiedCount! + toCheckCount!).toBe(allCount);
    await pager.getByText('Showing 1–50 of 90', { exact: true }).waitFor();
    await pager.getByText('Page 1 of 2', { exact: true }).waitFor();
    expect(await seenLeads(page)).toHaveLength(50);

    // Verified: only Verified rows, all of them (on one or two pages).
    await tab(/^Verified/).click();
    await expect.poll(() => tab(/^Verified/).getAttribute('aria-selected')).toBe('true');
    const shownVerified = Math.min(verified.length, 50);
    await pager.getByText(`Showing 1–${shownVerified} of ${verified.length}`, { exact: true }).waitFor();
    let rows = await seenLeads(page);
    expect(rows).toHaveLength(shownVerified);
    expect(new Set(rows.map((lead) => lead.status))).toEqual(new Set(['Verified']));
    expect(names(rows).every((name) => verified.includes(name))).toBe(true);
    for (const lead of rows) expect(percent(lead.probability)).toBeGreaterThanOrEqual(60);
    await screenshot(page, '10-results-verified.png');

    // To Check: only To Check rows.
    await tab(/^To Check/).click();
    const shownToCheck = Math.min(toCheck.length, 50);
    await pager.getByText(`Showing 1–${shownToCheck} of ${toCheck.length}`, { exact: true }).waitFor();
    rows = await seenLeads(page);
    expect(rows).toHaveLength(shownToCheck);
    expect(new Set(rows.map((lead) => lead.status))).toEqual(new Set(['To Check']));
    expect(names(rows).every((name) => toCheck.includes(name))).toBe(true);
    for (const lead of rows) expect(percent(lead.probability)).toBeLessThan(60);

    // Search by name, within the To Check tab: counts and rows narrow.
    const garcias = all.filter((name) => name.includes('García'));
    const garciasVerified = garcias.filter((name) => verified.includes(name));
    const garciasToCheck = garcias.filter((name) => toCheck.includes(name));
    expect(garcias).toHaveLength(20);
    await search.fill('garcía');
    await tab(`All (${garcias.length})`).waitFor();
    await tab(`Verified (${garciasVerified.length})`).waitFor();
    await tab(`To Check (${garciasToCheck.length})`).waitFor();
    expect(await tab(/^To Check/).getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => names(await seenLeads(page)).sort()).toEqual([...garciasToCheck].sort());
    await pager
      .getByText(`Showing 1–${garciasToCheck.length} of ${garciasToCheck.length}`, { exact: true })
      .waitFor();
    await screenshot(page, '11-results-search.png');

    // Search by country, over all statuses.
    await tab(/^All/).click();
    const spanish = all.filter((name) => topOf(name).country_id === 'ES');
    expect(spanish.length).toBeGreaterThan(0);
    await search.fill('Spain');
    await tab(`All (${spanish.length})`).waitFor();
    await expect.poll(async () => names(await seenLeads(page)).sort()).toEqual([...spanish].sort());
    for (const lead of await seenLeads(page)) expect(lead.country).toBe('Spain ES');

    // A search that matches nothing says so.
    await search.fill('Nobody Here');
    await page.getByText('No leads match “Nobody Here”.', { exact: true }).waitFor();
    await tab('All (0)').waitFor();
    expect(await pager.count()).toBe(0);

    // Cleared: everything is back.
    await search.fill('');
    await tab('All (90)').waitFor();
    await pager.getByText('Showing 1–50 of 90', { exact: true }).waitFor();

    // Probability, highest first (its first click), then lowest first.
    const probabilities = all.map((name) => Number((topOf(name).probability * 100).toFixed(1)));
    const header = leadsTable(page).getByRole('columnheader', { name: /Probability/ });
    await header.getByRole('button', { name: /Probability/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => percent((await seenLeads(page))[0]!.probability))
      .toBe(Math.max(...probabilities));
    let shown = (await seenLeads(page)).map((lead) => percent(lead.probability));
    expect(shown).toHaveLength(50);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));

    await header.getByRole('button', { name: /Probability/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect
      .poll(async () => percent((await seenLeads(page))[0]!.probability))
      .toBe(Math.min(...probabilities));
    const page1 = await seenLeads(page);
    shown = page1.map((lead) => percent(lead.probability));
    expect(shown).toEqual([...shown].sort((a, b) => a - b));

    // Paging, in that order: page 2 carries on where page 1 stopped.
    const previous = pager.getByRole('button', { name: 'Previous' });
    const next = pager.getByRole('button', { name: 'Next' });
    expect(await previous.isDisabled()).toBe(true);
    await next.click();
    await pager.getByText('Showing 51–90 of 90', { exact: true }).waitFor();
    await pager.getByText('Page 2 of 2', { exact: true }).waitFor();
    const page2 = await seenLeads(page);
    expect(page2).toHaveLength(40);
    expect(names(page2).filter((name) => names(page1).includes(name))).toEqual([]);
    expect(new Set([...names(page1), ...names(page2)])).toEqual(new Set(all));
    const shown2 = page2.map((lead) => percent(lead.probability));
    expect(shown2).toEqual([...shown2].sort((a, b) => a - b));
    expect(shown2[0]).toBeGreaterThanOrEqual(shown.at(-1)!);
    expect(await next.isDisabled()).toBe(true);
    await screenshot(page, '12-results-page2.png');

    await previous.click();
    await pager.getByText('Showing 1–50 of 90', { exact: true }).waitFor();
    expect(names(await seenLeads(page))).toEqual(names(page1));
    expect(await previous.isDisabled()).toBe(true);

    // A new filter starts again at page 1.
    await next.click();
    await pager.getByText('Showing 51–90 of 90', { exact: true }).waitFor();
    await tab(/^To Check/).click();
    await pager.getByText(`Showing 1–${shownToCheck} of ${toCheck.length}`, { exact: true }).waitFor();

    expect(session.pageErrors).toEqual([]);
  });
});
