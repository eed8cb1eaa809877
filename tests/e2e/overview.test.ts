// The overview as a person uses it: a list enriched against the fake API (each name's country chosen
// here), the charts looked at (screenshots at the usual and the smallest window), a country clicked on
// the ranked bars and on the map, landing on the Leads table filtered to exactly that country's leads;
// then a To Check lead settled by a verdict in its details.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCountry } from '../support/fakeNationalize';
import { distinctNames } from '../support/names';
import {
  SMALLEST_WINDOW,
  leadsTable,
  openApp,
  pasteAndEnrich,
  screenshot,
  seenLeads,
  startWorld,
  stopWorld,
  unavailable,
} from './fixtures';
import type { Session, World } from './fixtures';

/** The test's list: 24 in Germany, 12 in France, 6 in Japan, 3 in Brazil; every third one unsure. */
function plan() {
  const spread: Array<[string, number]> = [
    ['DE', 24],
    ['FR', 12],
    ['JP', 6],
    ['BR', 3],
  ];
  const countries = spread.flatMap(([code, n]) => Array<string>(n).fill(code));
  return distinctNames(countries.length).map((name, i) => ({
    name,
    country: countries[i]!,
    probability: i % 3 === 0 ? 0.42 : 0.81,
  }));
}

describe.skipIf(unavailable)('overview: charts that filter the table', () => {
  let world: World;
  let session: Session | undefined;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  afterEach(async () => {
    if (session) expect(session.pageErrors).toEqual([]);
    await session?.close();
    session = undefined;
  });

  it('shows where the leads come from, and a click on a country lands on its leads', async () => {
    const list = plan();
    const predictions: Record<string, FakeCountry[]> = Object.fromEntries(
      list.map((p) => [
        p.name.toLowerCase(),
        [
          { country_id: p.country, probability: p.probability },
          { country_id: 'AT', probability: 0.1 },
        ],
      ]),
    );
    world.fake.configure({ predictions });
    session = await openApp(world, 'overview');
    const { page } = session;
    const toCheck = list.filter((p) => p.probability < 0.6).length;
    await pasteAndEnrich(
      page,
      list.map((p) => p.name),
    );
    await page
      .getByText(`${list.length} enriched (${list.length - toCheck} Verified, ${toCheck} To Check)`)
      .waitFor();

    await page.getByRole('tab', { name: 'Overview' }).click();
    const bars = page.getByTestId('country-bars');
    await bars.getByText('Germany').waitFor();
    await page.getByText(`Status of ${list.length} leads`).waitFor();
    await screenshot(page, 'overview-1280x800.png');
    await page.getByRole('region', { name: 'How sure the guesses are' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'overview-1280x800-histogram.png');
    // The threshold's handle, moved by keyboard to 85 %: the 30 leads at 81 % would become To Check.
    const handle = page.getByRole('slider', { name: 'Verified threshold' });
    await handle.focus();
    for (let i = 0; i < 25; i++) await handle.press('ArrowRight');
    await page.getByText('At 85 %:').waitFor();
    await page
      .getByText('30 Verified leads would become To Check, 0 To Check leads would become Verified')
      .waitFor();
    await screenshot(page, 'overview-threshold-preview.png');
    await page.getByRole('button', { name: 'Keep 60 %' }).click();

    // The ranked bars: Germany first, with its count; its bar opens the table filtered to Germany.
    await bars.locator('.recharts-bar-rectangle').first().click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Leads' }).getAttribute('aria-selected'))
      .toBe('true');
    await page.getByText('Country: Germany').waitFor();
    await page.getByRole('navigation', { name: 'Leads pages' }).getByText('Showing 1–24 of 24').waitFor();
    const germany = await seenLeads(page);
    expect(germany).toHaveLength(24);
    expect(new Set(germany.map((lead) => lead.country))).toEqual(new Set(['Germany DE']));
    await screenshot(page, 'overview-filtered-germany.png');

    // The chip removes the filter: every lead again.
    await page.getByRole('button', { name: 'Remove filter Country: Germany' }).click();
    await page.getByRole('navigation', { name: 'Leads pages' }).getByText(`of ${list.length}`).waitFor();

    // The runs chart: the one run's bar lands on every lead it added.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByTestId('runs-chart').locator('.recharts-bar-rectangle').first().click();
    await page.getByText(/^Run of /).waitFor();
    await page
      .getByRole('navigation', { name: 'Leads pages' })
      .getByText(`Showing 1–${list.length} of ${list.length}`)
      .waitFor();

    // The map: Brazil is a button with its count; a click lands on Brazil's three leads.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Brazil: 3 leads' }).click();
    await page.getByText('Country: Brazil').waitFor();
    await page.getByRole('navigation', { name: 'Leads pages' }).getByText('Showing 1–3 of 3').waitFor();
    expect((await seenLeads(page)).map((lead) => lead.country)).toEqual(Array(3).fill('Brazil BR'));

    // A To Check lead of Brazil, verified as Austria (its second guess) in its details.
    const unsure = list.find((p) => p.country === 'BR' && p.probability < 0.6)!;
    await leadsTable(page).getByRole('button', { name: unsure.name }).click();
    const details = page.getByRole('dialog', { name: unsure.name });
    await details.getByText('What nationalize.io guessed').waitFor();
    await details.getByRole('radio', { name: /Austria/ }).check();
    await screenshot(page, 'overview-lead-details.png');
    await details.getByRole('button', { name: 'Verify as Austria' }).click();
    await details.waitFor({ state: 'detached' });
    // Brazil's filter now holds two: the third lead is in Austria.
    await page.getByRole('navigation', { name: 'Leads pages' }).getByText('Showing 1–2 of 2').waitFor();

    // At the smallest window the overview still fits its pane (it scrolls; nothing spills sideways).
    await page.setViewportSize(SMALLEST_WINDOW);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByTestId('country-bars').getByText('Germany').waitFor();
    await page.locator('.overview').evaluate((element) => element.scrollTo(0, 0));
    await screenshot(page, 'overview-960x600.png');
    await page.locator('.overview').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await screenshot(page, 'overview-960x600-end.png');
    // The app's colours in dark mode too.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.overview').evaluate((element) => element.scrollTo(0, 0));
    await screenshot(page, 'overview-dark.png');
    const overflow = await page
      .locator('.overview')
      .evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
