// When names cannot be enriched: the failed names view with each reason, the API's rate limit (waited
// out, or too far away), server errors, and retrying failed names one at a time or all at once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, pasteAndEnrich, screenshot, startWorld, stopWorld, unavailable } from './fixtures';
import type { Session, World } from './fixtures';

const DEFAULT_QUOTA = { limit: 100_000, resetSeconds: 86_400 };

/** The rows of the failed names table as [name, reason], read in one go. */
async function seenFailures(page: Page): Promise<Array<[string, string]>> {
  const texts = await page.getByRole('table', { name: 'Failed names' }).locator('tbody tr').allInnerTexts();
  return texts.map((text) => {
    const [, name = '', reason = ''] = text.split('\t').map((cell) => cell.trim());
    return [name, reason];
  });
}

async function seenLeadNames(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Leads' }).locator('tbody tr');
  return (await rows.getByRole('rowheader').allInnerTexts()).map((name) => name.trim());
}

const viewTab = (page: Page, name: string | RegExp) =>
  page.getByRole('tablist', { name: 'Results' }).getByRole('tab', { name });

/** The whole summary line of the last run, once it reads `text`. */
const summaryLine = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor();

/** Twelve distinct, valid names: two batches. */
const TEAM = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Frances Allen',
  'John Backus',
  'Radia Perlman',
  'Tim Berners-Lee',
  'Margaret Hamilton',
];

describe.skipIf(unavailable)('failures: reasons, rate limits, retry', () => {
  let world: World;
  let session: Session | undefined;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await stopWorld(world ?? {});
  });

  afterEach(async () => {
    world.fake.configure({ quota: DEFAULT_QUOTA, latencyMs: 60 });
    await session?.close();
    session = undefined;
  });

  it('lists each failed name with its reason', async () => {
    session = await openApp(world, 'failures-reasons');
    const { page } = session;
    await pasteAndEnrich(page, ['Ada Lovelace', '12345', '---', 'Qzzzq', 'Mazzzini Rossi']);
    await summaryLine(
      page,
      '1 enriched (1 Verified, 0 To Check) · 0 already enriched · 4 failed · 0 cancelled · 0 duplicates folded',
    );
    await viewTab(page, 'Failed names (4)').waitFor();

    await page.getByRole('button', { name: 'Show failed names' }).click();
    await expect.poll(() => viewTab(page, /^Failed names/).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('table', { name: 'Failed names' }).waitFor();
    const noPrediction = 'No prediction: nationalize.io has no country for this name';
    expect((await seenFailures(page)).sort()).toEqual([
      ['---', 'Not a name: a placeholder for a missing value'],
      ['12345', 'Invalid name: contains no letter'],
      ['Mazzzini Rossi', noPrediction],
      ['Qzzzq', noPrediction],
    ]);
    await page.getByText('4 failed names', { exact: true }).waitFor();
    // The run filter names the run; an entry refused for its text can only be dismissed (retrying cannot
    // help), and a name the API had no prediction for is asked again rather than given the same answer.
    expect(await page.getByRole('combobox', { name: 'Run' }).locator('option').allInnerTexts()).toEqual([
      'All runs',
      expect.stringMatching(/ · Paste$/),
    ]);
    for (const name of ['12345', '---']) {
      expect(await page.getByRole('button', { name: `Retry ${name}`, exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: `Dismiss ${name}`, exact: true }).isEnabled()).toBe(true);
    }
    for (const name of ['Qzzzq', 'Mazzzini Rossi']) {
      const button = page.getByRole('button', { name: `Ask again for ${name}`, exact: true });
      expect(await button.isEnabled()).toBe(true);
    }
    await screenshot(page, '60-failures-reasons.png');

    // The API was asked only for the names with letters.
    expect(world.fake.log.flat().sort()).toEqual(['Ada Lovelace', 'Mazzzini Rossi', 'Qzzzq']);
    const stored = await (await session.app.store()).listFailures();
    expect(stored.items.map((f) => [f.name, f.code]).sort()).toEqual([
      ['---', 'placeholder'],
      ['12345', 'invalid_name'],
      ['Mazzzini Rossi', 'no_prediction'],
      ['Qzzzq', 'no_prediction'],
    ]);
    expect(session.pageErrors).toEqual([]);
  });

  it('waits out a short rate limit (429) and enriches every name', async () => {
    session = await openApp(world, 'failures-429');
    const { page } = session;
    world.fake.injectFailures({
      status: 429,
      body: { error: 'Request limit reached' },
      headers: { 'X-Rate-Limit-Reset': '1' },
    });
    await pasteAndEnrich(page, TEAM);
    await page.getByText(/^12 enriched \(/).waitFor({ timeout: 30_000 });
    const line = await page.getByText(/^12 enriched \(\d+ Verified, \d+ To Check\) · /).innerText();
    expect(line).toMatch(/ · 0 already enriched · 0 failed · 0 cancelled · 0 duplicates folded$/);
    // The run waited for the reset the API gave (1 s) before asking again.
    const took = await page.getByText(/^Enrich finished in /).innerText();
    expect(took).toMatch(/^Enrich finished in \d+\.\d s$/);
    expect(Number(/in ([\d.]+) s/.exec(took)![1])).toBeGreaterThanOrEqual(1);

    await page.getByRole('tab', { name: 'All (12)' }).waitFor();
    expect((await seenLeadNames(page)).sort()).toEqual([...TEAM].sort());
    await viewTab(page, 'Failed names (0)').click();
    await page.getByText('No failed names.', { exact: true }).waitFor();

    // Two batches, one of them asked twice.
    expect(world.fake.requests).toBe(3);
    expect(world.fake.log.flat().sort()).toEqual([...TEAM, ...world.fake.log[0]!].sort());
    expect((await (await session.app.store()).listFailures()).items).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  it('queues the names when the quota is spent until a reset far away, and says when they will be asked', async () => {
    session = await openApp(world, 'failures-quota');
    const { page } = session;
    world.fake.configure({ quota: { limit: 100, remaining: 0, resetSeconds: 3 * 3600 } });
    // ("Jr" would be stripped as a suffix, folding each into its namesake: a double-barrelled name is distinct.)
    const names = [...TEAM, ...TEAM.map((name) => `${name}-Smith`), 'Anita Borg', 'Shafi Goldwasser'];
    expect(names).toHaveLength(26); // three batches
    await pasteAndEnrich(page, names);
    // Nothing failed: every name waits in the run for the quota to reset.
    await page.getByText('Enrich waiting for quota', { exact: true }).waitFor({ timeout: 30_000 });
    await summaryLine(
      page,
      '0 enriched (0 Verified, 0 To Check) · 0 already enriched · 0 failed · 0 cancelled · 0 duplicates folded · 26 waiting for quota',
    );
    const waiting = await page.locator('.summary-waiting').innerText();
    expect(waiting).toMatch(
      /^26 names: 0 enriched, 26 waiting for quota — they will be asked by themselves at .+ \(in 3 h\)\.$/,
    );
    await page.getByRole('tab', { name: 'All (0)' }).waitFor();
    await viewTab(page, 'Failed names (0)').waitFor();
    // The status bar shows the quota the API reported.
    await page.getByText('Quota left: 0 of 100 (resets in 3 h)', { exact: true }).waitFor();
    // The run is in the Runs panel, with its countdown and a Cancel.
    const runs = page.getByRole('region', { name: 'Runs' });
    await runs.getByText(/^Waiting for quota · Resumes in 3 h/).waitFor();
    expect(await runs.getByRole('listitem').innerText()).toContain(
      '26 names: 0 enriched, 26 waiting for quota',
    );
    await screenshot(page, '63-failures-quota.png');
    // Once the API said the quota was spent, no other batch was sent (two were in flight: concurrency 2).
    expect(world.fake.requests).toBe(2);

    // Cancelled from the panel: the run ends, its names cancelled, nothing more asked.
    await runs.getByRole('button', { name: /^Cancel the run: / }).click();
    await runs.getByText('Cancelled', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await runs.getByRole('listitem').innerText()).toContain('26 names: 0 enriched, 26 cancelled');
    await page
      .getByText('Since then the run was cancelled (26 names: 0 enriched, 26 cancelled).', { exact: true })
      .waitFor();
    await screenshot(page, '64-failures-quota-cancelled.png');
    expect(world.fake.requests).toBe(2);
    expect(session.pageErrors).toEqual([]);
  });

  it('retries names that failed with server errors, one row and then all', async () => {
    session = await openApp(world, 'failures-retry');
    const { page } = session;
    // Two batches, two attempts each (NATIONALIZE_MAX_ATTEMPTS=2 in tests): four 503s fail them all.
    const unavailable503 = { status: 503, body: { error: 'Service unavailable' } };
    world.fake.injectFailures(unavailable503, unavailable503, unavailable503, unavailable503);
    await pasteAndEnrich(page, TEAM);
    await summaryLine(
      page,
      '0 enriched (0 Verified, 0 To Check) · 0 already enriched · 12 failed · 0 cancelled · 0 duplicates folded',
    );
    expect(world.fake.requests).toBe(4);
    await viewTab(page, 'Failed names (12)').waitFor();

    await viewTab(page, /^Failed names/).click();
    await page.getByText('12 failed names', { exact: true }).waitFor();
    const failures = await seenFailures(page);
    expect(failures.map(([name]) => name).sort()).toEqual([...TEAM].sort());
    expect(new Set(failures.map(([, reason]) => reason))).toEqual(
      new Set(['The API answered with an error (503: Service unavailable) after 2 attempts']),
    );
    await screenshot(page, '61-failures-503.png');

    // Retry one row: that name is enriched and leaves the list.
    await page.getByRole('button', { name: 'Retry Ada Lovelace', exact: true }).click();
    await page.getByText(/^Retry finished in /).waitFor();
    await page
      .getByText(/^1 enriched \(\d Verified, \d To Check\) · 0 already enriched · 0 failed · /)
      .waitFor();
    await viewTab(page, 'Failed names (11)').waitFor();
    await page.getByText('11 failed names', { exact: true }).waitFor();
    expect((await seenFailures(page)).map(([name]) => name)).not.toContain('Ada Lovelace');
    await viewTab(page, 'Leads').click();
    await page.getByRole('tab', { name: 'All (1)' }).waitFor();
    expect(await seenLeadNames(page)).toEqual(['Ada Lovelace']);

    // Retry all: the rest are enriched, nothing is left to retry.
    await viewTab(page, /^Failed names/).click();
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page
      .getByText(
        /^11 enriched \(\d+ Verified, \d+ To Check\) · 0 already enriched · 0 failed · 0 cancelled · /,
      )
      .waitFor();
    await viewTab(page, 'Failed names (0)').waitFor();
    await page.getByText('No failed names.', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Retry all' }).isDisabled()).toBe(true);
    await screenshot(page, '62-failures-retry-summary.png');

    await viewTab(page, 'Leads').click();
    await page.getByRole('tab', { name: 'All (12)' }).waitFor();
    expect((await seenLeadNames(page)).sort()).toEqual([...TEAM].sort());

    const store = await session.app.store();
    expect((await store.listFailures()).items).toEqual([]);
    expect((await store.countLeads()).all).toBe(12);
    // 4 failed requests, 1 for Ada, 2 batches for the other 11.
    expect(world.fake.requests).toBe(7);
    expect(session.pageErrors).toEqual([]);
  });
});
