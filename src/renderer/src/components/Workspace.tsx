import { Suspense, lazy, useCallback, useId, useState, type ReactNode } from 'react';
import { OPEN_RUN_STATES } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import type { ChartFilter } from '../chartFilter';
import { formatNumber, mergeSummaries } from '../format';
import { useFailuresQuery } from '../hooks/queries';
import { useRun } from '../hooks/useRun';
import { FAILURES_PAGE_SIZE, FailuresView, type RetryQuery } from './FailuresView';
import { targetOf, type LeadsSelection } from './LeadsBulkBar';
import { LeadsView } from './LeadsView';
import { PastePanel, type EnrichRequest } from './PastePanel';
import { RunStatus } from './RunStatus';
import { RunsPanel } from './RunsPanel';
import { SyncPanel } from './SyncPanel';
import { Tabs, tabId } from './Tabs';

type View = 'leads' | 'overview' | 'failures' | 'sync';

// The charts and the world map are most of the renderer's size: loaded when the Overview is first opened.
const OverviewView = lazy(() => import('./overview/OverviewView').then((m) => ({ default: m.OverviewView })));

/** The main screen: the paste area and the runs, and the leads, failed names and CRM sync views. */
export function Workspace() {
  const api = useApi();
  const id = useId();
  const [view, setView] = useState<View>('leads');
  const [overviewOpened, setOverviewOpened] = useState(false);
  if (view === 'overview' && !overviewOpened) setOverviewOpened(true);
  // A chart's click: the Leads table shows what it counted, until the person removes the filter.
  const [chartFilter, setChartFilter] = useState<ChartFilter | null>(null);
  const showFiltered = useCallback((filter: ChartFilter) => {
    setChartFilter(filter);
    setView('leads');
  }, []);
  const run = useRun();
  // The first page of every failure: the same query as the view's unfiltered first page.
  const failures = useFailuresQuery({ page: 1, pageSize: FAILURES_PAGE_SIZE });

  const enrich = (request: EnrichRequest) =>
    run.start('enrich', async () => {
      const column = request.column === undefined ? {} : { column: request.column };
      if (request.kind === 'paste') return api.enrich.start({ text: request.text, ...column });
      const summary = await api.enrich.file({ path: request.file.path, ...column });
      // The entries corrected in the review are asked after the file (a file is not rewritten).
      if (request.corrections.length === 0 || summary.state !== 'done') return summary;
      return mergeSummaries(summary, await api.enrich.start({ text: request.corrections.join('\n') }));
    });
  const retry = (query: RetryQuery) => run.start('retry', () => api.failures.retry(query));
  const refresh = (target: LeadsSelection) => run.start('refresh', () => api.leads.refresh(targetOf(target)));

  const failedCount = failures.data ? formatNumber(failures.data.total) : '…';
  const panel = (v: View) => `${id}-panel-${v}`;
  const views = [
    { id: 'leads' as const, label: 'Leads', panelId: panel('leads') },
    { id: 'overview' as const, label: 'Overview', panelId: panel('overview') },
    { id: 'failures' as const, label: `Failed names (${failedCount})`, panelId: panel('failures') },
    { id: 'sync' as const, label: 'CRM sync', panelId: panel('sync') },
  ];

  const tabPanel = (v: View, content: ReactNode) => (
    <div
      role="tabpanel"
      id={panel(v)}
      aria-labelledby={tabId(id, v)}
      hidden={view !== v}
      className="view-panel"
    >
      {content}
    </div>
  );

  // The run this page waits for has its own progress and summary; the panel shows the others, and
  // this one again once its summary says it waits (for the quota, or to be resumed).
  const shownRunId =
    run.state.phase === 'running'
      ? run.state.runId
      : run.state.phase === 'finished' && !OPEN_RUN_STATES.includes(run.state.summary.state)
        ? run.state.summary.runId
        : null;

  return (
    <main className="app-main">
      <section className="paste-pane" aria-label="Paste names">
        <PastePanel busy={run.running} onEnrich={enrich} />
        <RunStatus state={run.state} onCancel={run.cancel} onShowFailures={() => setView('failures')} />
        <RunsPanel hideRunId={shownRunId} />
      </section>
      <section className="data-pane" aria-label="Results">
        <Tabs
          label="Results"
          idPrefix={id}
          items={views}
          selected={view}
          onSelect={setView}
          className="view-tabs"
        />
        {/* All stay mounted so filters, paging and live sync updates survive switching views. */}
        {tabPanel(
          'leads',
          <LeadsView
            busy={run.running}
            onRefresh={refresh}
            chartFilter={chartFilter}
            onClearChartFilter={() => setChartFilter(null)}
          />,
        )}
        {tabPanel(
          'overview',
          overviewOpened && (
            <Suspense fallback={<p className="empty muted">Loading the overview…</p>}>
              <OverviewView
                active={view === 'overview'}
                onFilter={showFiltered}
                onShowFailures={() => setView('failures')}
              />
            </Suspense>
          ),
        )}
        {tabPanel('failures', <FailuresView busy={run.running} onRetry={retry} />)}
        {tabPanel('sync', <SyncPanel />)}
      </section>
    </main>
  );
}
