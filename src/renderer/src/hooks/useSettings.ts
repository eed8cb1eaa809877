import type { LeadEnricherApi } from '@shared/api';
import type { SettingsView } from '@shared/contract';
import { useLiveValue } from './useLiveValue';

export interface Settings {
  view: SettingsView | null;
  error: string | null;
  /** Takes a newer view, e.g. the one updateSettings answers. */
  accept(view: SettingsView): void;
}

/** The settings as the renderer may see them (secrets masked): fetched once, then kept current by events. */
export function useSettings(api: LeadEnricherApi): Settings {
  const { value, error, accept } = useLiveValue(api.getSettings, api.onSettings);
  return { view: value, error, accept };
}
