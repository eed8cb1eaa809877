import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NationalizeClient,
  type LookupOutcome,
  type NationalizeOptions,
} from '../../src/core/nationalize/client';
import { FakeNationalize } from '../support/fakeNationalize';

let fake: FakeNationalize;
let url: string;

function client(options: Partial<NationalizeOptions> = {}): NationalizeClient {
  return new NationalizeClient({
    baseUrl: url,
    apiKey: null,
    concurrency: 4,
    timeoutMs: 2000,
    maxAttempts: 3,
    maxRateLimitWaitMs: 5000,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...options,
  });
}

const names = (n: number, prefix = 'Name'): string[] => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);
const failures = (outcomes: LookupOutcome[]) =>
  outcomes.filter((o): o is Extract<LookupOutcome, { ok: false }> => !o.ok);

beforeEach(async () => {
  fake = new FakeNationalize();
  url = await fake.start();
});
afterEach(() => fake.stop());

describe('NationalizeClient', () => {
  it('asks for at most 10 names per request: 95 names take 10 requests', async () => {
    const outcomes = await client().lookup(names(95));
    expect(outcomes).toHaveLength(95);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(fake.requests).toBe(10);
    expect(Math.max(...fake.log.map((l) => l.length))).toBe(10);
    expect(fake.log.flat().sort()).toEqual(names(95).sort());
  });

  it('never has more requests in flight than the concurrency setting', async () => {
    fake.configure({ latencyMs: 40 });
    await client({ concurrency: 3 }).lookup(names(200));
    expect(fake.requests).toBe(20);
    expect(fake.maxInFlight).toBe(3);
  });

  it('reports a name with no prediction (empty list or null) as such, not as an error', async () => {
    const outcomes = await client().lookup(['Anna', 'Qzzz', 'Bzzz', 'Peter']);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.code))).toEqual([
      'ok',
      'no_prediction',
      'no_prediction',
      'ok',
    ]);
  });

  it('retries transient failures (5xx, dropped connection) with backoff, then succeeds', async () => {
    fake.injectFailures({ status: 503 }, { drop: true });
    const outcomes = await client({ concurrency: 1 }).lookup(names(5));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(fake.requests).toBe(3);
  });

  it('gives up after the bounded number of attempts with a reason that says so', async () => {
    fake.injectFailures({ status: 500 }, { status: 502 }, { status: 503 });
    const outcomes = await client({ maxAttempts: 3 }).lookup(names(2));
    expect(failures(outcomes).map((f) => f.reason)).toEqual([
      'The API answered with an error (503: Injected failure) after 3 attempts',
      'The API answered with an error (503: Injected failure) after 3 attempts',
    ]);
    expect(fake.requests).toBe(3);
  });

  it('says the API could not be reached when nothing listens', async () => {
    await fake.stop();
    const outcomes = await client({ maxAttempts: 2 }).lookup(['Anna']);
    expect(failures(outcomes)[0]).toMatchObject({ code: 'api_unreachable' });
    expect(failures(outcomes)[0]!.reason).toMatch(
      /^The API could not be reached after 2 attempts \(.*ECONNREFUSED/,
    );
  });

  it('times out a request that hangs, and retries it', async () => {
    fake.injectFailures({ delayMs: 500 });
    const outcomes = await client({ timeoutMs: 150, maxAttempts: 2 }).lookup(['Anna']);
    expect(outcomes[0]!.ok).toBe(true);
    expect(fake.requests).toBe(2);
  });

  it('waits X-Rate-Limit-Reset after a 429, then retries the same names', async () => {
    fake.injectFailures({
      status: 429,
      body: { error: 'Request limit reached' },
      headers: { 'X-Rate-Limit-Reset': '1' },
    });
    const started = Date.now();
    const outcomes = await client({ concurrency: 1 }).lookup(names(3));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.log).toEqual([names(3), names(3)]);
  });

  it('fails the names with the reset time when the quota resets too far away, and stops asking', async () => {
    fake.configure({ quota: { limit: 100, remaining: 0, resetSeconds: 3 * 3600 + 12 * 60 } });
    const outcomes = await client({ concurrency: 1 }).lookup(names(30));
    expect(new Set(failures(outcomes).map((f) => f.reason))).toEqual(
      new Set(['API quota exhausted: resets in 3 h 12 min']),
    );
    expect(outcomes).toHaveLength(30);
    expect(fake.requests).toBe(1);
  });

  it('uses what is left of the quota when a batch asks for more names than remain', async () => {
    fake.configure({ quota: { limit: 100, remaining: 4, resetSeconds: 7200 } });
    const c = client({ concurrency: 1 });
    const outcomes = await c.lookup(names(10));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(4);
    expect(failures(outcomes).map((f) => f.code)).toEqual(Array(6).fill('quota_exhausted'));
    expect(c.lastRateLimit).toMatchObject({ limit: 100, remaining: 0 });
  });

  it('reports an invalid API key (401) for every name, after one request', async () => {
    fake.configure({ validKeys: ['good'] });
    const outcomes = await client({ apiKey: 'bad-key-123', concurrency: 1 }).lookup(names(25));
    expect(failures(outcomes)).toHaveLength(25);
    expect(failures(outcomes)[0]!.code).toBe('invalid_api_key');
    expect(failures(outcomes)[0]!.reason).toContain('Invalid or missing API key (401');
    expect(fake.requests).toBe(1);
    expect(JSON.stringify(outcomes)).not.toContain('bad-key-123');
  });

  it('sends the API key when one is set', async () => {
    fake.configure({ validKeys: ['good'], requireKey: true });
    const outcomes = await client({ apiKey: 'good' }).lookup(['Anna']);
    expect(outcomes[0]!.ok).toBe(true);
  });

  it('reports a 402 as an inactive subscription', async () => {
    fake.injectFailures({ status: 402, body: { error: 'Subscription is not active' } });
    const outcomes = await client().lookup(['Anna']);
    expect(failures(outcomes)[0]).toMatchObject({ code: 'subscription_inactive' });
  });

  it('isolates a name the API rejects (422) so the rest of its batch is enriched', async () => {
    fake.configure({ invalidNames: ['Name 3'] });
    const outcomes = await client().lookup(names(10));
    expect(failures(outcomes)).toEqual([
      {
        ok: false,
        name: 'Name 3',
        code: 'invalid_name',
        reason: "The API rejected this name as invalid (422: Invalid 'name' parameter)",
      },
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(9);
  });

  it('splitting rejected batches stays within the concurrency bound', async () => {
    fake.configure({ latencyMs: 20, invalidNames: ['Name 3', 'Name 14', 'Name 25', 'Name 36'] });
    const outcomes = await client({ concurrency: 2 }).lookup(names(40));
    expect(failures(outcomes).map((f) => f.name)).toEqual(['Name 3', 'Name 14', 'Name 25', 'Name 36']);
    expect(fake.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('one failing batch never sinks the others', async () => {
    fake.injectFailures({ status: 418 });
    const outcomes = await client({ concurrency: 1 }).lookup(names(30));
    expect(failures(outcomes)).toHaveLength(10);
    expect(failures(outcomes)[0]!.reason).toBe('The API answered with an error (418: Injected failure)');
    expect(outcomes.filter((o) => o.ok)).toHaveLength(20);
  });

  it('on cancel, names not yet sent end as cancelled and batches in flight finish', async () => {
    fake.configure({ latencyMs: 50 });
    const controller = new AbortController();
    let batches = 0;
    const outcomes = await client({ concurrency: 2 }).lookup(names(100), {
      signal: controller.signal,
      onBatch: () => {
        if (++batches === 2) controller.abort();
      },
    });
    const ok = outcomes.filter((o) => o.ok).length;
    const cancelled = failures(outcomes).filter((f) => f.code === 'cancelled').length;
    expect(ok + cancelled).toBe(100);
    expect(ok).toBeGreaterThanOrEqual(20);
    expect(ok).toBeLessThanOrEqual(40);
    expect(fake.requests).toBe(ok / 10);
  });

  it('shares the last quota headers it saw', async () => {
    fake.configure({ quota: { limit: 1000, resetSeconds: 60 } });
    const c = client();
    const seen: number[] = [];
    c.onRateLimit((r) => seen.push(r.remaining ?? -1));
    await c.lookup(names(15));
    expect(c.lastRateLimit?.remaining).toBe(985);
    expect(seen).toHaveLength(2);
  });
});
