import type { RateLimitView } from '@shared/contract';
import { formatDuration } from '@shared/format';

/** Reads nationalize.io's quota headers. The quota counts names, not requests. */
export function readRateLimit(headers: Record<string, unknown>, now = Date.now()): RateLimitView | null {
  const num = (key: string): number | null => {
    const value = headers[key];
    const n = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
    return Number.isFinite(n) ? n : null;
  };
  const limit = num('x-rate-limit-limit');
  const remaining = num('x-rate-limit-remaining');
  const reset = num('x-rate-limit-reset');
  if (limit === null && remaining === null && reset === null) return null;
  return { limit, remaining, resetsAt: reset === null ? null : new Date(now + reset * 1000).toISOString() };
}

/** Seconds to wait after a 429: X-Rate-Limit-Reset, else Retry-After (seconds or an HTTP date). */
export function retryAfterSeconds(headers: Record<string, unknown>, now = Date.now()): number | null {
  const reset = Number(headers['x-rate-limit-reset']);
  if (headers['x-rate-limit-reset'] !== undefined && Number.isFinite(reset)) return Math.max(0, reset);
  const retryAfter = headers['retry-after'];
  if (typeof retryAfter !== 'string') return null;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** A wait given in seconds (the headers' unit), for messages a person reads: "3 h 12 min", "5 days". */
export function formatWait(seconds: number): string {
  return formatDuration(seconds * 1000, 'approx');
}
