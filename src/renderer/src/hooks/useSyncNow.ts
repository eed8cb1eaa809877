import { useCallback, useRef, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SyncNowResult } from '@shared/contract';
import { errorMessage } from './errorMessage';
import type { SyncStatus } from './useSyncStatus';

export type SyncNowState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; result: SyncNowResult }
  | { phase: 'failed'; message: string };

/** The "Sync now" click: one call in flight at most, then its outcome for the panel to show. */
export function useSyncNow(api: LeadEnricherApi, sync: Pick<SyncStatus, 'runFinished' | 'reload'>) {
  const [state, setState] = useState<SyncNowState>({ phase: 'idle' });
  // A ref, not state: two clicks in the same tick must not both call syncNow.
  const inFlight = useRef(false);
  const { runFinished, reload } = sync;

  const start = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ phase: 'running' });
    try {
      const result = await api.syncNow();
      setState({ phase: 'done', result });
      runFinished(result.run);
    } catch (error) {
      setState({ phase: 'failed', message: errorMessage(error) });
    } finally {
      inFlight.current = false;
      reload();
    }
  }, [api, runFinished, reload]);

  return { state, running: state.phase === 'running', start };
}
