// The time one delivery may take: every request a connector makes for a batch, its waits for a rate
// limit and its retries fit in it, so the claim lease (longer than this) always outlives the delivery.

/** Time kept back at the end of a delivery, so a wait never ends right at the deadline. */
const RESERVE_MS = 250;

export class Deadline {
  private readonly endsAt: number;

  constructor(readonly budgetMs: number) {
    this.endsAt = Date.now() + budgetMs;
  }

  /** Milliseconds left, at least 1 (a request given 0 would never time out). */
  get remainingMs(): number {
    return Math.max(1, this.endsAt - Date.now());
  }

  get passed(): boolean {
    return Date.now() >= this.endsAt;
  }

  /** Waits `ms` if that leaves time for a request afterwards; false (no wait) when it would not. */
  async waitWithin(ms: number): Promise<boolean> {
    if (Date.now() + ms + RESERVE_MS >= this.endsAt) return false;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return true;
  }
}

/** Marks an error as a timeout of ours, so connectors tell "may have applied" from "refused". */
export class DeliveryTimeout extends Error {
  override name = 'DeliveryTimeout';
  constructor(ms: number) {
    super(`timed out after ${Math.round(ms / 100) / 10} s`);
  }
}

/** Seconds or an HTTP date in Retry-After, as milliseconds; null when absent or unreadable. */
export function retryAfterMs(value: unknown, now = Date.now()): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Network errors that happen before a request reaches the server: it cannot have been applied. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function neverReachedServer(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT.has(code)) return true;
  }
  return false;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
