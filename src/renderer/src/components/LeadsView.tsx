import { useEffect, useId, useRef, useState } from 'react';
import {
  LEADS_MAX_JUMP_ROWS,
  type LeadSortField,
  type LeadStatus,
  type LeadView,
  type LeadsFilter,
  type LeadsQuery,
} from '@shared/contract';
import { formatNumber } from '../format';
import { errorMessage, isDatabaseError } from '../hooks/errorMessage';
import {
  useDatabaseReady,
  useLeadCountsQuery,
  useLeadsQuery,
  useRunsQuery,
  useStatusQuery,
} from '../hooks/queries';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useRetrySync } from '../hooks/useRetrySync';
import { LeadsBulkBar, type LeadsSelection } from './LeadsBulkBar';
import { LeadsTable, type LeadColumn } from './LeadsTable';
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
/** The furthest page a jump reaches; later pages by paging on (keyset), sorting or searching. */
const MAX_JUMP_PAGE = Math.floor(LEADS_MAX_JUMP_ROWS / LEADS_PAGE_SIZE) + 1;

/** Where the page on screen is: its number, and the cursor it was reached by (paging on or back). */
interface PageAt {
  page: number;
  cursor?: { after: string } | { before: string };
}

interface Props {
  /** A run is in flight: Re-enrich waits for it. */
  busy?: boolean;
  /** Re-enriches leads (a refresh run, with the person's run status); resolves when it ends. */
  onRefresh?: (target: LeadsSelection) => Promise<unknown>;
  /** A row was clicked: its details (the overview's panel). */
  onOpenLead?: (lead: LeadView) => void;
  activeLeadId?: string | null;
  /** Columns another view adds (gender, age). */
  extraColumns?: readonly LeadColumn[];
}

function emptyText(tab: StatusTab, syncFilter: SyncFilter, search: string, latestRun: boolean): string {
  if (search) return `No leads match “${search}”.`;
  if (tab === 'all' && syncFilter === 'all' && !latestRun)
    return 'No leads yet. Paste names and press Enrich.';
  const status = tab === 'all' ? '' : `${TAB_STATUS[tab]} `;
  const crm = syncFilter === 'all' ? '' : ` with CRM state ${syncFilterLabel(syncFilter)}`;
  return `No ${status}leads${crm}${latestRun ? ' from the latest run' : ''}.`;
}

export function LeadsView({ busy = false, onRefresh, onOpenLead, activeLeadId, extraColumns }: Props) {
  const id = useId();
  const [tab, setTab] = useState<StatusTab>('all');
  const [syncFilter, setSyncFilter] = useState<SyncFilter>('all');
  const [searchInput, setSearchInput] = useState('');
  const [latestOnly, setLatestOnly] = useState(false);
  const search = useDebouncedValue(searchInput.trim(), SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<Sort>({ by: 'createdAt', dir: 'desc' });
  const activeRunId = useStatusQuery().data?.activeRunId ?? null;
  const runs = useRunsQuery().data;
  // The run in flight, or else the newest: its leads are marked, and can be shown alone.
  const latestRunId = activeRunId ?? runs?.[0]?.id ?? null;
  const runFilter = latestOnly && latestRunId ? latestRunId : undefined;
  // The page belongs to a query: a new filter, search or sort starts again at page 1.
  const filterKey = JSON.stringify([tab, syncFilter, search, sort, runFilter]);
  const [paging, setPaging] = useState<{ filterKey: string; at: PageAt }>({ filterKey, at: { page: 1 } });
  const at = paging.filterKey === filterKey ? paging.at : { page: 1 };
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

  const status = TAB_STATUS[tab];
  const filter: LeadsFilter = {
    syncState: syncStateOf(syncFilter),
    search: search || undefined,
    runId: runFilter,
  };
  const counts = useLeadCountsQuery(filter);
  const counted = counts.data;
  const total =
    counted && (status === 'Verified' ? counted.verified : status ? counted.toCheck : counted.all);
  const query: LeadsQuery = {
    status,
    ...filter,
    sortBy: sort.by,
    sortDir: sort.dir,
    pageSize: LEADS_PAGE_SIZE,
    ...(at.cursor ?? { page: at.page }),
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

  function onSort(field: LeadSortField) {
    setSort((prev) =>
      prev.by === field
        ? { by: field, dir: prev.dir === 'asc' ? 'desc' : 'asc' }
        : { by: field, dir: FIRST_DIR[field] },
    );
  }

  function onPage(next: number) {
    let target: PageAt = { page: next };
    // The neighbours by cursor (no rows skipped); the first page and jumps by number.
    if (next === at.page + 1 && data?.next) target = { page: next, cursor: { after: data.next } };
    else if (next === at.page - 1 && next > 1 && data?.prev)
      target = { page: next, cursor: { before: data.prev } };
    setPaging({ filterKey, at: target });
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
  const page = data?.page ?? at.page;

  return (
    <div className="leads-view">
      <div className="toolbar">
        <Tabs label="Lead status" idPrefix={id} items={tabs} selected={tab} onSelect={setTab} />
        <SyncStateFilter id={`${id}-crm`} value={syncFilter} onChange={setSyncFilter} />
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
        onRetry={() => retry.retryAllFailed({ status, search })}
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
            onRowClick={onOpenLead}
            activeId={activeLeadId}
            newRunId={latestRunId}
            extraColumns={extraColumns}
          />
        )}
        {data && data.items.length === 0 && (
          <p className="empty">{emptyText(tab, syncFilter, search, runFilter !== undefined)}</p>
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
          maxJump={MAX_JUMP_PAGE}
          onPage={onPage}
        />
      )}
    </div>
  );
}
