import { createContext, useContext, useEffect } from 'react';
import type { SettingsSectionId } from './sections';

/** How a section tells the Settings dialog it holds edits not saved yet. */
export const UnsavedContext = createContext<((section: SettingsSectionId, unsaved: boolean) => void) | null>(
  null,
);

/** Reports the section's unsaved edits to the dialog, which asks before it closes over them. */
export function useReportUnsaved(section: SettingsSectionId, unsaved: boolean): void {
  const report = useContext(UnsavedContext);
  useEffect(() => {
    report?.(section, unsaved);
    return () => report?.(section, false);
  }, [report, section, unsaved]);
}
