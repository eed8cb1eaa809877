import { useId } from 'react';
import type { LeadEnricherApi } from '@shared/api';
import { useSyncNow } from '../hooks/useSyncNow';
import { useSyncStatus } from '../hooks/useSyncStatus';
import { SyncHistory } from './SyncHistory';
import { SyncLastRun } from './SyncLastRun';
import { SyncLog } from './SyncLog';
import { SyncNowControl } from './SyncNowControl';
import { SyncOverview } from './SyncOverview';
import { SyncScheduleForm } from './SyncScheduleForm';
import { SyncToggle } from './SyncToggle';

interface Props {
  api: LeadEnricherApi;
  /** A sync run finished: lead sync states changed, so the leads are fetched again. */
  onRunFinished: () => void;
}

/** Background CRM sync: its settings, state, last run, recent runs and log. */
export function SyncPanel({ api, onRunFinished }: Props) {
  const id = useId();
  const sync = useSyncStatus(api, onRunFinished);
  const syncNow = useSyncNow(api, sync);
  const { status, error } = sync;

  if (!status) {
    return error ? (
      <div role="alert" className="alert alert-error">
        Could not load the sync status: {error}
      </div>
    ) : (
      <p className="empty muted">Loading sync status…</p>
    );
  }

  return (
    <div className="sync-panel">
      {error && (
        <div role="alert" className="alert alert-error">
          Could not refresh the sync status: {error}
        </div>
      )}
      <div className="sync-top">
        <section className="card" aria-labelledby={`${id}-settings`}>
          <h2 id={`${id}-settings`} className="card-title">
            Settings
          </h2>
          <SyncToggle api={api} enabled={status.enabled} onChange={sync.accept} />
          <SyncScheduleForm
            api={api}
            schedule={status.schedule}
            scheduleText={status.scheduleText}
            onChange={sync.accept}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-state`}>
          <h2 id={`${id}-state`} className="card-title">
            Status
          </h2>
          <SyncOverview status={status} />
          <SyncNowControl state={syncNow.state} onStart={() => void syncNow.start()} />
        </section>
      </div>
      <section className="card" aria-labelledby={`${id}-last`}>
        <h2 id={`${id}-last`} className="card-title">
          Last run of this app
        </h2>
        <SyncLastRun run={status.lastRun} />
      </section>
      <section className="card" aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`} className="card-title">
          Recent runs
        </h2>
        <SyncHistory runs={status.history} instanceId={status.instanceId} />
      </section>
      <section className="card" aria-labelledby={`${id}-log`}>
        <h2 id={`${id}-log`} className="card-title">
          Sync log
        </h2>
        <SyncLog lines={status.log} />
      </section>
    </div>
  );
}
