import { useId, useMemo, useState } from 'react';
import type { FailuresPage, RunKind } from '@shared/contract';
import { formatDateTime, formatNumber, plural } from '../format';
import { FailuresTable } from './FailuresTable';
import { Pager } from './Pager';

export interface RetryQuery {
  ids?: string[];
  runId?: string;
}

interface Props {
  data: FailuresPage | null;
  error: string | null;
  /** A run is in flight: retrying is not possible. */
  busy: boolean;
  onRetry: (query: RetryQuery) => Promise<unknown>;
}

// The list comes whole from the core; render it in pages so 100,000 failures stay responsive.
export const FAILURES_PAGE_SIZE = 100;
const KIND_LABEL: Record<RunKind, string> = { paste: 'Paste', retry: 'Retry', refresh: 'Refresh' };

export function FailuresView({ data, error, busy, onRetry }: Props) {
  const id = useId();
  const [runFilter, setRunFilter] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [paging, setPaging] = useState({ runFilter, page: 1 });

  const items = useMemo(() => data?.items ?? [], [data]);
  const runs = useMemo(() => data?.runs ?? [], [data]);
  // A run whose failures were all retried disappears from the list: fall back to all runs.
  const runId = runs.some((run) => run.id === runFilter) ? runFilter : '';
  const shown = useMemo(() => (runId ? items.filter((f) => f.runId === runId) : items), [items, runId]);
  const perRun = useMemo(() => {
    const counts = new Map<string, number>();
    for (const failure of items) counts.set(failure.runId, (counts.get(failure.runId) ?? 0) + 1);
    return counts;
  }, [items]);
  const runStarts = useMemo(() => new Map(runs.map((run) => [run.id, run.startedAt])), [runs]);

  const pages = Math.max(1, Math.ceil(shown.length / FAILURES_PAGE_SIZE));
  const page = Math.min(paging.runFilter === runId ? paging.page : 1, pages);
  const pageItems = shown.slice((page - 1) * FAILURES_PAGE_SIZE, page * FAILURES_PAGE_SIZE);
  // Only ids still shown count as selected: retried failures vanish from the list.
  const selectedIds = shown.filter((failure) => selected.has(failure.id)).map((failure) => failure.id);

  function changeRun(next: string) {
    setRunFilter(next);
    setSelected(new Set());
  }

  function toggle(failureId: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(failureId)) next.add(failureId);
      return next;
    });
  }

  function toggleAll(select: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const failure of pageItems) {
        if (select) next.add(failure.id);
        else next.delete(failure.id);
      }
      return next;
    });
  }

  async function retrySelected() {
    await onRetry({ ids: selectedIds });
    setSelected(new Set());
  }

  if (!data) {
    return error ? (
      <div role="alert" className="alert alert-error">
        Could not load failed names: {error}
      </div>
    ) : (
      <p className="empty muted">Loading failed names…</p>
    );
  }

  return (
    <div className="failures-view">
      <div className="toolbar">
        <label htmlFor={`${id}-run`} className="inline-label">
          Run
        </label>
        <select id={`${id}-run`} value={runId} onChange={(event) => changeRun(event.target.value)}>
          <option value="">All runs</option>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {`${formatDateTime(run.startedAt)} · ${KIND_LABEL[run.kind]} · ${formatNumber(perRun.get(run.id) ?? 0)} failed`}
            </option>
          ))}
        </select>
        <span className="toolbar-spacer" />
        <span className="muted num" aria-live="polite">
          {selectedIds.length > 0 ? `${formatNumber(selectedIds.length)} selected` : ''}
        </span>
        <button
          type="button"
          disabled={busy || selectedIds.length === 0}
          onClick={() => void retrySelected()}
        >
          Retry selected
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || shown.length === 0}
          onClick={() => void onRetry(runId ? { runId } : {})}
        >
          Retry all
        </button>
      </div>
      {error && (
        <div role="alert" className="alert alert-error">
          Could not refresh failed names: {error}
        </div>
      )}
      <div className="table-scroll">
        {shown.length === 0 ? (
          <p className="empty">No failed names.</p>
        ) : (
          <FailuresTable
            failures={pageItems}
            runStarts={runStarts}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            onRetry={(failureId) => void onRetry({ ids: [failureId] })}
            busy={busy}
          />
        )}
      </div>
      {shown.length > 0 && (
        <div className="failures-footer">
          <span className="muted">{plural(shown.length, 'failed name')}</span>
          {pages > 1 && (
            <Pager
              label="Failed names pages"
              page={page}
              pageSize={FAILURES_PAGE_SIZE}
              total={shown.length}
              onPage={(next) => setPaging({ runFilter: runId, page: next })}
            />
          )}
        </div>
      )}
    </div>
  );
}
