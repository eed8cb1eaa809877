import { useCallback, useRef, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { StatusView } from '@shared/contract';
import { errorMessage } from './errorMessage';

/** The status bar's "Retry" for a local database that failed to start. */
export function useRetryLocalDatabase(api: LeadEnricherApi, onStatus: (status: StatusView) => void) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const inFlight = useRef(false);

  const retry = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ busy: true, error: null });
    try {
      onStatus(await api.retryLocalDatabase());
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: `Retry failed: ${errorMessage(error)}` });
    } finally {
      inFlight.current = false;
    }
  }, [api, onStatus]);

  return { ...state, retry };
}
