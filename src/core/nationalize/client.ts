// nationalize.io client: batches of up to 10 names, a bounded number of requests in flight,
// retries with backoff for transient failures, and 429 handling driven by the quota headers.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import pLimit from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { RateLimitView } from '@shared/contract';
import type { FailureCode } from '@shared/failures';
import { redactSecrets } from '../redact';
import { formatWait, readRateLimit, retryAfterSeconds } from './rateLimit';

export const BATCH_SIZE = 10;

export interface NationalizeOptions {
  baseUrl: string;
  apiKey: string | null;
  /** Requests in flight at most. */
  concurrency: number;
  timeoutMs: number;
  /** Attempts per request for network errors, timeouts and 5xx. */
  maxAttempts: number;
  /** A 429 whose reset is further away than this fails the names instead of waiting. */
  maxRateLimitWaitMs: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface CountryPrediction {
  country_id: string;
  probability: number;
}

export type LookupOutcome =
  | { ok: true; name: string; countries: CountryPrediction[] }
  | { ok: false; name: string; code: FailureCode; reason: string };

export interface LookupHooks {
  signal?: AbortSignal;
  /** Called once per batch as it settles; awaited, so writes can keep pace with requests. */
  onBatch?: (outcomes: LookupOutcome[]) => Promise<void> | void;
}

const predictionSchema = z.object({
  name: z.string().nullish(),
  country: z
    .array(z.object({ country_id: z.string(), probability: z.number() }))
    .nullish()
    .transform((c) => c ?? []),
});
const batchResponseSchema = z.array(predictionSchema);

type Failure = { code: FailureCode; reason: string };

/** A batch-level verdict: predictions in the order asked, or one failure for every name. */
type BatchResult = { ok: true; predictions: CountryPrediction[][] } | ({ ok: false } & Failure);

export class NationalizeClient {
  private readonly http: AxiosInstance;
  private rateLimit: RateLimitView | null = null;
  private readonly rateLimitListeners = new Set<(view: RateLimitView) => void>();

  constructor(private readonly options: NationalizeOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      // Every status is an answer to interpret here, not an exception.
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
    });
  }

  get lastRateLimit(): RateLimitView | null {
    return this.rateLimit;
  }

  onRateLimit(listener: (view: RateLimitView) => void): () => void {
    this.rateLimitListeners.add(listener);
    return () => this.rateLimitListeners.delete(listener);
  }

  /** Looks up every name; each ends in exactly one outcome, whatever happens to the others. */
  async lookup(names: readonly string[], hooks: LookupHooks = {}): Promise<LookupOutcome[]> {
    const limit = pLimit(this.options.concurrency);
    // 401, 402 and a far-away quota reset hold for every later batch of the run: stop asking.
    let stop: Failure | null = null;
    const batches: string[][] = [];
    for (let i = 0; i < names.length; i += BATCH_SIZE) batches.push(names.slice(i, i + BATCH_SIZE));

    const settled = await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          let outcomes: LookupOutcome[];
          if (hooks.signal?.aborted) {
            outcomes = failAll(batch, { code: 'cancelled', reason: 'Cancelled before it was sent' });
          } else if (stop) {
            outcomes = failAll(batch, stop);
          } else {
            outcomes = await this.lookupBatch(batch, hooks.signal).catch((err: unknown) =>
              failAll(batch, { code: 'api_error', reason: `Unexpected error: ${this.safeMessage(err)}` }),
            );
            const fatal = outcomes.find(
              (o): o is Extract<LookupOutcome, { ok: false }> =>
                !o.ok && ['invalid_api_key', 'subscription_inactive', 'quota_exhausted'].includes(o.code),
            );
            if (fatal && !stop) stop = { code: fatal.code, reason: fatal.reason };
          }
          await hooks.onBatch?.(outcomes);
          return outcomes;
        }),
      ),
    );
    return settled.flat();
  }

  /** One batch; a batch the API rejects as invalid is split so one bad name cannot sink nine good ones. */
  private async lookupBatch(batch: string[], signal?: AbortSignal): Promise<LookupOutcome[]> {
    const result = await this.request(batch, signal);
    if (result.ok) {
      return batch.map((name, i) => {
        const countries = result.predictions[i] ?? [];
        return countries.length
          ? { ok: true as const, name, countries }
          : {
              ok: false as const,
              name,
              code: 'no_prediction' as const,
              reason: 'No prediction: nationalize.io has no country for this name',
            };
      });
    }
    if (result.code === 'invalid_name' && batch.length > 1) {
      // One at a time, inside this batch's slot, so the split never exceeds the concurrency bound.
      const singles: LookupOutcome[] = [];
      for (const name of batch) singles.push(...(await this.lookupBatch([name], signal)));
      return singles;
    }
    // "Request limit too low": the quota has room for part of the batch, so use it.
    const left = this.rateLimit?.remaining ?? 0;
    if (result.code === 'quota_exhausted' && left > 0 && left < batch.length) {
      const head = await this.lookupBatch(batch.slice(0, left), signal);
      return [...head, ...failAll(batch.slice(left), result)];
    }
    return failAll(batch, result);
  }

  private async request(batch: string[], signal?: AbortSignal): Promise<BatchResult> {
    const params = new URLSearchParams();
    for (const name of batch) params.append('name[]', name);
    if (this.options.apiKey) params.append('apikey', this.options.apiKey);

    let attempt = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (signal?.aborted) return { ok: false, code: 'cancelled', reason: 'Cancelled before it was sent' };
      attempt++;
      let response: AxiosResponse;
      try {
        response = await this.http.get('/', { params });
      } catch (err) {
        const detail =
          axios.isAxiosError(err) && err.code === 'ECONNABORTED' ? 'timed out' : this.safeMessage(err);
        if (attempt < this.options.maxAttempts) {
          if (!(await this.backoff(attempt, signal))) return cancelledWhileWaiting();
          continue;
        }
        return {
          ok: false,
          code: 'api_unreachable',
          reason: `The API could not be reached after ${attempt} attempts (${detail})`,
        };
      }
      this.recordRateLimit(response.headers as Record<string, unknown>);
      const { status } = response;
      const apiMessage = errorText(response.data);

      if (status === 200) {
        const parsed = batchResponseSchema.safeParse(response.data);
        if (!parsed.success || parsed.data.length !== batch.length) {
          return { ok: false, code: 'api_error', reason: 'The API answered with an unexpected response' };
        }
        return { ok: true, predictions: parsed.data.map((p) => p.country) };
      }
      if (status === 401) {
        return {
          ok: false,
          code: 'invalid_api_key',
          reason: `Invalid or missing API key (401${apiMessage ? `: ${apiMessage}` : ''}): check the nationalize.io key in Settings`,
        };
      }
      if (status === 402) {
        return {
          ok: false,
          code: 'subscription_inactive',
          reason: 'The nationalize.io subscription is not active (402): renew it or use another key',
        };
      }
      if (status === 400 || status === 422) {
        return {
          ok: false,
          code: 'invalid_name',
          reason: `The API rejected this name as invalid (${status}: ${apiMessage ?? 'invalid name'})`,
        };
      }
      if (status === 429) {
        const wait = retryAfterSeconds(response.headers as Record<string, unknown>) ?? 60;
        const shortWait = wait * 1000 <= this.options.maxRateLimitWaitMs;
        if (shortWait && rateLimitWaits >= this.options.maxAttempts) {
          return {
            ok: false,
            code: 'quota_exhausted',
            reason: `API rate limit still reached after waiting ${rateLimitWaits} times`,
          };
        }
        if (shortWait) {
          rateLimitWaits++;
          attempt--; // waiting for the quota is not a failed attempt
          if (!(await this.wait(Math.max(wait * 1000, 50), signal))) return cancelledWhileWaiting();
          continue;
        }
        return {
          ok: false,
          code: 'quota_exhausted',
          reason: `API quota exhausted: resets in ${formatWait(wait)}`,
        };
      }
      if (status >= 500 || status === 408) {
        if (attempt < this.options.maxAttempts) {
          if (!(await this.backoff(attempt, signal))) return cancelledWhileWaiting();
          continue;
        }
        return {
          ok: false,
          code: 'api_error',
          reason: `The API answered with an error (${status}${apiMessage ? `: ${apiMessage}` : ''}) after ${attempt} attempts`,
        };
      }
      return {
        ok: false,
        code: 'api_error',
        reason: `The API answered with an error (${status}${apiMessage ? `: ${apiMessage}` : ''})`,
      };
    }
  }

  /** Exponential backoff with full jitter; false when cancelled while waiting. */
  private backoff(attempt: number, signal?: AbortSignal): Promise<boolean> {
    const base = this.options.backoffBaseMs ?? 300;
    const cap = this.options.backoffMaxMs ?? 10_000;
    const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
    return this.wait(Math.random() * ceiling, signal);
  }

  private async wait(ms: number, signal?: AbortSignal): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal });
      return true;
    } catch {
      return false;
    }
  }

  private recordRateLimit(headers: Record<string, unknown>): void {
    const view = readRateLimit(headers);
    if (!view) return;
    this.rateLimit = view;
    for (const listener of this.rateLimitListeners) listener(view);
  }

  private safeMessage(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    return redactSecrets(message, [this.options.apiKey]);
  }
}

function failAll(batch: readonly string[], failure: Failure): LookupOutcome[] {
  return batch.map((name) => ({ ok: false as const, name, ...failure }));
}

function cancelledWhileWaiting(): BatchResult {
  return { ok: false, code: 'cancelled', reason: 'Cancelled while waiting to retry' };
}

function errorText(data: unknown): string | null {
  if (data && typeof data === 'object' && 'error' in data && typeof data.error === 'string')
    return data.error;
  return null;
}
