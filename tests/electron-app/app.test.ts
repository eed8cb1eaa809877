// The real Electron app, driven by Playwright's _electron: the window opens, the page sees window.api
// and nothing of Node, and an IPC round trip reaches the core. It needs the Electron binary, which
// `npm start` installs on a machine with internet; where there is none, these tests are skipped and say why.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '@shared/api';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';

const ROOT = resolve(import.meta.dirname, '../..');

/** The page's global object as the preload leaves it (callbacks of page.evaluate run in the page). */
type AppWindow = { api: Transport };

/** The Electron binary if it is on disk (never downloads it, unlike require('electron')). */
function electronBinary(): string | null {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, executable) : join(dir, 'dist', executable);
  return existsSync(full) ? full : null;
}

const binary = electronBinary();
const builtMain = join(ROOT, 'out/main/index.js');
const skipReason = !binary
  ? 'no Electron binary on this machine (npm start installs it, with internet)'
  : !existsSync(builtMain)
    ? 'the app is not built (run npm run build)'
    : null;
if (skipReason) console.warn(`Skipping Electron app tests: ${skipReason}`);

describe.skipIf(skipReason)('the Electron app', () => {
  let mongo: TestMongo;
  let fake: FakeNationalize;
  let electronApp: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    mongo = await startTestMongo();
    fake = new FakeNationalize();
    await fake.start();
    electronApp = await _electron.launch({
      executablePath: binary!,
      args: [builtMain, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: {
        ...process.env,
        // A development launch seeds its first settings from the environment, in a user-data folder of its own.
        LEAD_ENRICHER_USER_DATA: mkdtempSync(join(tmpdir(), 'lead-enricher-electron-')),
        MONGODB_URI: mongo.uri('electron'),
        NATIONALIZE_BASE_URL: fake.url,
      },
    });
    page = await electronApp.firstWindow();
  });

  afterAll(async () => {
    await electronApp?.close();
    await fake?.stop();
    await mongo?.stop();
  });

  it('opens one window with the app, served on app://', async () => {
    await page.getByRole('button', { name: 'Enrich' }).waitFor();
    expect(await page.title()).toBe('Lead Enricher');
    expect(page.url()).toBe('app://lead-enricher/index.html');
    expect(electronApp.windows()).toHaveLength(1);
  });

  it('answers 404 for a path outside the renderer folder', async () => {
    const status = await page.evaluate(() =>
      fetch('app://lead-enricher/..%2fmain%2findex.js').then((response) => response.status),
    );
    expect(status).toBe(404);
  });

  it('gives the page window.api and nothing of Node or Electron', async () => {
    const seen = await page.evaluate(() => ({
      api: Object.keys((globalThis as unknown as AppWindow).api).sort(),
      functions: Object.values((globalThis as unknown as AppWindow).api).every(
        (f) => typeof f === 'function',
      ),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(seen.api).toEqual(['invoke', 'subscribe']);
    expect(seen).toMatchObject({
      functions: true,
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  it('answers an IPC round trip from the core, and rejects a bad payload with a typed error', async () => {
    const status = await page.evaluate(() =>
      (globalThis as unknown as AppWindow).api.invoke('status:get', {}),
    );
    expect(status).toMatchObject({ ok: true, data: { database: { mode: 'uri' } } });
    const summary = await page.evaluate(() =>
      (globalThis as unknown as AppWindow).api.invoke('enrich:start', { text: 'Ada Lovelace\n12345' }),
    );
    expect(summary).toMatchObject({
      ok: true,
      data: { enriched: 1, failed: [{ name: '12345', code: 'invalid_name' }] },
    });
    // The error crosses contextBridge as data, code included.
    const error = await page.evaluate(() =>
      (globalThis as unknown as AppWindow).api.invoke('leads:list', { page: 0 }),
    );
    expect(error).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
