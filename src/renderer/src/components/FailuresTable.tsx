import type { FailureView } from '@shared/contract';
import { showControlCharacters } from '@shared/names';
import { formatDateTime } from '../format';

interface Props {
  failures: readonly FailureView[];
  /** When each run started, by run id, for the Run column. */
  runStarts: ReadonlyMap<string, string>;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
  onRetry: (id: string) => void;
  busy: boolean;
}

export function FailuresTable({
  failures,
  runStarts,
  selected,
  onToggle,
  onToggleAll,
  onRetry,
  busy,
}: Props) {
  const selectedCount = failures.filter((failure) => selected.has(failure.id)).length;
  const allSelected = failures.length > 0 && selectedCount === failures.length;
  return (
    <table className="data-table failures-table">
      <caption className="visually-hidden">Failed names</caption>
      <thead>
        <tr>
          <th scope="col" className="col-check">
            <input
              type="checkbox"
              aria-label="Select all shown"
              checked={allSelected}
              // Indeterminate is a DOM property only, set when some but not all are selected.
              ref={(box) => {
                if (box) box.indeterminate = selectedCount > 0 && !allSelected;
              }}
              onChange={(event) => onToggleAll(event.target.checked)}
            />
          </th>
          <th scope="col" className="col-name">
            Name
          </th>
          <th scope="col">Reason</th>
          <th scope="col" className="col-run">
            Run
          </th>
          <th scope="col" className="col-action">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {failures.map((failure) => {
          const runStart = runStarts.get(failure.runId) ?? failure.createdAt;
          return (
            <tr key={failure.id} className={selected.has(failure.id) ? 'selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${failure.name}`}
                  checked={selected.has(failure.id)}
                  onChange={() => onToggle(failure.id)}
                />
              </td>
              <th scope="row" className="cell-name">
                {showControlCharacters(failure.name)}
              </th>
              <td className="reason">{failure.reason}</td>
              <td className="num">
                <time dateTime={runStart}>{formatDateTime(runStart)}</time>
              </td>
              <td className="col-action">
                <button
                  type="button"
                  className="small"
                  aria-label={`Retry ${failure.name}`}
                  disabled={busy}
                  onClick={() => onRetry(failure.id)}
                >
                  Retry
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
