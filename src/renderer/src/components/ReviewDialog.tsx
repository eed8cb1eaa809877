import { useId, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EnrichPlan, EnrichReview, RefusedEntry, ReviewList } from '@shared/contract';
import type { NameColumnChoice } from '@shared/names';
import { useApi } from '../api/ApiProvider';
import type { LocalFile } from '../api/files';
import { keys } from '../api/keys';
import { formatNumber, plural } from '../format';
import { errorMessage } from '../hooks/errorMessage';
import { useImportProgress } from '../hooks/queries';
import { correctedNames, correctionProblem, refusedKey, type Fix, type Fixes } from '../review';
import { ColumnChoice } from './ColumnChoice';
import { Dialog } from './Dialog';
import { EnrichCost } from './EnrichCost';

export type ReviewSource = { kind: 'paste'; text: string } | { kind: 'file'; file: LocalFile };

interface Props {
  source: ReviewSource;
  column: NameColumnChoice | undefined;
  onColumn: (column: NameColumnChoice) => void;
  /** Starts the run with the person's fixes; `plan` is the review's cost with the corrections in it. */
  onEnrich: (fixes: Fixes, review: EnrichReview, plan: EnrichPlan) => void;
  onCancel: () => void;
}

/** The review's figures as a plan, for the cost line and the quota choice; corrections are asked too. */
export function reviewPlan(review: EnrichReview, corrections: number): EnrichPlan {
  const toAsk = review.toAsk.count + corrections;
  const perName = review.toAsk.count > 0 ? review.cost / review.toAsk.count : 1;
  return {
    pasted: review.pasted,
    unique: review.unique,
    duplicatesFolded: review.folded.entries,
    invalid: review.refused.count,
    known: review.known.count,
    answered: review.answered.count,
    toAsk,
    cost: review.cost + Math.round(corrections * perName),
    quota: review.quota,
    // What the quota left allows of the names (and their gender and age lookups), corrections with them.
    askNow:
      review.askNow === null || review.quota?.remaining == null
        ? review.askNow
        : Math.min(toAsk, Math.floor(review.quota.remaining / perName)),
  };
}

function ImportWait({ file, onCancel }: { file: LocalFile; onCancel: () => void }) {
  const progress = useImportProgress();
  const percent =
    progress && progress.totalBytes > 0
      ? Math.min(100, Math.round((progress.bytes / progress.totalBytes) * 100))
      : null;
  return (
    <div className="import-wait" role="status">
      <p>
        Reading <bdi>{file.name}</bdi>
        {progress ? `: ${plural(progress.rows, 'row')}` : '…'}
        {percent !== null ? ` (${percent} %)` : ''}
      </p>
      <progress max={100} value={percent ?? undefined} aria-label={`Reading ${file.name}`} />
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function NameList({ title, list, extra }: { title: string; list: ReviewList<string>; extra?: string }) {
  if (list.count === 0) return null;
  return (
    <details className="review-list">
      <summary>
        {title} ({formatNumber(list.count)}){extra ? ` · ${extra}` : ''}
      </summary>
      <p className="review-names">
        {list.items.join(', ')}
        {list.count > list.items.length ? ` and ${formatNumber(list.count - list.items.length)} more` : ''}
      </p>
    </details>
  );
}

function RefusedRow({
  entry,
  fix,
  onFix,
}: {
  entry: RefusedEntry;
  fix: Fix | undefined;
  onFix: (fix: Fix | null) => void;
}) {
  const id = useId();
  const cut = entry.length !== null;
  const corrected = fix?.kind === 'correct' ? fix.name : '';
  const problem = fix?.kind === 'correct' ? correctionProblem(fix.name) : null;
  return (
    <tr className={fix?.kind === 'drop' ? 'dropped' : undefined}>
      <td className="num">{formatNumber(entry.line)}</td>
      <th scope="row" className="cell-name" title={entry.entry}>
        <bdi>{entry.entry}</bdi>
      </th>
      <td className="reason">
        {entry.reason}
        {problem && (
          <span id={`${id}-problem`} className="warning-text">
            {' '}
            · {problem}
          </span>
        )}
      </td>
      <td className="review-fix">
        {fix?.kind === 'drop' ? (
          <span className="muted">Dropped</span>
        ) : (
          <input
            type="text"
            aria-label={`Correct ${entry.entry}`}
            aria-describedby={problem ? `${id}-problem` : undefined}
            aria-invalid={problem ? true : undefined}
            placeholder={entry.suggestion ?? 'Correct name'}
            value={corrected}
            disabled={cut}
            maxLength={200}
            onChange={(event) =>
              onFix(event.target.value === '' ? null : { kind: 'correct', name: event.target.value })
            }
          />
        )}
      </td>
      <td>
        <div className="review-actions">
          {entry.suggestion && fix?.kind !== 'drop' && corrected !== entry.suggestion && !cut && (
            <button
              type="button"
              className="small"
              onClick={() => onFix({ kind: 'correct', name: entry.suggestion! })}
            >
              Use <bdi>{entry.suggestion}</bdi>
            </button>
          )}
          {fix?.kind === 'drop' ? (
            <button type="button" className="small" onClick={() => onFix(null)}>
              Keep
            </button>
          ) : (
            !cut && (
              <button
                type="button"
                className="small"
                aria-label={`Drop ${entry.entry}`}
                onClick={() => onFix({ kind: 'drop' })}
              >
                Drop
              </button>
            )
          )}
        </div>
      </td>
    </tr>
  );
}

/**
 * Before anything is paid: what a run of this paste or file would do (names to ask, already known,
 * folded, refused with reasons) and what it costs of the quota left. Refused entries can be corrected or
 * dropped here; Enrich starts the run from this.
 */
export function ReviewDialog({ source, column, onColumn, onEnrich, onCancel }: Props) {
  const api = useApi();
  const id = useId();
  const primary = useRef<HTMLButtonElement>(null);
  const [fixes, setFixes] = useState<ReadonlyMap<string, Fix>>(new Map());
  const request =
    source.kind === 'paste' ? { text: source.text, column } : { path: source.file.path, column };
  const review = useQuery({
    queryKey: keys.review(source.kind === 'paste' ? source.text : `file:${source.file.path}`, column),
    queryFn: () => api.enrich.review(request),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const data = review.data;

  function cancel() {
    // A file still being read stops being read.
    if (source.kind === 'file' && review.isFetching) void api.enrich.cancel({}).catch(() => undefined);
    onCancel();
  }

  function setFix(entry: RefusedEntry, fix: Fix | null) {
    setFixes((prev) => {
      const next = new Map(prev);
      if (fix) next.set(refusedKey(entry), fix);
      else next.delete(refusedKey(entry));
      return next;
    });
  }

  const corrections = data ? correctedNames(data.refused.items, fixes).length : 0;
  const plan = data ? reviewPlan(data, corrections) : null;
  const title = source.kind === 'file' ? `Review ${source.file.name}` : 'Review the paste';
  const dropped = [...fixes.values()].filter((fix) => fix.kind === 'drop').length;

  return (
    <Dialog
      title={title}
      onClose={cancel}
      describedBy={`${id}-cost ${id}-summary`}
      initialFocus={primary}
      className="review-dialog"
    >
      <div className="dialog-body review-body">
        {!data && review.isFetching && source.kind === 'file' && (
          <ImportWait file={source.file} onCancel={cancel} />
        )}
        {!data && review.isFetching && source.kind === 'paste' && <p className="muted">Reading the paste…</p>}
        {review.isError && (
          <div role="alert" className="alert alert-error">
            {errorMessage(review.error)}
          </div>
        )}
        {data && plan && (
          <>
            {data.table && (
              <ColumnChoice table={data.table} onChange={onColumn} disabled={review.isFetching} />
            )}
            <EnrichCost id={`${id}-cost`} plan={plan} stale={review.isFetching} />
            <ul id={`${id}-summary`} className="review-summary num" aria-busy={review.isFetching}>
              {corrections > 0 && <li>{plural(corrections, 'correction')} asked with them</li>}
              <li>
                <strong>{formatNumber(data.known.count)}</strong> already known · no cost
              </li>
              {data.answered.count > 0 && (
                <li>
                  <strong>{formatNumber(data.answered.count)}</strong> answered before · no cost
                </li>
              )}
              <li>
                <strong>{formatNumber(data.folded.entries)}</strong> duplicate entries folded
              </li>
              <li className={data.refused.count > 0 ? 'warning-text' : undefined}>
                <strong>{formatNumber(data.refused.count)}</strong> refused
                {dropped > 0 ? ` (${formatNumber(dropped)} dropped)` : ''}
              </li>
            </ul>
            {data.refused.count > 0 && (
              <div className="review-refused table-scroll">
                <table className="data-table review-table">
                  <caption className="caption">
                    Refused entries: correct one to enrich it, or drop it
                    {data.refused.count > data.refused.items.length
                      ? ` (the first ${formatNumber(data.refused.items.length)} of ${formatNumber(data.refused.count)})`
                      : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num col-line">
                        {data.table ? 'Row' : 'Line'}
                      </th>
                      <th scope="col" className="col-name">
                        Entry
                      </th>
                      <th scope="col">Reason</th>
                      <th scope="col" className="col-fix">
                        Correction
                      </th>
                      <th scope="col" className="col-review-actions">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.refused.items.map((entry) => (
                      <RefusedRow
                        key={refusedKey(entry)}
                        entry={entry}
                        fix={fixes.get(refusedKey(entry))}
                        onFix={(fix) => setFix(entry, fix)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <NameList title="Names to ask" list={data.toAsk} />
            <NameList title="Already known" list={data.known} extra="no cost" />
            <NameList title="Answered before" list={data.answered} extra="no cost" />
            {data.folded.count > 0 && (
              <details className="review-list">
                <summary>Folded duplicates ({formatNumber(data.folded.count)})</summary>
                <p className="review-names">
                  {data.folded.items.map((item) => `${item.name} (×${item.times + 1})`).join(', ')}
                </p>
              </details>
            )}
          </>
        )}
        <div className="review-buttons">
          <button
            ref={primary}
            type="button"
            className="primary"
            disabled={!data || !plan || review.isFetching || (data.unique === 0 && corrections === 0)}
            onClick={() => data && plan && onEnrich(fixes, data, plan)}
          >
            {plan && plan.toAsk > 0 ? `Enrich ${plural(plan.toAsk, 'name')}` : 'Enrich'}
          </button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
