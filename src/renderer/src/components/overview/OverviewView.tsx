// The overview: where the leads come from (map and ranked bars), where they stand (one stacked bar), how
// sure the guesses are (the histogram and its threshold), the runs over time, and the quota. Every chart
// is computed by the core's database; a click on any of them opens the Leads table filtered by it.
import type { ReactNode } from 'react';
import type { OverviewView as Overview } from '@shared/contract';
import type { ChartFilter } from '../../chartFilter';
import { formatNumber } from '../../format';
import { errorMessage, isDatabaseError } from '../../hooks/errorMessage';
import { useDatabaseReady, useOverviewQuery, useSettingsQuery, useStatusQuery } from '../../hooks/queries';
import { useNow } from '../../hooks/useNow';
import { useSaveSettings } from '../../hooks/useSaveSettings';
import { CountryBars } from './CountryBars';
import { QuotaMeter } from './QuotaCard';
import { RunsChart } from './RunsChart';
import { StatusChart, type StatusPick } from './StatusChart';
import { ThresholdHistogram } from './ThresholdHistogram';
import { WorldMap } from './WorldMap';

interface Props {
  /** The tab is on screen: the charts are fetched only then (a run changes them every second). */
  active: boolean;
  onFilter: (filter: ChartFilter) => void;
  onShowFailures: () => void;
}

function Card({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`card overview-card${wide ? ' overview-wide' : ''}`} aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

export function OverviewView({ active, onFilter, onShowFailures }: Props) {
  const overview = useOverviewQuery(active);
  const settings = useSettingsQuery();
  const status = useStatusQuery();
  const ready = useDatabaseReady();
  const save = useSaveSettings();
  const now = useNow(60_000);
  const data = overview.data;

  if (!data) {
    if (overview.isError && !isDatabaseError(overview.error)) {
      return (
        <div role="alert" className="alert alert-error">
          Could not load the overview: {errorMessage(overview.error)}
        </div>
      );
    }
    return <p className="empty muted">{ready ? 'Loading the overview…' : 'Waiting for the database…'}</p>;
  }

  const total = data.status.verified + data.status.toCheck + data.status.rejected;
  const country = (countryCode: string) => onFilter({ kind: 'country', countryCode });
  const pickStatus = (pick: StatusPick) =>
    pick.kind === 'failed' ? onShowFailures() : onFilter(pick.kind === 'synced' ? { kind: 'synced' } : pick);
  const pickRun = (run: Overview['runs'][number]) =>
    onFilter({ kind: 'run', runId: run.runId, startedAt: run.startedAt });

  return (
    <div className="overview" aria-busy={overview.isFetching}>
      {total === 0 && (
        <p className="empty">No leads yet. Paste names and press Enrich: the charts fill in.</p>
      )}
      {total > 0 && (
        <div className="overview-grid">
          <Card title={`Leads by country (${formatNumber(data.countries.length)})`} wide>
            <div className="overview-countries">
              <WorldMap countries={data.countries} onSelect={country} />
              <CountryBars countries={data.countries} onSelect={country} />
            </div>
          </Card>
          <Card title={`Status of ${formatNumber(total)} leads`} wide>
            <StatusChart status={data.status} onSelect={pickStatus} />
          </Card>
          <Card title="How sure the guesses are">
            {settings.data && (
              <ThresholdHistogram
                probability={data.probability}
                threshold={settings.data.verifiedThreshold}
                save={save}
                onSelectBand={(minPct, maxPct) => onFilter({ kind: 'band', minPct, maxPct })}
              />
            )}
          </Card>
          <Card title="Runs">
            {data.runs.length > 0 ? (
              <RunsChart runs={data.runs} now={now} onSelect={pickRun} />
            ) : (
              <p className="muted">No runs yet.</p>
            )}
            <h3 className="subheading">API quota</h3>
            <QuotaMeter quota={status.data?.rateLimit ?? null} now={now} />
          </Card>
        </div>
      )}
    </div>
  );
}
