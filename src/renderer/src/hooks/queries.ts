// The core's data as the renderer reads it: one query per kind, cached and kept current by events
// (see api/coreEvents.ts). Values the core pushes never go stale by time; database data waits for
// the database, so nothing is asked (and no error shown) while it starts or is away.
import { keepPreviousData, queryOptions, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EnrichProgress,
  FailuresQuery,
  ImportProgress,
  LeadsFilter,
  LeadsQuery,
  RunView,
  SettingsView,
  StatusView,
  SyncStatusView,
} from '@shared/contract';
import type { NameColumnChoice } from '@shared/names';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { fetchUnlessPushed } from '../api/queryClient';

const PUSHED = { staleTime: Infinity } as const;

export function useSettingsQuery() {
  const api = useApi();
  const client = useQueryClient();
  return useQuery<SettingsView>({
    queryKey: keys.settings,
    queryFn: () => fetchUnlessPushed(client, keys.settings, () => api.settings.get()),
    ...PUSHED,
  });
}

export function useStatusQuery() {
  const api = useApi();
  const client = useQueryClient();
  return useQuery<StatusView>({
    queryKey: keys.status,
    queryFn: () => fetchUnlessPushed(client, keys.status, () => api.status.get()),
    ...PUSHED,
  });
}

/** True while the database answers: the queries of database data wait for it. */
export function useDatabaseReady(): boolean {
  return useStatusQuery().data?.database.state === 'connected';
}

export function useSyncStatusQuery() {
  const api = useApi();
  const client = useQueryClient();
  const ready = useDatabaseReady();
  return useQuery<SyncStatusView>({
    queryKey: keys.sync,
    queryFn: () => fetchUnlessPushed(client, keys.sync, () => api.sync.status()),
    enabled: ready,
    ...PUSHED,
  });
}

/** Pending, approved, synced and failed leads; refreshed when the sync status changes (coreEvents). */
export function useSyncCountsQuery() {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({ queryKey: keys.syncCounts, queryFn: () => api.sync.counts(), enabled: ready });
}

/** These leads as the CRM knows them: record id and link, or the error. */
export function useLeadRecordsQuery(ids: readonly string[]) {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({
    queryKey: keys.syncRecordsOf(ids),
    queryFn: () => api.sync.leadRecords({ ids: [...ids] }),
    enabled: ready && ids.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Recent runs and every unfinished one, newest first. */
export function useRunsQuery() {
  const api = useApi();
  const client = useQueryClient();
  const ready = useDatabaseReady();
  return useQuery<RunView[]>({
    queryKey: keys.runs,
    queryFn: () => fetchUnlessPushed(client, keys.runs, () => api.runs.list()),
    enabled: ready,
    ...PUSHED,
  });
}

/** One page of leads; the last page stays on screen while the next one loads. */
export function useLeadsQuery(query: LeadsQuery) {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({
    queryKey: keys.leadsPage(query),
    queryFn: () => api.leads.list(query),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

/** The overview's charts, computed by the core's database; fetched again whenever leads change. */
export function useOverviewQuery(enabled = true) {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({
    queryKey: keys.overview,
    queryFn: () => api.overview.get(),
    enabled: ready && enabled,
    placeholderData: keepPreviousData,
  });
}

/** The tabs' numbers for a filter, asked once per filter (a page never counts). */
export function useLeadCountsQuery(filter: LeadsFilter) {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({
    queryKey: keys.leadCounts(filter),
    queryFn: () => api.leads.counts(filter),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

/** One page of failed names, paged by the core. */
export function useFailuresQuery(query: FailuresQuery) {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({
    queryKey: keys.failuresPage(query),
    queryFn: () => api.failures.list(query),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

/** The last progress event of a run (written by events only). */
export function useRunProgress(runId: string | null): EnrichProgress | undefined {
  return useQuery<EnrichProgress>({
    queryKey: keys.progress(runId),
    queryFn: skipToken,
    ...PUSHED,
  }).data;
}

/** The last rows-read event of a file import (written by events only). */
export function useImportProgress(): ImportProgress | undefined {
  return useQuery<ImportProgress>({ queryKey: keys.importProgress, queryFn: skipToken, ...PUSHED }).data;
}

/** What enriching this text would cost; reused for a few seconds, fetched again when Enrich is pressed. */
export function planQuery(api: ReturnType<typeof useApi>, text: string, column?: NameColumnChoice) {
  return queryOptions({
    queryKey: keys.plan(text, column),
    queryFn: () => api.enrich.plan(column === undefined ? { text } : { text, column }),
    staleTime: 5_000,
  });
}

export function usePlanQuery(text: string, column: NameColumnChoice | undefined, enabled: boolean) {
  const api = useApi();
  const ready = useDatabaseReady();
  return useQuery({
    ...planQuery(api, text, column),
    enabled: enabled && ready,
    placeholderData: keepPreviousData,
  });
}
