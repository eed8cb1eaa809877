import { useId, useState } from 'react';
import type { SettingsView } from '@shared/contract';
import { useSaveSettings } from '../../hooks/useSaveSettings';
import { Field } from './Field';
import { SectionForm } from './SectionForm';
import { SettingsCard } from './SettingsCard';
import { compact, parseNumber } from './changes';
import { useReportUnsaved } from './drafts';

interface Props {
  settings: SettingsView;
  headingId: string;
}

/** The core keeps the threshold as 0..1; people type and read it as a percentage: 0.755 is 75.5. */
const toPercent = (fraction: number): number => Number((fraction * 100).toFixed(2));
const toFraction = (percent: number): number => Number((percent / 100).toFixed(6));

/**
 * How names become leads: the Verified threshold, the minimum sample count, gender and age, and how many
 * requests run at once. Ranges are
 * checked by the core, whose message names the field; here only "is it a number" is.
 */
export function EnrichmentSection({ settings, headingId }: Props) {
  const id = useId();
  // The threshold as typed, in percent.
  const [threshold, setThreshold] = useState<string | null>(null);
  const [concurrency, setConcurrency] = useState<string | null>(null);
  const [minSamples, setMinSamples] = useState<string | null>(null);
  const [gender, setGender] = useState<boolean | null>(null);
  const [age, setAge] = useState<boolean | null>(null);
  const save = useSaveSettings();

  const percent = threshold === null ? toPercent(settings.verifiedThreshold) : parseNumber(threshold);
  const thresholdValue = threshold === null ? settings.verifiedThreshold : toFraction(percent);
  const percentValid = !Number.isNaN(percent) && percent >= 0 && percent <= 100;
  const concurrencyValue = concurrency === null ? settings.nationalize.concurrency : parseNumber(concurrency);
  const saved = settings.nationalize;
  const minSamplesValue = minSamples === null ? saved.minSampleCount : parseNumber(minSamples);
  const change = compact({
    verifiedThreshold: thresholdValue !== settings.verifiedThreshold ? thresholdValue : undefined,
    nationalize: compact({
      concurrency: concurrencyValue !== settings.nationalize.concurrency ? concurrencyValue : undefined,
      minSampleCount: minSamplesValue !== saved.minSampleCount ? minSamplesValue : undefined,
      gender: gender !== null && gender !== saved.gender ? gender : undefined,
      age: age !== null && age !== saved.age ? age : undefined,
    }),
  });

  useReportUnsaved('enrichment', change !== undefined);

  async function submit() {
    if (!percentValid) {
      return save.fail('Verified threshold: enter a percentage from 0 to 100 (60 means 60 %).');
    }
    if (Number.isNaN(concurrencyValue))
      return save.fail('Request concurrency: enter a whole number from 1 to 32.');
    if (Number.isNaN(minSamplesValue))
      return save.fail('Minimum sample count: enter a whole number (0 for no minimum).');
    if (!change) return;
    if (await save.save(change)) {
      setThreshold(null);
      setConcurrency(null);
      setMinSamples(null);
      setGender(null);
      setAge(null);
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
          hint={
            percentValid
              ? `A lead is Verified when its most likely country has a probability of at least ${percent} %; else To Check.`
              : 'A percentage from 0 to 100: a lead is Verified when its most likely country has at least this probability.'
          }
        >
          <div className="field-row">
            <input
              id={`${id}-threshold`}
              type="number"
              className="number-input"
              min={0}
              max={100}
              step={1}
              value={threshold ?? String(toPercent(settings.verifiedThreshold))}
              aria-describedby={`${id}-threshold-unit ${id}-threshold-hint`}
              onChange={(event) => setThreshold(event.target.value)}
            />
            <span id={`${id}-threshold-unit`} className="unit">
              %
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
        <Field
          id={`${id}-min-samples`}
          label="Minimum sample count"
          hint="A guess that rests on fewer people with the name than this is To Check whatever its probability (0: no minimum)."
        >
          <input
            id={`${id}-min-samples`}
            type="number"
            className="number-input"
            min={0}
            step={1}
            value={minSamples ?? String(saved.minSampleCount)}
            aria-describedby={`${id}-min-samples-hint`}
            onChange={(event) => setMinSamples(event.target.value)}
          />
        </Field>
        <fieldset className="settings-checks">
          <legend className="field-label">Also ask, with the same API key</legend>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={gender ?? saved.gender}
              onChange={(event) => setGender(event.target.checked)}
            />
            Gender (genderize.io)
          </label>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={age ?? saved.age}
              onChange={(event) => setAge(event.target.checked)}
            />
            Age (agify.io)
          </label>
          <p className="hint muted">
            Each costs one more name of the quota per name looked up, asked for the lead&apos;s most likely
            country. The leads table shows them as columns.
          </p>
        </fieldset>
      </SectionForm>
    </SettingsCard>
  );
}
