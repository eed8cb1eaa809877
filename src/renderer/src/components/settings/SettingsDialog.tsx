import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../../hooks/errorMessage';
import { useSettingsQuery, useStatusQuery } from '../../hooks/queries';
import { Dialog } from '../Dialog';
import { CrmSection } from './CrmSection';
import { DatabaseSection } from './DatabaseSection';
import { EnrichmentSection } from './EnrichmentSection';
import { NationalizeSection } from './NationalizeSection';
import { SecretStorageSection } from './SecretStorageSection';
import { SettingsProblems } from './SettingsProblems';
import { UnsavedContext } from './drafts';
import { SETTINGS_SECTIONS, type SettingsSectionId } from './sections';

interface Props {
  /** The section to open at. */
  section: SettingsSectionId;
  preferUri: boolean;
  showProblems: boolean;
  onDismissProblems: () => void;
  onClose: () => void;
}

const titleOf = (id: SettingsSectionId) => SETTINGS_SECTIONS.find((s) => s.id === id)?.title ?? id;

/** Asked before the dialog closes over edits that were not saved. */
function DiscardChanges({
  sections,
  onDiscard,
  onKeep,
}: {
  sections: SettingsSectionId[];
  onDiscard: () => void;
  onKeep: () => void;
}) {
  const id = useId();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="alert alert-warning discard-changes"
    >
      <p id={`${id}-title`}>
        <strong>Discard your changes?</strong>
      </p>
      <p id={`${id}-text`}>
        {sections.map(titleOf).join(', ')}:{' '}
        {sections.length === 1 ? 'this section has' : 'these sections have'} edits that are not saved.
      </p>
      <div className="field-row">
        <button ref={keep} type="button" onClick={onKeep}>
          Keep editing
        </button>
        <button type="button" onClick={onDiscard}>
          Discard changes
        </button>
      </div>
    </div>
  );
}

/** Every setting in one dialog, a section each with its own Save; a side list jumps between them. */
export function SettingsDialog({ section, preferUri, showProblems, onDismissProblems, onClose }: Props) {
  const id = useId();
  const settings = useSettingsQuery();
  const database = useStatusQuery().data?.database ?? null;
  const view = settings.data;
  const headingId = useCallback((s: SettingsSectionId) => `${id}-${s}`, [id]);
  const [unsaved, setUnsaved] = useState<ReadonlySet<SettingsSectionId>>(new Set());
  const [confirming, setConfirming] = useState(false);

  const report = useCallback((s: SettingsSectionId, edited: boolean) => {
    setUnsaved((prev) => {
      if (prev.has(s) === edited) return prev;
      const next = new Set(prev);
      if (edited) next.add(s);
      else next.delete(s);
      return next;
    });
  }, []);

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
  const ready = view !== undefined;
  useEffect(() => {
    if (ready) goTo(section);
  }, [ready, section, goTo]);

  const pending = SETTINGS_SECTIONS.map((s) => s.id).filter((s) => unsaved.has(s));
  const requestClose = () => (pending.length > 0 ? setConfirming(true) : onClose());

  return (
    <Dialog title="Settings" onClose={confirming ? () => setConfirming(false) : requestClose}>
      <UnsavedContext.Provider value={report}>
        {confirming && pending.length > 0 && (
          <DiscardChanges sections={pending} onDiscard={onClose} onKeep={() => setConfirming(false)} />
        )}
        <div className="settings-layout" inert={confirming}>
          <nav aria-label="Settings sections" className="settings-nav">
            <ul>
              {SETTINGS_SECTIONS.map((s) => (
                <li key={s.id}>
                  <button type="button" className="nav-link" disabled={!view} onClick={() => goTo(s.id)}>
                    {s.title}
                    {unsaved.has(s.id) && <span className="unsaved-dot" aria-label="(not saved)" />}
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
                  settings={view}
                  database={database}
                  headingId={headingId('database')}
                  preferUri={preferUri}
                />
                <NationalizeSection settings={view} headingId={headingId('nationalize')} />
                <EnrichmentSection settings={view} headingId={headingId('enrichment')} />
                <CrmSection settings={view} headingId={headingId('crm')} />
                <SecretStorageSection settings={view} headingId={headingId('secrets')} />
              </>
            ) : settings.isError ? (
              <div role="alert" className="alert alert-error">
                Could not load the settings: {errorMessage(settings.error)}
              </div>
            ) : (
              <p className="empty muted">Loading settings…</p>
            )}
          </div>
        </div>
      </UnsavedContext.Provider>
    </Dialog>
  );
}
