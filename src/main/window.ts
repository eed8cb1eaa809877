// The one application window, locked down: the page gets only what the preload exposes.
import { BrowserWindow } from 'electron';
import { logError } from './log';
import { preloadPath, type RendererTarget } from './paths';

export interface WindowGeometry {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export function createMainWindow(
  target: RendererTarget,
  geometry: WindowGeometry = { bounds: { width: 1280, height: 800 }, maximized: false },
): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Lead Enricher',
    ...geometry.bounds,
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so there is no white flash.
    show: false,
    webPreferences: {
      // electronegativity-justified: PRELOAD_JS_CHECK: the preload is our own bundle, runs sandboxed with
      // contextIsolation, and exposes only window.api (one function per operation of the typed contract).
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => {
    if (geometry.maximized) win.maximize();
    win.show();
  });

  win.loadURL(target.url).catch((err: unknown) => logError('The window could not load the app', err));
  return win;
}
