// nationalize.io client: batches of up to 10 names, a bounded number of requests in flight (shared by
// every lookup of this client), retries with backoff for transient failures, 429 handling driven by the
// quota headers, and answers matched to names by the name the API echoes (see answers.ts).
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import pLimit, { type LimitFunction } from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitView } from '@shared/contract';
import type { FailureCode } from '@shared/failures';
import { redactSecrets } from '../redact';
import {
  matchAges,
  matchAnswers,
  matchGenders,
  type AgeAnswer,
  type CountryPrediction,
  type GenderAnswer,
  type Matched,
  type NameAnswer,
} from './answers';
import { formatWait, readRateLimit, retryAfterSeconds } from './rateLimit';

export type { AgeAnswer, CountryPrediction, GenderAnswer, NameAnswer };

/** The three services of one API family: one key, one quota, the same batches and errors. */
export type Service = 'nationalize' | 'genderize' | 'agify';
export type Demographic = 'genderize' | 'agify';

/**
 * Where a service of the family answers, from the nationalize address the key was saved for: the
 * official api.nationalize.io has api.genderize.io and api.agify.io beside it; any other address (a
 * proxy, the local stand-in) serves them under /genderize and /agify.
 */
export function serviceUrl(base: string, service: Service): string {
  if (service === 'nationalize') return base;
  if (new URL(base).hostname === 'api.nationalize.io') return `https://api.${service}.io`;
  return `${base.replace(/\/+$/, '')}/${service}`;
}

export const BATCH_SIZE = 10;

export interface NationalizeOptions {
  baseUrl: string;
  apiKey: string | null;
  /** Requests in flight at most, across every lookup of this client. */
  concurrency: number;
  timeoutMs: number;
  /** Attempts per request for network errors, timeouts, 5xx and a 429 that gives no reset time. */
  maxAttempts: number;
  /** A 429 whose reset is further away than this ends the lookup of the names it holds up. */
  maxRateLimitWaitMs: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

interface LookupFailure {
  ok: false;
  name: string;
  code: FailureCode;
  reason: string;
  /** For quota_exhausted: when the quota window resets (ISO), if the API said so. */
  retryAt?: string;
}
/** One name's outcome from a service: its checked answer, or why there is none. */
export type Outcome<T> = ({ ok: true; name: string } & T) | LookupFailure;
export type LookupOutcome = Outcome<NameAnswer>;

export interface LookupHooks {
  signal?: AbortSignal;
  /** Called once per batch as it settles; awaited, so the caller can apply back-pressure. */
  onBatch?: (outcomes: LookupOutcome[]) => Promise<void> | void;
}

type Failure = Omit<LookupFailure, 'ok' | 'name'>;
/** A batch-level verdict: the response body to match, or one failure for every name. */
type BatchResult = { ok: true; body: unknown } | ({ ok: false } & Failure);

/** These hold for every later batch of a lookup: stop asking. */
const STOPS_THE_LOOKUP: ReadonlySet<FailureCode> = new Set([
  'invalid_api_key',
  'subscription_inactive',
  'quota_exhausted',
]);
const CANCELLED: Failure = { code: 'cancelled', reason: 'Cancelled before the API answered' };

export class NationalizeClient {
  private readonly http: AxiosInstance;
  /** Requests in flight at most, per service (a name's gender and age are asked while others' countries are). */
  private readonly limits: Record<Service, LimitFunction>;
  private rateLimit: RateLimitView | null = null;
  private readonly rateLimitListeners = new Set<(view: RateLimitView) => void>();

  constructor(private readonly options: NationalizeOptions) {
    this.limits = {
      nationalize: pLimit(options.concurrency),
      genderize: pLimit(options.concurrency),
      agify: pLimit(options.concurrency),
    };
    this.http = axios.create({
      timeout: options.timeoutMs,
      // Every status is an answer to interpret here, not an exception; a redirect is one of them.
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { Accept: 'application/json' },
    });
  }

  get lastRateLimit(): RateLimitView | null {
    return this.rateLimit;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** A view seen earlier (by this app before a restart, or another app): used until a response says more. */
  seedRateLimit(view: RateLimitView): void {
    if (this.rateLimit) return;
    this.rateLimit = view;
    for (const listener of this.rateLimitListeners) listener(view);
  }

  onRateLimit(listener: (view: RateLimitView) => void): () => void {
    this.rateLimitListeners.add(listener);
    return () => this.rateLimitListeners.delete(listener);
  }

  /** Looks up every name; each ends in exactly one outcome, whatever happens to the others. */
  async lookup(names: readonly string[], hooks: LookupHooks = {}): Promise<LookupOutcome[]> {
    const all: LookupOutcome[] = [];
    await this.lookupEach(names, {
      ...hooks,
      onBatch: async (outcomes) => {
        all.push(...outcomes);
        await hooks.onBatch?.(outcomes);
      },
    });
    const order = new Map(names.map((name, i) => [name, i]));
    return all.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  }

  /** Like lookup, handing each batch's outcomes to `onBatch` and keeping none: a run of any size. */
  async lookupEach(names: readonly string[], hooks: LookupHooks): Promise<void> {
    let stop: Failure | null = null;
    const batches: string[][] = [];
    for (let i = 0; i < names.length; i += BATCH_SIZE) batches.push(names.slice(i, i + BATCH_SIZE));

    await Promise.all(
      batches.map((batch) =>
        this.limits.nationalize(async () => {
          let outcomes: LookupOutcome[];
          if (hooks.signal?.aborted) outcomes = failAll(batch, CANCELLED);
          else if (stop) outcomes = failAll(batch, stop);
          else {
            outcomes = await this.batchOf('nationalize', batch, {}, matchAnswers, hooks.signal).catch(
              (err: unknown) =>
                failAll(batch, { code: 'api_error', reason: `Unexpected error: ${this.safeMessage(err)}` }),
            );
            const fatal = outcomes.find((o): o is LookupFailure => !o.ok && STOPS_THE_LOOKUP.has(o.code));
            if (fatal && !stop) stop = { code: fatal.code, reason: fatal.reason, retryAt: fatal.retryAt };
          }
          await hooks.onBatch?.(outcomes);
        }),
      ),
    );
  }

  /**
   * Asks genderize.io or agify.io for these names, localised to a country (the names' top country), in
   * batches of 10 like nationalize, with the same key, quota and errors. Outcomes in the order asked.
   */
  async demographics<S extends Demographic>(
    service: S,
    names: readonly string[],
    countryId: string | null,
    signal?: AbortSignal,
  ): Promise<Array<Outcome<S extends 'genderize' ? GenderAnswer : AgeAnswer>>> {
    type T = S extends 'genderize' ? GenderAnswer : AgeAnswer;
    const match = (service === 'genderize' ? matchGenders : matchAges) as unknown as (
      asked: readonly string[],
      body: unknown,
    ) => Matched<T>[];
    const extra: Record<string, string> = countryId ? { country_id: countryId } : {};
    const batches: string[][] = [];
    for (let i = 0; i < names.length; i += BATCH_SIZE) batches.push(names.slice(i, i + BATCH_SIZE));
    const settled = await Promise.all(
      batches.map((batch) =>
        this.limits[service](() =>
          signal?.aborted
            ? failAll(batch, CANCELLED)
            : this.batchOf<T>(service, batch, extra, match, signal).catch((err: unknown) =>
                failAll(batch, { code: 'api_error', reason: `Unexpected error: ${this.safeMessage(err)}` }),
              ),
        ),
      ),
    );
    return settled.flat();
  }

  /** Asks for one name (the Settings key test): the outcome and the quota headers it brought. */
  async probe(name: string, signal?: AbortSignal): Promise<LookupOutcome> {
    const [outcome] = await this.limits.nationalize(() =>
      this.batchOf('nationalize', [name], {}, matchAnswers, signal),
    );
    return outcome!;
  }

  /** One batch; a batch the API rejects as invalid is split so one bad name cannot sink nine good ones. */
  private async batchOf<T>(
    service: Service,
    batch: string[],
    extra: Record<string, string>,
    match: (asked: readonly string[], body: unknown) => Matched<T>[],
    signal?: AbortSignal,
  ): Promise<Array<Outcome<T>>> {
    const result = await this.request(service, batch, extra, signal);
    if (result.ok) {
      return match(batch, result.body).map((answer, i): Outcome<T> => {
        const name = batch[i]!;
        if (!answer.ok) return { ok: false, name, code: answer.code, reason: answer.reason };
        const { ok: _ok, ...values } = answer;
        return { ok: true, name, ...(values as unknown as T) };
      });
    }
    if (result.code === 'invalid_name' && batch.length > 1) {
      // One at a time, inside this batch's slot, so the split never exceeds the concurrency bound.
      const singles: Array<Outcome<T>> = [];
      for (const name of batch) singles.push(...(await this.batchOf(service, [name], extra, match, signal)));
      return singles;
    }
    // "Request limit too low": the quota has room for part of the batch, so use it.
    const left = this.rateLimit?.remaining ?? 0;
    if (result.code === 'quota_exhausted' && left > 0 && left < batch.length) {
      const head = await this.batchOf(service, batch.slice(0, left), extra, match, signal);
      return [...head, ...failAll(batch.slice(left), result)];
    }
    return failAll(batch, result);
  }

  private async request(
    service: Service,
    batch: string[],
    extra: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<BatchResult> {
    const url = serviceUrl(this.options.baseUrl, service);
    const params = new URLSearchParams();
    for (const name of batch) params.append('name[]', name);
    for (const [key, value] of Object.entries(extra)) params.append(key, value);
    if (this.options.apiKey) params.append('apikey', this.options.apiKey);

    let attempt = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (signal?.aborted) return { ok: false, ...CANCELLED };
      attempt++;
      let response: AxiosResponse;
      try {
        response = await this.http.get(url, { params, signal });
      } catch (err) {
        if (signal?.aborted || axios.isCancel(err)) return { ok: false, ...CANCELLED };
        const detail =
          axios.isAxiosError(err) && err.code === 'ECONNABORTED' ? 'timed out' : this.safeMessage(err);
        if (attempt < this.options.maxAttempts) {
          if (!(await this.backoff(attempt, signal))) return { ok: false, ...CANCELLED };
          continue;
        }
        return {
          ok: false,
          code: 'api_unreachable',
          reason: `The API could not be reached after ${attempts(attempt)} (${detail})`,
        };
      }
      const headers = response.headers as Record<string, unknown>;
      this.recordRateLimit(headers);
      const { status } = response;
      const apiMessage = errorText(response.data);
      const said = apiMessage ? `: ${apiMessage}` : '';

      if (status === 200) return { ok: true, body: response.data };
      if (status >= 300 && status < 400) {
        return {
          ok: false,
          code: 'api_error',
          reason: `The API answered with a redirect (${status}), which is not followed: check the API address in Settings`,
        };
      }
      if (status === 401) {
        return {
          ok: false,
          code: 'invalid_api_key',
          reason: `Invalid or missing API key (401${said}): check the nationalize.io key in Settings`,
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
          reason: `The API rejected this name as invalid (${status}${said || ': invalid name'})`,
        };
      }
      if (status === 429) {
        const wait = retryAfterSeconds(headers);
        if (wait === null) {
          // No reset time given: do not invent one; retry with backoff like a transient error.
          if (attempt < this.options.maxAttempts) {
            if (!(await this.backoff(attempt, signal))) return { ok: false, ...CANCELLED };
            continue;
          }
          return {
            ok: false,
            code: 'quota_exhausted',
            reason: `API rate limit reached (429${said}) after ${attempts(attempt)}; the API did not say when it resets`,
          };
        }
        const shortWait = wait * 1000 <= this.options.maxRateLimitWaitMs;
        if (shortWait && rateLimitWaits < this.options.maxAttempts) {
          rateLimitWaits++;
          attempt--; // waiting for the quota is not a failed attempt
          if (!(await this.wait(Math.max(wait * 1000, 50), signal))) return { ok: false, ...CANCELLED };
          continue;
        }
        return {
          ok: false,
          code: 'quota_exhausted',
          reason: shortWait
            ? `API rate limit still reached after waiting ${rateLimitWaits} times`
            : `API quota exhausted: resets in ${formatWait(wait)}`,
          retryAt: new Date(Date.now() + wait * 1000).toISOString(),
        };
      }
      if (status >= 500 || status === 408) {
        if (attempt < this.options.maxAttempts) {
          if (!(await this.backoff(attempt, signal))) return { ok: false, ...CANCELLED };
          continue;
        }
        return {
          ok: false,
          code: 'api_error',
          reason: `The API answered with an error (${status}${said}) after ${attempts(attempt)}`,
        };
      }
      return { ok: false, code: 'api_error', reason: `The API answered with an error (${status}${said})` };
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

const attempts = (n: number): string => (n === 1 ? '1 attempt' : `${n} attempts`);

function failAll(batch: readonly string[], failure: Failure): LookupFailure[] {
  return batch.map((name) => ({ ok: false as const, name, ...failure }));
}

function errorText(data: unknown): string | null {
  if (data && typeof data === 'object' && 'error' in data && typeof data.error === 'string')
    return data.error.slice(0, 200);
  return null;
}
