import { useCallback, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { StatusView } from '@shared/contract';
import { FirstRunScreen } from './components/FirstRunScreen';
import { StatusBar } from './components/StatusBar';
import { Workspace } from './components/Workspace';
import { SettingsDialog } from './components/settings/SettingsDialog';
import { SettingsProblems } from './components/settings/SettingsProblems';
import type { SettingsSectionId } from './components/settings/sections';
import { useSettings } from './hooks/useSettings';
import { useShortcut } from './hooks/useShortcut';
import { useStatus } from './hooks/useStatus';

interface OpenSettings {
  section: SettingsSectionId;
  /** Preselect "MongoDB connection string" in the Database section. */
  preferUri: boolean;
}

/** Which database the app is connected to, or null while it is not connected. */
function connectedTo(status: StatusView | null): string | null {
  const db = status?.database;
  return db?.state === 'connected' ? `${db.mode}:${db.target ?? ''}` : null;
}

export function App({ api }: { api: LeadEnricherApi }) {
  const settings = useSettings(api);
  const status = useStatus(api);
  const [dialog, setDialog] = useState<OpenSettings | null>(null);
  // The problems the person dismissed, so the same ones do not come back; new ones do.
  const [dismissedProblems, setDismissedProblems] = useState<string | null>(null);

  const openSettings = useCallback(
    (section: SettingsSectionId = 'database', preferUri = false) =>
      setDialog((open) => open ?? { section, preferUri }),
    [],
  );
  const closeSettings = useCallback(() => setDialog(null), []);
  useShortcut(',', openSettings);

  const view = settings.view;
  const problemsKey = view?.problems.join('\n') ?? '';
  const showProblems = problemsKey !== '' && problemsKey !== dismissedProblems;
  const dismissProblems = () => setDismissedProblems(problemsKey);
  // Nothing is fetched for the main screen until it is known not to be a first run. If the settings
  // cannot be read at all, the main screen is shown anyway.
  const loading = view === null && settings.error === null;
  const firstRun = view !== null && !view.firstRunDone;
  const inert = dialog !== null;

  return (
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
        <div className="app-banner">
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
          <FirstRunScreen
            api={api}
            onSaved={settings.accept}
            onChooseUri={() => openSettings('database', true)}
          />
        ) : (
          <Workspace api={api} connectedTo={connectedTo(status.status)} />
        )}
      </div>
      <div inert={inert} className="app-footer">
        <StatusBar
          api={api}
          status={status}
          onOpenDatabaseSettings={(preferUri) => openSettings('database', preferUri)}
        />
      </div>
      {dialog && (
        <SettingsDialog
          api={api}
          settings={settings}
          database={status.status?.database ?? null}
          section={dialog.section}
          preferUri={dialog.preferUri}
          showProblems={showProblems}
          onDismissProblems={dismissProblems}
          onClose={closeSettings}
        />
      )}
    </div>
  );
}
