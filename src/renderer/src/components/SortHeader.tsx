import type { LeadSortField } from '@shared/contract';

export interface Sort {
  by: LeadSortField;
  dir: 'asc' | 'desc';
}

interface Props {
  field: LeadSortField;
  label: string;
  sort: Sort;
  onSort: (field: LeadSortField) => void;
  className?: string;
}

/** A column header that sorts on click; aria-sort tells which column and which way. */
export function SortHeader({ field, label, sort, onSort, className }: Props) {
  const active = sort.by === field;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(field)}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
