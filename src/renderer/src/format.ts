// Display helpers: numbers, percentages, flags, dates and the one-line summaries.
import type { EnrichSummary, SyncRunView, SyncTrigger } from '@shared/contract';
import { formatCount, formatDuration as formatSpan, formatNumber, formatPercent } from '@shared/format';

// The one rule for each, shared with the core and the command line (the runtime's locale applies).
export { formatNumber, formatPercent };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const logTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** "3 names", "1 name": the count with the right noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return formatCount(count, one, many);
}

function parseDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(iso: string): string {
  const date = parseDate(iso);
  return date ? dateFormat.format(date) : '—';
}

export function formatDateTime(iso: string): string {
  const date = parseDate(iso);
  return date ? dateTimeFormat.format(date) : '—';
}

/** A log line's time, local, to the second: "20/11/2025, 10:40:02". */
export function formatLogTime(iso: string): string {
  const date = parseDate(iso);
  return date ? logTimeFormat.format(date) : '—';
}

/** A log line the core stamped with an ISO time in UTC ("2025-11-20T10:40:02.123Z …"), in local time. */
export function localLogLine(line: string): string {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (.*)$/s.exec(line);
  return match ? `${formatLogTime(match[1]!)}  ${match[2]}` : line;
}

/** Date and time, short enough for a cell: "Nov 20, 10:42" this year, "11/20/24, 10:42" before. */
export function formatShortDateTime(iso: string, now = Date.now()): string {
  const date = parseDate(iso);
  if (!date) return '—';
  return date.getFullYear() === new Date(now).getFullYear()
    ? dayTimeFormat.format(date)
    : shortDateTimeFormat.format(date);
}

/** The time of day when it is today ("10:42"), else the day ("Nov 20"): short enough for a cell. */
export function formatTimeOrDay(iso: string, now: number): string {
  const date = parseDate(iso);
  if (!date) return '—';
  return date.toDateString() === new Date(now).toDateString()
    ? timeFormat.format(date)
    : dayFormat.format(date);
}

/** "in 4 min", "12 min ago", "in less than a minute". */
export function formatRelative(iso: string, now: number): string {
  const date = parseDate(iso);
  if (!date) return '—';
  const delta = date.getTime() - now;
  return delta >= 0 ? `in ${formatTimeLeft(delta)}` : `${formatTimeLeft(-delta)} ago`;
}

/** A run's duration: "850 ms", "12.4 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  return formatSpan(ms, 'exact');
}

/** A coarse time span for "resets in ...": "less than a minute", "42 min", "3 h 5 min", "2 days". */
export function formatTimeLeft(ms: number): string {
  return formatSpan(ms, 'approx');
}

/** A countdown: seconds in its last minute ("42 s"), else as formatTimeLeft ("23 h 58 min"). */
export function formatCountdown(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : formatTimeLeft(ms);
}

/** The parts of a run's summary line, joined with " · " on screen. */
export function summaryParts(summary: EnrichSummary): string[] {
  const parts = [
    `${formatNumber(summary.enriched)} enriched (${formatNumber(summary.verified)} Verified, ${formatNumber(summary.toCheck)} To Check)`,
    `${formatNumber(summary.alreadyEnriched)} already enriched`,
    `${formatNumber(summary.failed.length)} failed`,
    `${formatNumber(summary.cancelled)} cancelled`,
    `${plural(summary.duplicatesFolded, 'duplicate')} folded`,
  ];
  if (summary.waiting > 0) parts.push(`${formatNumber(summary.waiting)} waiting for quota`);
  return parts;
}

/** "10:42" today, else the day and time: when something will happen. */
export function formatWhen(iso: string, now: number): string {
  const date = parseDate(iso);
  if (!date) return '—';
  return date.toDateString() === new Date(now).toDateString()
    ? timeFormat.format(date)
    : dateTimeFormat.format(date);
}

export const SYNC_TRIGGER_LABEL: Record<SyncTrigger, string> = {
  schedule: 'Scheduled',
  manual: 'Sync now',
  cli: 'Command line',
};

/** The counts of a sync run, joined with " · " on screen. */
export function syncRunParts(run: SyncRunView): string[] {
  return [
    `${formatNumber(run.claimed)} claimed`,
    `${formatNumber(run.delivered)} delivered`,
    `${formatNumber(run.failed)} failed`,
  ];
}

/** Names the database did not take: the paste area keeps them (see PastePanel). */
export function unstored(summary: EnrichSummary): number {
  return summary.failed.filter((f) => f.code === 'db_unavailable').length;
}

/** A file's run and the run of its corrections, as one summary (the second run's id and state). */
export function mergeSummaries(first: EnrichSummary, second: EnrichSummary): EnrichSummary {
  return {
    ...second,
    pasted: first.pasted + second.pasted,
    unique: first.unique + second.unique,
    duplicatesFolded: first.duplicatesFolded + second.duplicatesFolded,
    enriched: first.enriched + second.enriched,
    alreadyEnriched: first.alreadyEnriched + second.alreadyEnriched,
    failed: [...first.failed, ...second.failed],
    verified: first.verified + second.verified,
    toCheck: first.toCheck + second.toCheck,
    cancelled: first.cancelled + second.cancelled,
    waiting: first.waiting + second.waiting,
    durationMs: first.durationMs + second.durationMs,
  };
}
