import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => ({
  app: { showAboutPanel: vi.fn() },
  Menu: {},
  shell: { openPath: vi.fn(async (_path: string) => '') },
}));
vi.mock('electron', () => electron);
const logError = vi.hoisted(() => vi.fn());
vi.mock('../../src/main/log', () => ({ logError }));

import { menuTemplate } from '../../src/main/menu';

const LOGS = '/home/me/.config/lead-enricher/logs';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function helpItem(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const help = template.find((item) => item.role === 'help');
  const submenu = Array.isArray(help?.submenu) ? help.submenu : [];
  const item = submenu.find((entry) => entry.label === label);
  if (!item) throw new Error(`Help has no ${label}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('menuTemplate', () => {
  it('offers reload and dev tools only while developing', () => {
    expect(roles(menuTemplate({ isPackaged: false, platform: 'linux', logsFolder: LOGS }))).toContain(
      'toggleDevTools',
    );
    const packaged = roles(menuTemplate({ isPackaged: true, platform: 'linux', logsFolder: LOGS }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'help']));
  });

  it('adds the app menu on macOS only', () => {
    expect(roles(menuTemplate({ isPackaged: true, platform: 'darwin', logsFolder: LOGS }))[0]).toBe(
      'appMenu',
    );
    expect(roles(menuTemplate({ isPackaged: true, platform: 'win32', logsFolder: LOGS }))).not.toContain(
      'appMenu',
    );
  });
});

describe('Help → Open logs folder', () => {
  let logs: string;

  beforeEach(() => {
    electron.shell.openPath.mockClear();
    logs = join(mkdtempSync(join(tmpdir(), 'lead-enricher-menu-')), 'logs');
  });

  afterEach(() => {
    rmSync(join(logs, '..'), { recursive: true, force: true });
  });

  it('opens the folder the log is written to, creating it when nothing was logged yet', () => {
    const template = menuTemplate({ isPackaged: true, platform: 'linux', logsFolder: logs });
    click(helpItem(template, 'Open logs folder'));
    expect(electron.shell.openPath).toHaveBeenCalledExactlyOnceWith(logs);
    expect(existsSync(logs)).toBe(true);
  });

  it('logs what the system said when the folder cannot be opened', async () => {
    electron.shell.openPath.mockResolvedValueOnce('No application knows how to open it');
    click(
      helpItem(menuTemplate({ isPackaged: true, platform: 'win32', logsFolder: logs }), 'Open logs folder'),
    );
    await vi.waitFor(() =>
      expect(logError).toHaveBeenCalledExactlyOnceWith(
        `Could not open ${logs}: No application knows how to open it`,
      ),
    );
  });

  it('keeps About', () => {
    click(
      helpItem(
        menuTemplate({ isPackaged: true, platform: 'linux', logsFolder: logs }),
        'About Lead Enricher',
      ),
    );
    expect(electron.app.showAboutPanel).toHaveBeenCalledOnce();
  });
});
