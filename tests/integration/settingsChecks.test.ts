// The Test buttons of Settings against the local stand-ins: one cheap API request, one signed delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApiKey, testApiKeyRequest, testWebhook } from '../../src/core/settings/checks';
import { FakeNationalize } from '../support/fakeNationalize';
import { WebhookReceiver } from '../support/webhookReceiver';

let fake: FakeNationalize;
let receiver: WebhookReceiver;

beforeAll(async () => {
  fake = new FakeNationalize({
    validKeys: ['good-key-123'],
    quota: { limit: 1000, remaining: 250, resetSeconds: 3600 },
  });
  await fake.start();
  receiver = new WebhookReceiver('receiver-secret');
  await receiver.start();
});
afterAll(async () => {
  await fake.stop();
  await receiver.stop();
});

describe('Test API key', () => {
  it('says the key works, the quota left, and that the test used a name of it: one request, one name', async () => {
    fake.configure({ quota: { limit: 2500, remaining: 2500, resetSeconds: 3600 } });
    fake.resetCounters();
    const result = await testApiKey(fake.url, 'good-key-123');
    expect(result).toMatchObject({
      ok: true,
      message: 'The API key works: 2,499 names left (this test used 1 name of the quota)',
      quota: { limit: 2500, remaining: 2499 },
    });
    expect(fake.requests).toBe(1);
    expect(fake.namesRequested).toBe(1);
  });

  it('without a key, says the free tier is used, and when its quota is exhausted, says that', async () => {
    fake.configure({ quota: { limit: 100, remaining: 40, resetSeconds: 3600 } });
    expect(await testApiKey(fake.url, null)).toMatchObject({
      ok: true,
      message:
        'No API key: the free tier is used, and it answers: 39 names left (this test used 1 name of the quota)',
    });
    fake.configure({ quota: { limit: 100, remaining: 0, resetSeconds: 3 * 3600 } });
    expect(await testApiKey(fake.url, null)).toMatchObject({
      ok: false,
      message:
        'No API key: the free tier is used, and its quota is exhausted: it resets in 3 h. A key from nationalize.io gives a larger quota',
    });
    expect(await testApiKey(fake.url, 'good-key-123')).toMatchObject({
      ok: false,
      message: 'The key works but its quota is exhausted: it resets in 3 h',
    });
    fake.configure({ quota: { limit: 1000, remaining: 250, resetSeconds: 3600 } });
  });

  it('says an invalid key is invalid, without repeating the key', async () => {
    const result = await testApiKey(fake.url, 'wrong-key-456');
    expect(result).toMatchObject({
      ok: false,
      message: 'Invalid API key (401): check the key in your nationalize.io account',
    });
    expect(JSON.stringify(result)).not.toContain('wrong-key-456');
  });

  it('says the API cannot be reached, and where it tried', async () => {
    const result = await testApiKey('http://127.0.0.1:9', 'good-key-123', 1000);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^The API could not be reached after 1 attempt \(.*ECONNREFUSED.*\) \(address: http:\/\/127\.0\.0\.1:9\)$/,
    );
    expect(result.message).not.toContain('good-key-123');
  });

  it('follows no redirect: the key is not sent on to the address the redirect names', async () => {
    const other = new FakeNationalize();
    const otherUrl = await other.start();
    try {
      fake.injectFailures({
        status: 302,
        headers: { Location: `${otherUrl}/?apikey=good-key-123` },
        body: {},
      });
      const result = await testApiKey(fake.url, 'good-key-123');
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/redirect \(302\), which is not followed/);
      expect(other.requests).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('refuses plain http to another computer before sending the key anywhere', async () => {
    expect(await testApiKey('http://api.nationalize.io', 'good-key-123')).toEqual({
      ok: false,
      message: 'The API address must be https (plain http is allowed only to this computer)',
    });
  });

  it('sends the saved key only to the saved address: another address needs the key typed again', async () => {
    fake.resetCounters();
    const saved = { baseUrl: fake.url, apiKey: 'good-key-123' };
    const other = new FakeNationalize();
    const otherUrl = await other.start();
    try {
      expect(await testApiKeyRequest(saved, { baseUrl: otherUrl })).toEqual({
        ok: false,
        message: `Enter the API key again for this address: the saved key is sent only to ${fake.url}`,
      });
      expect(other.requests).toBe(0);
      // Typed again, or no key at all (empty), it may go there.
      expect((await testApiKeyRequest(saved, { baseUrl: otherUrl, apiKey: 'good-key-123' })).ok).toBe(true);
      expect((await testApiKeyRequest(saved, { baseUrl: otherUrl, apiKey: '' })).message).toMatch(
        /^No API key: the free tier is used/,
      );
      // The saved address (with or without its slash) takes the saved key.
      expect((await testApiKeyRequest(saved, { baseUrl: `${fake.url}/` })).message).toMatch(
        /^The API key works/,
      );
      expect(fake.requests).toBe(1);
    } finally {
      await other.stop();
    }
  });
});

describe('Send test delivery', () => {
  it('makes a signed test delivery the receiver accepts', async () => {
    const result = await testWebhook(receiver.url, 'receiver-secret');
    expect(result).toEqual({ ok: true, message: 'The webhook accepted a signed test delivery (200)' });
    expect(receiver.badSignatures).toBe(0);
  });

  it('shows what the receiver says when the secret is wrong', async () => {
    const result = await testWebhook(receiver.url, 'another-secret');
    expect(result).toEqual({ ok: false, message: 'The CRM webhook answered 401: bad signature' });
  });

  it('refuses plain http to another computer before sending anything', async () => {
    expect(await testWebhook('http://crm.example.com/hook', 'receiver-secret')).toEqual({
      ok: false,
      message: 'The webhook URL must be https (plain http is allowed only to this computer)',
    });
    expect(await testWebhook(null, 'x')).toEqual({ ok: false, message: 'No webhook URL set' });
  });
});
