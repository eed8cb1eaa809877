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
 * How names become leads: the Verified threshold and how many requests run at once. Ranges are
 * checked by the core, whose message names the field; here only "is it a number" is.
 */
export function EnrichmentSection({ settings, headingId }: Props) {
  const id = useId();
  // The threshold as typed, in percent.
  const [threshold, setThreshold] = useState<string | null>(null);
  const [concurrency, setConcurrency] = useState<string | null>(null);
  const save = useSaveSettings();

  const percent = threshold === null ? toPercent(settings.verifiedThreshold) : parseNumber(threshold);
  const thresholdValue = threshold === null ? settings.verifiedThreshold : toFraction(percent);
  const percentValid = !Number.isNaN(percent) && percent >= 0 && percent <= 100;
  const concurrencyValue = concurrency === null ? settings.nationalize.concurrency : parseNumber(concurrency);
  const change = compact({
    verifiedThreshold: thresholdValue !== settings.verifiedThreshold ? thresholdValue : undefined,
    nationalize: compact({
      concurrency: concurrencyValue !== settings.nationalize.concurrency ? concurrencyValue : undefined,
    }),
  });

  useReportUnsaved('enrichment', change !== undefined);

  async function submit() {
    if (!percentValid) {
      return save.fail('Verified threshold: enter a percentage from 0 to 100 (60 means 60 %).');
    }
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
      </SectionForm>
    </SettingsCard>
  );
}
