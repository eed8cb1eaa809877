// The keys of the renderer's query cache, in one place: events, mutations and views name the same data.
import type { FailuresQuery, LeadsFilter, LeadsQuery } from '@shared/contract';

export const keys = {
  settings: ['settings'] as const,
  status: ['status'] as const,
  sync: ['sync'] as const,
  /** Under `sync`, so whatever refreshes the sync status refreshes these too. */
  syncCounts: ['sync', 'counts'] as const,
  syncRecords: ['sync', 'records'] as const,
  syncRecordsOf: (ids: readonly string[]) => ['sync', 'records', ids] as const,
  runs: ['runs'] as const,
  leads: ['leads'] as const,
  overview: ['overview'] as const,
  leadsPage: (query: LeadsQuery) => ['leads', query] as const,
  leadCounts: (filter: LeadsFilter) => ['leads', 'counts', filter] as const,
  /** How many stored leads the saved rule would move (asked again with the leads). */
  reclassifyPreview: (threshold: number | null, minSampleCount: number | null) =>
    ['leads', 'reclassify-preview', threshold, minSampleCount] as const,
  failures: ['failures'] as const,
  failuresPage: (query: FailuresQuery) => ['failures', query] as const,
  plans: ['plan'] as const,
  /** A paste is keyed by its length and a hash: the text itself may be megabytes long. */
  plan: (text: string, column?: unknown) =>
    ['plan', text.length, fingerprint(text), JSON.stringify(column ?? null)] as const,
  /** A review of a paste (keyed like a plan) or a file (by its path), with the name column chosen. */
  review: (source: string, column: unknown) =>
    ['review', source.length, fingerprint(source), JSON.stringify(column ?? null)] as const,
  /** The last progress event of a run; only events write it. */
  progress: (runId: string | null) => ['progress', runId] as const,
  /** Rows read of the file being imported; only events write it. */
  importProgress: ['import-progress'] as const,
};

/** The data that lives in the database: fetched again from a database that (re)connects. */
export const DATABASE_KEYS = [keys.leads, keys.overview, keys.failures, keys.runs, keys.sync, keys.plans];

/** FNV-1a over the text: enough to tell two pastes apart in the cache. */
function fingerprint(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}
