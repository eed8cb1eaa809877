import { useCallback, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EnrichSummary } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { invalidateDatabase } from '../api/coreEvents';
import { keys } from '../api/keys';
import { errorMessage } from './errorMessage';
import { useStatusQuery } from './queries';

export type RunKind = 'enrich' | 'retry' | 'refresh';

export type RunState =
  | { phase: 'idle' }
  | {
      phase: 'running';
      kind: RunKind;
      /** The run's id once the core says which it is (its status names the person's run). */
      runId: string | null;
      cancelling: boolean;
      cancelError: string | null;
    }
  | { phase: 'finished'; kind: RunKind; summary: EnrichSummary }
  | { phase: 'failed'; kind: RunKind; message: string };

export interface Run {
  state: RunState;
  /** The person's run is in flight (started here, or before a reload of the page). */
  running: boolean;
  /** Runs the task (enrich or retry) unless one is in flight; the summary, or null if it failed. */
  start(kind: RunKind, task: () => Promise<EnrichSummary>): Promise<EnrichSummary | null>;
  cancel(): void;
}

interface Task {
  kind: RunKind;
  task: () => Promise<EnrichSummary>;
}

/** The one run the person waits for: started, cancelled, then its summary or its error. */
export function useRun(): Run {
  const api = useApi();
  const client = useQueryClient();
  const activeRunId = useStatusQuery().data?.activeRunId ?? null;
  // A ref, not state: two clicks in the same tick must not both start a run.
  const inFlight = useRef(false);

  const run = useMutation({
    mutationFn: ({ task }: Task) => task(),
    // Every name has its outcome now: leads, failures, runs and costs are fetched again.
    onSettled: () => invalidateDatabase(client),
  });
  const cancelRun = useMutation({
    mutationFn: (runId: string | null) => api.enrich.cancel(runId ? { runId } : {}),
  });
  const { mutateAsync } = run;
  const resetCancel = cancelRun.reset;

  const start = useCallback(
    async (kind: RunKind, task: () => Promise<EnrichSummary>) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      resetCancel();
      // A file's rows read are this run's, not the last file's.
      client.removeQueries({ queryKey: keys.importProgress });
      try {
        return await mutateAsync({ kind, task });
      } catch {
        return null; // shown from the mutation's state
      } finally {
        inFlight.current = false;
      }
    },
    [mutateAsync, resetCancel, client],
  );

  const kind = run.variables?.kind ?? 'enrich';
  let state: RunState = { phase: 'idle' };
  if (run.isPending) {
    state = {
      phase: 'running',
      kind,
      runId: activeRunId,
      // Asked and accepted: the run is stopping, which takes a moment.
      cancelling: cancelRun.isPending || cancelRun.data?.cancelled === true,
      cancelError: cancelRun.isError ? `Could not cancel: ${errorMessage(cancelRun.error)}` : null,
    };
  } else if (run.isSuccess) state = { phase: 'finished', kind, summary: run.data };
  else if (run.isError) state = { phase: 'failed', kind, message: errorMessage(run.error) };

  return {
    state,
    running: run.isPending || activeRunId !== null,
    start,
    cancel: () => cancelRun.mutate(activeRunId),
  };
}
