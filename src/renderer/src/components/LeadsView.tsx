import { useId, useRef, useState } from 'react';
import type { LeadSortField, LeadStatus, LeadView } from '@shared/contract';
import { chartFilterLabel, chartQuery, type ChartFilter } from '../chartFilter';
import { formatNumber } from '../format';
import { errorMessage, isDatabaseError } from '../hooks/errorMessage';
import { useDatabaseReady, useLeadCountsQuery, useLeadsQuery, useSettingsQuery } from '../hooks/queries';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useRetrySync } from '../hooks/useRetrySync';
import { LeadsTable } from './LeadsTable';
import { LeadDetails } from './overview/LeadDetails';
import { Pager } from './Pager';
import { RetrySyncBar } from './RetrySyncBar';
import type { Sort } from './SortHeader';
import { SyncStateFilter, syncFilterLabel, syncStateOf, type SyncFilter } from './SyncStateFilter';
import { Tabs, tabId } from './Tabs';

type StatusTab = 'all' | 'verified' | 'toCheck';
const TAB_STATUS: Record<StatusTab, LeadStatus | undefined> = {
  all: undefined,
  verified: 'Verified',
  toCheck: 'To Check',
};
// Text columns read naturally A→Z; numbers and dates are most useful highest/newest first.
const FIRST_DIR: Record<LeadSortField, Sort['dir']> = {
  name: 'asc',
  country: 'asc',
  probability: 'desc',
  createdAt: 'desc',
  status: 'asc',
};
export const SEARCH_DEBOUNCE_MS = 250;
export const LEADS_PAGE_SIZE = 50;

function emptyText(tab: StatusTab, syncFilter: SyncFilter, search: string): string {
  if (search) return `No leads match “${search}”.`;
  if (tab === 'all' && syncFilter === 'all') return 'No leads yet. Paste names and press Enrich.';
  const status = tab === 'all' ? '' : `${TAB_STATUS[tab]} `;
  const crm = syncFilter === 'all' ? '' : ` with CRM state ${syncFilterLabel(syncFilter)}`;
  return `No ${status}leads${crm}.`;
}

interface Props {
  /** What a chart of the overview was clicked on: shown as a removable chip, applied with the rest. */
  chartFilter?: ChartFilter | null;
  onClearChartFilter?: () => void;
}

const STATUS_TAB: Partial<Record<LeadStatus, StatusTab>> = { Verified: 'verified', 'To Check': 'toCheck' };

export function LeadsView({ chartFilter = null, onClearChartFilter }: Props) {
  const id = useId();
  const [tab, setTab] = useState<StatusTab>('all');
  const [syncFilter, setSyncFilter] = useState<SyncFilter>('all');
  const [searchInput, setSearchInput] = useState('');
  // A new chart filter starts from a clean table: its status picks the tab, other filters are cleared.
  const [appliedChart, setAppliedChart] = useState<ChartFilter | null>(null);
  if (appliedChart !== chartFilter) {
    setAppliedChart(chartFilter);
    if (chartFilter) {
      setTab(chartFilter.kind === 'status' ? (STATUS_TAB[chartFilter.status] ?? 'all') : 'all');
      setSyncFilter(chartFilter.kind === 'synced' ? 'synced' : 'all');
      setSearchInput('');
    }
  }
  const [opened, setOpened] = useState<LeadView | null>(null);
  const settings = useSettingsQuery().data;
  const search = useDebouncedValue(searchInput.trim(), SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<Sort>({ by: 'createdAt', dir: 'desc' });
  // The page belongs to a query: a new filter, search or sort starts again at page 1.
  const filterKey = JSON.stringify([tab, syncFilter, search, sort, chartFilter]);
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const scroller = useRef<HTMLDivElement>(null);
  const retry = useRetrySync();
  const ready = useDatabaseReady();

  // Rejected has no tab: the chip's status applies while the tab is All.
  const chart = chartQuery(chartFilter);
  const status = TAB_STATUS[tab] ?? (chart.status === 'Rejected' ? 'Rejected' : undefined);
  const filter = {
    countryCode: chart.countryCode,
    minPct: chart.minPct,
    maxPct: chart.maxPct,
    runId: chart.runId,
    syncState: syncStateOf(syncFilter),
    search: search || undefined,
  };
  const counted = useLeadCountsQuery(filter).data;
  const total =
    counted &&
    (status === 'Verified'
      ? counted.verified
      : status === 'To Check'
        ? counted.toCheck
        : status === 'Rejected'
          ? counted.rejected
          : counted.all);
  const leads = useLeadsQuery({
    status,
    ...filter,
    sortBy: sort.by,
    sortDir: sort.dir,
    page,
    pageSize: LEADS_PAGE_SIZE,
  });
  const data = leads.data;
  // The database starting, away or not set up is said by the status bar, not as an error here.
  const waiting = !ready || isDatabaseError(leads.error);
  // Offer the bulk retry only where failed leads are in view.
  const failedInView =
    syncFilter === 'failed'
      ? (total ?? 0) > 0
      : (data?.items.some((lead) => lead.syncState === 'failed') ?? false);

  // A status or CRM chip is the tab or CRM filter it set: choosing another one replaces it.
  function selectTab(next: StatusTab) {
    setTab(next);
    if (chartFilter?.kind === 'status') onClearChartFilter?.();
  }
  function selectSync(next: SyncFilter) {
    setSyncFilter(next);
    if (chartFilter?.kind === 'synced') onClearChartFilter?.();
  }

  function onSort(field: LeadSortField) {
    setSort((prev) =>
      prev.by === field
        ? { by: field, dir: prev.dir === 'asc' ? 'desc' : 'asc' }
        : { by: field, dir: FIRST_DIR[field] },
    );
  }

  function onPage(next: number) {
    setPaging({ filterKey, page: next });
    if (scroller.current) scroller.current.scrollTop = 0;
  }

  const count = (n: number | undefined) => (n === undefined ? '…' : formatNumber(n));
  const panelId = `${id}-panel`;
  const tabs = [
    { id: 'all' as const, label: `All (${count(counted?.all)})`, panelId },
    { id: 'verified' as const, label: `Verified (${count(counted?.verified)})`, panelId },
    { id: 'toCheck' as const, label: `To Check (${count(counted?.toCheck)})`, panelId },
  ];

  return (
    <div className="leads-view">
      <div className="toolbar">
        <Tabs label="Lead status" idPrefix={id} items={tabs} selected={tab} onSelect={selectTab} />
        <SyncStateFilter id={`${id}-crm`} value={syncFilter} onChange={selectSync} />
        <label htmlFor={`${id}-search`} className="visually-hidden">
          Search leads
        </label>
        <input
          id={`${id}-search`}
          type="search"
          className="search"
          placeholder="Search name or country"
          maxLength={200}
          value={searchInput}
          onChange={(event) => setSearchInput(event.target.value)}
        />
      </div>
      {chartFilter && (
        <div className="filter-chips">
          <span className="filter-chip">
            <span>{chartFilterLabel(chartFilter)}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove filter ${chartFilterLabel(chartFilter)}`}
              title="Remove this filter"
              onClick={onClearChartFilter}
            >
              ×
            </button>
          </span>
          {total !== undefined && <span className="muted">{formatNumber(total)} shown</span>}
        </div>
      )}
      {leads.isError && !waiting && (
        <div role="alert" className="alert alert-error">
          Could not load leads: {errorMessage(leads.error)}
        </div>
      )}
      <RetrySyncBar
        show={failedInView}
        failedTotal={syncFilter === 'failed' ? (total ?? null) : null}
        busy={retry.busy}
        message={retry.message}
        error={retry.error}
        onRetry={() => retry.retryAllFailed({ status, search })}
      />
      <div
        role="tabpanel"
        id={panelId}
        aria-labelledby={tabId(id, tab)}
        className="table-scroll"
        ref={scroller}
      >
        {data && data.items.length > 0 && (
          <LeadsTable
            leads={data.items}
            sort={sort}
            onSort={onSort}
            busy={leads.isPlaceholderData}
            onRetrySync={(lead) => retry.retryLeads([lead.id])}
            retrying={retry.busy}
            onOpen={setOpened}
            gender={settings?.nationalize.gender ?? false}
            age={settings?.nationalize.age ?? false}
          />
        )}
        {data && data.items.length === 0 && (
          <p className="empty">
            {chartFilter ? 'No leads match this filter.' : emptyText(tab, syncFilter, search)}
          </p>
        )}
        {!data && waiting && <p className="empty muted">Waiting for the database…</p>}
        {!data && !waiting && !leads.isError && <p className="empty muted">Loading leads…</p>}
      </div>
      {data && total !== undefined && total > 0 && (
        <Pager
          label="Leads pages"
          page={data.page ?? page}
          pageSize={data.pageSize}
          total={total}
          onPage={onPage}
        />
      )}
      {opened && (
        <LeadDetails
          lead={data?.items.find((lead) => lead.id === opened.id) ?? opened}
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  );
}
