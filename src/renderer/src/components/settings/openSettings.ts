import { createContext, useContext } from 'react';
import type { SettingsSectionId } from './sections';

/** Opens the Settings dialog at a section, from anywhere in the main screen (App provides it). */
export const OpenSettingsContext = createContext<((section: SettingsSectionId) => void) | null>(null);

export function useOpenSettings(): ((section: SettingsSectionId) => void) | null {
  return useContext(OpenSettingsContext);
}
