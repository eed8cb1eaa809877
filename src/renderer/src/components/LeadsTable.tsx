import type { ReactNode } from 'react';
import type { LeadSortField, LeadView } from '@shared/contract';
import { formatDateTime, formatPercent, formatShortDateTime } from '../format';
import { useNow } from '../hooks/useNow';
import { CountryCell } from './CountryCell';
import { CrmCell } from './CrmCell';
import { SortHeader, type Sort } from './SortHeader';
import { StatusBadge } from './StatusBadge';

/** A column another view adds (gender, age...): its header, its cell, and a class for its width. */
export interface LeadColumn {
  id: string;
  header: ReactNode;
  cell: (lead: LeadView) => ReactNode;
  className?: string;
  /** Where it goes: before the Added column (the default) or at the end. */
  at?: 'beforeAdded' | 'end';
}

interface Props {
  leads: readonly LeadView[];
  sort: Sort;
  onSort: (field: LeadSortField) => void;
  busy: boolean;
  onRetrySync: (lead: LeadView) => void;
  /** A sync retry is being queued: the row buttons wait. */
  retrying: boolean;
  /** Selection by id; without it the table has no checkboxes. */
  selected?: ReadonlySet<string>;
  /** Every matching lead is selected, this page's and the others'. */
  allMatching?: boolean;
  onToggle?: (lead: LeadView) => void;
  onTogglePage?: (select: boolean) => void;
  /** A row was clicked (not one of its buttons or checkboxes): the details of the lead. */
  onRowClick?: (lead: LeadView) => void;
  /** The lead whose details are open, marked in the table. */
  activeId?: string | null;
  /** Leads of the run in flight or just finished: marked as new. */
  newRunId?: string | null;
  extraColumns?: readonly LeadColumn[];
}

/** A click on a control in the row is that control's, not the row's. */
const fromControl = (target: EventTarget) =>
  target instanceof Element && target.closest('button, input, a, select, label') !== null;

export function LeadsTable({
  leads,
  sort,
  onSort,
  busy,
  onRetrySync,
  retrying,
  selected,
  allMatching = false,
  onToggle,
  onTogglePage,
  onRowClick,
  activeId = null,
  newRunId = null,
  extraColumns = [],
}: Props) {
  const now = useNow(60_000);
  const selectable = selected !== undefined && onToggle !== undefined;
  const onPage = leads.filter((lead) => allMatching || selected?.has(lead.id)).length;
  const allOnPage = leads.length > 0 && onPage === leads.length;
  const before = extraColumns.filter((column) => column.at !== 'end');
  const after = extraColumns.filter((column) => column.at === 'end');
  const header = (column: LeadColumn) => (
    <th key={column.id} scope="col" className={column.className}>
      {column.header}
    </th>
  );
  const cell = (column: LeadColumn, lead: LeadView) => (
    <td key={column.id} className={column.className}>
      {column.cell(lead)}
    </td>
  );
  return (
    <table className={`data-table leads-table ${onRowClick ? 'clickable' : ''}`} aria-busy={busy}>
      <caption className="visually-hidden">Leads</caption>
      <thead>
        <tr>
          {selectable && (
            <th scope="col" className="col-check">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allOnPage}
                disabled={allMatching}
                // Indeterminate is a DOM property only, set when some but not all are selected.
                ref={(box) => {
                  if (box) box.indeterminate = onPage > 0 && !allOnPage;
                }}
                onChange={(event) => onTogglePage?.(event.target.checked)}
              />
            </th>
          )}
          <SortHeader field="name" label="Name" sort={sort} onSort={onSort} className="col-name" />
          <SortHeader field="country" label="Country" sort={sort} onSort={onSort} className="col-country" />
          <SortHeader
            field="probability"
            label="Probability"
            sort={sort}
            onSort={onSort}
            className="num col-prob"
          />
          <SortHeader field="status" label="Status" sort={sort} onSort={onSort} className="col-status" />
          <th scope="col" className="col-crm">
            CRM
          </th>
          {before.map(header)}
          <SortHeader field="createdAt" label="Added" sort={sort} onSort={onSort} className="num col-added" />
          {after.map(header)}
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => {
          const isSelected = allMatching || (selected?.has(lead.id) ?? false);
          const isNew = newRunId !== null && lead.runId === newRunId;
          const classes = [isSelected && 'selected', lead.id === activeId && 'active', isNew && 'new']
            .filter(Boolean)
            .join(' ');
          return (
            <tr
              key={lead.id}
              className={classes || undefined}
              onClick={onRowClick ? (event) => !fromControl(event.target) && onRowClick(lead) : undefined}
            >
              {selectable && (
                <td className="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${lead.name}`}
                    checked={isSelected}
                    disabled={allMatching}
                    onChange={() => onToggle(lead)}
                  />
                </td>
              )}
              <th scope="row" className="cell-name" title={lead.name}>
                {onRowClick ? (
                  <button
                    type="button"
                    className="name-button"
                    aria-label={lead.name}
                    onClick={() => onRowClick(lead)}
                  >
                    <bdi>{lead.name}</bdi>
                  </button>
                ) : (
                  <bdi>{lead.name}</bdi>
                )}
              </th>
              <td className="col-country" title={lead.country || undefined}>
                <CountryCell lead={lead} />
              </td>
              <td className="num">{formatPercent(lead.probability)}</td>
              <td>
                <StatusBadge status={lead.status} />
              </td>
              <td className="col-crm">
                <CrmCell lead={lead} now={now} onRetry={onRetrySync} busy={retrying} />
              </td>
              {before.map((column) => cell(column, lead))}
              <td className="num">
                <time dateTime={lead.createdAt} title={formatDateTime(lead.createdAt)}>
                  {formatShortDateTime(lead.createdAt)}
                </time>
              </td>
              {after.map((column) => cell(column, lead))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
