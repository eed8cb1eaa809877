// The browser bridge: serves the production renderer bundle and the IPC contract over loopback HTTP,
// so the real renderer runs in a real browser against the real core. Each bridge has its own random
// token; without it a request is refused, so other pages and processes cannot drive the app. It answers
// only to its own address (the Host header: no DNS rebinding) and its pages cannot be framed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { EVENTS } from '@shared/contract';
import { failuresExportRequest, leadsExportRequest } from '@shared/schemas';
import { exportFileName } from '@shared/table';
import type { CoreApp } from '../core/app';
import { IMPORT_EXTENSIONS } from '../core/import';
import { describeIssues } from '../core/dispatch';
import { CoreError } from '../core/errors';
import { CONTENT_TYPES as EXPORT_TYPES } from '../core/export';

export interface BridgeOptions {
  app: CoreApp;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface Bridge {
  /** Open this in a browser: it carries the token in the fragment, which never reaches a server log. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 12 * 1024 * 1024;
/** A list file a browser hands over (the desktop app gives the core the file's own path instead). */
const MAX_UPLOAD = 512 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  // No other page may frame the app (clickjacking); the header form, as a <meta> CSP cannot say it.
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};

/** The path's escapes decoded, or null when one is malformed (%E0%A4%A): a 400, not an exception. */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const badRequest = (res: ServerResponse, message: string): void =>
  send(res, 400, { ok: false, error: { code: 'invalid_request', message } });

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = Buffer.from(token);
  let origin = '';
  /** What a browser may send as Host and Origin: this bridge, by address or as localhost. */
  let hosts: string[] = [];

  const authorised = (presented: string | null | undefined): boolean => {
    const given = Buffer.from(presented ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  // A page from another origin may not call in, even if it guessed the port.
  const sameOrigin = (req: IncomingMessage): boolean =>
    !req.headers.origin || hosts.some((host) => req.headers.origin === `http://${host}`);
  // A page of another site whose name was pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host.
  const ownHost = (req: IncomingMessage): boolean => hosts.includes((req.headers.host ?? '').toLowerCase());

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 500, { ok: false, error: { code: 'internal', message: 'Bridge error' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!ownHost(req)) {
      return send(res, 421, {
        ok: false,
        error: { code: 'forbidden', message: `This bridge answers only at ${hosts.join(' or ')}` },
      });
    }
    // The request target is a path; anything else ("//host/x", "http://…") is not a page of the bridge.
    const target = req.url ?? '/';
    const url = target.startsWith('/') && URL.canParse(origin + target) ? new URL(origin + target) : null;
    if (!url || url.origin !== origin) {
      return badRequest(res, 'Not a path of this bridge');
    }
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST')
        return send(res, 405, { ok: false, error: { code: 'invalid_request', message: 'POST only' } });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!authorised(bearer) || !sameOrigin(req)) {
        return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Not allowed' } });
      }
      const body = await readBody(req);
      if (body === TOO_LARGE) {
        res.setHeader('Connection', 'close');
        const message = `The request is larger than ${MAX_BODY / 1024 / 1024} MB`;
        return send(res, 413, { ok: false, error: { code: 'invalid_request', message } });
      }
      if (body === null) {
        return send(res, 400, {
          ok: false,
          error: { code: 'invalid_request', message: 'The request body is not JSON' },
        });
      }
      const channel = decodePath(url.pathname.slice('/rpc/'.length));
      if (channel === null) return badRequest(res, 'The path has a malformed % escape');
      const payload = body && typeof body === 'object' && 'payload' in body ? body.payload : undefined;
      const refused = fileProblem(channel, payload);
      if (refused) return send(res, 403, { ok: false, error: { code: 'forbidden', message: refused } });
      return send(res, 200, await options.app.dispatch(channel, payload));
    }
    if (url.pathname === '/upload') {
      if (req.method !== 'POST')
        return send(res, 405, { ok: false, error: { code: 'invalid_request', message: 'POST only' } });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!authorised(bearer) || !sameOrigin(req)) {
        return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Not allowed' } });
      }
      return receiveUpload(req, res, url.searchParams.get('name') ?? '');
    }
    if (url.pathname === '/export/leads' || url.pathname === '/export/failures') {
      if (req.method !== 'GET') return send(res, 405, { error: 'GET only' });
      if (!authorised(url.searchParams.get('token')) || !sameOrigin(req))
        return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Not allowed' } });
      return serveExport(url.pathname === '/export/leads' ? 'leads' : 'failures', url.searchParams, res);
    }
    if (url.pathname === '/events') {
      if (!authorised(url.searchParams.get('token')) || !sameOrigin(req))
        return send(res, 403, { error: 'Not allowed' });
      return streamEvents(req, res);
    }
    if (req.method !== 'GET') return send(res, 405, { error: 'GET only' });
    const pathname = decodePath(url.pathname);
    if (pathname === null) return badRequest(res, 'The path has a malformed % escape');
    return serveStatic(pathname, res);
  }

  let uploads: Promise<string> | null = null;
  let uploadCount = 0;
  /** The files this bridge received: the only ones a page may have the core read. */
  const uploaded = new Set<string>();

  /**
   * A page names no file of this computer: it reads only what it uploaded (enrich:file, enrich:review)
   * and downloads exports (GET /export/...) instead of writing them to a path.
   */
  function fileProblem(channel: string, payload: unknown): string | null {
    const path =
      payload && typeof payload === 'object' && 'path' in payload
        ? (payload as { path: unknown }).path
        : undefined;
    if (path === undefined) return null;
    if (channel === 'leads:export' || channel === 'failures:export')
      return 'In the browser an export is downloaded: it cannot be written to a path';
    if ((channel === 'enrich:file' || channel === 'enrich:review') && !uploaded.has(String(path)))
      return 'Only a file chosen in this window can be read: choose it again';
    return null;
  }

  /** Writes the body to a file of the bridge's own temporary folder and answers its path, for enrich:file. */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse, given: string): Promise<void> {
    const name = basename(given.replace(/\\/g, '/')).slice(0, 200);
    const extension = extname(name).toLowerCase();
    if (!name || !IMPORT_EXTENSIONS.includes(extension)) {
      req.resume();
      return badRequest(
        res,
        `Choose a CSV, TSV or Excel (.xlsx) file, not “${name || 'a file without a name'}”`,
      );
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD) {
      res.setHeader('Connection', 'close');
      const message = `The file is larger than ${MAX_UPLOAD / 1024 / 1024} MB`;
      return send(res, 413, { ok: false, error: { code: 'invalid_request', message } });
    }
    uploads ??= mkdtemp(join(tmpdir(), 'lead-enricher-uploads-'));
    const path = join(await uploads, `${++uploadCount}${extension}`);
    let size = 0;
    try {
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > MAX_UPLOAD) throw new Error('too large');
            yield chunk;
          }
        },
        createWriteStream(path),
      );
    } catch {
      await rm(path, { force: true });
      res.setHeader('Connection', 'close');
      return badRequest(res, 'The file did not arrive whole: choose it again');
    }
    uploaded.add(path);
    return send(res, 200, { ok: true, data: { path, name } });
  }

  /** An export as a download, streamed as the core writes it; a bad request or no database is JSON. */
  async function serveExport(
    kind: 'leads' | 'failures',
    params: URLSearchParams,
    res: ServerResponse,
  ): Promise<void> {
    const request = exportRequest(kind, params);
    const schema = kind === 'leads' ? leadsExportRequest : failuresExportRequest;
    const parsed = schema.safeParse(request);
    if (!parsed.success) return badRequest(res, `Invalid export: ${describeIssues(parsed.error)}`);
    try {
      await options.app.store();
    } catch (err) {
      const error = err instanceof CoreError ? err : new CoreError('internal', 'Bridge error');
      return send(res, 503, { ok: false, error: { code: error.code, message: error.message } });
    }
    const format = parsed.data.format;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': EXPORT_TYPES[format],
      'Content-Disposition': `attachment; filename="${exportFileName(kind, format)}"`,
    });
    // Headers are sent: a failure now can only cut the download short, which the browser shows as failed.
    await options.app.exportTo(kind, request, res).catch(() => res.destroy());
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = options.app.subscribe((event, payload) => {
      if (EVENTS.includes(event)) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep)) return send(res, 404, { error: 'Not found' });
    try {
      const content = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      });
      res.end(content);
    } catch {
      send(res, 404, { error: 'Not found' });
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      // The files browsers handed over were for this bridge's runs only.
      const folder = await uploads?.catch(() => null);
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

const NUMBER_PARAMS = new Set(['minPct', 'maxPct']);
const FILTER_PARAMS = ['status', 'syncState', 'search', 'countryCode', 'minPct', 'maxPct', 'runId'];

/**
 * An export request from a download link's query: format, sortBy, sortDir, ids (comma-separated) and, for
 * leads, the table's filters; for failures, runId. The core's schema then checks it like any request.
 */
export function exportRequest(kind: 'leads' | 'failures', params: URLSearchParams): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  const filter: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === 'token') continue;
    if (key === 'ids') request.ids = value.split(',').filter((v) => v !== '');
    else if (kind === 'leads' && FILTER_PARAMS.includes(key))
      filter[key] = NUMBER_PARAMS.has(key) && value.trim() !== '' ? Number(value) : value;
    else request[key] = value;
  }
  if (kind === 'leads' && !request.ids) request.filter = filter;
  return request;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const TOO_LARGE = Symbol('too large');

/** The parsed JSON body: undefined when empty, null when it is not JSON, TOO_LARGE past MAX_BODY. */
async function readBody(
  req: IncomingMessage,
): Promise<{ payload?: unknown } | undefined | null | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload?: unknown };
  } catch {
    return null;
  }
}
