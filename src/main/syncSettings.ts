// The background sync's on/off and schedule, as the person set them in the sync panel, kept across
// restarts with electron-store. (The full settings screen builds on this store.)
import Store from 'electron-store';
import { z } from 'zod';
import type { SyncStatusView } from '@shared/contract';
import type { CoreConfig } from '../core/config';
import { parseSchedule } from '../core/sync/scheduler';

const savedSync = z.object({
  enabled: z.boolean(),
  schedule: z.string().refine((s) => {
    try {
      parseSchedule(s);
      return true;
    } catch {
      return false;
    }
  }),
});
export type SavedSync = z.infer<typeof savedSync>;

/** The configuration with the saved sync settings applied; a broken saved value is ignored. */
export function withSavedSync(config: CoreConfig, saved: unknown): CoreConfig {
  const parsed = savedSync.safeParse(saved);
  return parsed.success ? { ...config, sync: { ...config.sync, ...parsed.data } } : config;
}

/** The settings to save when the sync panel changed them, or null when nothing changed. */
export function syncChange(
  saved: unknown,
  view: Pick<SyncStatusView, 'enabled' | 'schedule'>,
): SavedSync | null {
  const next = { enabled: view.enabled, schedule: view.schedule };
  const current = savedSync.safeParse(saved);
  if (current.success && current.data.enabled === next.enabled && current.data.schedule === next.schedule)
    return null;
  return next;
}

export interface SyncSettingsStore {
  get(): unknown;
  set(value: SavedSync): void;
}

export function openSyncSettings(): SyncSettingsStore {
  const store = new Store<{ sync?: SavedSync }>({ name: 'settings' });
  return { get: () => store.get('sync'), set: (value) => store.set('sync', value) };
}
