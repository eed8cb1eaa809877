// Where the built pieces live next to the main bundle, and which page the window loads.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, APP_ORIGIN } from './appProtocol';

// The main bundle is ESM, so there is no __dirname: out/main/ at run time (src/main/ under Vitest).
const mainDir = fileURLToPath(new URL('.', import.meta.url));

export const preloadPath = join(mainDir, '../preload/index.cjs');

export interface RendererTarget {
  /** What the window loads: the dev server (electron-vite dev), or the built index.html on app://. */
  url: string;
  /** The built renderer folder to serve on app://, or null when the dev server serves the page. */
  rendererDir: string | null;
  /** The page's origin, the only one trusted (see isAppUrl). */
  appOrigin: string;
}

export function rendererTarget(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererTarget {
  // A packaged app ignores ELECTRON_RENDERER_URL: it could point the app, and its API, at any site.
  const devUrl = !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  if (devUrl) return { url: devUrl, rendererDir: null, appOrigin: new URL(devUrl).origin };
  return { url: APP_INDEX_URL, rendererDir: join(mainDir, '../renderer'), appOrigin: APP_ORIGIN };
}
