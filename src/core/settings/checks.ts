// The "Test" buttons of Settings: each tries a value before it is saved and says what it found.
import type { TestResult } from '@shared/contract';
import { formatCount, formatDuration } from '@shared/format';
import { NationalizeClient, type LookupOutcome } from '../nationalize/client';
import { sameBaseUrl, serviceUrlProblem } from '../rules';
import { WebhookCrm } from '../sync/webhookCrm';

/** The name the key test asks for: any common name does; it costs one name of the quota. */
const PROBE_NAME = 'peter';
const SPENT = 'this test used 1 name of the quota';

/**
 * What the Test API key button asks: the key typed (or, left out, the saved one) against the address typed
 * (or the saved one). The saved key is sent only to the address it was saved with.
 */
export async function testApiKeyRequest(
  saved: { baseUrl: string; apiKey: string | null },
  request: { apiKey?: string; baseUrl?: string },
): Promise<TestResult> {
  const baseUrl = request.baseUrl?.trim() || saved.baseUrl;
  if (request.apiKey === undefined && saved.apiKey && !sameBaseUrl(baseUrl, saved.baseUrl)) {
    return {
      ok: false,
      message: `Enter the API key again for this address: the saved key is sent only to ${saved.baseUrl}`,
    };
  }
  const apiKey = request.apiKey === undefined ? saved.apiKey : request.apiKey.trim() || null;
  return testApiKey(baseUrl, apiKey);
}

/** One request for one name, through the same client as the runs: does the key work, how much quota is left. */
export async function testApiKey(
  baseUrl: string,
  apiKey: string | null,
  timeoutMs = 8000,
): Promise<TestResult> {
  const problem = serviceUrlProblem(baseUrl);
  if (problem) return { ok: false, message: `The API address ${problem}` };
  // One attempt and no waiting: the person clicked and waits for the answer.
  const client = new NationalizeClient({
    baseUrl,
    apiKey,
    concurrency: 1,
    timeoutMs,
    maxAttempts: 1,
    maxRateLimitWaitMs: 0,
  });
  const outcome = await client.probe(PROBE_NAME);
  const quota = client.lastRateLimit;
  return { ...describeProbe(outcome, apiKey !== null, baseUrl, quota?.remaining ?? null), quota };
}

function describeProbe(
  outcome: LookupOutcome,
  withKey: boolean,
  baseUrl: string,
  remaining: number | null,
): { ok: boolean; message: string } {
  const left = remaining === null ? '' : `: ${formatCount(remaining, 'name')} left`;
  // Without a key the free tier is used: say so, whatever the answer.
  const who = withKey ? 'The API key works' : 'No API key: the free tier is used, and it answers';
  if (outcome.ok || outcome.code === 'no_prediction') {
    return { ok: true, message: `${who}${left} (${SPENT})` };
  }
  switch (outcome.code) {
    case 'invalid_api_key':
      return {
        ok: false,
        message: withKey
          ? 'Invalid API key (401): check the key in your nationalize.io account'
          : 'The API asks for a key (401): enter your nationalize.io API key',
      };
    case 'subscription_inactive':
      return {
        ok: false,
        message: 'The subscription of this key is not active (402): renew it or use another key',
      };
    case 'quota_exhausted': {
      const ms = outcome.retryAt ? Date.parse(outcome.retryAt) - Date.now() : NaN;
      const reset = Number.isNaN(ms)
        ? ' (the API did not say when it resets)'
        : `: it resets in ${formatDuration(ms, 'approx')}`;
      return {
        ok: false,
        message: withKey
          ? `The key works but its quota is exhausted${reset}`
          : `No API key: the free tier is used, and its quota is exhausted${reset}. A key from nationalize.io gives a larger quota`,
      };
    }
    case 'api_mismatch':
    case 'api_invalid':
      return {
        ok: false,
        message: `The address answered, but not as nationalize.io does (${SPENT}): ${outcome.reason}`,
      };
    default:
      return { ok: false, message: `${outcome.reason} (address: ${baseUrl})` };
  }
}

export async function testWebhook(url: string | null, secret: string | null): Promise<TestResult> {
  if (!url) return { ok: false, message: 'No webhook URL set' };
  const problem = serviceUrlProblem(url);
  if (problem) return { ok: false, message: `The webhook URL ${problem}` };
  if (!secret) return { ok: false, message: 'No webhook secret set: the CRM could not check the signature' };
  return new WebhookCrm({ url, secret, timeoutMs: 8000 }).sendTest();
}
