import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SettingsUpdate, SyncStatusView } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { errorMessage } from './errorMessage';

export interface SettingsSave {
  saving: boolean;
  /** The last save was accepted (until the next one starts or fails). */
  saved: boolean;
  /** Why the last save failed: the core names the field ("Invalid setting nationalize.concurrency: ..."). */
  error: string | null;
  /** Sends the change; true once the core accepted it. */
  save(change: SettingsUpdate): Promise<boolean>;
  /** Shows a problem found before anything was sent. */
  fail(message: string): void;
}

/** One section's Save: the core's answer is the new settings, for every view of them. */
export function useSaveSettings(): SettingsSave {
  const api = useApi();
  const client = useQueryClient();
  const [refused, setRefused] = useState<string | null>(null);
  // A ref, not state: two clicks in the same tick must not both save.
  const inFlight = useRef(false);
  const mutation = useMutation({
    mutationFn: (change: SettingsUpdate) => api.settings.update(change),
    onSuccess: (view) => {
      client.setQueryData(keys.settings, view);
      // The sync job follows its settings (on/off, schedule) without an event of its own: show the new
      // ones at once, then its status as the core tells it (the schedule in words, the next run).
      const { enabled, schedule } = view.sync;
      client.setQueryData<SyncStatusView>(keys.sync, (sync) => sync && { ...sync, enabled, schedule });
      void client.invalidateQueries({ queryKey: keys.sync });
    },
  });
  const { mutateAsync, reset } = mutation;
  return {
    saving: mutation.isPending,
    saved: mutation.isSuccess && refused === null,
    error: refused ?? (mutation.isError ? errorMessage(mutation.error) : null),
    async save(change) {
      if (inFlight.current) return false;
      inFlight.current = true;
      setRefused(null);
      try {
        await mutateAsync(change);
        return true;
      } catch {
        return false;
      } finally {
        inFlight.current = false;
      }
    },
    fail(message) {
      reset();
      setRefused(message);
    },
  };
}
