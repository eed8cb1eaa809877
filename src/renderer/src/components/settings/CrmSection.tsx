import { useId, useState } from 'react';
import type { SettingsView } from '@shared/contract';
import type { CrmMode, SyncMode } from '@shared/crm';
import { useSaveSettings } from '../../hooks/useSaveSettings';
import { ScheduleHint } from '../Tokens';
import { CrmConnection } from './CrmConnection';
import { CrmConnectorFields } from './CrmConnectorFields';
import { Field } from './Field';
import { SectionForm } from './SectionForm';
import { SettingsCard } from './SettingsCard';
import { UNTOUCHED, crmChange, type CrmDraft } from './crmDraft';
import { useReportUnsaved } from './drafts';

interface Props {
  settings: SettingsView;
  headingId: string;
}

const CONNECTORS: Array<{ mode: CrmMode; title: string; hint: string }> = [
  {
    mode: 'simulated',
    title: 'Simulated',
    hint: 'Nothing leaves this computer: deliveries are only written to the sync log. For trying the app.',
  },
  { mode: 'hubspot', title: 'HubSpot', hint: 'Contacts, upserted by a unique property holding the lead id.' },
  { mode: 'pipedrive', title: 'Pipedrive', hint: 'Persons, found by a custom field holding the lead id.' },
  { mode: 'salesforce', title: 'Salesforce', hint: 'Leads or Contacts, upserted by an External Id field.' },
  { mode: 'webhook', title: 'Signed webhook', hint: 'Leads are posted to your URL, signed with a secret.' },
];

const SYNC_MODES: Array<{ mode: SyncMode; title: string; hint: string }> = [
  { mode: 'automatic', title: 'Automatic', hint: 'Verified leads are sent by themselves.' },
  {
    mode: 'reviewed',
    title: 'Reviewed',
    hint: 'Nothing is sent until a person approves it (in the CRM sync tab).',
  },
];

/** Settings → CRM: the background sync, what it sends, and the CRM it sends to with its fields. */
export function CrmSection({ settings, headingId }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<CrmDraft>(UNTOUCHED);
  const save = useSaveSettings();
  const edit = (patch: Partial<CrmDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const saved = settings.crm;
  const mode = draft.mode ?? saved.mode;
  const syncMode = draft.syncMode ?? settings.sync.mode;
  const change = crmChange(draft, settings);
  useReportUnsaved('crm', change !== undefined);

  /** Saves what was changed; true when there was nothing to save or the core took it. */
  async function submit(): Promise<boolean> {
    if (!change) return true;
    const ok = await save.save(change);
    if (ok) setDraft(UNTOUCHED);
    return ok;
  }

  return (
    <SettingsCard headingId={headingId} title="CRM sync">
      <SectionForm title="CRM sync" save={save} canSave={change !== undefined} onSubmit={() => void submit()}>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={draft.enabled ?? settings.sync.enabled}
            onChange={(event) => edit({ enabled: event.target.checked })}
          />
          <span className="field-label">Background sync</span>
        </label>
        <Field id={`${id}-schedule`} label="Schedule (minutes or cron)" hint={<ScheduleHint />}>
          <input
            id={`${id}-schedule`}
            type="text"
            className="schedule-input"
            value={draft.schedule ?? settings.sync.schedule}
            maxLength={100}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-schedule-hint`}
            onChange={(event) => edit({ schedule: event.target.value })}
          />
        </Field>
        <fieldset className="choices">
          <legend className="field-label">What is sent</legend>
          {SYNC_MODES.map((option) => (
            <label key={option.mode} className="choice">
              <input
                type="radio"
                name={`${id}-sync-mode`}
                checked={syncMode === option.mode}
                onChange={() => edit({ syncMode: option.mode })}
              />
              <span>
                <span className="choice-title">{option.title}</span>
                <span className="muted hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend className="field-label">CRM</legend>
          {CONNECTORS.map((option) => (
            <label key={option.mode} className="choice">
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode === option.mode}
                onChange={() => edit({ mode: option.mode })}
              />
              <span>
                <span className="choice-title">{option.title}</span>
                <span className="muted hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <CrmConnectorFields id={id} mode={mode} settings={settings} draft={draft} onEdit={edit} />
        {mode !== 'simulated' && (
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.keepExistingValues ?? saved.keepExistingValues}
              onChange={(event) => edit({ keepExistingValues: event.target.checked })}
            />
            <span>
              <span className="choice-title">Do not overwrite a value already set in the CRM</span>
              <span className="muted hint">
                A record that exists gets only the fields it has no value for; a new one gets them all.
              </span>
            </span>
          </label>
        )}
      </SectionForm>
      <CrmConnection
        mode={mode}
        settings={settings}
        draft={draft}
        unsaved={change !== undefined}
        save={submit}
      />
    </SettingsCard>
  );
}
