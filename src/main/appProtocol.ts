// The built renderer is served on app://lead-enricher/ rather than file://: the page gets a real origin
// (for its CSP, the IPC sender check and the navigation guard), and only files inside the renderer folder
// can be read through it. No Electron import: main/index.ts registers the scheme and the handler.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lead-enricher';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** What the renderer build holds; anything else is served as bytes the page cannot run. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * For protocol.registerSchemesAsPrivileged, before the app is ready: a standard scheme (URLs with a host,
 * relative links, an origin of its own for 'self'), secure (like https), fetch() allowed. Not CORS-enabled,
 * so no other origin can read from it.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

function status(code: 404 | 405): Response {
  return new Response(code === 404 ? 'Not found' : 'Method not allowed', {
    status: code,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/** The file inside `rootDir` that a request names, or null when it names something else or outside it. */
function fileFor(url: string, rootDir: string): string | null {
  let parsed: URL;
  let path: string;
  try {
    parsed = new URL(url);
    // The parser folds "..", but an encoded separator (..%2f) only becomes one when decoded.
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  if (path.includes('\0')) return null;
  const file = resolve(rootDir, `.${path === '' || path === '/' ? '/index.html' : path}`);
  const inside = relative(rootDir, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

/** For protocol.handle: answers app:// requests with files of `rootDir` (the built renderer), else 404. */
export function createAppHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const file = fileFor(request.url, root);
    if (!file) return status(404);
    try {
      if (!(await stat(file)).isFile()) return status(404);
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return new Response(body, {
        status: 200,
        headers: { 'content-type': contentType(file), 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return status(404);
    }
  };
}
