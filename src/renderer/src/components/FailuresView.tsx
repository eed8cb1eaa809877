import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FailureView, RateLimitView, RunKind } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { invalidateResults } from '../api/coreEvents';
import { formatDateTime, formatNumber, plural } from '../format';
import { errorMessage, isDatabaseError } from '../hooks/errorMessage';
import { useDatabaseReady, useFailuresQuery, useStatusQuery } from '../hooks/queries';
import { useNow } from '../hooks/useNow';
import { ExportDialog } from './ExportDialog';
import { FailuresTable, askAgain, retryable } from './FailuresTable';
import { Pager } from './Pager';

export interface RetryQuery {
  ids?: string[];
  runId?: string;
  /** Ask the API again for names it answered (no prediction), instead of taking its stored answer. */
  force?: boolean;
}

interface Props {
  /** A run is in flight: retrying is not possible. */
  busy: boolean;
  onRetry: (query: RetryQuery) => Promise<unknown>;
}

/** The core pages the failures: 100,000 of them stay one request of a page each. */
export const FAILURES_PAGE_SIZE = 100;
const KIND_LABEL: Record<RunKind, string> = { paste: 'Paste', retry: 'Retry', refresh: 'Refresh' };

/** Why nothing can be retried now: the quota window has no names left until it resets. */
export function quotaBlocked(quota: RateLimitView | null | undefined, now: number): string | null {
  if (!quota || quota.remaining === null || quota.remaining > 0) return null;
  const resetsAt = quota.resetsAt ? Date.parse(quota.resetsAt) : NaN;
  if (!Number.isNaN(resetsAt) && resetsAt <= now) return null;
  return Number.isNaN(resetsAt)
    ? 'No quota is left in this window'
    : `No quota is left until ${formatDateTime(new Date(resetsAt).toISOString())}`;
}

export function FailuresView({ busy, onRetry }: Props) {
  const id = useId();
  const [runFilter, setRunFilter] = useState('');
  const [page, setPage] = useState(1);
  // Selected failures by id, across pages.
  const [selected, setSelected] = useState<ReadonlyMap<string, FailureView>>(new Map());
  const scroller = useRef<HTMLDivElement>(null);
  const ready = useDatabaseReady();
  const api = useApi();
  const client = useQueryClient();
  const now = useNow(30_000);
  const blocked = quotaBlocked(useStatusQuery().data?.rateLimit, now);
  const [exporting, setExporting] = useState(false);
  const [dismissError, setDismissError] = useState<string | null>(null);

  const failures = useFailuresQuery({
    runId: runFilter || undefined,
    page,
    pageSize: FAILURES_PAGE_SIZE,
  });
  const data = failures.data;
  const runs = data?.runs ?? [];
  // A run whose failures were all retried leaves the list: show all runs again.
  if (data && runFilter && !failures.isPlaceholderData && !runs.some((run) => run.id === runFilter)) {
    setRunFilter('');
    setPage(1);
  }
  // The list shrank (names retried) under the page on screen: go to its last page.
  const pages = data ? Math.max(1, Math.ceil(data.total / FAILURES_PAGE_SIZE)) : 1;
  if (data && !failures.isPlaceholderData && page > pages) setPage(pages);

  const selectedList = [...selected.values()];
  const waiting = !ready || isDatabaseError(failures.error);

  function changeRun(next: string) {
    setRunFilter(next);
    setPage(1);
    setSelected(new Map());
  }

  function changePage(next: number) {
    setPage(next);
    if (scroller.current) scroller.current.scrollTop = 0;
  }

  function toggle(failure: FailureView) {
    setSelected((prev) => {
      const next = new Map(prev);
      if (!next.delete(failure.id)) next.set(failure.id, failure);
      return next;
    });
  }

  function toggleAll(select: boolean) {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const failure of data?.items ?? []) {
        if (select) next.set(failure.id, failure);
        else next.delete(failure.id);
      }
      return next;
    });
  }

  // Entries refused for their text are not sent again: retrying cannot change their outcome.
  const retryableSelected = selectedList.filter(retryable);

  async function retrySelected() {
    const ids = retryableSelected.map((failure) => failure.id);
    await onRetry(retryableSelected.some(askAgain) ? { ids, force: true } : { ids });
    setSelected(new Map());
  }

  async function dismiss(ids: string[]) {
    setDismissError(null);
    try {
      await api.failures.dismiss({ ids });
      setSelected((prev) => {
        const next = new Map(prev);
        for (const id of ids) next.delete(id);
        return next;
      });
    } catch (err) {
      setDismissError(`Could not dismiss: ${errorMessage(err)}`);
    } finally {
      invalidateResults(client);
    }
  }

  if (!data) {
    if (failures.isError && !waiting) {
      return (
        <div role="alert" className="alert alert-error">
          Could not load failed names: {errorMessage(failures.error)}
        </div>
      );
    }
    return <p className="empty muted">{waiting ? 'Waiting for the database…' : 'Loading failed names…'}</p>;
  }

  const total = data.total;
  return (
    <div className="failures-view">
      <div className="toolbar">
        <label htmlFor={`${id}-run`} className="inline-label">
          Run
        </label>
        <select id={`${id}-run`} value={runFilter} onChange={(event) => changeRun(event.target.value)}>
          <option value="">All runs</option>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {`${formatDateTime(run.startedAt)} · ${KIND_LABEL[run.kind]}`}
            </option>
          ))}
        </select>
        <span className="toolbar-spacer" />
        <span className="muted num" aria-live="polite">
          {selected.size > 0 ? `${formatNumber(selected.size)} selected` : ''}
        </span>
        <button
          type="button"
          disabled={busy || selected.size === 0}
          onClick={() => void dismiss(selectedList.map((failure) => failure.id))}
        >
          Dismiss selected
        </button>
        <button
          type="button"
          disabled={busy || retryableSelected.length === 0 || blocked !== null}
          title={
            blocked ??
            (retryableSelected.length < selectedList.length
              ? 'Entries that are not names are left out: correct them in a new paste'
              : selectedList.some(askAgain)
                ? 'Names with no prediction are asked again; the others are retried'
                : undefined)
          }
          onClick={() => void retrySelected()}
        >
          Retry selected
        </button>
        <button type="button" disabled={total === 0} onClick={() => setExporting(true)}>
          Export…
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || total === 0 || blocked !== null}
          aria-describedby={blocked ? `${id}-blocked` : undefined}
          title={
            blocked ??
            'Enriches every failed name of the run filter again; names with no prediction keep their answer'
          }
          onClick={() => void onRetry(runFilter ? { runId: runFilter } : {})}
        >
          Retry all
        </button>
      </div>
      {blocked && total > 0 && (
        <p id={`${id}-blocked`} className="warning-text retry-blocked">
          {blocked}: Retry waits for the quota to reset.
        </p>
      )}
      {dismissError && (
        <div role="alert" className="alert alert-error">
          {dismissError}
        </div>
      )}
      {exporting && (
        <ExportDialog
          what="failures"
          runId={runFilter || undefined}
          viewCount={total}
          onClose={() => setExporting(false)}
        />
      )}
      {failures.isError && !waiting && (
        <div role="alert" className="alert alert-error">
          Could not refresh failed names: {errorMessage(failures.error)}
        </div>
      )}
      <div className="table-scroll" ref={scroller}>
        {total === 0 ? (
          <p className="empty">No failed names.</p>
        ) : (
          <FailuresTable
            failures={data.items}
            runStarts={new Map(runs.map((run) => [run.id, run.startedAt]))}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            onRetry={(failure) =>
              void onRetry(askAgain(failure) ? { ids: [failure.id], force: true } : { ids: [failure.id] })
            }
            onDismiss={(failure) => void dismiss([failure.id])}
            retryBlocked={blocked}
            busy={busy}
            loading={failures.isPlaceholderData}
          />
        )}
      </div>
      {total > 0 && (
        <div className="failures-footer">
          <span className="muted">{plural(total, 'failed name')}</span>
          {total > FAILURES_PAGE_SIZE && (
            <Pager
              label="Failed names pages"
              page={data.page}
              pageSize={data.pageSize}
              total={total}
              onPage={changePage}
            />
          )}
        </div>
      )}
    </div>
  );
}
