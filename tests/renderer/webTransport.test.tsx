import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '@shared/api';
import { createWebTransport, takeToken, TOKEN_STORAGE_KEY } from '../../src/renderer/src/api/webTransport';

class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
  emit(event: string, data: string) {
    this.dispatchEvent(new MessageEvent(event, { data }));
  }
}

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  FakeEventSource.instances = [];
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(() => history.replaceState(null, '', '/'));

describe('takeToken', () => {
  it('reads the token from the hash, stores it and hides it from the URL', () => {
    history.replaceState(null, '', '/?x=1#token=s3cr%2Bt');
    expect(takeToken()).toBe('s3cr+t');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('s3cr+t');
    expect(location.hash).toBe('');
    expect(location.search).toBe('?x=1');
  });

  it('keeps working after a reload, from sessionStorage', () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'kept');
    expect(takeToken()).toBe('kept');
  });

  it('is null without a token', () => {
    expect(takeToken()).toBeNull();
  });
});

describe('web transport invoke', () => {
  it('posts the payload to /rpc/<channel> with the bearer token', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, data: { cancelled: true } }));
    const api = createApi(createWebTransport({ token: 'tok', fetch }));

    await expect(api.enrich.cancel()).resolves.toEqual({ cancelled: true });

    expect(fetch).toHaveBeenCalledWith('/rpc/enrich%3Acancel', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok' },
      body: JSON.stringify({ payload: {} }),
    });
  });

  it('passes error envelopes through as ApiError', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse({ ok: false, error: { code: 'forbidden', message: 'Bad token' } }, 401),
    );
    const api = createApi(createWebTransport({ token: 'tok', fetch }));
    await expect(api.status.get()).rejects.toMatchObject({
      name: 'ApiError',
      code: 'forbidden',
      message: 'Bad token',
    });
  });

  it('reports an unreachable core when fetch fails or the answer is not JSON', async () => {
    const down = createWebTransport({
      token: 't',
      fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    });
    await expect(down.invoke('status:get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'The app core could not be reached: Failed to fetch' },
    });

    const html = createWebTransport({
      token: 't',
      fetch: vi.fn(async () => new Response('<h1>Bad gateway</h1>', { status: 502 })),
    });
    const envelope = await html.invoke('status:get', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!envelope.ok && envelope.error.message).toMatch(/^The app core could not be reached: HTTP 502/);
  });
});

describe('web transport subscribe', () => {
  it('shares one EventSource and parses named events', () => {
    const transport = createWebTransport({
      token: 'a b',
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const api = createApi(transport);
    const progress = vi.fn();
    const status = vi.fn();
    const offProgress = api.on('enrich:progress', progress);
    const offStatus = api.on('status:changed', status);

    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/events?token=a%20b');

    const first = { runId: 'r', done: 1, total: 2, cancelled: 0, waiting: 0 };
    source.emit('enrich:progress', JSON.stringify(first));
    source.emit('enrich:progress', 'not json');
    expect(progress).toHaveBeenCalledTimes(1);
    expect(progress).toHaveBeenCalledWith(first);
    expect(status).not.toHaveBeenCalled();

    offProgress();
    source.emit('enrich:progress', JSON.stringify({ ...first, done: 2 }));
    expect(progress).toHaveBeenCalledTimes(1);
    expect(source.closed).toBe(false);

    offStatus();
    expect(source.closed).toBe(true);
  });
});
