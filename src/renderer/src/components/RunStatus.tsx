import type { EnrichSummary } from '@shared/contract';
import type { RunKind, RunState } from '../hooks/useRun';
import { formatDuration, summaryParts, unstored } from '../format';
import { DotList } from './DotList';
import { ProgressBar } from './ProgressBar';

interface Props {
  state: RunState;
  onCancel: () => void;
  onShowFailures: () => void;
}

const RUNNING_LABEL: Record<RunKind, string> = { enrich: 'Enriching names', retry: 'Retrying failed names' };
const DONE_LABEL: Record<RunKind, string> = { enrich: 'Enrich finished', retry: 'Retry finished' };
const CANCELLED_LABEL: Record<RunKind, string> = { enrich: 'Enrich cancelled', retry: 'Retry cancelled' };
const FAILED_LABEL: Record<RunKind, string> = { enrich: 'Enrich failed', retry: 'Retry failed' };

function firstReason(summary: EnrichSummary): string {
  const reason =
    summary.failed.find((f) => f.code === 'db_unavailable')?.reason ?? 'the database was unavailable';
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

/** Progress of the run in flight, then its summary or its error. */
export function RunStatus({ state, onCancel, onShowFailures }: Props) {
  return (
    <div className="run-status">
      {state.phase === 'running' && (
        <div className="run-progress">
          <ProgressBar label={RUNNING_LABEL[state.kind]} progress={state.progress} />
          <button type="button" onClick={onCancel} disabled={state.cancelling}>
            {state.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {/* Always mounted so screen readers announce what is put in it. */}
      <div role="status" aria-live="polite" className="run-live">
        {state.phase === 'running' && <p className="muted">{RUNNING_LABEL[state.kind]}…</p>}
        {state.phase === 'running' && state.cancelError && <p className="error-text">{state.cancelError}</p>}
        {state.phase === 'finished' && (
          <div className="summary">
            <p className="summary-title">
              {(state.summary.cancelled > 0 ? CANCELLED_LABEL : DONE_LABEL)[state.kind]} in{' '}
              {formatDuration(state.summary.durationMs)}
            </p>
            <p className="summary-line">
              <DotList parts={summaryParts(state.summary)} />
            </p>
            {unstored(state.summary) > 0 && (
              <p role="alert" className="error-text">
                {unstored(state.summary)} names could not be stored: {firstReason(state.summary)} Their text
                is kept in the paste area: enrich it again once the database is back.
              </p>
            )}
            {state.summary.failed.length + state.summary.cancelled > 0 && (
              <button type="button" className="link-button" onClick={onShowFailures}>
                Show failed names
              </button>
            )}
          </div>
        )}
      </div>
      {state.phase === 'failed' && (
        <div role="alert" className="alert alert-error">
          <strong>{FAILED_LABEL[state.kind]}.</strong> {state.message}
        </div>
      )}
    </div>
  );
}
