import { useId, useState } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import type { SettingsView } from '@shared/contract';
import { useSettingsSave } from '../../hooks/useSettingsSave';
import { Field } from './Field';
import { SectionForm } from './SectionForm';
import { SettingsCard } from './SettingsCard';
import { compact, parseNumber } from './changes';

interface Props {
  api: LeadEnricherApi;
  settings: SettingsView;
  headingId: string;
  onSaved: (view: SettingsView) => void;
}

/** 0.755 -> "75.5%": the threshold as people read it. */
function asPercent(value: number): string {
  return `${Number((value * 100).toFixed(1))}%`;
}

/**
 * How names become leads: the Verified threshold and how many requests run at once. Ranges are
 * checked by the core, whose message names the field; here only "is it a number" is.
 */
export function EnrichmentSection({ api, settings, headingId, onSaved }: Props) {
  const id = useId();
  const [threshold, setThreshold] = useState<string | null>(null);
  const [concurrency, setConcurrency] = useState<string | null>(null);
  const save = useSettingsSave(api, onSaved);

  const thresholdValue = threshold === null ? settings.verifiedThreshold : parseNumber(threshold);
  const concurrencyValue = concurrency === null ? settings.nationalize.concurrency : parseNumber(concurrency);
  const change = compact({
    verifiedThreshold: thresholdValue !== settings.verifiedThreshold ? thresholdValue : undefined,
    nationalize: compact({
      concurrency: concurrencyValue !== settings.nationalize.concurrency ? concurrencyValue : undefined,
    }),
  });

  async function submit() {
    if (Number.isNaN(thresholdValue)) return save.fail('Verified threshold: enter a number from 0 to 1.');
    if (Number.isNaN(concurrencyValue))
      return save.fail('Request concurrency: enter a whole number from 1 to 32.');
    if (!change) return;
    if (await save.save(change)) {
      setThreshold(null);
      setConcurrency(null);
    }
  }

  return (
    <SettingsCard headingId={headingId} title="Enrichment">
      <SectionForm
        title="Enrichment"
        save={save}
        canSave={change !== undefined}
        onSubmit={() => void submit()}
      >
        <Field
          id={`${id}-threshold`}
          label="Verified threshold"
          hint="A lead is Verified when its most likely country has at least this probability; else To Check."
        >
          <div className="field-row">
            <input
              id={`${id}-threshold`}
              type="number"
              className="number-input"
              min={0}
              max={1}
              step={0.01}
              value={threshold ?? String(settings.verifiedThreshold)}
              aria-describedby={`${id}-threshold-hint`}
              onChange={(event) => setThreshold(event.target.value)}
            />
            <span className="muted num" aria-live="polite">
              {Number.isNaN(thresholdValue) ? '' : `= ${asPercent(thresholdValue)}`}
            </span>
          </div>
        </Field>
        <Field
          id={`${id}-concurrency`}
          label="Request concurrency"
          hint="How many nationalize.io requests run at once, from 1 to 32. Higher is faster; lower is gentler."
        >
          <input
            id={`${id}-concurrency`}
            type="number"
            className="number-input"
            min={1}
            max={32}
            step={1}
            value={concurrency ?? String(settings.nationalize.concurrency)}
            aria-describedby={`${id}-concurrency-hint`}
            onChange={(event) => setConcurrency(event.target.value)}
          />
        </Field>
      </SectionForm>
    </SettingsCard>
  );
}
