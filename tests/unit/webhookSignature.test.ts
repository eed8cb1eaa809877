import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchIdempotencyKey, signPayload, verifyWebhookSignature } from '../../src/core/sync/webhookCrm';

const SECRET = 'whsec-test-secret';
const BODY = '{"leads":[{"id":"65a000000000000000000010"}]}';
const NOW = 1_772_000_000;

describe('webhook signatures', () => {
  it('sign the timestamp and the exact body bytes: HMAC-SHA256 of "timestamp.body"', () => {
    expect(signPayload(BODY, SECRET, NOW)).toBe(
      `sha256=${createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex')}`,
    );
  });

  it('are accepted within the replay window and refused outside it, or when anything changed', () => {
    const signature = signPayload(BODY, SECRET, NOW);
    const check = (headers: { timestamp?: string; signature?: string }, body = BODY, now = NOW) =>
      verifyWebhookSignature(
        { timestamp: headers.timestamp, signature: headers.signature },
        body,
        SECRET,
        now,
      );
    expect(check({ timestamp: String(NOW), signature })).toEqual({ ok: true });
    expect(check({ timestamp: String(NOW), signature }, BODY, NOW + 300)).toEqual({ ok: true });
    expect(check({ timestamp: String(NOW), signature }, BODY, NOW + 301)).toEqual({
      ok: false,
      reason: 'timestamp outside the replay window',
    });
    expect(check({ timestamp: String(NOW), signature }, BODY, NOW - 301)).toMatchObject({ ok: false });
    // A replay with a fresh timestamp but the old signature: the signature no longer matches.
    expect(check({ timestamp: String(NOW + 60), signature }, BODY, NOW + 60)).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    expect(check({ timestamp: String(NOW), signature }, BODY.replace('10', '11'))).toMatchObject({
      ok: false,
    });
    expect(check({ signature })).toEqual({ ok: false, reason: 'missing X-Signature-Timestamp' });
    expect(check({ timestamp: String(NOW) })).toEqual({ ok: false, reason: 'bad signature' });
  });
});

describe('the batch idempotency key', () => {
  const a = { id: '65a000000000000000000010', attempt: 0 };
  const b = { id: '65a000000000000000000020', attempt: 0 };

  it('is the same for the same leads at the same attempt, in any order', () => {
    expect(batchIdempotencyKey([a, b])).toBe(batchIdempotencyKey([b, a]));
    expect(batchIdempotencyKey([a, b])).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with the leads and with a new attempt', () => {
    expect(batchIdempotencyKey([a])).not.toBe(batchIdempotencyKey([a, b]));
    expect(batchIdempotencyKey([a, b])).not.toBe(batchIdempotencyKey([{ ...a, attempt: 1 }, b]));
  });
});
