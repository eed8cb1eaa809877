// The one formatter of each kind, shared by the core's messages, the command line and the renderer.
import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatNumber, formatPercent } from '../../src/shared/format';
import { formatWait } from '../../src/core/nationalize/rateLimit';

describe('shared formats', () => {
  it('writes percentages with one decimal, the locale’s way', () => {
    expect(formatPercent(0.8734, 'en-US')).toBe('87.3%');
    expect(formatPercent(1, 'en-US')).toBe('100.0%');
    expect(formatPercent(0.05, 'en-US')).toBe('5.0%');
    expect(formatPercent(0.8734, 'de-DE')).toBe('87,3\u00a0%');
  });

  it('groups counts the locale’s way, with the right noun', () => {
    expect(formatNumber(2499, 'en-US')).toBe('2,499');
    expect(formatNumber(2499, 'de-DE')).toBe('2.499');
    expect(formatCount(1, 'name', undefined, 'en-US')).toBe('1 name');
    expect(formatCount(2499, 'name', undefined, 'en-US')).toBe('2,499 names');
  });

  it('writes a measured duration exactly', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400, 'exact', 'en-US')).toBe('12.4 s');
    expect(formatDuration(59_960, 'exact', 'en-US')).toBe('1 min');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(12_400, 'exact', 'de-DE')).toBe('12,4 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('writes a time left to the minute', () => {
    expect(formatDuration(20_000, 'approx')).toBe('less than a minute');
    expect(formatDuration(42 * 60_000, 'approx')).toBe('42 min');
    expect(formatDuration(185 * 60_000, 'approx')).toBe('3 h 5 min');
    expect(formatDuration(3 * 3_600_000, 'approx')).toBe('3 h');
    expect(formatDuration(72 * 3_600_000, 'approx')).toBe('3 days');
    expect(formatDuration(-5000, 'approx')).toBe('less than a minute');
  });

  it('is the rule of the core’s waits (the renderer’s test checks its side)', () => {
    for (const seconds of [30, 600, 3 * 3600 + 12 * 60, 5 * 86_400]) {
      expect(formatWait(seconds)).toBe(formatDuration(seconds * 1000, 'approx'));
    }
  });
});
