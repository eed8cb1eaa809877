import {
  OPEN_RUN_STATES,
  type EnrichSummary,
  type ImportProgress,
  type RunState as StoredRunState,
} from '@shared/contract';
import {
  formatDuration,
  formatNumber,
  formatTimeLeft,
  formatWhen,
  plural,
  summaryParts,
  unstored,
} from '../format';
import { useImportProgress, useRunProgress, useRunsQuery, useStatusQuery } from '../hooks/queries';
import { useNow } from '../hooks/useNow';
import type { RunKind, RunState } from '../hooks/useRun';
import { DotList } from './DotList';
import { ProgressBar } from './ProgressBar';
import { runCounts } from './RunsPanel';

interface Props {
  state: RunState;
  onCancel: () => void;
  onShowFailures: () => void;
}

const RUNNING_LABEL: Record<RunKind, string> = {
  enrich: 'Enriching names',
  retry: 'Retrying failed names',
  refresh: 'Refreshing leads',
};
const NOUN: Record<RunKind, string> = { enrich: 'Enrich', retry: 'Retry', refresh: 'Refresh' };

/** A file read before its run starts: rows so far, and how much of the file. */
function importText(progress: ImportProgress): string {
  const percent = progress.totalBytes > 0 ? Math.round((progress.bytes / progress.totalBytes) * 100) : null;
  return `Reading the file: ${plural(progress.rows, 'row')}${percent === null ? '' : ` (${Math.min(100, percent)} %)`}…`;
}
/** "Enrich finished in 1.2 s", "Retry waiting for quota". */
function title(kind: RunKind, summary: EnrichSummary): string {
  const took = ` in ${formatDuration(summary.durationMs)}`;
  const endings: Record<StoredRunState, string> = {
    done: `finished${took}`,
    cancelled: `cancelled${took}`,
    waiting_quota: 'waiting for quota',
    interrupted: 'interrupted',
    running: 'still running',
  };
  return `${NOUN[kind]} ${endings[summary.state]}`;
}

function firstReason(summary: EnrichSummary): string {
  const reason =
    summary.failed.find((f) => f.code === 'db_unavailable')?.reason ?? 'the database was unavailable';
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

/** "300 names: 100 enriched, 200 waiting for quota — they will be asked by themselves at 14:05 (in 3 h)." */
function WaitingLine({ summary }: { summary: EnrichSummary }) {
  const now = useNow(15_000);
  // The run goes on after this summary: once it has ended, say so rather than what it waited for.
  const live = useRunsQuery().data?.find((run) => run.id === summary.runId);
  if (live && !OPEN_RUN_STATES.includes(live.state)) {
    return (
      <p className="summary-waiting">
        Since then the run was {live.state === 'done' ? 'finished' : 'cancelled'} ({runCounts(live)}).
      </p>
    );
  }
  const at = summary.resumeAt;
  const when = at
    ? ` at ${formatWhen(at, now)} (in ${formatTimeLeft(Math.max(0, Date.parse(at) - now))})`
    : ' when the quota resets';
  const state = summary.state;
  return (
    <p className="summary-waiting">
      {plural(summary.unique, 'name')}: {formatNumber(summary.enriched + summary.alreadyEnriched)} enriched,{' '}
      {formatNumber(summary.waiting)} {state === 'waiting_quota' ? 'waiting for quota' : 'not asked yet'} —{' '}
      {state === 'waiting_quota'
        ? `they will be asked by themselves${when}.`
        : 'they will be asked when the app goes on with the run.'}
    </p>
  );
}

/** Progress of the run in flight, then its summary or its error. */
export function RunStatus({ state, onCancel, onShowFailures }: Props) {
  const progress = useRunProgress(state.phase === 'running' ? state.runId : null);
  const status = useStatusQuery().data;
  const importing = useImportProgress();
  // The run waits while the database is away (its status bar says why) and goes on by itself.
  const databaseAway = status !== undefined && status.database.state !== 'connected';
  return (
    <div className="run-status">
      {state.phase === 'running' && (
        <div className="run-progress">
          <ProgressBar
            label={RUNNING_LABEL[state.kind]}
            progress={state.runId && progress?.runId === state.runId ? progress : undefined}
          />
          <button type="button" onClick={onCancel} disabled={state.cancelling}>
            {state.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {/* Always mounted so screen readers announce what is put in it. */}
      <div role="status" aria-live="polite" className="run-live">
        {state.phase === 'running' && (
          <p className="muted">
            {state.cancelling
              ? 'Cancelling: the names not asked yet are kept as cancelled…'
              : !state.runId && importing
                ? importText(importing)
                : `${RUNNING_LABEL[state.kind]}…`}
          </p>
        )}
        {state.phase === 'running' && databaseAway && (
          <p className="warning-text">
            The database stopped answering: this run waits for it and goes on when it answers again. Nothing
            pasted is lost.
          </p>
        )}
        {state.phase === 'running' && state.cancelError && <p className="error-text">{state.cancelError}</p>}
        {state.phase === 'finished' && (
          <div className="summary">
            <p className="summary-title">{title(state.kind, state.summary)}</p>
            <p className="summary-line">
              <DotList parts={summaryParts(state.summary)} />
            </p>
            {state.summary.waiting > 0 && <WaitingLine summary={state.summary} />}
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
          <strong>{NOUN[state.kind]} failed.</strong> {state.message}
        </div>
      )}
    </div>
  );
}
