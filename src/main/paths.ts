// Where the built pieces live next to the main bundle, and what counts as the app's own page.
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The main bundle is ESM, so there is no __dirname: out/main/ at run time (src/main/ under Vitest).
const mainDir = fileURLToPath(new URL('.', import.meta.url));

export const preloadPath = join(mainDir, '../preload/index.cjs');

export interface RendererTarget {
  /** The dev server to load (electron-vite dev), or null to load the built index.html. */
  devUrl: string | null;
  indexFile: string;
  /** The dev server's origin, or the renderer folder as a file:// URL (see isAppUrl). */
  appOrigin: string;
}

export function rendererTarget(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererTarget {
  const rendererDir = join(mainDir, '../renderer');
  // A packaged app ignores ELECTRON_RENDERER_URL: it could point the app, and its API, at any site.
  const devUrl = !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  return {
    devUrl,
    indexFile: join(rendererDir, 'index.html'),
    appOrigin: devUrl ? new URL(devUrl).origin : pathToFileURL(rendererDir + sep).href,
  };
}
