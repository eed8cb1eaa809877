// The "Test" buttons of Settings: each tries a value before it is saved and says what it found.
import axios from 'axios';
import type { TestResult } from '@shared/contract';
import { serviceUrlProblem } from '../config';
import { readRateLimit, retryAfterSeconds, formatWait } from '../nationalize/rateLimit';
import { redactSecrets } from '../redact';
import { WebhookCrm } from '../sync/webhookCrm';

/** One cheap request (one name): does the key work, and how much quota is left. */
export async function testApiKey(
  baseUrl: string,
  apiKey: string | null,
  timeoutMs = 8000,
): Promise<TestResult> {
  const params = new URLSearchParams({ 'name[]': 'peter' });
  if (apiKey) params.append('apikey', apiKey);
  try {
    const response = await axios.get(baseUrl, { params, timeout: timeoutMs, validateStatus: () => true });
    const headers = response.headers as Record<string, unknown>;
    const quota = readRateLimit(headers);
    const left =
      quota?.remaining !== null && quota?.remaining !== undefined ? `: ${quota.remaining} names left` : '';
    switch (response.status) {
      case 200:
        return {
          ok: true,
          message: `${apiKey ? 'The API key works' : 'The API answers (no key: free tier)'}${left}`,
          quota,
        };
      case 401:
        return {
          ok: false,
          message: 'Invalid API key (401): check the key in your nationalize.io account',
          quota,
        };
      case 402:
        return { ok: false, message: 'The subscription of this key is not active (402)', quota };
      case 429: {
        const wait = retryAfterSeconds(headers);
        const reset = wait === null ? '' : `: resets in ${formatWait(wait)}`;
        return { ok: false, message: `The key works but its quota is exhausted${reset}`, quota };
      }
      default:
        return { ok: false, message: `The API answered ${response.status}`, quota };
    }
  } catch (err) {
    const detail = redactSecrets(err instanceof Error ? err.message : String(err), [apiKey]);
    return { ok: false, message: `The API could not be reached at ${baseUrl} (${detail})`, quota: null };
  }
}

export async function testWebhook(url: string | null, secret: string | null): Promise<TestResult> {
  if (!url) return { ok: false, message: 'No webhook URL set' };
  const problem = serviceUrlProblem(url);
  if (problem) return { ok: false, message: `The webhook URL ${problem}` };
  if (!secret) return { ok: false, message: 'No webhook secret set: the CRM could not check the signature' };
  return new WebhookCrm({ url, secret, timeoutMs: 8000 }).sendTest();
}
