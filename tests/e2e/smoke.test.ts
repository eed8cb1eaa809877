// The production renderer in Chromium against the real core: paste, enrich, see results and failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CoreApp } from '../../src/core/app';
import type { Bridge } from '../../src/bridge/server';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { settingsApp } from '../support/app';
import { artifactPath, browserUnavailable, launchBrowser, serveRenderer } from './browser';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI) throw new Error(`Browser tests cannot run in CI: ${unavailable}`);
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

describe.skipIf(unavailable)('renderer in Chromium', () => {
  let mongo: TestMongo;
  let fake: FakeNationalize;
  let app: CoreApp;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mongo = await startTestMongo();
    fake = new FakeNationalize({ latencyMs: 120, quota: { limit: 1000, resetSeconds: 86_400 } });
    await fake.start();
    ({ app } = await settingsApp(
      {
        database: { mode: 'uri', uri: mongo.uri('e2e') },
        nationalize: { baseUrl: fake.url, concurrency: 2 },
      },
      { backgroundSync: true },
    ));
    bridge = await serveRenderer(app);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await app?.close();
    await fake?.stop();
    await mongo?.stop();
  });

  it('pastes names, shows the classified results and the failed names with their reasons', async () => {
    await page.goto(bridge.url);
    await expect.poll(() => page.getByText('Connected').count()).toBeGreaterThan(0);

    const names = [
      'Ada Lovelace',
      'José García',
      'ada lovelace',
      '王伟',
      "Seán O'Brien",
      ...Array.from({ length: 36 }, (_, i) => `Person ${String.fromCharCode(65 + (i % 26))}${i}`),
      '12345',
      'Qzzzq',
    ];
    await page.getByRole('textbox', { name: 'Names', exact: true }).fill(names.join('\n'));
    await expect
      .poll(() => page.locator('.paste-count').innerText())
      .toMatch(/41 names detected\s*·\s*1 duplicate folded\s*·\s*1 invalid/);
    await page.screenshot({ path: await artifactPath('01-paste.png') });

    await page.getByRole('textbox', { name: 'Names', exact: true }).press('Control+Enter');
    await page.getByRole('progressbar').waitFor();
    await page.screenshot({ path: await artifactPath('02-progress.png') });

    // 40 leads: the table's first page is full and the counts add up.
    await page.getByText(/40 enriched/).waitFor({ timeout: 30_000 });
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(40);
    await expect.poll(() => page.getByRole('tab', { name: /^All \(40\)/ }).count()).toBe(1);
    const adaRow = page.locator('tr', { hasText: 'Ada Lovelace' });
    await expect.poll(() => adaRow.count()).toBe(1);
    expect(await adaRow.innerText()).toMatch(/%/);
    await page.screenshot({ path: await artifactPath('03-results.png') });

    await page.getByRole('tab', { name: /Failed names/ }).click();
    const failed = page.locator('tr', { hasText: '12345' });
    await failed.waitFor();
    expect(await failed.innerText()).toContain('Invalid name: contains no letter');
    expect(await page.locator('tr', { hasText: 'Qzzzq' }).innerText()).toContain('No prediction');
    await page.screenshot({ path: await artifactPath('04-failed-names.png') });
  });

  it('Sync now sends the verified leads to the CRM and the table shows them synced', async () => {
    await page.getByRole('tab', { name: 'CRM sync' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/Sync finished: 25 claimed · 25 delivered · 0 failed/).waitFor();
    await expect
      .poll(() => page.getByText(/\[CRM Sync\] Sending verified lead Ada Lovelace to Sales Team/).count())
      .toBe(1);
    await page.screenshot({ path: await artifactPath('05-crm-sync.png') });

    await page.getByRole('tab', { name: 'Leads' }).click();
    const adaRow = page.locator('tr', { hasText: 'Ada Lovelace' });
    await expect.poll(() => adaRow.innerText()).toMatch(/Synced/);
    await page.screenshot({ path: await artifactPath('06-results-synced.png') });
  });
});
