// Delivers batches of leads to a webhook: signed JSON, an idempotency key per batch and per lead.
import { createHash, createHmac } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { redactSecrets } from '../redact';
import type { CrmAdapter, CrmLead, DeliveryResult } from './crm';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
}

/** HMAC-SHA256 of the exact body bytes, hex, as sent in X-Signature ("sha256=<hex>"). */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The same leads always give the same batch key, so a redelivered batch is recognisable as a whole. */
export function batchIdempotencyKey(ids: readonly string[]): string {
  return createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 32);
}

export class WebhookCrm implements CrmAdapter {
  readonly mode = 'webhook' as const;
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
    const body = JSON.stringify({ test: true, leads: [] });
    try {
      const response = await this.http.post(this.options.url, body, {
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': `test-${Date.now()}`,
          'X-Signature': signBody(body, this.options.secret),
        },
        transformRequest: [(data: string) => data],
      });
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, message: `The webhook accepted a signed test delivery (${response.status})` };
      }
      return { ok: false, message: `The CRM webhook answered ${response.status}${describe(response.data)}` };
    } catch (err) {
      const detail = axios.isAxiosError(err) && err.code === 'ECONNABORTED' ? 'timed out' : errorText(err);
      return {
        ok: false,
        message: `The CRM webhook could not be reached (${redactSecrets(detail, [this.options.secret])})`,
      };
    }
  }

  async deliver(leads: readonly CrmLead[]): Promise<DeliveryResult> {
    const ids = leads.map((l) => l.id);
    const body = JSON.stringify({ leads: leads.map((lead) => ({ ...lead, idempotencyKey: lead.id })) });
    const fail = (reason: string, permanent: boolean): DeliveryResult => ({
      delivered: [],
      failed: ids.map((id) => ({ id, reason, permanent })),
    });
    try {
      const response = await this.http.post(this.options.url, body, {
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': batchIdempotencyKey(ids),
          'X-Signature': signBody(body, this.options.secret),
        },
        transformRequest: [(data: string) => data],
      });
      const { status } = response;
      if (status >= 200 && status < 300) return { delivered: ids, failed: [] };
      const reason = `The CRM webhook answered ${status}${describe(response.data)}`;
      const retryable = status === 408 || status === 429 || status >= 500;
      return fail(reason, !retryable && status >= 400 && status < 500);
    } catch (err) {
      const detail = axios.isAxiosError(err) && err.code === 'ECONNABORTED' ? 'timed out' : errorText(err);
      return fail(
        `The CRM webhook could not be reached (${redactSecrets(detail, [this.options.secret])})`,
        false,
      );
    }
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
