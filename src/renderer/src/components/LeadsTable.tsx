import type { LeadSortField, LeadView } from '@shared/contract';
import type { MouseEvent } from 'react';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../format';
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
  /** A row's click (or its name, by keyboard) opens the lead's details. */
  onOpen?: (lead: LeadView) => void;
  /** The gender and age columns, shown when Settings asks genderize.io and agify.io. */
  gender?: boolean;
  age?: boolean;
}

/** A click on the row, not on one of its own buttons or links. */
function rowClick(event: MouseEvent, open: () => void) {
  if (!(event.target instanceof Element) || !event.target.closest('button, a, input')) open();
}

function genderText(lead: LeadView): string {
  if (!lead.gender) return '—';
  const word = lead.gender === 'female' ? 'Female' : 'Male';
  return lead.genderProbability === null ? word : `${word} ${formatPercent(lead.genderProbability)}`;
}

export function LeadsTable({
  leads,
  sort,
  onSort,
  busy,
  onRetrySync,
  retrying,
  onOpen,
  gender = false,
  age = false,
}: Props) {
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
          {gender && (
            <th scope="col" className="col-gender">
              Gender
            </th>
          )}
          {age && (
            <th scope="col" className="num col-age">
              Age
            </th>
          )}
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
          <tr
            key={lead.id}
            className={onOpen ? 'openable-row' : undefined}
            onClick={onOpen && ((event) => rowClick(event, () => onOpen(lead)))}
          >
            <th scope="row" className="cell-name" title={lead.name}>
              {onOpen ? (
                <button type="button" className="row-open" onClick={() => onOpen(lead)}>
                  <bdi>{lead.name}</bdi>
                </button>
              ) : (
                <bdi>{lead.name}</bdi>
              )}
            </th>
            <td>
              <CountryCell lead={lead} />
            </td>
            <td className="num">{formatPercent(lead.probability)}</td>
            {gender && <td className="cell-gender">{genderText(lead)}</td>}
            {age && <td className="num">{lead.age === null ? '—' : formatNumber(lead.age)}</td>}
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
