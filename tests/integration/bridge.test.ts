// The browser bridge as a hostile page or a curious process meets it: malformed paths, another Host
// (DNS rebinding), framing by another site. Raw HTTP, so every header and byte of the path is ours.
import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/bridge/server';
import type { CoreApp } from '../../src/core/app';
import { testApp } from '../support/app';

let app: CoreApp;
let bridge: Bridge;
let port: number;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  path: string,
  options: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path,
        // An empty host: no Host header at all (as an HTTP/1.0 client may send).
        setHost: false,
        headers: {
          ...(options.host === '' ? {} : { Host: options.host ?? `127.0.0.1:${port}` }),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpc = (channel: string, extra: { host?: string; origin?: string } = {}) =>
  raw(`/rpc/${channel}`, {
    method: 'POST',
    host: extra.host,
    headers: {
      Authorization: `Bearer ${bridge.token}`,
      'Content-Type': 'application/json',
      ...(extra.origin ? { Origin: extra.origin } : {}),
    },
    body: '{}',
  });

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'bridge-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Lead Enricher</title>');
  await writeFile(join(rendererDir, 'é.txt'), 'accented');
  app = await testApp({});
  bridge = await startBridge({ app, rendererDir });
  port = Number(new URL(bridge.origin).port);
});
afterAll(async () => {
  await bridge.close();
  await app.close();
});

describe('the browser bridge', () => {
  it('serves its pages and answers calls at its own address', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Lead Enricher');
    expect((await raw('/%C3%A9.txt')).body).toBe('accented');
    expect(JSON.parse((await rpc('status:get')).body)).toMatchObject({ ok: true });
    expect(
      (await rpc('status:get', { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status,
    ).toBe(200);
  });

  it('answers 400 to a malformed % escape, in a page path or a channel, and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/%zz', '/rpc/status%3']) {
      const answer = path.startsWith('/rpc/')
        ? await raw(path, {
            method: 'POST',
            headers: { Authorization: `Bearer ${bridge.token}` },
            body: '{}',
          })
        : await raw(path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', message: 'The path has a malformed % escape' },
      });
    }
    expect((await raw('//evil.example/index.html')).status).toBe(404);
    expect((await raw('/')).status).toBe(200);
  });

  it('refuses another Host: a rebinding page cannot read the app or call it, even with the token', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `127.0.0.1:${port + 1}`,
    ]) {
      const page = await raw('/', { host });
      expect(page.status, host).toBe(421);
      expect(page.body).not.toContain('Lead Enricher');
      expect((await rpc('status:get', { host })).status, host).toBe(421);
    }
    // Without a Host at all, Node's server itself refuses the request.
    expect((await raw('/', { host: '' })).status).toBe(400);
    const events = await raw(`/events?token=${bridge.token}`, { host: `evil.example:${port}` });
    expect(events.status).toBe(421);
  });

  it('still refuses a call from a page of another origin', async () => {
    expect((await rpc('status:get', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('forbids framing of its pages by any site', async () => {
    for (const path of ['/', '/index.html', '/missing.js']) {
      const answer = await raw(path);
      expect(answer.headers['content-security-policy'], path).toBe("frame-ancestors 'none'");
      expect(answer.headers['x-frame-options'], path).toBe('DENY');
    }
  });
});

describe('a list file handed over by a browser', () => {
  const upload = (name: string, body: string, headers: Record<string, string> = {}) =>
    raw(`/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, ...headers },
      body,
    });

  it('keeps it in a temporary file the core reads, and names it back', async () => {
    const answer = await upload('event list.csv', 'Name\nAda Lovelace\n');
    expect(answer.status).toBe(200);
    const { data } = JSON.parse(answer.body) as { data: { path: string; name: string } };
    expect(data.name).toBe('event list.csv');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(data.path, 'utf8')).toBe('Name\nAda Lovelace\n');
  });

  it('refuses without the token, from another origin, or for a file that is not a list', async () => {
    const anonymous = await raw('/upload?name=a.csv', { method: 'POST', body: 'x' });
    expect(anonymous.status).toBe(403);
    const foreign = await upload('a.csv', 'x', { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const program = await upload('../../run.sh', 'rm -rf /');
    expect(program.status).toBe(400);
    expect(JSON.parse(program.body).error.message).toMatch(/^Choose a CSV, TSV or Excel/);
  });
});

describe('files of this computer, as a page would name them', () => {
  const call = (channel: string, payload: unknown) =>
    raw(`/rpc/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ payload }),
    });

  it('reads no file the page did not upload, and writes no export to a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bridge-files-'));
    const secrets = join(dir, 'leads.csv');
    await writeFile(secrets, 'Name\nMONGODB_URI=mongodb://admin:hunter2@db\n');
    for (const channel of ['enrich:review', 'enrich:file']) {
      const answer = await call(channel, { path: secrets });
      expect(answer.status, channel).toBe(403);
      expect(answer.body).not.toContain('hunter2');
      expect(JSON.parse(answer.body).error.message).toBe(
        'Only a file chosen in this window can be read: choose it again',
      );
    }
    const target = join(dir, 'written.csv');
    const exported = await call('leads:export', { format: 'csv', path: target });
    expect(exported.status).toBe(403);
    const { access } = await import('node:fs/promises');
    await expect(access(target)).rejects.toThrow();

    // What it uploaded, it can have reviewed.
    const uploaded = await raw(`/upload?name=list.csv`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}` },
      body: 'Name\nAda Lovelace\n',
    });
    const { path } = (JSON.parse(uploaded.body) as { data: { path: string } }).data;
    const review = await call('enrich:review', { path });
    expect(review.status).toBe(200);
  });
});
