import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDuration,
  formatPercent,
  formatRelative,
  formatTimeLeft,
  formatTimeOrDay,
  plural,
} from '../../src/renderer/src/format';
import * as shared from '@shared/format';

describe('display formats', () => {
  it('shows probabilities as percentages with one decimal', () => {
    expect(formatPercent(0.8734)).toBe('87.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.05)).toBe('5.0%');
  });

  it('writes durations and time left for people', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatTimeLeft(20_000)).toBe('less than a minute');
    expect(formatTimeLeft(42 * 60_000)).toBe('42 min');
    expect(formatTimeLeft(185 * 60_000)).toBe('3 h 5 min');
    // Was "3 d": the shared formatter writes days out, as the core's messages always did.
    expect(formatTimeLeft(72 * 3_600_000)).toBe('3 days');
    // A countdown shows its last minute in seconds.
    expect(formatCountdown(41_200)).toBe('42 s');
    expect(formatCountdown(300)).toBe('1 s');
    expect(formatCountdown(185 * 60_000)).toBe('3 h 5 min');
  });

  it('are the shared formatters of the core and the command line', () => {
    for (const ms of [850, 12_400, 185_000]) expect(formatDuration(ms)).toBe(shared.formatDuration(ms));
    for (const ms of [20_000, 185 * 60_000]) {
      expect(formatTimeLeft(ms)).toBe(shared.formatDuration(ms, 'approx'));
    }
    expect(formatPercent(0.8734)).toBe(shared.formatPercent(0.8734));
  });

  it('pluralises counts', () => {
    expect(plural(1, 'name')).toBe('1 name');
    expect(plural(2, 'name')).toBe('2 names');
  });

  it('writes sync times relative to now, and today as a time of day', () => {
    const now = new Date(2025, 10, 20, 10, 0).getTime();
    expect(formatRelative(new Date(now + 4 * 60_000).toISOString(), now)).toBe('in 4 min');
    expect(formatRelative(new Date(now - 90 * 60_000).toISOString(), now)).toBe('1 h 30 min ago');
    expect(formatRelative('not a date', now)).toBe('—');
    const today = new Date(2025, 10, 20, 8, 42);
    expect(formatTimeOrDay(today.toISOString(), now)).toBe(
      new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(today),
    );
    const earlier = new Date(2025, 10, 18, 8, 42);
    expect(formatTimeOrDay(earlier.toISOString(), now)).toBe(
      new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(earlier),
    );
  });
});
