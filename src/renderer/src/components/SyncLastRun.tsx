import type { SyncRunView } from '@shared/contract';
import { showControlCharacters } from '@shared/names';
import { SYNC_TRIGGER_LABEL, formatDateTime, formatDuration, formatNumber } from '../format';

function duration(run: SyncRunView): string {
  if (!run.finishedAt) return '';
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  return Number.isNaN(ms) ? '' : ` (${formatDuration(ms)})`;
}

/** The last run of this app: when, what it did, and why leads (or the run itself) failed. */
export function SyncLastRun({ run }: { run: SyncRunView | null }) {
  if (!run) return <p className="muted">This app has not synced yet.</p>;
  return (
    <div className="sync-last-run">
      <dl className="facts">
        <div>
          <dt>Started</dt>
          <dd>
            <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time>
            <span className="muted"> · {SYNC_TRIGGER_LABEL[run.trigger]}</span>
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>
            {run.finishedAt ? (
              <time dateTime={run.finishedAt}>
                {formatDateTime(run.finishedAt)}
                {duration(run)}
              </time>
            ) : (
              'Still running'
            )}
          </dd>
        </div>
        <div>
          <dt>Claimed</dt>
          <dd className="num">{formatNumber(run.claimed)}</dd>
        </div>
        <div>
          <dt>Delivered</dt>
          <dd className="num">{formatNumber(run.delivered)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={`num ${run.failed > 0 ? 'error-text' : ''}`}>{formatNumber(run.failed)}</dd>
        </div>
      </dl>
      {run.error && (
        <div className="alert alert-error">
          <strong>The run failed.</strong> {run.error}
        </div>
      )}
      {run.failures.length > 0 && (
        <>
          <h3 className="subheading">Leads not delivered</h3>
          <ul className="sync-failures">
            {run.failures.map((failure, index) => (
              <li key={index}>
                <span className="sync-failure-name">{showControlCharacters(failure.name)}</span>:{' '}
                <span className="muted">{failure.reason}</span>
              </li>
            ))}
          </ul>
          {/* The core keeps the first 100 reasons of a run. */}
          {run.failed > run.failures.length && (
            <p className="muted">
              Showing the first {formatNumber(run.failures.length)} of {formatNumber(run.failed)}.
            </p>
          )}
        </>
      )}
    </div>
  );
}
