// Runs that outlive the quota and the app: the cost is shown before a run and the person chooses to queue
// what the quota cannot pay for; a run waiting for quota counts down and finishes by itself once the
// stand-in's window resets; a run interrupted by closing the app is resumed by the next one and finishes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { distinctNames } from '../support/names';
import {
  SMALLEST_WINDOW,
  openApp,
  pasteAndEnrich,
  screenshot,
  startWorld,
  stopWorld,
  unavailable,
  type Session,
  type World,
} from './fixtures';

const DEFAULT_QUOTA = { limit: 100_000, resetSeconds: 86_400 };

const runsPanel = (page: Page) => page.getByRole('region', { name: 'Runs' });
const namesBox = (page: Page) => page.getByRole('textbox', { name: 'Names', exact: true });
/** The text of the element that has the keyboard focus. */
const focusedText = (page: Page) => page.locator(':focus').innerText();
const viewTab = (page: Page, name: string | RegExp) =>
  page.getByRole('tablist', { name: 'Results' }).getByRole('tab', { name });

describe.skipIf(unavailable)('runs: the quota planned, waiting runs, interrupted runs', () => {
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

  it('shows what a run will cost before it starts, and lets the person queue what the quota cannot pay', async () => {
    world.fake.configure({ quota: { limit: 30, resetSeconds: 3600 } });
    session = await openApp(world, 'runs-cost');
    const { page } = session;
    const first = distinctNames(5);
    const next = distinctNames(40, 5);

    // The quota is not known until the API has answered once.
    await namesBox(page).fill(first.join('\n'));
    await page.getByText('5 names to ask · quota left not known yet', { exact: true }).waitFor();
    await namesBox(page).press('Control+Enter');
    await page.getByText(/^5 enriched \(/).waitFor({ timeout: 30_000 });

    // Now it is: 25 names left in this window, and what is already enriched costs nothing.
    await namesBox(page).fill([...first, ...next].join('\n'));
    await page
      .getByText('40 names to ask · 25 left in this window · resets in 1 h', { exact: true })
      .waitFor();
    await page.getByText('5 already enriched: no cost', { exact: true }).waitFor();
    await page
      .getByText('Only 25 can be asked now; the other 15 will wait for the quota to reset.', { exact: true })
      .waitFor();
    await screenshot(page, '70-runs-cost.png');

    // Enrich asks first: part now and the rest queued, or cancel. Keyboard first.
    await namesBox(page).press('Control+Enter');
    const dialog = page.getByRole('dialog', { name: 'Not enough quota for every name' });
    await dialog.waitFor();
    const now = dialog.getByRole('button', {
      name: 'Enrich 25 now and queue 15 until the quota resets (in 1 h)',
    });
    expect(await focusedText(page)).toBe(await now.innerText());
    await screenshot(page, '71-runs-choice.png');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(world.fake.answered).toHaveLength(5); // nothing was asked

    await page.setViewportSize(SMALLEST_WINDOW);
    await namesBox(page).press('Control+Enter');
    await dialog.waitFor();
    await screenshot(page, '72-runs-choice-960.png');
    expect(await focusedText(page)).toBe(await now.innerText());
    await page.keyboard.press('Enter');

    // 25 enriched now, 15 waiting in the run for the reset; nothing failed.
    await page.getByText('Enrich waiting for quota', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.summary-line').innerText()).toMatch(
      /^25 enriched \(\d+ Verified, \d+ To Check\) · 5 already enriched · 0 failed · 0 cancelled · 0 duplicates folded · 15 waiting for quota$/,
    );
    expect(await page.locator('.summary-waiting').innerText()).toMatch(
      /^45 names: 30 enriched, 15 waiting for quota — they will be asked by themselves at .+ \(in 1 h\)\.$/,
    );
    await viewTab(page, 'Failed names (0)').waitFor();
    await runsPanel(page)
      .getByText(/^Waiting for quota · Resumes in 1 h/)
      .waitFor();
    await screenshot(page, '73-runs-queued-960.png');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, '74-runs-queued.png');

    // The API was asked for the 5, then the 25 the quota allowed: never for a name past it.
    expect(world.fake.answered).toHaveLength(30);
    expect(world.fake.log.flat()).toHaveLength(30);
    expect(session.pageErrors).toEqual([]);
  });

  it('counts down a run waiting for quota, which finishes by itself once the window resets', async () => {
    // A window of 20 names that resets every 8 s; the app does not wait out a 429 in the run itself.
    world.fake.configure({ quota: { limit: 20, resetSeconds: 8, rolling: true }, latencyMs: 100 });
    session = await openApp(world, 'runs-waiting', { env: { NATIONALIZE_MAX_WAIT_SECONDS: '0' } });
    const { page } = session;
    const names = distinctNames(45, 100);
    await pasteAndEnrich(page, names);

    // The first window pays for 20; the 25 others wait, with a countdown to the reset.
    await page.getByText('Enrich waiting for quota', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.summary-waiting').innerText()).toMatch(
      /^45 names: 20 enriched, 25 waiting for quota — they will be asked by themselves at /,
    );
    const run = runsPanel(page).getByRole('listitem');
    const countdown = run.getByText(/^Resumes in \d+ s/);
    await countdown.waitFor();
    const before = Number(/(\d+) s/.exec(await countdown.innerText())![1]);
    await screenshot(page, '75-runs-countdown.png');
    await expect
      .poll(async () => Number(/(\d+) s/.exec((await run.innerText()) ?? '')?.[1] ?? 0), { timeout: 5000 })
      .toBeLessThan(before);

    // It goes on by itself when the window resets (twice: 20 more, then the last 5) and finishes.
    await run.getByText(/^Finished at /).waitFor({ timeout: 60_000 });
    expect(await run.innerText()).toContain('45 names: 45 enriched');
    await viewTab(page, 'Leads').click();
    await page.getByRole('tab', { name: 'All (45)', exact: true }).waitFor({ timeout: 30_000 });
    await viewTab(page, 'Failed names (0)').waitFor();
    await page
      .getByText('Since then the run was finished (45 names: 45 enriched).', { exact: true })
      .waitFor();
    await screenshot(page, '76-runs-finished-by-itself.png');

    // Every name was asked once, never twice.
    expect([...world.fake.answered].sort()).toEqual([...names].sort());
    expect(session.pageErrors).toEqual([]);
  });

  it('resumes a run the app was closed in the middle of, in the next app, without asking again', async () => {
    world.fake.configure({ latencyMs: 400 });
    session = await openApp(world, 'runs-interrupted', {
      seed: { nationalize: { baseUrl: world.fake.url, concurrency: 1 } },
    });
    const names = distinctNames(60, 200);
    await pasteAndEnrich(session.page, names);
    const progress = session.page.getByRole('progressbar', { name: 'Enriching names' });
    await expect
      .poll(async () => Number((await progress.getAttribute('aria-valuenow')) ?? 0), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(10);

    // The app closes in the middle of the run: what the API answered is stored, the rest is left open.
    const uri = session.app.config.mongodbUri!;
    await session.close();
    session = undefined;
    const askedBefore = [...world.fake.answered];
    const direct = await mongoose.createConnection(uri).asPromise();
    const stored = new Set(
      (await direct.db!.collection('leads').find({}).toArray()).map((lead) => String(lead.name)),
    );
    const runs = await direct.db!.collection('enrichment_runs').find({}).toArray();
    await direct.close();
    expect(stored.size).toBeGreaterThanOrEqual(10);
    expect(stored.size).toBeLessThan(names.length);
    expect(runs.map((r) => r.state)).toEqual(['interrupted']);

    // The next app on that database goes on with it by itself, and shows it in its Runs panel (slower
    // answers now, so the page is there to see it run).
    world.fake.configure({ latencyMs: 1500 });
    session = await openApp(world, 'runs-interrupted-next', {
      seed: {
        database: { mode: 'uri', uri },
        nationalize: { baseUrl: world.fake.url, concurrency: 1 },
      },
    });
    const { page } = session;
    const run = runsPanel(page).getByRole('listitem');
    await run.waitFor({ timeout: 30_000 });
    await screenshot(page, '77-runs-resuming.png');
    await run.getByText(/^Finished at /).waitFor({ timeout: 60_000 });
    expect(await run.innerText()).toContain(`${names.length} names: ${names.length} enriched`);
    await page.getByRole('tab', { name: `All (${names.length})`, exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(page, '78-runs-resumed.png');

    // The next app asked the API only for the names whose answer was not stored, each once. (A batch in
    // flight when the first app closed was abandoned: its names are among those asked again.)
    const askedAfter = world.fake.log.flat();
    expect(askedAfter.filter((name) => stored.has(name))).toEqual([]);
    expect(new Set([...stored, ...askedAfter])).toEqual(new Set(names));
    expect(askedAfter).toHaveLength(names.length - stored.size);
    expect(askedBefore.every((name) => names.includes(name))).toBe(true);
    const leads = await (await session.app.store()).listLeads({ pageSize: 500 });
    expect(leads.items.map((lead) => lead.name).sort()).toEqual([...names].sort());
    expect(session.pageErrors).toEqual([]);
  });
});
