import { useCallback, useEffect, useRef, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { EnrichProgress, EnrichSummary } from '@shared/contract';
import { errorMessage } from './errorMessage';

export type RunKind = 'enrich' | 'retry';

export type RunState =
  | { phase: 'idle' }
  | {
      phase: 'running';
      kind: RunKind;
      progress: EnrichProgress | null;
      cancelling: boolean;
      cancelError: string | null;
    }
  | { phase: 'finished'; kind: RunKind; summary: EnrichSummary }
  | { phase: 'failed'; kind: RunKind; message: string };

export interface Run {
  state: RunState;
  running: boolean;
  /** Runs the task (enrich or retry) unless one is in flight; the summary, or null if it failed. */
  start(kind: RunKind, task: () => Promise<EnrichSummary>): Promise<EnrichSummary | null>;
  cancel(): Promise<void>;
}

/** The one run the renderer can have in flight: its progress, its summary or its error. */
export function useRun(api: LeadEnricherApi, onSettled: () => void): Run {
  const [state, setState] = useState<RunState>({ phase: 'idle' });
  // A ref, not state: two clicks in the same tick must not both start a run.
  const inFlight = useRef(false);

  useEffect(
    () =>
      // Progress carries a runId we only learn at the end, so any progress while running is ours.
      api.onEnrichProgress((progress) =>
        setState((prev) => (prev.phase === 'running' ? { ...prev, progress } : prev)),
      ),
    [api],
  );

  const start = useCallback(
    async (kind: RunKind, task: () => Promise<EnrichSummary>): Promise<EnrichSummary | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setState({ phase: 'running', kind, progress: null, cancelling: false, cancelError: null });
      try {
        const summary = await task();
        setState({ phase: 'finished', kind, summary });
        return summary;
      } catch (error) {
        setState({ phase: 'failed', kind, message: errorMessage(error) });
        return null;
      } finally {
        inFlight.current = false;
        onSettled();
      }
    },
    [onSettled],
  );

  const cancel = useCallback(async () => {
    setState((prev) => (prev.phase === 'running' ? { ...prev, cancelling: true, cancelError: null } : prev));
    try {
      await api.cancelEnrich();
    } catch (error) {
      const cancelError = `Could not cancel: ${errorMessage(error)}`;
      setState((prev) => (prev.phase === 'running' ? { ...prev, cancelling: false, cancelError } : prev));
    }
  }, [api]);

  return { state, running: state.phase === 'running', start, cancel };
}
