import { useCallback, useState } from 'react';
import { DialogLayerContext, useDialogLayerHost } from './components/DialogLayer';
import { FirstRunScreen } from './components/FirstRunScreen';
import { StatusBar } from './components/StatusBar';
import { Workspace } from './components/Workspace';
import { SettingsDialog } from './components/settings/SettingsDialog';
import { SettingsProblems } from './components/settings/SettingsProblems';
import { OpenSettingsContext } from './components/settings/openSettings';
import type { SettingsSectionId } from './components/settings/sections';
import { useSettingsQuery } from './hooks/queries';
import { useShortcut } from './hooks/useShortcut';

interface OpenSettings {
  section: SettingsSectionId;
  /** Preselect "MongoDB connection string" in the Database section. */
  preferUri: boolean;
}

export function App() {
  const settings = useSettingsQuery();
  const [dialog, setDialog] = useState<OpenSettings | null>(null);
  // The problems the person dismissed, so the same ones do not come back; new ones do.
  const [dismissedProblems, setDismissedProblems] = useState<string | null>(null);
  const { layer, setHost, inert } = useDialogLayerHost();

  const openSettings = useCallback(
    (section: SettingsSectionId = 'database', preferUri = false) =>
      setDialog((open) => open ?? { section, preferUri }),
    [],
  );
  const closeSettings = useCallback(() => setDialog(null), []);
  useShortcut(',', openSettings);

  const view = settings.data ?? null;
  const problemsKey = view?.problems.join('\n') ?? '';
  const showProblems = problemsKey !== '' && problemsKey !== dismissedProblems;
  const dismissProblems = () => setDismissedProblems(problemsKey);
  // Nothing is fetched for the main screen until it is known not to be a first run. If the settings
  // cannot be read at all, the main screen is shown anyway.
  const loading = settings.isPending;
  const firstRun = view !== null && !view.firstRunDone;

  return (
    <DialogLayerContext.Provider value={layer}>
      <div className="app">
        <header className="app-header" inert={inert}>
          <h1>Lead Enricher</h1>
          <button
            type="button"
            className="header-button"
            aria-keyshortcuts="Control+,"
            title="Settings (Ctrl+,)"
            onClick={() => openSettings()}
          >
            Settings
          </button>
        </header>
        {showProblems && view && !dialog && (
          <div className="app-banner" inert={inert}>
            <SettingsProblems
              problems={view.problems}
              onDismiss={dismissProblems}
              onOpenSettings={() => openSettings()}
            />
          </div>
        )}
        <div className="app-body" inert={inert}>
          {loading ? (
            <p className="app-loading muted">Loading…</p>
          ) : firstRun ? (
            <FirstRunScreen onChooseUri={() => openSettings('database', true)} />
          ) : (
            <OpenSettingsContext.Provider value={openSettings}>
              <Workspace />
            </OpenSettingsContext.Provider>
          )}
        </div>
        <div inert={inert} className="app-footer">
          <StatusBar
            firstRun={firstRun}
            onOpenDatabaseSettings={(preferUri) => openSettings('database', preferUri)}
          />
        </div>
        {dialog && (
          <SettingsDialog
            section={dialog.section}
            preferUri={dialog.preferUri}
            showProblems={showProblems}
            onDismissProblems={dismissProblems}
            onClose={closeSettings}
          />
        )}
        <div ref={setHost} className="dialog-layer" />
      </div>
    </DialogLayerContext.Provider>
  );
}
