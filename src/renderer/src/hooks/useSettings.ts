import { useCallback, useEffect, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SettingsView } from '@shared/contract';
import { errorMessage } from './errorMessage';

export interface Settings {
  view: SettingsView | null;
  error: string | null;
  /** Takes a newer view, e.g. the one updateSettings answers. */
  accept(view: SettingsView): void;
}

/** The settings as the renderer may see them (secrets masked): fetched once, then kept current by events. */
export function useSettings(api: LeadEnricherApi): Settings {
  const [state, setState] = useState<{ view: SettingsView | null; error: string | null }>({
    view: null,
    error: null,
  });
  const accept = useCallback((view: SettingsView) => setState({ view, error: null }), []);

  useEffect(() => {
    let current = true;
    const unsubscribe = api.onSettings(accept);
    api.getSettings().then(
      // A pushed event may have arrived first: it is newer, keep it.
      (view) => current && setState((prev) => (prev.view ? prev : { view, error: null })),
      (error: unknown) => current && setState((prev) => ({ ...prev, error: errorMessage(error) })),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, accept]);

  return { ...state, accept };
}
