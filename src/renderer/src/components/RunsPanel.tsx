import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { OPEN_RUN_STATES, type RunKind, type RunView } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { formatCountdown, formatNumber, formatWhen, plural } from '../format';
import { errorMessage } from '../hooks/errorMessage';
import { useRunProgress, useRunsQuery } from '../hooks/queries';
import { useNow } from '../hooks/useNow';
import { ProgressBar } from './ProgressBar';

const KIND_LABEL: Record<RunKind, string> = { paste: 'Paste', retry: 'Retry', refresh: 'Refresh' };

const isOpen = (run: RunView) => OPEN_RUN_STATES.includes(run.state);

/** "300 names: 100 enriched, 200 waiting for quota". */
export function runCounts(run: RunView): string {
  const parts = [`${formatNumber(run.enriched + run.alreadyEnriched)} enriched`];
  // Names not settled: waiting for the quota's reset, or (a run that is going on) still to ask.
  if (run.waiting > 0) {
    parts.push(
      `${formatNumber(run.waiting)} ${run.state === 'waiting_quota' ? 'waiting for quota' : 'to go'}`,
    );
  }
  if (run.failed > 0) parts.push(`${formatNumber(run.failed)} failed`);
  if (run.cancelled > 0) parts.push(`${formatNumber(run.cancelled)} cancelled`);
  return `${plural(run.unique, 'name')}: ${parts.join(', ')}`;
}

/** Waiting for quota: a countdown to when the run goes on by itself. */
function Countdown({ resumeAt }: { resumeAt: string }) {
  const now = useNow(1000);
  const left = Date.parse(resumeAt) - now;
  if (Number.isNaN(left)) return <span>Resumes when the quota resets</span>;
  if (left <= 0) return <span>Resuming…</span>;
  return (
    <time dateTime={resumeAt} title={`Resumes at ${formatWhen(resumeAt, now)}`}>
      <span className="nowrap">Resumes in {formatCountdown(left)}</span>{' '}
      <span className="muted nowrap">({formatWhen(resumeAt, now)})</span>
    </time>
  );
}

function RunState({ run, now }: { run: RunView; now: number }) {
  const progress = useRunProgress(run.id);
  switch (run.state) {
    case 'running':
      if (run.owner && !run.owner.self) return <p>Running on {run.owner.host}</p>;
      return (
        <ProgressBar label={`${KIND_LABEL[run.kind]} run`} progress={progress} startingText="Resuming…" />
      );
    case 'waiting_quota':
      return (
        <p>
          <span className="warning-text">Waiting for quota</span> ·{' '}
          {run.resumeAt ? <Countdown resumeAt={run.resumeAt} /> : 'resumes when the quota resets'}
        </p>
      );
    case 'interrupted':
      return (
        <p>
          <span className="warning-text">Interrupted</span> · will resume by itself
        </p>
      );
    case 'done':
      return (
        <p className="ok-text">Finished{run.finishedAt ? ` at ${formatWhen(run.finishedAt, now)}` : ''}</p>
      );
    case 'cancelled':
      return <p className="muted">Cancelled</p>;
  }
}

function RunItem({ run, now, onDismiss }: { run: RunView; now: number; onDismiss: () => void }) {
  const api = useApi();
  const cancel = useMutation({ mutationFn: () => api.enrich.cancel({ runId: run.id }) });
  const open = isOpen(run);
  const progress = useRunProgress(run.id);
  const name = `${KIND_LABEL[run.kind]} of ${formatWhen(run.startedAt, now)}`;
  return (
    <li className="run-item" aria-label={name}>
      <div className="run-item-head">
        <span className="run-item-name">{name}</span>
        {open ? (
          <button
            type="button"
            className="small"
            aria-label={`Cancel the run: ${name}`}
            disabled={cancel.isPending || cancel.data?.cancelled === true}
            onClick={() => cancel.mutate()}
          >
            {cancel.isPending || cancel.data?.cancelled ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="small" aria-label={`Dismiss: ${name}`} onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
      <RunState run={run} now={now} />
      {/* A run going on here counts in its bar; the stored counts are those of when it stopped. */}
      {!(run.state === 'running' && progress) && (
        <p className="muted num run-item-counts">{runCounts(run)}</p>
      )}
      {/* Why it stopped; a quota's reset is the countdown above, not the note's words of then. */}
      {open && run.note && !(run.state === 'waiting_quota' && run.resumeAt) && (
        <p className="muted hint">{run.note}</p>
      )}
      {cancel.isError && (
        <p role="alert" className="error-text">
          Could not cancel: {errorMessage(cancel.error)}
        </p>
      )}
    </li>
  );
}

/**
 * The runs that are not finished: running (with their progress), waiting for quota (with a countdown to
 * when they go on by themselves) or interrupted (resumed by the app); each can be cancelled. A run seen
 * here stays, finished, until dismissed, so its end does not go unnoticed.
 */
export function RunsPanel({ hideRunId }: { hideRunId: string | null }) {
  const id = useId();
  const runs = useRunsQuery().data ?? [];
  const [watched, setWatched] = useState<ReadonlySet<string>>(new Set());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(60_000);

  const open = runs.filter((run) => isOpen(run) && run.id !== hideRunId);
  const unseen = open.filter((run) => !watched.has(run.id));
  if (unseen.length > 0) setWatched(new Set([...watched, ...unseen.map((run) => run.id)]));
  const shown = runs.filter(
    (run) => run.id !== hideRunId && (isOpen(run) || (watched.has(run.id) && !dismissed.has(run.id))),
  );
  if (shown.length === 0) return null;

  return (
    <section className="runs-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="runs-title">
        Runs
      </h2>
      <ul className="run-list">
        {shown.map((run) => (
          <RunItem
            key={run.id}
            run={run}
            now={now}
            onDismiss={() => setDismissed((prev) => new Set([...prev, run.id]))}
          />
        ))}
      </ul>
    </section>
  );
}
