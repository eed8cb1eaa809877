// The application menu: the platform's usual roles; reload and dev tools only while developing; Help opens
// the logs folder (what support asks for first).
import { mkdirSync } from 'node:fs';
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { logError } from './log';

export interface MenuOptions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** The folder the log is written to (see log.ts). */
  logsFolder: string;
}

function openFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true }); // nothing may have been logged yet
  } catch (err) {
    return logError(`Could not create ${folder}`, err);
  }
  void shell.openPath(folder).then((problem) => {
    if (problem) logError(`Could not open ${folder}: ${problem}`);
  });
}

export function menuTemplate({
  isPackaged,
  platform,
  logsFolder,
}: MenuOptions): MenuItemConstructorOptions[] {
  const devItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => openFolder(logsFolder) },
        { type: 'separator' },
        { label: 'About Lead Enricher', click: () => app.showAboutPanel() },
      ],
    },
  ];
}

export function installMenu(logsFolder: string): void {
  app.setAboutPanelOptions({ applicationName: 'Lead Enricher', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ isPackaged: app.isPackaged, platform: process.platform, logsFolder }),
    ),
  );
}
