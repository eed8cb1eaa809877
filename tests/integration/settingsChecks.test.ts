// The Test buttons of Settings against the local stand-ins: one cheap API request, one signed delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApiKey, testWebhook } from '../../src/core/settings/checks';
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
  it('says the key works and shows the quota left, with one request for one name', async () => {
    fake.resetCounters();
    const result = await testApiKey(fake.url, 'good-key-123');
    expect(result).toMatchObject({
      ok: true,
      message: 'The API key works: 249 names left',
      quota: { limit: 1000, remaining: 249 },
    });
    expect(fake.requests).toBe(1);
    expect(fake.namesRequested).toBe(1);
  });

  it('says an invalid key is invalid, without repeating the key', async () => {
    const result = await testApiKey(fake.url, 'wrong-key-456');
    expect(result).toMatchObject({
      ok: false,
      message: 'Invalid API key (401): check the key in your nationalize.io account',
    });
    expect(JSON.stringify(result)).not.toContain('wrong-key-456');
  });

  it('says the API cannot be reached', async () => {
    const result = await testApiKey('http://127.0.0.1:9', null, 1000);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^The API could not be reached at http:\/\/127\.0\.0\.1:9 \(.*ECONNREFUSED/,
    );
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
