import { useCallback, useEffect, useRef, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SyncRunView, SyncStatusView } from '@shared/contract';
import { errorMessage } from './errorMessage';

export interface SyncStatus {
  status: SyncStatusView | null;
  error: string | null;
  /** Takes a newer status, e.g. the one configureSync answers. */
  accept(status: SyncStatusView): void;
  /** A run the renderer waited for has finished: refresh now, not again when its status arrives. */
  runFinished(run: SyncRunView): void;
  /** Fetches the status again (after Sync now, in case no event is pushed). */
  reload(): void;
}

function finishedRunIds(status: SyncStatusView): string[] {
  return status.history.filter((run) => run.finishedAt !== null).map((run) => run.id);
}

/**
 * The CRM sync status: fetched once, then kept current by pushed sync events. Calls `onRunFinished`
 * when a run finishes (here or in another app sharing the database) so the leads are fetched again.
 */
export function useSyncStatus(api: LeadEnricherApi, onRunFinished: () => void): SyncStatus {
  const [state, setState] = useState<{ status: SyncStatusView | null; error: string | null }>({
    status: null,
    error: null,
  });
  // Finished runs already accounted for; null until a first status arrives, whose runs are no news.
  const seenRuns = useRef<Set<string> | null>(null);

  const accept = useCallback(
    (status: SyncStatusView) => {
      const finished = finishedRunIds(status);
      const seen = seenRuns.current;
      if (seen && finished.some((id) => !seen.has(id))) onRunFinished();
      seenRuns.current = new Set([...(seen ?? []), ...finished]);
      setState({ status, error: null });
    },
    [onRunFinished],
  );

  const runFinished = useCallback(
    (run: SyncRunView) => {
      seenRuns.current = new Set([...(seenRuns.current ?? []), run.id]);
      onRunFinished();
    },
    [onRunFinished],
  );

  const reload = useCallback(() => {
    api
      .getSyncStatus()
      .then(accept, (error: unknown) => setState((prev) => ({ ...prev, error: errorMessage(error) })));
  }, [api, accept]);

  useEffect(() => {
    let current = true;
    const unsubscribe = api.onSync(accept);
    api.getSyncStatus().then(
      // A pushed event may have arrived first: it is newer, keep it.
      (status) => current && seenRuns.current === null && accept(status),
      (error: unknown) => current && setState((prev) => ({ ...prev, error: errorMessage(error) })),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, accept]);

  return { ...state, accept, runFinished, reload };
}
