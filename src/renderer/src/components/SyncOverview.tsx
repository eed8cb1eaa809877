import type { SyncStatusView } from '@shared/contract';
import { formatDateTime, formatRelative } from '../format';
import { useNow } from '../hooks/useNow';

function NextRun({ status }: { status: SyncStatusView }) {
  const now = useNow(15_000);
  if (!status.enabled) return <span className="muted">Off</span>;
  if (!status.nextRunAt) return <span className="muted">Not scheduled</span>;
  return (
    <time dateTime={status.nextRunAt}>
      {formatRelative(status.nextRunAt, now)}{' '}
      <span className="muted">({formatDateTime(status.nextRunAt)})</span>
    </time>
  );
}

/** The next scheduled run and whether a run is in flight. */
export function SyncOverview({ status }: { status: SyncStatusView }) {
  return (
    <dl className="facts">
      <div>
        <dt>Next run</dt>
        <dd>
          <NextRun status={status} />
        </dd>
      </div>
      <div>
        <dt>State</dt>
        <dd>
          {status.running ? (
            <span className="sync-running">
              <span className="dot dot-running" aria-hidden="true" />
              Running
            </span>
          ) : (
            'Idle'
          )}
        </dd>
      </div>
    </dl>
  );
}
