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

  it('gives a name with no prediction (empty list or null) as an answer with no country, not an error', async () => {
    const outcomes = await client().lookup(['Anna', 'Qzzz', 'Bzzz', 'Peter']);
    expect(outcomes.map((o) => (o.ok ? o.countries.length > 0 : o.code))).toEqual([true, false, false, true]);
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

  it('on cancel, names not yet answered end as cancelled', async () => {
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
    expect(fake.requests).toBeGreaterThanOrEqual(ok / 10);
  });

  it('cancelling aborts the requests in flight at once, instead of waiting for their answers', async () => {
    fake.configure({ latencyMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const outcomes = await client({ concurrency: 4 }).lookup(names(100), { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(new Set(failures(outcomes).map((f) => f.code))).toEqual(new Set(['cancelled']));
    expect(outcomes).toHaveLength(100);
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

describe('NationalizeClient: answers are checked before they are believed', () => {
  const byName = (outcomes: LookupOutcome[]) =>
    Object.fromEntries(outcomes.map((o) => [o.name, o.ok ? o.countries[0]?.country_id : o.code]));

  it('matches each answer to its name by the name the API echoes, whatever the order', async () => {
    fake.configure({
      predictions: {
        anna: [{ country_id: 'SE', probability: 0.8 }],
        peter: [{ country_id: 'DK', probability: 0.7 }],
      },
      transform: (body) => (body as unknown[]).reverse(),
    });
    const outcomes = await client().lookup(['Anna', 'Peter']);
    expect(byName(outcomes)).toEqual({ Anna: 'SE', Peter: 'DK' });
  });

  it('matches echoes folded as the API folds them (case, accents, only the last name)', async () => {
    fake.configure({
      transform: (body) =>
        (body as Array<{ name: string }>).map((item, i) => ({
          ...item,
          name: i === 0 ? 'jose' : i === 1 ? 'ZOE' : 'garcia',
        })),
    });
    const outcomes = await client().lookup(['José', 'Zoë', 'Maria Garcia']);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('fails a name whose answer is for another name (api_mismatch), and stores nothing for it', async () => {
    fake.configure({
      transform: (body) =>
        (body as Array<{ name: string }>).map((item) =>
          item.name === 'Peter' ? { ...item, name: 'Someone' } : item,
        ),
    });
    const outcomes = await client().lookup(['Anna', 'Peter']);
    expect(outcomes[0]!.ok).toBe(true);
    expect(failures(outcomes)).toEqual([
      {
        ok: false,
        name: 'Peter',
        code: 'api_mismatch',
        reason: 'The API answered for other names than the ones asked; nothing was stored',
      },
    ]);
  });

  it('fails every name of a batch answered with fewer or more results than names asked', async () => {
    fake.configure({ transform: (body) => (body as unknown[]).slice(1) });
    const outcomes = await client().lookup(['Anna', 'Peter', 'Maria']);
    expect(failures(outcomes).map((f) => [f.code, f.reason])).toEqual(
      Array(3).fill(['api_mismatch', 'The API answered with 2 results for 3 names; nothing was stored']),
    );
  });

  it.each([
    [
      'a probability above 1',
      { country_id: 'DK', probability: 7.5 },
      /probability 7.5 for DK is outside 0 to 1/,
    ],
    [
      'a negative probability',
      { country_id: 'DK', probability: -0.3 },
      /probability -0.3 for DK is outside 0 to 1/,
    ],
    [
      'markup as a country code',
      { country_id: '<IMG SRC=X onerror=alert(1)>', probability: 0.5 },
      /a country code that is not two letters A-Z/,
    ],
    [
      'a lower-case code',
      { country_id: 'dk', probability: 0.5 },
      /a country code that is not two letters A-Z/,
    ],
  ])('fails a name whose answer holds %s (api_invalid)', async (_label, country, reason) => {
    fake.configure({ predictions: { anna: [country as never] } });
    const outcomes = await client().lookup(['Anna', 'Peter']);
    expect(outcomes[1]!.ok).toBe(true);
    expect(failures(outcomes)).toHaveLength(1);
    expect(failures(outcomes)[0]).toMatchObject({ name: 'Anna', code: 'api_invalid' });
    expect(failures(outcomes)[0]!.reason).toMatch(reason);
  });

  it('does not follow a redirect: the names fail with a reason that says where to look', async () => {
    const other = new FakeNationalize();
    const otherUrl = await other.start();
    fake.injectFailures({ status: 302, headers: { Location: `${otherUrl}/` }, body: {} });
    const outcomes = await client().lookup(['Anna']);
    await other.stop();
    expect(failures(outcomes)[0]).toMatchObject({ code: 'api_error' });
    expect(failures(outcomes)[0]!.reason).toMatch(/redirect \(302\), which is not followed/);
    expect(other.requests).toBe(0);
  });

  it('a 429 without reset headers is retried with backoff, and the reason says the reset is unknown', async () => {
    fake.injectFailures(
      { status: 429, body: { error: 'Request limit reached' } },
      { status: 429, body: { error: 'Request limit reached' } },
      { status: 429, body: { error: 'Request limit reached' } },
    );
    const outcomes = await client({ maxAttempts: 3, concurrency: 1 }).lookup(['Anna']);
    expect(fake.requests).toBe(3);
    expect(failures(outcomes)[0]).toMatchObject({ code: 'quota_exhausted' });
    expect(failures(outcomes)[0]!.reason).toBe(
      'API rate limit reached (429: Request limit reached) after 3 attempts; the API did not say when it resets',
    );
    expect(failures(outcomes)[0]!.retryAt).toBeUndefined();
  });

  it('a 429 with a far reset gives the time the quota resets, for the names to wait until then', async () => {
    fake.configure({ quota: { limit: 100, remaining: 0, resetSeconds: 7200 } });
    const before = Date.now();
    const outcomes = await client().lookup(['Anna']);
    const retryAt = Date.parse(failures(outcomes)[0]!.retryAt!);
    expect(retryAt - before).toBeGreaterThanOrEqual(7199_000);
    expect(retryAt - before).toBeLessThan(7300_000);
  });
});
