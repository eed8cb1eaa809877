// Lifecycle of the Electron app: one instance, the core, IPC, the window and a clean shutdown.
import { join } from 'node:path';
import { app, dialog, ipcMain, net, powerMonitor, protocol, type BrowserWindow } from 'electron';
import { config as loadDotenv } from 'dotenv';
import type { EventName } from '@shared/contract';
import { createCoreApp, type CoreApp } from '../core/app';
import { ConfigError, loadConfig, type CoreConfig } from '../core/config';
import { localDatabaseProvider } from '../core/localdb';
import { SettingsService, seedFromEnv } from '../core/settings/service';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppHandler } from './appProtocol';
import { createSenderCheck, registerIpc } from './ipc';
import { exportFilters, withSaveDialog, type AskSavePath } from './saveDialog';
import { configureLog, log, logError } from './log';
import { installMenu } from './menu';
import { rendererTarget, type RendererTarget } from './paths';
import { installSecurity } from './security';
import { registerShellIpc } from './shellIpc';
import { electronSettingsStorage, safeStorageBox } from './settingsStore';
import { watchWake } from './wakeWatch';
import { WindowStateKeeper } from './windowState';
import { createMainWindow } from './window';

/** Quitting must not hang on a database that does not answer. */
const CLOSE_TIMEOUT_MS = 20_000; // the sync run in flight (10 s) and the local database (up to 10 s)

let target: RendererTarget | null = null;
let windowState: WindowStateKeeper | null = null;
let mainWindow: BrowserWindow | null = null;

/** The system's save dialog, over the window, starting in Documents. */
const askSavePath: AskSavePath = async ({ defaultName, format }) => {
  const options = {
    defaultPath: join(app.getPath('documents'), defaultName),
    filters: exportFilters(format),
  };
  const result = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
};
let core: Promise<CoreApp> | null = null;
let quitState: 'running' | 'closing' | 'closed' = 'running';

function fail(err: unknown): void {
  const message = err instanceof ConfigError ? err.message : `Lead Enricher could not start: ${String(err)}`;
  logError(message, err instanceof ConfigError ? undefined : err);
  dialog.showErrorBox('Lead Enricher cannot start', message);
  app.quit();
}

function openWindow(): void {
  if (!target) return;
  const win = createMainWindow(target, windowState?.initial());
  windowState?.track(win);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

function focusWindow(): void {
  if (!mainWindow) return openWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function sendToWindow(event: EventName, payload: unknown): void {
  const win = mainWindow;
  if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(event, payload);
}

async function closeCore(pending: Promise<CoreApp>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`The core did not close within ${CLOSE_TIMEOUT_MS} ms; quitting anyway`);
      resolve();
    }, CLOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([pending.then((c) => c.close()), timeout]);
  } catch (err) {
    logError('Closing the core failed', err);
  } finally {
    clearTimeout(timer);
  }
}

function start(): void {
  let config: CoreConfig;
  let settings: SettingsService;
  try {
    config = loadConfig(process.env);
    // In development a .env seeds the first settings; a packaged app starts from the defaults.
    const seed = app.isPackaged ? null : seedFromEnv(process.env);
    settings = new SettingsService(electronSettingsStorage(), safeStorageBox(), seed);
  } catch (err) {
    return fail(err);
  }
  for (const problem of settings.problems) log(`Settings: ${problem}`);
  target = rendererTarget(app.isPackaged);
  windowState = new WindowStateKeeper();
  installSecurity(target.appOrigin);
  installMenu(app.getPath('logs'));
  if (target.rendererDir) protocol.handle(APP_SCHEME, createAppHandler(target.rendererDir));

  const pending = createCoreApp(config, {
    log,
    settings,
    localDatabase: localDatabaseProvider(app.getPath('userData'), process.env, log),
    backgroundSync: true,
    backgroundRuns: true,
  });
  core = pending;
  // Handlers exist before the window does; a call made while the core starts waits for it.
  registerIpc(
    ipcMain,
    withSaveDialog(async (channel, payload) => (await pending).dispatch(channel, payload), askSavePath),
    createSenderCheck(target.appOrigin),
    log,
  );
  registerShellIpc(ipcMain, dialog, () => mainWindow, createSenderCheck(target.appOrigin), log);
  pending.then((c) => {
    c.subscribe(sendToWindow);
    watchWake({ powerMonitor, isOnline: () => net.isOnline() }, () => c.wake());
  }, fail);
  openWindow();
}

function main(): void {
  // A separate profile (settings, local database, logs) for tests and side-by-side runs; set before anything
  // reads it. The logs folder is otherwise the platform's: in userData, or ~/Library/Logs on macOS.
  const profile = process.env.LEAD_ENRICHER_USER_DATA;
  if (profile) app.setPath('userData', profile);
  app.setAppLogsPath(profile ? join(profile, 'logs') : undefined);
  configureLog({ folder: app.getPath('logs'), console: !app.isPackaged });
  // Before the app is ready, as Electron requires: the built renderer is served on app:// (see appProtocol.ts).
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // Packaged builds take their settings from the real environment only.
  if (!app.isPackaged) loadDotenv({ quiet: true });

  app.on('second-instance', () => {
    if (target) focusWindow();
  });
  app.on('activate', () => {
    if (target && !mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (!core || quitState === 'closed') return;
    // Hold the quit until the core has closed (once), then quit for real.
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    void closeCore(core).finally(() => {
      quitState = 'closed';
      app.quit();
    });
  });
  app.whenReady().then(start).catch(fail);
}

if (app.requestSingleInstanceLock()) main();
else app.quit();
