import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '@shared/contract';
import { SHELL_CHANNELS } from '@shared/shell';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const handlers = new Map<string, Listener>();
  const win = {
    on: vi.fn(),
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => false),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
    webContents: { send: vi.fn(), isDestroyed: vi.fn(() => false) },
  };
  const core = {
    dispatch: vi.fn(async () => ({ ok: true, data: 'from core' })),
    subscribe: vi.fn(),
    wake: vi.fn(),
    close: vi.fn(async () => {}),
  };
  return {
    appListeners,
    handlers,
    win,
    core,
    electron: {
      app: {
        isPackaged: false,
        requestSingleInstanceLock: vi.fn(() => true),
        on: vi.fn((event: string, listener: Listener) => appListeners.set(event, listener)),
        whenReady: vi.fn(() => Promise.resolve()),
        getPath: vi.fn((name: string) => `/tmp/lead-enricher-${name}`),
        setPath: vi.fn(),
        setAppLogsPath: vi.fn(),
        quit: vi.fn(),
      },
      dialog: { showErrorBox: vi.fn() },
      powerMonitor: { on: vi.fn(), off: vi.fn() },
      net: { isOnline: vi.fn(() => true) },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      ipcMain: {
        handle: vi.fn((channel: string, listener: Listener) => handlers.set(channel, listener)),
        removeHandler: vi.fn(),
      },
    },
    createMainWindow: vi.fn(() => win),
    createCoreApp: vi.fn(async () => core),
    installSecurity: vi.fn(),
    installMenu: vi.fn(),
    log: { configureLog: vi.fn(), log: vi.fn(), logError: vi.fn() },
  };
});

vi.mock('electron', () => h.electron);
vi.mock('dotenv', () => ({ config: vi.fn() }));
vi.mock('../../src/main/window', () => ({ createMainWindow: h.createMainWindow }));
vi.mock('../../src/main/security', () => ({ installSecurity: h.installSecurity }));
vi.mock('../../src/main/menu', () => ({ installMenu: h.installMenu }));
vi.mock('../../src/main/log', () => h.log);
vi.mock('../../src/core/app', () => ({ createCoreApp: h.createCoreApp }));
// The settings file and the keychain need a real Electron app: the core's settings are tested on their own.
vi.mock('../../src/main/settingsStore', async () => {
  const { NO_SECRET_BOX } = await import('../../src/core/settings/service');
  const { MemorySettingsStorage } = await import('../../src/bridge/memorySettings');
  return { electronSettingsStorage: () => new MemorySettingsStorage(), safeStorageBox: () => NO_SECRET_BOX };
});
vi.mock('../../src/main/windowState', () => ({
  WindowStateKeeper: class {
    initial = () => ({ bounds: { width: 1000, height: 700 }, maximized: false });
    track = vi.fn();
  },
}));
vi.mock('../../src/core/localdb', () => ({
  localDatabaseProvider: vi.fn(() => ({ start: vi.fn(), stop: vi.fn() })),
}));

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function boot(): Promise<void> {
  vi.resetModules();
  await import('../../src/main/lifecycle');
  await tick();
}

function emitApp(event: string, ...args: unknown[]): unknown {
  return h.appListeners.get(event)!(...args);
}

beforeEach(() => {
  vi.clearAllMocks();
  h.appListeners.clear();
  h.handlers.clear();
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
  vi.stubEnv('MONGODB_URI', '');
  vi.stubEnv('URI', '');
  vi.stubEnv('LEAD_ENRICHER_USER_DATA', '');
  vi.stubEnv('NATIONALIZE_CONCURRENCY', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('main process lifecycle', () => {
  it('secures the session, builds the core, serves IPC and opens the window', async () => {
    await boot();
    expect(h.installSecurity).toHaveBeenCalledExactlyOnceWith('http://localhost:5173');
    expect(h.createCoreApp).toHaveBeenCalledOnce();
    expect(h.createCoreApp.mock.calls[0]).toMatchObject([
      { mongodbUri: null },
      {
        log: expect.any(Function),
        settings: expect.objectContaining({ problems: [] }),
        localDatabase: expect.objectContaining({ start: expect.any(Function) }),
        backgroundSync: true,
        backgroundRuns: true,
      },
    ]);
    // The core's operations, and the shell's own (the open dialog).
    expect(h.handlers.size).toBe(CHANNELS.length + SHELL_CHANNELS.length);
    expect(h.createMainWindow).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ url: 'http://localhost:5173/' }),
      { bounds: { width: 1000, height: 700 }, maximized: false },
    );
    expect(h.installSecurity.mock.invocationCallOrder[0]).toBeLessThan(
      h.createMainWindow.mock.invocationCallOrder[0]!,
    );
  });

  it('serves the built renderer on app:// when there is no dev server, and loads it from there', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await boot();
    const { protocol } = h.electron;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    // Privileges must be registered before the app is ready, the handler once it is.
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      h.electron.app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    expect(h.installSecurity).toHaveBeenCalledExactlyOnceWith('app://lead-enricher');
    expect(h.createMainWindow).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ url: 'app://lead-enricher/index.html' }),
      expect.anything(),
    );
    expect(protocol.handle.mock.invocationCallOrder[0]).toBeLessThan(
      h.createMainWindow.mock.invocationCallOrder[0]!,
    );
    // The handler serves the renderer folder next to the main bundle (src/renderer under Vitest).
    const handler = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    const page = await handler(new Request('app://lead-enricher/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Lead Enricher</title>');
    expect((await handler(new Request('app://lead-enricher/..%2f..%2fpackage.json'))).status).toBe(404);

    const event = { senderFrame: { url: 'app://lead-enricher/index.html', parent: null } };
    await expect(h.handlers.get('status:get')!(event, {})).resolves.toEqual({ ok: true, data: 'from core' });
  });

  it('serves nothing on app:// while the dev server serves the page', async () => {
    await boot();
    expect(h.electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('logs to a file in the logs folder, with the console while developing, and names it in the menu', async () => {
    await boot();
    expect(h.electron.app.setAppLogsPath).toHaveBeenCalledExactlyOnceWith(undefined);
    expect(h.log.configureLog).toHaveBeenCalledExactlyOnceWith({
      folder: '/tmp/lead-enricher-logs',
      console: true,
    });
    expect(h.installMenu).toHaveBeenCalledExactlyOnceWith('/tmp/lead-enricher-logs');
  });

  it('keeps a separate profile, logs included, in LEAD_ENRICHER_USER_DATA', async () => {
    vi.stubEnv('LEAD_ENRICHER_USER_DATA', '/tmp/profile-a');
    await boot();
    expect(h.electron.app.setPath).toHaveBeenCalledWith('userData', '/tmp/profile-a');
    expect(h.electron.app.setAppLogsPath).toHaveBeenCalledExactlyOnceWith(join('/tmp/profile-a', 'logs'));
    expect(h.electron.app.setAppLogsPath.mock.invocationCallOrder[0]).toBeGreaterThan(
      h.electron.app.setPath.mock.invocationCallOrder[0]!,
    );
  });

  it('dispatches IPC calls from the app page to the core', async () => {
    await boot();
    const event = {
      senderFrame: { url: 'http://localhost:5173/', parent: null },
    } as unknown as IpcMainInvokeEvent;
    await expect(h.handlers.get('status:get')!(event, {})).resolves.toEqual({ ok: true, data: 'from core' });
    expect(h.core.dispatch).toHaveBeenCalledWith('status:get', {});
  });

  it('forwards core events to a live window only', async () => {
    await boot();
    const listener = h.core.subscribe.mock.calls[0]![0] as Listener;
    listener('status:changed', { activeRunId: null });
    expect(h.win.webContents.send).toHaveBeenCalledExactlyOnceWith('status:changed', { activeRunId: null });

    h.win.isDestroyed.mockReturnValueOnce(true);
    listener('status:changed', {});
    expect(h.win.webContents.send).toHaveBeenCalledOnce();
  });

  it('wakes the core when the computer resumes from sleep', async () => {
    await boot();
    const resume = h.electron.powerMonitor.on.mock.calls.find(
      ([event]) => event === 'resume',
    )![1] as Listener;
    resume();
    expect(h.core.wake).toHaveBeenCalledOnce();
  });

  it('shows a bad setting and quits without starting anything', async () => {
    vi.stubEnv('NATIONALIZE_CONCURRENCY', 'lots');
    await boot();
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    expect(h.electron.dialog.showErrorBox.mock.calls[0]![1]).toContain('NATIONALIZE_CONCURRENCY');
    expect(h.electron.app.quit).toHaveBeenCalledOnce();
    expect(h.createCoreApp).not.toHaveBeenCalled();
    expect(h.createMainWindow).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock', async () => {
    h.electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await boot();
    expect(h.electron.app.quit).toHaveBeenCalledOnce();
    expect(h.electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    await boot();
    h.win.isMinimized.mockReturnValueOnce(true);
    emitApp('second-instance');
    expect(h.win.restore).toHaveBeenCalledOnce();
    expect(h.win.focus).toHaveBeenCalledOnce();
    expect(h.createMainWindow).toHaveBeenCalledOnce();
  });

  it('closes the core once before quitting', async () => {
    await boot();
    const first = { preventDefault: vi.fn() };
    emitApp('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();

    const again = { preventDefault: vi.fn() };
    emitApp('before-quit', again); // quitting twice while the core closes must still wait
    expect(again.preventDefault).toHaveBeenCalledOnce();

    await tick();
    expect(h.core.close).toHaveBeenCalledOnce();
    expect(h.electron.app.quit).toHaveBeenCalledOnce();

    const last = { preventDefault: vi.fn() };
    emitApp('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(h.core.close).toHaveBeenCalledOnce();
  });

  it('quits when the last window closes, except on macOS', async () => {
    await boot();
    emitApp('window-all-closed');
    expect(h.electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
