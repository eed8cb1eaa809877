import { useEffect, useId, useRef, useState } from 'react';
import {
  type LeadSortField,
  type LeadStatus,
  type LeadView,
  type LeadsFilter,
  type LeadsQuery,
} from '@shared/contract';
import { chartFilterLabel, chartQuery, type ChartFilter } from '../chartFilter';
import { formatNumber, formatPercent } from '../format';
import { errorMessage, isDatabaseError } from '../hooks/errorMessage';
import {
  useDatabaseReady,
  useLeadCountsQuery,
  useLeadsQuery,
  useRunsQuery,
  useSettingsQuery,
  useStatusQuery,
} from '../hooks/queries';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useKeysetPages } from '../hooks/useKeysetPages';
import { useRetrySync } from '../hooks/useRetrySync';
import { LeadsBulkBar, type LeadsSelection } from './LeadsBulkBar';
import { LeadsTable, type LeadColumn } from './LeadsTable';
import { BulkApprove } from './BulkApprove';
import { BulkVerdicts } from './overview/BulkVerdicts';
import { LeadDetails } from './overview/LeadDetails';
import { Pager } from './Pager';
import { ReclassifyBar } from './ReclassifyBar';
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
interface Props {
  /** A run is in flight: Re-enrich waits for it. */
  busy?: boolean;
  /** Re-enriches leads (a refresh run, with the person's run status); resolves when it ends. */
  onRefresh?: (target: LeadsSelection) => Promise<unknown>;
  /** What a chart of the overview was clicked on: shown as a removable chip, applied with the rest. */
  chartFilter?: ChartFilter | null;
  onClearChartFilter?: () => void;
}

const STATUS_TAB: Partial<Record<LeadStatus, StatusTab>> = { Verified: 'verified', 'To Check': 'toCheck' };

function genderText(lead: LeadView): string {
  if (!lead.gender) return '—';
  const word = lead.gender === 'female' ? 'Female' : 'Male';
  return lead.genderProbability === null ? word : `${word} ${formatPercent(lead.genderProbability)}`;
}

/** Gender and age, shown when Settings asks genderize.io and agify.io. */
const GENDER_COLUMN: LeadColumn = {
  id: 'gender',
  header: 'Gender',
  cell: genderText,
  className: 'col-gender',
};
const AGE_COLUMN: LeadColumn = {
  id: 'age',
  header: 'Age',
  cell: (lead) => (lead.age === null ? '—' : formatNumber(lead.age)),
  className: 'num col-age',
};

function emptyText(tab: StatusTab, syncFilter: SyncFilter, search: string, latestRun: boolean): string {
  if (search) return `No leads match “${search}”.`;
  if (tab === 'all' && syncFilter === 'all' && !latestRun)
    return 'No leads yet. Paste names and press Enrich.';
  const status = tab === 'all' ? '' : `${TAB_STATUS[tab]} `;
  const crm = syncFilter === 'all' ? '' : ` with CRM state ${syncFilterLabel(syncFilter)}`;
  return `No ${status}leads${crm}${latestRun ? ' from the latest run' : ''}.`;
}

export function LeadsView({ busy = false, onRefresh, chartFilter = null, onClearChartFilter }: Props) {
  const id = useId();
  const [tab, setTab] = useState<StatusTab>('all');
  const [syncFilter, setSyncFilter] = useState<SyncFilter>('all');
  const [searchInput, setSearchInput] = useState('');
  const [latestOnly, setLatestOnly] = useState(false);
  // A new chart filter starts from a clean table: its status picks the tab, other filters are cleared.
  const [appliedChart, setAppliedChart] = useState<ChartFilter | null>(null);
  if (appliedChart !== chartFilter) {
    setAppliedChart(chartFilter);
    if (chartFilter) {
      setTab(chartFilter.kind === 'status' ? (STATUS_TAB[chartFilter.status] ?? 'all') : 'all');
      setSyncFilter(chartFilter.kind === 'synced' ? 'synced' : 'all');
      setSearchInput('');
      setLatestOnly(false);
    }
  }
  const [opened, setOpened] = useState<LeadView | null>(null);
  const settings = useSettingsQuery().data;
  const extraColumns = [
    ...(settings?.nationalize.gender ? [GENDER_COLUMN] : []),
    ...(settings?.nationalize.age ? [AGE_COLUMN] : []),
  ];
  const search = useDebouncedValue(searchInput.trim(), SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<Sort>({ by: 'createdAt', dir: 'desc' });
  const activeRunId = useStatusQuery().data?.activeRunId ?? null;
  const runs = useRunsQuery().data;
  // The run in flight, or else the newest: its leads are marked, and can be shown alone.
  const latestRunId = activeRunId ?? runs?.[0]?.id ?? null;
  const runFilter = latestOnly && latestRunId ? latestRunId : undefined;
  // The page belongs to a query: a new filter, search or sort starts again at page 1.
  const filterKey = JSON.stringify([tab, syncFilter, search, sort, runFilter, chartFilter]);
  const pages = useKeysetPages(filterKey, LEADS_PAGE_SIZE);
  // So is the selection: "all matching" means this filter's leads.
  const [selection, setSelection] = useState<{
    filterKey: string;
    leads: ReadonlyMap<string, LeadView>;
    allMatching: boolean;
  }>({ filterKey, leads: new Map(), allMatching: false });
  const selected = selection.filterKey === filterKey ? selection : { leads: new Map(), allMatching: false };
  const scroller = useRef<HTMLDivElement>(null);
  const retry = useRetrySync();
  const ready = useDatabaseReady();

  // Rejected has no tab: the chip's status applies while the tab is All.
  const chart = chartQuery(chartFilter);
  const status = TAB_STATUS[tab] ?? (chart.status === 'Rejected' ? 'Rejected' : undefined);
  const filter: LeadsFilter = {
    countryCode: chart.countryCode,
    minPct: chart.minPct,
    maxPct: chart.maxPct,
    syncState: syncStateOf(syncFilter),
    search: search || undefined,
    runId: chart.runId ?? runFilter,
  };
  const counts = useLeadCountsQuery(filter);
  const counted = counts.data;
  const total =
    counted &&
    (status === 'Verified'
      ? counted.verified
      : status === 'To Check'
        ? counted.toCheck
        : status === 'Rejected'
          ? counted.rejected
          : counted.all);
  const query: LeadsQuery = {
    status,
    ...filter,
    sortBy: sort.by,
    sortDir: sort.dir,
    pageSize: LEADS_PAGE_SIZE,
    ...pages.request,
  };
  const leads = useLeadsQuery(query);
  const data = leads.data;
  // The database starting, away or not set up is said by the status bar, not as an error here.
  const waiting = !ready || isDatabaseError(leads.error);
  // Offer the bulk retry only where failed leads are in view.
  const failedInView =
    syncFilter === 'failed'
      ? (total ?? 0) > 0
      : (data?.items.some((lead) => lead.syncState === 'failed') ?? false);

  // A run that ends shows its leads from the top, not where the list was scrolled to.
  const wasRunning = useRef(activeRunId);
  useEffect(() => {
    if (wasRunning.current && !activeRunId && scroller.current) scroller.current.scrollTop = 0;
    wasRunning.current = activeRunId;
  }, [activeRunId]);

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
    pages.go(next, data);
    if (scroller.current) scroller.current.scrollTop = 0;
  }

  function toggle(lead: LeadView) {
    const next = new Map(selected.leads);
    if (!next.delete(lead.id)) next.set(lead.id, lead);
    setSelection({ filterKey, leads: next, allMatching: false });
  }

  function togglePage(select: boolean) {
    const next = new Map(selected.leads);
    for (const lead of data?.items ?? []) {
      if (select) next.set(lead.id, lead);
      else next.delete(lead.id);
    }
    setSelection({ filterKey, leads: next, allMatching: false });
  }

  const clearSelection = () => setSelection({ filterKey, leads: new Map(), allMatching: false });
  const count = (n: number | undefined) => (n === undefined ? '…' : formatNumber(n));
  const panelId = `${id}-panel`;
  const tabs = [
    { id: 'all' as const, label: `All (${count(counted?.all)})`, panelId },
    { id: 'verified' as const, label: `Verified (${count(counted?.verified)})`, panelId },
    { id: 'toCheck' as const, label: `To Check (${count(counted?.toCheck)})`, panelId },
  ];
  const target: LeadsSelection = selected.allMatching
    ? { kind: 'filter', filter: { ...filter, status }, count: total ?? 0 }
    : { kind: 'ids', leads: [...selected.leads.values()] };
  const selectedCount = selected.allMatching ? (total ?? 0) : selected.leads.size;
  const page = data?.page ?? pages.page;

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
      <ReclassifyBar />
      <RetrySyncBar
        show={failedInView}
        failedTotal={syncFilter === 'failed' ? (total ?? null) : null}
        busy={retry.busy}
        message={retry.message}
        error={retry.error}
        onRetry={() => retry.retryAllFailed({ ...filter, status })}
      />
      <LeadsBulkBar
        selection={target}
        selectedCount={selectedCount}
        matching={total ?? null}
        allMatching={selected.allMatching}
        onSelectAllMatching={() => setSelection({ filterKey, leads: selected.leads, allMatching: true })}
        onClear={clearSelection}
        onDone={clearSelection}
        busy={busy}
        onRefresh={onRefresh}
        viewFilter={{ ...filter, status }}
        sort={sort}
      >
        {latestRunId && (
          <label className="inline-check" title="Only the leads of the run in flight or the newest run">
            <input
              type="checkbox"
              checked={latestOnly}
              onChange={(event) => setLatestOnly(event.target.checked)}
            />
            Latest run
          </label>
        )}
        {!selected.allMatching && selected.leads.size > 0 && (
          <BulkVerdicts ids={[...selected.leads.keys()]} onDecided={clearSelection} />
        )}
        {!selected.allMatching && selected.leads.size > 0 && settings?.sync.mode === 'reviewed' && (
          <BulkApprove ids={[...selected.leads.keys()]} />
        )}
      </LeadsBulkBar>
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
            selected={new Set(selected.leads.keys())}
            allMatching={selected.allMatching}
            onToggle={toggle}
            onTogglePage={togglePage}
            onRowClick={setOpened}
            activeId={opened?.id ?? null}
            newRunId={latestRunId}
            extraColumns={extraColumns}
          />
        )}
        {data && data.items.length === 0 && (
          <p className="empty">
            {chartFilter
              ? 'No leads match this filter.'
              : emptyText(tab, syncFilter, search, runFilter !== undefined)}
          </p>
        )}
        {!data && waiting && <p className="empty muted">Waiting for the database…</p>}
        {!data && !waiting && !leads.isError && <p className="empty muted">Loading leads…</p>}
      </div>
      {data && total !== undefined && total > 0 && (
        <Pager
          label="Leads pages"
          page={page}
          pageSize={data.pageSize}
          total={total}
          shown={data.items.length}
          hasPrev={data.prev !== null}
          hasNext={data.next !== null}
          maxJump={pages.maxJump}
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
