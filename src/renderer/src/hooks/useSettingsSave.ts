import { useCallback, useRef, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SettingsUpdate, SettingsView } from '@shared/contract';
import { errorMessage } from './errorMessage';

export interface SettingsSave {
  saving: boolean;
  /** Why the last save failed: the core names the field ("Invalid setting nationalize.concurrency: ..."). */
  error: string | null;
  /** Sends the change; true once the core accepted it. */
  save(change: SettingsUpdate): Promise<boolean>;
  /** Shows a problem found before anything was sent. */
  fail(message: string): void;
}

/** One section's Save: one call in flight at most, its error kept next to the section. */
export function useSettingsSave(api: LeadEnricherApi, onSaved: (view: SettingsView) => void): SettingsSave {
  const [state, setState] = useState<{ saving: boolean; error: string | null }>({
    saving: false,
    error: null,
  });
  // A ref, not state: two clicks in the same tick must not both save.
  const inFlight = useRef(false);

  const save = useCallback(
    async (change: SettingsUpdate) => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setState({ saving: true, error: null });
      try {
        onSaved(await api.updateSettings(change));
        setState({ saving: false, error: null });
        return true;
      } catch (error) {
        setState({ saving: false, error: errorMessage(error) });
        return false;
      } finally {
        inFlight.current = false;
      }
    },
    [api, onSaved],
  );

  const fail = useCallback((message: string) => setState({ saving: false, error: message }), []);

  return { ...state, save, fail };
}
