// One browser-test world: a MongoDB-compatible server, the fake nationalize.io, a webhook receiver,
// Chromium. Each test gets a fresh core on an empty database, served to a new page by the browser bridge.
import type { Browser, Page } from 'playwright-core';
import type { SettingsUpdate } from '@shared/contract';
import { parsePaste } from '@shared/names';
import type { Bridge } from '../../src/bridge/server';
import { createCoreApp, type CoreApp } from '../../src/core/app';
import { loadConfig } from '../../src/core/config';
import { SettingsService } from '../../src/core/settings/service';
import { MemorySettingsStorage } from '../../src/bridge/memorySettings';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { fakeSafeStorage } from '../support/secretBox';
import { WebhookReceiver } from '../support/webhookReceiver';
import { artifactPath, browserUnavailable, launchBrowser, serveRenderer } from './browser';

export const WEBHOOK_SECRET = 'e2e-webhook-secret';

/** Why these tests cannot run here (they are then skipped, saying so), or null. In CI that is a failure. */
export const unavailable = browserUnavailable();
if (unavailable && process.env.CI) throw new Error(`Browser tests cannot run in CI: ${unavailable}`);
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

export interface World {
  mongo: TestMongo;
  fake: FakeNationalize;
  receiver: WebhookReceiver;
  browser: Browser;
}

export async function startWorld(): Promise<World> {
  const mongo = await startTestMongo();
  const fake = new FakeNationalize({ latencyMs: 60, quota: { limit: 100_000, resetSeconds: 86_400 } });
  await fake.start();
  const receiver = new WebhookReceiver(WEBHOOK_SECRET);
  await receiver.start();
  const browser = await launchBrowser();
  return { mongo, fake, receiver, browser };
}

export async function stopWorld(world: Partial<World>): Promise<void> {
  await world.browser?.close();
  await world.receiver?.stop();
  await world.fake?.stop();
  await world.mongo?.stop();
}

export interface Session {
  app: CoreApp;
  bridge: Bridge;
  page: Page;
  /** JavaScript errors the page threw: a test fails on any. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Changes to the starting settings. */
  seed?: SettingsUpdate;
  /** The environment's limits and timeouts (NATIONALIZE_MAX_WAIT_SECONDS...), over the tests' own. */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

/** The window size the app opens at; the smallest it allows is 960 × 600 (src/main/window.ts). */
export const WINDOW = { width: 1280, height: 800 };
export const SMALLEST_WINDOW = { width: 960, height: 600 };

/**
 * An app on the database `label` names (empty unless an earlier app of the test used it; webhook CRM
 * pointed at the world's receiver), built as the desktop app builds its core (settings, background sync
 * and runs), opened in a new page. The page is loaded and the main screen is showing.
 */
export async function openApp(world: World, label: string, options: OpenOptions = {}): Promise<Session> {
  world.fake.resetCounters();
  const settings = new SettingsService(new MemorySettingsStorage(), fakeSafeStorage(), {
    firstRunDone: true,
    database: { mode: 'uri', uri: world.mongo.uri(label) },
    nationalize: { baseUrl: world.fake.url, concurrency: 2 },
    crm: { mode: 'webhook', webhookUrl: world.receiver.url, webhookSecret: WEBHOOK_SECRET },
    ...options.seed,
  });
  const app = await createCoreApp(loadConfig({ NATIONALIZE_MAX_ATTEMPTS: '2', ...options.env }), {
    dbTimeoutMs: 2000,
    settings,
    backgroundSync: true,
    backgroundRuns: true,
  });
  const bridge = await serveRenderer(app);
  const page = await world.browser.newPage({ viewport: options.viewport ?? WINDOW });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(bridge.url);
  await page.getByRole('button', { name: 'Enrich' }).waitFor();
  await page
    .getByText(/^Connected/)
    .first()
    .waitFor();
  return {
    app,
    bridge,
    page,
    pageErrors,
    async close() {
      await page.close();
      await bridge.close();
      await app.close();
    },
  };
}

/**
 * Pastes names into the paste area and starts the run with Ctrl+Enter, as a person does. A paste with
 * something to decide (a refused entry, a table) opens the review first: it is accepted as it is.
 */
export async function pasteAndEnrich(page: Page, names: readonly string[] | string): Promise<void> {
  const text = typeof names === 'string' ? names : names.join('\n');
  const box = page.getByRole('textbox', { name: 'Names', exact: true });
  await box.fill(text);
  await box.press('Control+Enter');
  const parsed = parsePaste(text);
  if (parsed.invalid.length > 0 || parsed.table) await confirmReview(page);
}

/** Presses Enrich in the review once it has read the paste or file. */
export async function confirmReview(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: /^Review / });
  await dialog.getByRole('button', { name: /^Enrich/, disabled: false }).click();
}

/** The summary line of the last run ("40 enriched (25 Verified, 15 To Check) · …"). */
export function runSummary(page: Page) {
  return page.getByText(/\d+ enriched \(/).first();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: await artifactPath(name) });
}

/** One row of the leads table as a person reads it. */
export interface SeenLead {
  name: string;
  country: string;
  probability: string;
  status: string;
}

export function leadsTable(page: Page) {
  return page.getByRole('table', { name: 'Leads' });
}

/** The rows of the leads table, read in one go (cells of a row are tab-separated in innerText). */
export async function seenLeads(page: Page): Promise<SeenLead[]> {
  // The rows of the view asked for, not the previous view's still shown (the table is busy meanwhile:
  // its counts are a query of their own and can arrive first).
  await leadsTable(page).and(page.locator('[aria-busy="false"]')).waitFor();
  const texts = await leadsTable(page).locator('tbody tr').allInnerTexts();
  return texts.map((text) => {
    // The first cell is the row's checkbox.
    const [, name = '', country = '', probability = '', status = ''] = text
      .split('\t')
      .map((cell) => cell.replace(/\s+/g, ' ').trim());
    return { name, country, probability, status };
  });
}
