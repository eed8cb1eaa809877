import { describe, expect, it } from 'vitest';
import { formatWait, readRateLimit, retryAfterSeconds } from '../../src/core/nationalize/rateLimit';

describe('quota headers', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads limit, remaining and the reset time', () => {
    expect(
      readRateLimit(
        { 'x-rate-limit-limit': '1000', 'x-rate-limit-remaining': '12', 'x-rate-limit-reset': '90' },
        now,
      ),
    ).toEqual({ limit: 1000, remaining: 12, resetsAt: '2026-01-01T00:01:30.000Z' });
    expect(readRateLimit({}, now)).toBeNull();
  });

  it('waits for X-Rate-Limit-Reset, else Retry-After in seconds or as a date', () => {
    expect(retryAfterSeconds({ 'x-rate-limit-reset': '7', 'retry-after': '99' }, now)).toBe(7);
    expect(retryAfterSeconds({ 'retry-after': '3' }, now)).toBe(3);
    expect(retryAfterSeconds({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds({}, now)).toBeNull();
  });

  it('says how long in words a person reads (the shared approximate duration)', () => {
    // Was "45 s": a wait is now written like every other time left, to the minute.
    expect(formatWait(45)).toBe('less than a minute');
    expect(formatWait(600)).toBe('10 min');
    expect(formatWait(3 * 3600 + 12 * 60)).toBe('3 h 12 min');
    expect(formatWait(5 * 86400)).toBe('5 days');
  });
});
