import { useCallback, useId, useState, type ReactNode } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import { formatNumber } from '../format';
import { useFailures } from '../hooks/useFailures';
import { useRun } from '../hooks/useRun';
import { FailuresView, type RetryQuery } from './FailuresView';
import { LeadsView } from './LeadsView';
import { PastePanel } from './PastePanel';
import { RunStatus } from './RunStatus';
import { SyncPanel } from './SyncPanel';
import { Tabs, tabId } from './Tabs';

type View = 'leads' | 'failures' | 'sync';

/** The main screen: the paste area, and the leads, failed names and CRM sync views. */
export function Workspace({
  api,
  connectedTo = null,
}: {
  api: LeadEnricherApi;
  connectedTo?: string | null;
}) {
  const id = useId();
  const [view, setView] = useState<View>('leads');
  // Bumped when a run (enrich, retry or CRM sync) ends: the leads and the failures are fetched again.
  const [dataVersion, setDataVersion] = useState(0);
  const refresh = useCallback(() => setDataVersion((v) => v + 1), []);
  const run = useRun(api, refresh);
  // Connected (after a drop, or to another database): what is shown is fetched from it again.
  const [seenConnection, setSeenConnection] = useState(connectedTo);
  if (connectedTo !== seenConnection) {
    setSeenConnection(connectedTo);
    if (connectedTo) setDataVersion((v) => v + 1);
  }
  const failures = useFailures(api, dataVersion);

  const enrich = (text: string) => run.start('enrich', () => api.enrich(text));
  const retry = (query: RetryQuery) => run.start('retry', () => api.retryFailures(query));

  const failedCount = failures.data ? formatNumber(failures.data.items.length) : '…';
  const panel = (v: View) => `${id}-panel-${v}`;
  const views = [
    { id: 'leads' as const, label: 'Leads', panelId: panel('leads') },
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

  return (
    <main className="app-main">
      <section className="paste-pane" aria-label="Paste names">
        <PastePanel busy={run.running} onEnrich={enrich} />
        <RunStatus
          state={run.state}
          onCancel={() => void run.cancel()}
          onShowFailures={() => setView('failures')}
        />
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
        {tabPanel('leads', <LeadsView api={api} version={dataVersion} />)}
        {tabPanel(
          'failures',
          <FailuresView data={failures.data} error={failures.error} busy={run.running} onRetry={retry} />,
        )}
        {tabPanel('sync', <SyncPanel api={api} onRunFinished={refresh} />)}
      </section>
    </main>
  );
}
