// Delivers batches of leads to a webhook: signed JSON (timestamp and body), an idempotency key per lead
// and one per batch. At least once on the wire: the receiver drops repeats by those keys.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { WEBHOOK_REPLAY_WINDOW_SECONDS } from '@shared/crm';
import { redactSecrets } from '../redact';
import { CRM_BATCH_LIMITS, failAll, type CrmAdapter, type CrmLead, type DeliveryResult } from './crm';
import { neverReachedServer, retryAfterMs } from './deadline';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
  /** Asks the receiver to fill only fields that are empty on its side. */
  keepExistingValues?: boolean;
}

/** X-Signature: "sha256=" + hex HMAC-SHA256 of `${timestamp}.${body}`, timestamp in Unix seconds. */
export function signPayload(body: string, secret: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver checks: the signature covers this timestamp and these exact body bytes, and the
 * timestamp is within the replay window of its clock (a captured request cannot be played again later).
 */
export function verifyWebhookSignature(
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; reason: string } {
  const timestamp = Number(headers.timestamp);
  if (!headers.timestamp || !Number.isInteger(timestamp)) {
    return { ok: false, reason: 'missing X-Signature-Timestamp' };
  }
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_REPLAY_WINDOW_SECONDS) {
    return { ok: false, reason: 'timestamp outside the replay window' };
  }
  const expected = Buffer.from(signPayload(body, secret, timestamp));
  const given = Buffer.from(headers.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  return { ok: true };
}

/**
 * The batch key: the same leads at the same attempt give the same key, so a repeat of a delivery that
 * may have applied is recognisable as a whole; a new attempt after a definite refusal gets a new one.
 */
export function batchIdempotencyKey(leads: readonly { id: string; attempt: number }[]): string {
  return createHash('sha256')
    .update(
      leads
        .map((l) => `${l.id}:${l.attempt}`)
        .sort()
        .join(','),
    )
    .digest('hex')
    .slice(0, 32);
}

/** Answers that say the webhook itself is misconfigured (URL or secret), not that these leads are wrong. */
const CONNECTION_REFUSALS = new Set([401, 403, 404, 405, 410]);

export class WebhookCrm implements CrmAdapter {
  readonly mode = 'webhook' as const;
  readonly maxBatchSize = CRM_BATCH_LIMITS.webhook;
  private readonly http: AxiosInstance;

  constructor(private readonly options: WebhookOptions) {
    this.http = axios.create({
      timeout: options.timeoutMs ?? 15_000,
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  /** A signed delivery with no leads, marked as a test, so the person can check URL and secret. */
  async sendTest(): Promise<{ ok: boolean; message: string }> {
    try {
      const response = await this.post({ test: true, leads: [] }, `test-${Date.now()}`);
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, message: `The webhook accepted a signed test delivery (${response.status})` };
      }
      return { ok: false, message: `The CRM webhook answered ${response.status}${describe(response.data)}` };
    } catch (err) {
      return { ok: false, message: this.unreachable(err) };
    }
  }

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    const ids = leads.map((l) => l.id);
    const payload = {
      leads: leads.map((lead) => {
        const { attempt: _attempt, ...fields } = lead;
        return { ...fields, idempotencyKey: lead.id };
      }),
      keepExistingValues: this.options.keepExistingValues ?? false,
    };
    try {
      const response = await this.post(payload, batchIdempotencyKey(leads));
      const { status } = response;
      if (status >= 200 && status < 300) {
        return { delivered: ids.map((id) => ({ id, recordId: null, recordUrl: null })), failed: [] };
      }
      const reason = `The CRM webhook answered ${status}${describe(response.data)}`;
      if (CONNECTION_REFUSALS.has(status)) {
        return { delivered: [], failed: [], halt: `${reason}: check the webhook URL and secret in Settings` };
      }
      const retryable = status === 408 || status === 429 || status >= 500;
      const wait = retryAfterMs(response.headers['retry-after']);
      return failAll(leads, reason, {
        permanent: !retryable && status >= 400 && status < 500,
        ...(wait !== null ? { retryAfterMs: wait } : {}),
      });
    } catch (err) {
      // A timeout or a broken connection may come after the receiver stored the batch.
      return failAll(leads, this.unreachable(err), { permanent: false, uncertain: !neverReachedServer(err) });
    }
  }

  private post(payload: unknown, idempotencyKey: string) {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    return this.http.post(this.options.url, body, {
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
        'X-Signature-Timestamp': String(timestamp),
        'X-Signature': signPayload(body, this.options.secret, timestamp),
      },
      transformRequest: [(data: string) => data],
    });
  }

  private unreachable(err: unknown): string {
    const detail =
      axios.isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')
        ? 'timed out'
        : err instanceof Error
          ? err.message
          : String(err);
    return `The CRM webhook could not be reached (${redactSecrets(detail, [this.options.secret])})`;
  }
}

function describe(data: unknown): string {
  if (data && typeof data === 'object') {
    const { error, message } = data as { error?: unknown; message?: unknown };
    const text = typeof error === 'string' ? error : typeof message === 'string' ? message : null;
    if (text) return `: ${text.slice(0, 300)}`;
  }
  if (typeof data === 'string' && data.trim()) return `: ${data.trim().slice(0, 300)}`;
  return '';
}
