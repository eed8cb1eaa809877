import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';
import { keys } from '../api/keys';
import { errorMessage, isDatabaseError } from '../hooks/errorMessage';
import { useDatabaseReady, useSettingsQuery, useSyncCountsQuery, useSyncStatusQuery } from '../hooks/queries';
import { useCrmActions } from '../hooks/useCrmActions';
import { SyncCounts } from './SyncCounts';
import { SyncHistory } from './SyncHistory';
import { SyncLastRun } from './SyncLastRun';
import { SyncLeads } from './SyncLeads';
import { SyncLog } from './SyncLog';
import { SyncNowControl } from './SyncNowControl';
import { SyncOverview } from './SyncOverview';
import { SyncScheduleForm } from './SyncScheduleForm';
import { SyncTarget } from './SyncTarget';
import { SyncToggle } from './SyncToggle';

/**
 * Background CRM sync: where leads go and what that means, where they stand (counts, approvals, each
 * lead's record), its schedule and state, the last run, recent runs and the log.
 */
export function SyncPanel() {
  const id = useId();
  const api = useApi();
  const client = useQueryClient();
  const ready = useDatabaseReady();
  const sync = useSyncStatusQuery();
  const counts = useSyncCountsQuery();
  const syncMode = useSettingsQuery().data?.sync.mode ?? counts.data?.mode ?? null;
  const actions = useCrmActions();
  const syncNow = useMutation({
    mutationFn: () => api.sync.now(),
    // Lead sync states changed, and the run is in the history now.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.sync });
      void client.invalidateQueries({ queryKey: keys.leads });
    },
  });
  const status = sync.data;
  const waiting = !ready || isDatabaseError(sync.error);

  if (!status) {
    return sync.isError && !waiting ? (
      <div role="alert" className="alert alert-error">
        Could not load the sync status: {errorMessage(sync.error)}
      </div>
    ) : (
      <p className="empty muted">{waiting ? 'Waiting for the database…' : 'Loading sync status…'}</p>
    );
  }

  return (
    <div className="sync-panel">
      {sync.isError && !waiting && (
        <div role="alert" className="alert alert-error">
          Could not refresh the sync status: {errorMessage(sync.error)}
        </div>
      )}
      <section className="card" aria-labelledby={`${id}-crm`}>
        <h2 id={`${id}-crm`} className="card-title">
          Where leads go
        </h2>
        <SyncTarget mode={status.mode} syncMode={syncMode} />
        {counts.data && (
          <SyncCounts
            counts={counts.data}
            busy={actions.busy}
            onApproveAll={() => actions.run({ kind: 'approve-all' })}
          />
        )}
        {counts.isError && (
          <p role="alert" className="error-text">
            Could not count the leads: {errorMessage(counts.error)}
          </p>
        )}
        {/* Always mounted so screen readers announce what is put in it. */}
        <p role="status" className="ok-text crm-action-result">
          {actions.message}
        </p>
        {actions.error && (
          <div role="alert" className="alert alert-error">
            {actions.error}
          </div>
        )}
      </section>
      <div className="sync-top">
        <section className="card" aria-labelledby={`${id}-settings`}>
          <h2 id={`${id}-settings`} className="card-title">
            Settings
          </h2>
          <SyncToggle enabled={status.enabled} />
          <SyncScheduleForm schedule={status.schedule} scheduleText={status.scheduleText} />
        </section>
        <section className="card" aria-labelledby={`${id}-state`}>
          <h2 id={`${id}-state`} className="card-title">
            Status
          </h2>
          <SyncOverview status={status} />
          <SyncNowControl
            running={syncNow.isPending}
            result={syncNow.data ?? null}
            error={syncNow.isError ? errorMessage(syncNow.error) : null}
            onStart={() => {
              // What the last approval said is history once a run sends it.
              actions.reset();
              if (!syncNow.isPending) syncNow.mutate();
            }}
          />
        </section>
      </div>
      <section className="card" aria-labelledby={`${id}-leads`}>
        <h2 id={`${id}-leads`} className="card-title">
          Leads in the CRM
        </h2>
        <SyncLeads
          syncMode={syncMode ?? 'automatic'}
          busy={actions.busy}
          onAction={(action) => actions.run(action)}
        />
      </section>
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
