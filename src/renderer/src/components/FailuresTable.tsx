import type { FailureView } from '@shared/contract';
import { showControlCharacters } from '@shared/names';
import { formatDateTime, formatNumber, formatTimeOrDay } from '../format';
import { useNow } from '../hooks/useNow';

interface Props {
  failures: readonly FailureView[];
  /** When each run started, by run id, for the Run column. */
  runStarts: ReadonlyMap<string, string>;
  selected: ReadonlyMap<string, FailureView>;
  onToggle: (failure: FailureView) => void;
  onToggleAll: (select: boolean) => void;
  onRetry: (failure: FailureView) => void;
  onDismiss: (failure: FailureView) => void;
  busy: boolean;
  /** Why a retry cannot run now (no quota left), or null. */
  retryBlocked: string | null;
  /** Another page is on its way: this one is shown meanwhile. */
  loading: boolean;
}

/** The API answered these names with no prediction: a plain retry takes that answer again. */
export const askAgain = (failure: FailureView) => failure.code === 'no_prediction';

/** An entry refused for its text (an email address, a placeholder): asking again cannot help, correcting can. */
export const retryable = (failure: FailureView) => failure.retryable;

/** "first 200 of 9,000,000 characters": an entry over the name limit is kept as its start. */
function cutNote(failure: FailureView): string | null {
  if (failure.length === null) return null;
  return `first ${formatNumber([...failure.name].length)} of ${formatNumber(failure.length)} characters`;
}

export function FailuresTable({
  failures,
  runStarts,
  selected,
  onToggle,
  onToggleAll,
  onRetry,
  onDismiss,
  busy,
  retryBlocked,
  loading,
}: Props) {
  const now = useNow(60_000);
  const selectedCount = failures.filter((failure) => selected.has(failure.id)).length;
  const allSelected = failures.length > 0 && selectedCount === failures.length;
  return (
    <table className="data-table failures-table" aria-busy={loading}>
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
          const name = showControlCharacters(failure.name);
          const cut = cutNote(failure);
          const again = askAgain(failure);
          return (
            <tr key={failure.id} className={selected.has(failure.id) ? 'selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${failure.name}`}
                  checked={selected.has(failure.id)}
                  onChange={() => onToggle(failure)}
                />
              </td>
              <th scope="row" className="cell-name" title={cut ? `${name}… (${cut})` : name}>
                <bdi>{name}</bdi>
              </th>
              <td className="reason" title={cut ? `${failure.reason} (${cut})` : failure.reason}>
                {failure.reason}
                {failure.suggestion && (
                  <span className="muted cut-note">
                    {' '}
                    · perhaps <bdi>{failure.suggestion}</bdi>
                  </span>
                )}
                {cut && <span className="muted cut-note"> · {cut}</span>}
              </td>
              <td className="num">
                <time dateTime={runStart} title={formatDateTime(runStart)}>
                  {formatTimeOrDay(runStart, now)}
                </time>
              </td>
              <td className="col-action">
                {retryable(failure) ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={again ? `Ask again for ${failure.name}` : `Retry ${failure.name}`}
                    title={
                      retryBlocked ??
                      (again ? 'Asks nationalize.io again, though it had no prediction before' : undefined)
                    }
                    disabled={busy || retryBlocked !== null}
                    onClick={() => onRetry(failure)}
                  >
                    {again ? 'Ask again' : 'Retry'}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Dismiss ${failure.name}`}
                    title="Not a name: retrying cannot help. Paste it corrected, or dismiss it"
                    disabled={busy}
                    onClick={() => onDismiss(failure)}
                  >
                    Dismiss
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
