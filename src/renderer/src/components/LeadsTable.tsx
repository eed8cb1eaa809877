import type { LeadSortField, LeadView } from '@shared/contract';
import { formatDate, formatDateTime, formatPercent } from '../format';
import { useNow } from '../hooks/useNow';
import { CountryCell } from './CountryCell';
import { CrmCell } from './CrmCell';
import { SortHeader, type Sort } from './SortHeader';
import { StatusBadge } from './StatusBadge';

interface Props {
  leads: readonly LeadView[];
  sort: Sort;
  onSort: (field: LeadSortField) => void;
  busy: boolean;
  onRetrySync: (lead: LeadView) => void;
  /** A sync retry is being queued: the row buttons wait. */
  retrying: boolean;
}

export function LeadsTable({ leads, sort, onSort, busy, onRetrySync, retrying }: Props) {
  const now = useNow(60_000);
  return (
    <table className="data-table leads-table" aria-busy={busy}>
      <caption className="visually-hidden">Leads</caption>
      <thead>
        <tr>
          <SortHeader field="name" label="Name" sort={sort} onSort={onSort} className="col-name" />
          <SortHeader field="country" label="Country" sort={sort} onSort={onSort} className="col-country" />
          <SortHeader
            field="probability"
            label="Probability"
            sort={sort}
            onSort={onSort}
            className="num col-prob"
          />
          <th scope="col" className="col-status">
            Status
          </th>
          <th scope="col" className="col-crm">
            CRM
          </th>
          <SortHeader field="createdAt" label="Added" sort={sort} onSort={onSort} className="num col-added" />
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => (
          <tr key={lead.id}>
            <th scope="row" className="cell-name" title={lead.name}>
              <bdi>{lead.name}</bdi>
            </th>
            <td>
              <CountryCell lead={lead} />
            </td>
            <td className="num">{formatPercent(lead.probability)}</td>
            <td>
              <StatusBadge status={lead.status} />
            </td>
            <td>
              <CrmCell lead={lead} now={now} onRetry={onRetrySync} busy={retrying} />
            </td>
            <td className="num">
              <time dateTime={lead.createdAt} title={formatDateTime(lead.createdAt)}>
                {formatDate(lead.createdAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
