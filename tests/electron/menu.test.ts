import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ app: { showAboutPanel: vi.fn() }, Menu: {} }));

import { menuTemplate } from '../../src/main/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('offers reload and dev tools only while developing', () => {
    expect(roles(menuTemplate({ isPackaged: false, platform: 'linux' }))).toContain('toggleDevTools');
    const packaged = roles(menuTemplate({ isPackaged: true, platform: 'linux' }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'help']));
  });

  it('adds the app menu on macOS only', () => {
    expect(roles(menuTemplate({ isPackaged: true, platform: 'darwin' }))[0]).toBe('appMenu');
    expect(roles(menuTemplate({ isPackaged: true, platform: 'win32' }))).not.toContain('appMenu');
  });
});
