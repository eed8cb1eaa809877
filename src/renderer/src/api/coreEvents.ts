// What the core pushes, into the query cache: a new status, settings, sync status or list of open runs is
// the value itself (set); a run's progress or end makes the leads and failures stale (invalidated, at most
// every INVALIDATE_EVERY_MS however fast the events come).
import type { QueryClient } from '@tanstack/react-query';
import type { LeadEnricherApi } from '@shared/api';
import {
  OPEN_RUN_STATES,
  type RunView,
  type SettingsView,
  type StatusView,
  type SyncStatusView,
} from '@shared/contract';
import { DATABASE_KEYS, keys } from './keys';

export const INVALIDATE_EVERY_MS = 1500;

/** Which database the app is connected to, or null while it is not connected. */
export function connectedTo(status: StatusView | undefined | null): string | null {
  const db = status?.database;
  return db?.state === 'connected' ? `${db.mode}:${db.target ?? ''}` : null;
}

/** Refetches everything kept in the database (after a run, a reconnection, a switch of database). */
export function invalidateDatabase(client: QueryClient): void {
  for (const queryKey of DATABASE_KEYS) void client.invalidateQueries({ queryKey });
}

/** Leads and failures changed: a run went on or ended. */
export function invalidateResults(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: keys.leads });
  void client.invalidateQueries({ queryKey: keys.overview });
  void client.invalidateQueries({ queryKey: keys.failures });
}

/** A sync run finished that was not finished before: lead sync states changed. */
function syncRunFinished(before: SyncStatusView | undefined, after: SyncStatusView): boolean {
  if (!before) return false;
  const known = new Set(before.history.filter((run) => run.finishedAt).map((run) => run.id));
  return after.history.some((run) => run.finishedAt !== null && !known.has(run.id));
}

/**
 * The full list with the pushed open runs in it. A run no longer open keeps its last known state until
 * the list is fetched again (see below), rather than vanishing for a moment.
 */
function withOpenRuns(before: RunView[] | undefined, open: RunView[]): RunView[] {
  const pushed = new Set(open.map((run) => run.id));
  const rest = (before ?? []).filter((run) => !pushed.has(run.id));
  return [...open, ...rest].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Calls `action` at most once per `ms`, the last call always landing (leading and trailing edge). */
function throttle(action: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const fire = () => {
    if (!pending) {
      timer = null;
      return;
    }
    pending = false;
    action();
    timer = setTimeout(fire, ms);
  };
  return {
    call() {
      pending = true;
      if (!timer) fire();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}

/** Subscribes the cache to every event of the core; returns the unsubscribe. */
export function connectCoreEvents(api: LeadEnricherApi, client: QueryClient): () => void {
  const results = throttle(() => invalidateResults(client), INVALIDATE_EVERY_MS);
  // The sync status moves batch by batch; the counts and records it implies are read again, throttled.
  const crm = throttle(() => {
    void client.invalidateQueries({ queryKey: keys.syncCounts });
    void client.invalidateQueries({ queryKey: keys.syncRecords });
  }, INVALIDATE_EVERY_MS);
  const offs = [
    api.on('status:changed', (status) => {
      const before = connectedTo(client.getQueryData<StatusView>(keys.status));
      client.setQueryData(keys.status, status);
      const after = connectedTo(status);
      // Connected again, or to another database: what is shown comes from it.
      if (after && after !== before) invalidateDatabase(client);
    }),
    api.on('settings:changed', (settings) => {
      const before = client.getQueryData<SettingsView>(keys.settings);
      client.setQueryData(keys.settings, settings);
      // Which leads a threshold could move depends on the minimum sample count.
      if (before && before.nationalize.minSampleCount !== settings.nationalize.minSampleCount) {
        void client.invalidateQueries({ queryKey: keys.overview });
      }
    }),
    api.on('sync:changed', (sync) => {
      const before = client.getQueryData<SyncStatusView>(keys.sync);
      client.setQueryData(keys.sync, sync);
      crm.call();
      if (syncRunFinished(before, sync)) {
        void client.invalidateQueries({ queryKey: keys.leads });
        void client.invalidateQueries({ queryKey: keys.overview });
      }
    }),
    api.on('runs:changed', (open) => {
      const before = client.getQueryData<RunView[]>(keys.runs);
      client.setQueryData(keys.runs, withOpenRuns(before, open));
      // A run left the open ones: its final counts come from the full list.
      const stillOpen = new Set(open.map((run) => run.id));
      if (before?.some((run) => OPEN_RUN_STATES.includes(run.state) && !stillOpen.has(run.id))) {
        void client.invalidateQueries({ queryKey: keys.runs });
        void client.invalidateQueries({ queryKey: keys.plans });
      }
      results.call();
    }),
    api.on('import:progress', (progress) => client.setQueryData(keys.importProgress, progress)),
    api.on('enrich:progress', (progress) => {
      client.setQueryData(keys.progress(progress.runId), progress);
      results.call();
    }),
  ];
  return () => {
    results.cancel();
    crm.cancel();
    for (const off of offs) off();
  };
}
