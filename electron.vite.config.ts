import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { quietBuildLogger } from './scripts/quiet-build-logger';

const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

/**
 * The dev server injects an inline React Refresh preamble and inline styles, which the strict CSP of
 * index.html blocks. Relax it for `electron-vite dev` only; builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'lead-enricher:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*"),
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require() anything but a few Electron modules:
      // bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react(), devCsp()],
    // One line for the ~540 files written instead of one line each; warnings and errors as usual.
    customLogger: quietBuildLogger(),
    build: {
      minify: true,
      // Assets (the flags) as files, never data: URLs, so the CSP can allow images from the app only.
      assetsInlineLimit: 0,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
