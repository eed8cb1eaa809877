import { useId, useMemo, useState } from 'react';
import type { LeadView, LeadsQuery } from '@shared/contract';
import { CRM_LABELS, type LeadCrmView, type SyncMode } from '@shared/crm';
import { showControlCharacters } from '@shared/names';
import { formatDateTime, formatTimeOrDay, plural } from '../format';
import { useLeadCountsQuery, useLeadRecordsQuery, useLeadsQuery } from '../hooks/queries';
import { useKeysetPages } from '../hooks/useKeysetPages';
import { useNow } from '../hooks/useNow';
import type { CrmAction } from '../hooks/useCrmActions';
import { ExternalLink } from './ExternalLink';
import { Pager } from './Pager';

type Filter = 'waiting' | 'synced' | 'failed' | 'toCheck';
const FILTERS: ReadonlyArray<{ value: Filter; label: string; query: Partial<LeadsQuery> }> = [
  { value: 'waiting', label: 'Waiting to be sent', query: { syncState: 'pending' } },
  { value: 'synced', label: 'In the CRM', query: { syncState: 'synced' } },
  { value: 'failed', label: 'Failed', query: { syncState: 'failed' } },
  {
    value: 'toCheck',
    label: 'To Check (not sent)',
    query: { status: 'To Check', syncState: 'not_applicable' },
  },
];
const PAGE_SIZE = 25;

interface Props {
  syncMode: SyncMode;
  busy: boolean;
  onAction: (action: CrmAction) => void;
}

function StateText({ record, syncMode, now }: { record: LeadCrmView; syncMode: SyncMode; now: number }) {
  switch (record.state) {
    case 'pending':
      return syncMode === 'reviewed' ? (
        <span className="warning-text">Waiting for approval</span>
      ) : (
        <span className="muted">Sent with the next run</span>
      );
    case 'approved':
      return <span>Approved · sent with the next run</span>;
    case 'synced':
      return (
        <span className="crm-synced">
          In {record.crm ? CRM_LABELS[record.crm] : 'the CRM'}
          {record.syncedAt && (
            <time className="muted" dateTime={record.syncedAt} title={formatDateTime(record.syncedAt)}>
              {' '}
              · {formatTimeOrDay(record.syncedAt, now)}
            </time>
          )}
        </span>
      );
    case 'failed':
      return <span className="error-text">Failed</span>;
    case 'not_applicable':
      return <span className="muted">Not sent</span>;
  }
}

function RecordCell({ record }: { record: LeadCrmView }) {
  if (record.error) {
    return (
      <span className={record.state === 'failed' ? 'error-text' : 'warning-text'} title={record.error}>
        {record.state === 'failed' ? record.error : `Last attempt failed, will retry: ${record.error}`}
      </span>
    );
  }
  if (!record.recordId) return <span className="muted">—</span>;
  const label = `Record ${record.recordId}`;
  return record.recordUrl ? (
    <ExternalLink href={record.recordUrl} label={`Open record ${record.recordId} in the CRM`}>
      <code className="record-id">{record.recordId}</code>
    </ExternalLink>
  ) : (
    <code className="record-id" aria-label={label}>
      {record.recordId}
    </code>
  );
}

function Action({
  lead,
  record,
  syncMode,
  busy,
  onAction,
}: {
  lead: LeadView;
  record: LeadCrmView;
  syncMode: SyncMode;
  busy: boolean;
  onAction: (action: CrmAction) => void;
}) {
  const { id, name } = lead;
  const button = (label: string, action: CrmAction, aria: string) => (
    <button
      type="button"
      className="small"
      disabled={busy}
      aria-label={aria}
      onClick={() => onAction(action)}
    >
      {label}
    </button>
  );
  if (record.state === 'pending' && syncMode === 'reviewed') {
    return button('Approve', { kind: 'approve', id, name }, `Approve ${name} for the CRM`);
  }
  if (record.state === 'not_applicable' && lead.status === 'To Check') {
    return button('Approve', { kind: 'approve-one', id, name }, `Approve ${name} for the CRM`);
  }
  if (record.state === 'approved') {
    return button('Withdraw', { kind: 'withdraw', id, name }, `Withdraw the approval of ${name}`);
  }
  if (record.state === 'failed') {
    return button('Retry', { kind: 'retry', id, name }, `Retry sync of ${name}`);
  }
  return null;
}

/** Leads one by one as the CRM knows them: the record (with its link) or the error, and what can be done. */
export function SyncLeads({ syncMode, busy, onAction }: Props) {
  const id = useId();
  const now = useNow(60_000);
  const [filter, setFilter] = useState<Filter>('waiting');
  const pages = useKeysetPages(filter, PAGE_SIZE);
  const query: LeadsQuery = {
    ...FILTERS.find((f) => f.value === filter)?.query,
    ...pages.request,
    pageSize: PAGE_SIZE,
    sortBy: 'createdAt',
    sortDir: 'desc',
  };
  const leads = useLeadsQuery(query);
  const chosen = FILTERS.find((f) => f.value === filter)?.query ?? {};
  const counts = useLeadCountsQuery({ syncState: chosen.syncState }).data;
  // The counts ignore a status (one query serves every tab): this filter's status is picked here.
  const total = (chosen.status === 'To Check' ? counts?.toCheck : counts?.all) ?? 0;
  const items = useMemo(() => leads.data?.items ?? [], [leads.data]);
  const ids = useMemo(() => items.map((lead) => lead.id), [items]);
  const records = useLeadRecordsQuery(ids);
  const byId = new Map((records.data ?? []).map((r) => [r.id, r]));

  return (
    <div className="sync-leads">
      <div className="toolbar">
        <label htmlFor={`${id}-filter`} className="inline-label">
          Show
        </label>
        <select
          id={`${id}-filter`}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value as Filter);
          }}
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <span className="muted">{leads.data ? plural(total, 'lead') : ''}</span>
      </div>
      {items.length === 0 ? (
        <p className="muted">{leads.isPending ? 'Loading…' : 'No leads here.'}</p>
      ) : (
        <div className="table-scroll sync-leads-scroll">
          <table className="data-table compact sync-leads-table" aria-label="Leads and their CRM records">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="col-lead-status">
                  Status
                </th>
                <th scope="col" className="col-lead-crm">
                  CRM
                </th>
                <th scope="col">Record</th>
                <th scope="col" className="col-lead-action">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((lead) => {
                const record = byId.get(lead.id);
                return (
                  <tr key={lead.id}>
                    <th scope="row" className="sync-lead-name">
                      {showControlCharacters(lead.name)}
                    </th>
                    <td>{lead.status}</td>
                    <td>{record ? <StateText record={record} syncMode={syncMode} now={now} /> : '…'}</td>
                    <td className="sync-lead-record">{record ? <RecordCell record={record} /> : ''}</td>
                    <td>
                      {record && (
                        <Action
                          lead={lead}
                          record={record}
                          syncMode={syncMode}
                          busy={busy}
                          onAction={onAction}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && (
        <Pager
          label="CRM leads pages"
          page={leads.data?.page ?? pages.page}
          pageSize={PAGE_SIZE}
          total={total}
          shown={items.length}
          hasPrev={leads.data ? leads.data.prev !== null : undefined}
          hasNext={leads.data ? leads.data.next !== null : undefined}
          maxJump={pages.maxJump}
          onPage={(next) => pages.go(next, leads.data)}
        />
      )}
    </div>
  );
}
