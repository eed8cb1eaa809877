import { useId } from 'react';
import type { NameColumnChoice, NameColumns, TableColumn, TableShape } from '@shared/names';
import { formatNumber, plural } from '../format';

interface Props {
  table: TableShape;
  onChange: (column: NameColumnChoice) => void;
  disabled?: boolean;
}

const columnLabel = (column: TableColumn) => column.header ?? `Column ${column.index + 1}`;

function valueOf(columns: NameColumns | null): string {
  if (!columns) return '';
  return columns.kind === 'single' ? String(columns.index) : `${columns.first}+${columns.last}`;
}

function choiceOf(value: string): NameColumnChoice {
  const [first, last] = value.split('+').map(Number);
  return last === undefined ? first! : { first: first!, last };
}

/** A first-name and a last-name column, when the headers say so: offered joined, "First Last". */
function pairOf(columns: readonly TableColumn[]): { first: TableColumn; last: TableColumn } | null {
  const first = columns.find((column) => column.role === 'first');
  const last = columns.find((column) => column.role === 'last');
  return first && last ? { first, last } : null;
}

/**
 * A spreadsheet's columns as the parser read them, with the one names come from: the guess from the header
 * (or the cells), which the person may change. "3 columns, header row · Names from: [Name ▾]".
 */
export function ColumnChoice({ table, onChange, disabled }: Props) {
  const id = useId();
  const pair = pairOf(table.columns);
  const chosen = table.nameColumns;
  const samples =
    chosen?.kind === 'single'
      ? (table.columns[chosen.index]?.samples ?? [])
      : chosen
        ? (table.columns[chosen.first]?.samples ?? []).slice(0, 3).map((first, i) => {
            const last = table.columns[chosen.last]?.samples[i] ?? '';
            return `${first} ${last}`.trim();
          })
        : [];
  return (
    <div className="column-choice" role="group" aria-labelledby={`${id}-what`}>
      <p id={`${id}-what`} className="muted">
        Read as a table: {plural(table.columns.length, 'column')},{' '}
        {table.hasHeader ? 'header row' : 'no header row'}, {plural(table.rows, 'row')}
      </p>
      <div className="column-choice-row">
        <label htmlFor={`${id}-column`} className="inline-label">
          Names from
        </label>
        <select
          id={`${id}-column`}
          value={valueOf(chosen)}
          disabled={disabled}
          onChange={(event) => onChange(choiceOf(event.target.value))}
        >
          {!chosen && <option value="">Choose the name column</option>}
          {table.columns.map((column) => (
            <option key={column.index} value={String(column.index)}>
              {columnLabel(column)}
              {column.samples[0] ? ` (${column.samples[0]})` : ''}
            </option>
          ))}
          {pair && (
            <option value={`${pair.first.index}+${pair.last.index}`}>
              {`${columnLabel(pair.first)} + ${columnLabel(pair.last)}`}
            </option>
          )}
        </select>
      </div>
      {table.problem && <p className="warning-text">{table.problem}</p>}
      {samples.length > 0 && (
        <p className="muted column-samples" title={samples.join(' · ')}>
          e.g. {samples.slice(0, 3).join(' · ')}
          {table.rows > 3 ? ` and ${formatNumber(Math.max(0, table.rows - 3))} more rows` : ''}
        </p>
      )}
    </div>
  );
}
