import { useCallback, useEffect, useId } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { DatabaseInfo } from '../../databaseStatus';
import type { Settings } from '../../hooks/useSettings';
import { Dialog } from '../Dialog';
import { CrmSection } from './CrmSection';
import { DatabaseSection } from './DatabaseSection';
import { EnrichmentSection } from './EnrichmentSection';
import { NationalizeSection } from './NationalizeSection';
import { SecretStorageSection } from './SecretStorageSection';
import { SettingsProblems } from './SettingsProblems';
import { SETTINGS_SECTIONS, type SettingsSectionId } from './sections';

interface Props {
  api: LeadEnricherApi;
  settings: Settings;
  database: DatabaseInfo | null;
  /** The section to open at. */
  section: SettingsSectionId;
  preferUri: boolean;
  showProblems: boolean;
  onDismissProblems: () => void;
  onClose: () => void;
}

/** Every setting in one dialog, a section each with its own Save; a side list jumps between them. */
export function SettingsDialog(props: Props) {
  const { api, settings, database, section, preferUri, showProblems, onDismissProblems, onClose } = props;
  const id = useId();
  const view = settings.view;
  const headingId = useCallback((s: SettingsSectionId) => `${id}-${s}`, [id]);

  const goTo = useCallback(
    (s: SettingsSectionId) => {
      const heading = document.getElementById(headingId(s));
      // The whole card comes into view, its heading takes the focus. (jsdom has no scrollIntoView.)
      heading?.closest('section')?.scrollIntoView?.({ block: 'start' });
      heading?.focus({ preventScroll: true });
    },
    [headingId],
  );

  // Opens at the asked section, once the settings are there to show it.
  const ready = view !== null;
  useEffect(() => {
    if (ready) goTo(section);
  }, [ready, section, goTo]);

  return (
    <Dialog title="Settings" onClose={onClose}>
      <div className="settings-layout">
        <nav aria-label="Settings sections" className="settings-nav">
          <ul>
            {SETTINGS_SECTIONS.map((s) => (
              <li key={s.id}>
                <button type="button" className="nav-link" disabled={!view} onClick={() => goTo(s.id)}>
                  {s.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-body">
          {view && showProblems && (
            <SettingsProblems problems={view.problems} onDismiss={onDismissProblems} />
          )}
          {view ? (
            <>
              <DatabaseSection
                api={api}
                settings={view}
                database={database}
                headingId={headingId('database')}
                preferUri={preferUri}
                onSaved={settings.accept}
              />
              <NationalizeSection
                api={api}
                settings={view}
                headingId={headingId('nationalize')}
                onSaved={settings.accept}
              />
              <EnrichmentSection
                api={api}
                settings={view}
                headingId={headingId('enrichment')}
                onSaved={settings.accept}
              />
              <CrmSection api={api} settings={view} headingId={headingId('crm')} onSaved={settings.accept} />
              <SecretStorageSection
                api={api}
                settings={view}
                headingId={headingId('secrets')}
                onSaved={settings.accept}
              />
            </>
          ) : settings.error ? (
            <div role="alert" className="alert alert-error">
              Could not load the settings: {settings.error}
            </div>
          ) : (
            <p className="empty muted">Loading settings…</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}
