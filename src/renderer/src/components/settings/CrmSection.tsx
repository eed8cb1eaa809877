import { useId, useState } from 'react';
import type { CrmMode, SettingsView } from '@shared/contract';
import { useApi } from '../../api/ApiProvider';
import { useCheck } from '../../hooks/useCheck';
import { useSaveSettings } from '../../hooks/useSaveSettings';
import { CheckResult } from './CheckResult';
import { Field } from './Field';
import { SecretField } from './SecretField';
import { SectionForm } from './SectionForm';
import { SettingsCard } from './SettingsCard';
import { KEEP, changed, compact, secretChange, typedSecret, type SecretDraft } from './changes';
import { useReportUnsaved } from './drafts';

interface Props {
  settings: SettingsView;
  headingId: string;
}

const MODES: Array<{ mode: CrmMode; title: string; hint: string }> = [
  {
    mode: 'simulated',
    title: 'Simulated',
    hint: 'No CRM is called: deliveries are written to the sync log.',
  },
  {
    mode: 'webhook',
    title: 'Webhook',
    hint: 'Verified leads are posted to your URL, signed with the secret.',
  },
];

/** The background CRM sync: on/off, schedule, and where leads go (simulated, or a signed webhook). */
export function CrmSection({ settings, headingId }: Props) {
  const api = useApi();
  const id = useId();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [schedule, setSchedule] = useState<string | null>(null);
  const [mode, setMode] = useState<CrmMode | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [secret, setSecret] = useState<SecretDraft>(KEEP);
  const save = useSaveSettings();
  const check = useCheck();

  const saved = settings.crm;
  const currentMode = mode ?? saved.mode;
  // An emptied URL field clears the saved URL.
  const typedUrl = url === null ? null : url.trim() || null;
  const webhook = currentMode === 'webhook';
  const change = compact({
    sync: compact({
      enabled: changed(enabled, settings.sync.enabled),
      schedule: changed(schedule === null ? null : schedule.trim(), settings.sync.schedule),
    }),
    crm: compact({
      mode: changed(mode, saved.mode),
      // The webhook fields are only on screen (and only sent) in Webhook mode.
      webhookUrl: webhook && url !== null && typedUrl !== saved.webhookUrl ? typedUrl : undefined,
      webhookSecret: webhook ? secretChange(secret) : undefined,
    }),
  });

  useReportUnsaved('crm', change !== undefined);

  async function submit() {
    if (!change) return;
    if (await save.save(change)) {
      setEnabled(null);
      setSchedule(null);
      setMode(null);
      setUrl(null);
      setSecret(KEEP);
    }
  }

  const test = () =>
    api.settings.testWebhook(compact({ url: typedUrl ?? undefined, secret: typedSecret(secret) }) ?? {});

  return (
    <SettingsCard headingId={headingId} title="CRM sync">
      <SectionForm title="CRM sync" save={save} canSave={change !== undefined} onSubmit={() => void submit()}>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled ?? settings.sync.enabled}
            onChange={(event) => setEnabled(event.target.checked)}
          />
          <span className="field-label">Background sync</span>
        </label>
        <Field
          id={`${id}-schedule`}
          label="Schedule (minutes or cron)"
          hint={
            <>
              Minutes between runs (<code>5</code>) or a cron expression (<code>*/15 9-18 * * 1-5</code>).
            </>
          }
        >
          <input
            id={`${id}-schedule`}
            type="text"
            className="schedule-input"
            value={schedule ?? settings.sync.schedule}
            maxLength={100}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-schedule-hint`}
            onChange={(event) => setSchedule(event.target.value)}
          />
        </Field>
        <fieldset className="choices">
          <legend className="field-label">CRM mode</legend>
          {MODES.map((option) => (
            <label key={option.mode} className="choice">
              <input
                type="radio"
                name={`${id}-mode`}
                checked={currentMode === option.mode}
                onChange={() => setMode(option.mode)}
              />
              <span>
                <span className="choice-title">{option.title}</span>
                <span className="muted hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {webhook && (
          <>
            <Field id={`${id}-url`} label="Webhook URL" hint="https, or plain http to this computer only.">
              <input
                id={`${id}-url`}
                type="url"
                className="wide-input"
                value={url ?? saved.webhookUrl ?? ''}
                placeholder="https://crm.example.com/hooks/leads"
                spellCheck={false}
                autoComplete="off"
                aria-describedby={`${id}-url-hint`}
                onChange={(event) => setUrl(event.target.value)}
              />
            </Field>
            <SecretField
              id={`${id}-secret`}
              label="Webhook secret"
              saved={saved.webhookSecret}
              draft={secret}
              onChange={setSecret}
              placeholder="The secret the CRM checks the signature with"
              needsConsent={settings.secretStorage === 'needs_consent'}
            />
            <div className="check-row">
              <button
                type="button"
                disabled={check.running || (typedUrl === null && !saved.webhookUrl)}
                onClick={() => check.run(test)}
              >
                {check.running ? 'Sending…' : 'Send test delivery'}
              </button>
              <CheckResult state={check.state} />
            </div>
          </>
        )}
      </SectionForm>
    </SettingsCard>
  );
}
