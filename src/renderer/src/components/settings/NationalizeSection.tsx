import { useId, useState } from 'react';
import type { SettingsView } from '@shared/contract';
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

/** The nationalize.io API key and address, with a test that also reports the quota. */
export function NationalizeSection({ settings, headingId }: Props) {
  const api = useApi();
  const id = useId();
  const saved = settings.nationalize;
  const [apiKey, setApiKey] = useState<SecretDraft>(KEEP);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const save = useSaveSettings();
  const check = useCheck();

  const baseUrlChange = changed(baseUrl === null ? null : baseUrl.trim(), saved.baseUrl);
  const change = compact({ apiKey: secretChange(apiKey), baseUrl: baseUrlChange });

  useReportUnsaved('nationalize', change !== undefined);

  async function submit() {
    if (!change) return;
    if (await save.save({ nationalize: change })) {
      setApiKey(KEEP);
      setBaseUrl(null);
    }
  }

  // What is on screen is tested; what was left alone is taken from the saved settings.
  const test = () =>
    api.settings.testApiKey(compact({ apiKey: typedSecret(apiKey), baseUrl: baseUrlChange }) ?? {});

  return (
    <SettingsCard
      headingId={headingId}
      title="nationalize.io"
      intro="Guesses the country of each name. Without an API key the free daily quota applies."
    >
      <SectionForm
        title="nationalize.io"
        save={save}
        canSave={change !== undefined}
        onSubmit={() => void submit()}
      >
        <SecretField
          id={`${id}-key`}
          label="API key"
          saved={saved.apiKey}
          draft={apiKey}
          onChange={setApiKey}
          placeholder="Paste your nationalize.io API key"
          needsConsent={settings.secretStorage === 'needs_consent'}
        />
        <Field id={`${id}-url`} label="Base URL" hint="Change it only for a proxy or a test server.">
          <input
            id={`${id}-url`}
            type="url"
            className="wide-input"
            value={baseUrl ?? saved.baseUrl}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-url-hint`}
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </Field>
        <div className="check-row">
          <button
            type="button"
            disabled={check.running}
            aria-describedby={`${id}-test-hint`}
            onClick={() => check.run(test)}
          >
            {check.running ? 'Testing…' : 'Test API key'}
          </button>
          <CheckResult state={check.state} />
        </div>
        <p id={`${id}-test-hint`} className="muted hint">
          The test looks up one name, which counts against the quota.
        </p>
      </SectionForm>
    </SettingsCard>
  );
}
