import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './errorMessage';

export interface LiveValue<T> {
  value: T | null;
  error: string | null;
  /** Takes a newer value, e.g. the one an update answers. */
  accept(value: T): void;
}

/**
 * A value of the core fetched once, then kept current by the events the core pushes. `fetch` and
 * `subscribe` must be stable (functions of the api object).
 */
export function useLiveValue<T>(
  fetch: () => Promise<T>,
  subscribe: (listener: (value: T) => void) => () => void,
): LiveValue<T> {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  const accept = useCallback((value: T) => setState({ value, error: null }), []);

  useEffect(() => {
    let current = true;
    const unsubscribe = subscribe(accept);
    fetch().then(
      // A pushed event may have arrived first: it is newer, keep it.
      (value) => current && setState((prev) => (prev.value ? prev : { value, error: null })),
      (error: unknown) => current && setState((prev) => ({ ...prev, error: errorMessage(error) })),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [fetch, subscribe, accept]);

  return { ...state, accept };
}
