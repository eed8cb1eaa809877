// The columns of leads and failed names when they leave the app: an export file (CSV, XLSX) and a copy to
// the clipboard use the same columns, values and rule for inert cells, written here once.
import type { FailureView, LeadView, SyncState } from './contract';
import { formatPercent } from './format';

export type CellKind = 'text' | 'number' | 'percent' | 'date';
export type CellValue = string | number | Date | null;

export interface TableColumn<T> {
  header: string;
  kind: CellKind;
  /** A width in characters, for a spreadsheet. */
  width: number;
  value: (row: T) => CellValue;
}

const SYNC_WORDS: Record<SyncState, string> = {
  pending: 'Pending',
  synced: 'Synced',
  failed: 'Failed',
  not_applicable: 'Not sent',
};

const date = (iso: string | null): Date | null => (iso ? new Date(iso) : null);
/** One decimal, in the en-US form a spreadsheet of any locale reads back as a number when pasted. */
const percent = (p: number): string => formatPercent(p, 'en-US');

export const LEAD_COLUMNS: ReadonlyArray<TableColumn<LeadView>> = [
  { header: 'Name', kind: 'text', width: 30, value: (l) => l.name },
  { header: 'Country', kind: 'text', width: 20, value: (l) => l.country },
  { header: 'Country code', kind: 'text', width: 8, value: (l) => l.countryCode },
  { header: 'Probability', kind: 'percent', width: 12, value: (l) => l.probability },
  { header: 'Status', kind: 'text', width: 10, value: (l) => l.status },
  {
    header: 'Decided by',
    kind: 'text',
    width: 14,
    value: (l) => (l.verdict ? `${l.verdict.by} (${l.verdict.decision})` : null),
  },
  { header: 'Sample count', kind: 'number', width: 10, value: (l) => l.sampleCount },
  {
    header: 'Other countries',
    kind: 'text',
    width: 28,
    value: (l) => l.alternatives.map((c) => `${c.countryCode} ${percent(c.probability)}`).join('; ') || null,
  },
  { header: 'Gender', kind: 'text', width: 8, value: (l) => l.gender },
  { header: 'Gender probability', kind: 'percent', width: 10, value: (l) => l.genderProbability },
  { header: 'Age', kind: 'number', width: 6, value: (l) => l.age },
  { header: 'CRM', kind: 'text', width: 10, value: (l) => SYNC_WORDS[l.syncState] },
  { header: 'Synced at', kind: 'date', width: 18, value: (l) => date(l.crmSyncedAt) },
  { header: 'Added', kind: 'date', width: 18, value: (l) => date(l.createdAt) },
];

export const FAILURE_COLUMNS: ReadonlyArray<TableColumn<FailureView>> = [
  { header: 'Entry', kind: 'text', width: 30, value: (f) => f.name },
  { header: 'Reason', kind: 'text', width: 50, value: (f) => f.reason },
  { header: 'Code', kind: 'text', width: 14, value: (f) => f.code },
  { header: 'Suggestion', kind: 'text', width: 24, value: (f) => f.suggestion },
  { header: 'Can retry', kind: 'text', width: 9, value: (f) => (f.retryable ? 'yes' : 'no') },
  { header: 'Run', kind: 'text', width: 26, value: (f) => f.runId },
  { header: 'Failed at', kind: 'date', width: 18, value: (f) => date(f.createdAt) },
];

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, or a tab or return first) gets a leading
 * apostrophe: shown as typed, never run (CSV injection).
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
}

/** "2026-12-02 14:05:09", in UTC: what a spreadsheet reads as a date and time in any locale. */
export function dateText(value: Date): string {
  return value.toISOString().slice(0, 19).replace('T', ' ');
}

/** A cell as text, for CSV and the clipboard: numbers plain (0.873), dates as dateText, text inert. */
export function cellText(kind: CellKind, value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number') return String(value);
  return kind === 'text' ? inertText(value) : value;
}

/** A tab-separated cell: quoted ("a""b") when it holds a tab, a line break or a quote, as spreadsheets copy. */
function tsvCell(text: string): string {
  return /[\t\r\n"]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * Selected rows as tab-separated text with a header row, for the clipboard: it pastes into a spreadsheet
 * as a table (probability as a percentage a spreadsheet reads as a number, dates as dates).
 */
export function rowsToTsv<T>(rows: readonly T[], columns: ReadonlyArray<TableColumn<T>>): string {
  const lines = [columns.map((c) => tsvCell(c.header)).join('\t')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          const value = c.value(row);
          const text =
            c.kind === 'percent' && typeof value === 'number' ? percent(value) : cellText(c.kind, value);
          return tsvCell(text);
        })
        .join('\t'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The leads as the clipboard gets them. */
export const leadsToTsv = (leads: readonly LeadView[]): string => rowsToTsv(leads, LEAD_COLUMNS);
export const failuresToTsv = (failures: readonly FailureView[]): string =>
  rowsToTsv(failures, FAILURE_COLUMNS);

/** "leads-2026-12-02.xlsx": the name an export is offered under (a save dialog, a download). */
export function exportFileName(kind: 'leads' | 'failures', format: 'csv' | 'xlsx', now = new Date()): string {
  return `${kind === 'leads' ? 'leads' : 'failed-names'}-${now.toISOString().slice(0, 10)}.${format}`;
}
