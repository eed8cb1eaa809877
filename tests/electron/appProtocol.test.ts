// The app:// handler against a real folder: what Electron's protocol.handle would hand it is a fetch Request.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  contentType,
  createAppHandler,
} from '../../src/main/appProtocol';

let base: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'lead-enricher-app-protocol-'));
  const renderer = join(base, 'out/renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Lead Enricher</title>');
  writeFileSync(join(renderer, 'assets/index-abc.js'), 'console.log("app")');
  writeFileSync(join(renderer, 'assets/index-abc.css'), 'body{}');
  writeFileSync(join(renderer, 'assets/fr-123.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(renderer, 'assets/data.bin'), 'bytes');
  // Beside the renderer folder: what a traversal would be after.
  writeFileSync(join(base, 'out/secret.txt'), 'secret');
  writeFileSync(join(base, 'out/renderer-evil.html'), 'evil');
  handle = createAppHandler(renderer);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

describe('the app:// protocol', () => {
  it('serves index.html at the app origin', async () => {
    for (const url of [APP_INDEX_URL, `${APP_ORIGIN}/`, APP_ORIGIN]) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>Lead Enricher</title>');
    }
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log("app")'],
    ['assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['assets/fr-123.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['assets/data.bin', 'application/octet-stream', 'bytes'],
  ])('serves %s as %s', async (path, type, body) => {
    const response = await get(`${APP_ORIGIN}/${path}?v=1#top`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(body);
  });

  it('answers HEAD without a body', async () => {
    const response = await get(APP_INDEX_URL, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://x/../../etc/passwd',
    'app://x/index.html',
    'app://lead-enricher.evil/index.html',
    'app://lead-enricher:1234/index.html',
  ])('refuses %s (another host) with 404', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });

  it.each([
    'app://lead-enricher/../../etc/passwd',
    'app://lead-enricher/../secret.txt',
    'app://lead-enricher/..%2fsecret.txt',
    'app://lead-enricher/assets/..%2f..%2fsecret.txt',
    'app://lead-enricher/%2e%2e%2fsecret.txt',
    'app://lead-enricher/..%5csecret.txt',
    'app://lead-enricher/..%2frenderer-evil.html',
    'app://lead-enricher/%2fetc%2fpasswd',
    'app://lead-enricher/index.html%00.png',
    'app://lead-enricher/%E0%A4%A', // a malformed escape
  ])('refuses %s (outside the renderer folder) with 404', async (url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('refuses folders and missing files with 404', async () => {
    expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404);
    expect((await get(`${APP_ORIGIN}/assets/`)).status).toBe(404);
    expect((await get(`${APP_ORIGIN}/missing.js`)).status).toBe(404);
  });

  it('refuses anything but GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('is a standard, secure scheme that fetch() may use, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('names the MIME types of what the renderer build holds', () => {
    expect(contentType('a/b/c.HTML')).toBe('text/html; charset=utf-8');
    expect(contentType('x.woff2')).toBe('font/woff2');
    expect(contentType('x.png')).toBe('image/png');
    expect(contentType('no-extension')).toBe('application/octet-stream');
  });
});
