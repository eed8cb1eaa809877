// Human-readable output of the command line.
import stringWidth from 'string-width';
import { showControlCharacters } from '@shared/names';
import type {
  EnrichSummary,
  FailureView,
  LeadView,
  RateLimitView,
  RunView,
  SyncRunView,
} from '@shared/contract';
import { formatCount, formatDuration, formatNumber, formatPercent } from '@shared/format';

/** Columns of a terminal, not characters: an East Asian wide character (李, 김) takes two. */
const NAME_WIDTH = 40;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Control characters shown as escapes (\u0007), long names cut, so one bad entry cannot wreck the table. */
function display(name: string): string {
  const visible = showControlCharacters(name);
  if (stringWidth(visible) <= NAME_WIDTH - 2) return visible;
  let cut = '';
  for (const { segment } of graphemes.segment(visible)) {
    if (stringWidth(cut + segment) > NAME_WIDTH - 3) break;
    cut += segment;
  }
  return `${cut}…`;
}

/** The text and spaces up to `width` columns (at least one space after it). */
function pad(text: string, width: number): string {
  const used = stringWidth(text);
  return used >= width ? `${text} ` : text + ' '.repeat(width - used);
}

/** The width of the name column: the widest name shown, within NAME_WIDTH. */
function nameColumn(names: readonly string[], min = 0): number {
  return Math.min(NAME_WIDTH, Math.max(min, ...names.map((name) => stringWidth(display(name)))) + 2);
}

/**
 * The first line of a run's summary, in the words the app's paste box uses: "83 names detected ·
 * 2 duplicates folded · 3 invalid". Invalid names are those the paste check or the API refused.
 */
export function summaryLine(s: EnrichSummary): string {
  const invalid = s.failed.filter((f) => f.code === 'invalid_name').length;
  const parts = [
    `${formatCount(s.unique - invalid, 'name')} detected`,
    `${formatCount(s.duplicatesFolded, 'duplicate')} folded`,
  ];
  if (invalid > 0) parts.push(`${formatNumber(invalid)} invalid`);
  return `Run ${s.runId}: ${parts.join(' · ')} (${formatDuration(s.durationMs)})`;
}

export function formatSummary(s: EnrichSummary, rateLimit: RateLimitView | null): string {
  const lines = [
    summaryLine(s),
    `  Enriched and stored  ${s.enriched} (Verified ${s.verified}, To Check ${s.toCheck})`,
    `  Already enriched     ${s.alreadyEnriched}`,
    `  Failed               ${s.failed.length}`,
    `  Cancelled            ${s.cancelled}`,
  ];
  if (s.waiting > 0) lines.push(`  ${waitingLine(s)}`);
  if (s.failed.length) {
    const width = nameColumn(s.failed.map((f) => f.name));
    lines.push('', 'Failed names:');
    for (const f of s.failed) lines.push(`  ${pad(display(f.name), width)}${f.reason}`);
  }
  const quota = formatQuota(rateLimit);
  if (quota) lines.push('', quota);
  return lines.join('\n');
}

export function formatQuota(rateLimit: RateLimitView | null): string | null {
  if (!rateLimit || rateLimit.remaining === null) return null;
  const of = rateLimit.limit === null ? '' : ` of ${formatNumber(rateLimit.limit)}`;
  const reset = rateLimit.resetsAt ? `, resets at ${new Date(rateLimit.resetsAt).toLocaleString()}` : '';
  return `API quota left: ${formatNumber(rateLimit.remaining)}${of} names${reset}`;
}

export function formatLeads(leads: LeadView[]): string {
  if (leads.length === 0) return 'No leads.';
  const width = nameColumn(
    leads.map((l) => l.name),
    4,
  );
  const header = `${pad('Name', width)}${pad('Country', 28)}${pad('Prob.', 8)}${pad('Status', 10)}Synced`;
  const rows = leads.map(
    (l) =>
      `${pad(display(l.name), width)}${pad(`${l.country} (${l.countryCode})`, 28)}${pad(formatPercent(l.probability), 8)}${pad(l.status, 10)}${l.isCrmSynced ? 'yes' : 'no'}`,
  );
  return [header, ...rows, '', formatCount(leads.length, 'lead')].join('\n');
}

/** "Waiting for quota 200 (asked by themselves at 14:05)", or the names an interrupted run left. */
function waitingLine(s: Pick<EnrichSummary, 'state' | 'waiting' | 'resumeAt'>): string {
  if (s.state === 'interrupted') return `Left for the resume ${s.waiting} (npm run cli -- resume)`;
  const when = s.resumeAt
    ? ` (the quota resets at ${new Date(s.resumeAt).toLocaleString()}; then run: npm run cli -- resume)`
    : '';
  return `Waiting for quota     ${s.waiting}${when}`;
}

export function formatResumed(s: EnrichSummary): string {
  const tail =
    s.waiting > 0 ? `, ${s.waiting} ${s.state === 'interrupted' ? 'left' : 'waiting for quota'}` : '';
  return `run ${s.runId}: ${s.enriched} enriched, ${s.alreadyEnriched} already enriched, ${s.failed.length} failed, ${s.cancelled} cancelled${tail}`;
}

export function formatWaitingRun(run: RunView): string {
  const when = run.resumeAt ? `at ${new Date(run.resumeAt).toLocaleString()}` : 'when the quota resets';
  return `Waiting: run ${run.id} has ${run.waiting} names waiting for quota; they can be asked ${when}`;
}

const STATE_LABEL: Record<RunView['state'], string> = {
  running: 'running',
  waiting_quota: 'waiting for quota',
  interrupted: 'interrupted',
  cancelled: 'cancelled',
  done: 'done',
};

export function formatRuns(runs: RunView[]): string {
  if (runs.length === 0) return 'No runs.';
  const header = `${pad('Run', 26)}${pad('Kind', 9)}${pad('State', 19)}${pad('Names', 7)}${pad('Enriched', 10)}${pad('Known', 7)}${pad('Failed', 8)}${pad('Cancelled', 11)}${pad('Waiting', 9)}Started`;
  const rows = runs.map(
    (r) =>
      `${pad(r.id, 26)}${pad(r.kind, 9)}${pad(STATE_LABEL[r.state], 19)}${pad(String(r.unique), 7)}${pad(String(r.enriched), 10)}${pad(String(r.alreadyEnriched), 7)}${pad(String(r.failed), 8)}${pad(String(r.cancelled), 11)}${pad(String(r.waiting), 9)}${new Date(r.startedAt).toLocaleString()}`,
  );
  return [header, ...rows].join('\n');
}

export function formatFailures(
  failures: FailureView[],
  page?: { total: number; page: number; pageSize: number },
): string {
  if (failures.length === 0)
    return page && page.total > 0 ? `No failed names on page ${page.page}.` : 'No failed names.';
  const width = nameColumn(
    failures.map((f) => f.name),
    4,
  );
  const rows = failures.map(
    (f) => `${pad(display(f.name), width)}${pad(f.code, 22)}${f.reason}  (run ${f.runId})`,
  );
  return [
    `${pad('Name', width)}${pad('Code', 22)}Reason`,
    ...rows,
    '',
    page
      ? `${formatNumber(failures.length)} of ${formatCount(page.total, 'failed name')} (page ${page.page} of ${Math.ceil(page.total / page.pageSize)})`
      : formatCount(failures.length, 'failed name'),
  ].join('\n');
}

export function formatSyncRun(run: SyncRunView): string {
  const lines = [
    `Sync run ${run.id}: ${run.claimed} claimed, ${run.delivered} delivered, ${run.failed} failed`,
  ];
  if (run.failures.length) {
    const width = nameColumn(run.failures.map((f) => f.name));
    lines.push('', 'Not delivered:');
    for (const f of run.failures) lines.push(`  ${pad(display(f.name), width)}${f.reason}`);
  }
  return lines.join('\n');
}
