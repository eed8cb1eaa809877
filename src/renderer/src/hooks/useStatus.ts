import { useCallback, useEffect, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { StatusView } from '@shared/contract';
import { errorMessage } from './errorMessage';

interface State {
  status: StatusView | null;
  error: string | null;
}

export interface Status extends State {
  /** Takes a newer status, e.g. the one retryLocalDatabase answers. */
  accept(status: StatusView): void;
}

/** Database and quota status: fetched once, then kept current by pushed status events. */
export function useStatus(api: LeadEnricherApi): Status {
  const [state, setState] = useState<State>({ status: null, error: null });
  const accept = useCallback((status: StatusView) => setState({ status, error: null }), []);

  useEffect(() => {
    let current = true;
    const unsubscribe = api.onStatus(accept);
    api.getStatus().then(
      // A pushed event may have arrived first: it is newer, keep it.
      (status) => current && setState((prev) => (prev.status ? prev : { status, error: null })),
      (error: unknown) => current && setState((prev) => ({ ...prev, error: errorMessage(error) })),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, accept]);

  return { ...state, accept };
}
